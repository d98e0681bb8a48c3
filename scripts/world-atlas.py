#!/usr/bin/env python3
"""Converts the country shapes of the npm package world-atlas (Natural Earth
1:110m, public domain; package ISC) into the SVG paths chainfair's world maps
draw: data/world/countries-110m.json.

    python3 scripts/world-atlas.py            # fetches world-atlas with npm
    python3 scripts/world-atlas.py FILE.json  # or converts a countries-110m.json

Shapes are decoded from TopoJSON, rings crossing the antimeridian made
continuous (the map clips at its edge), projected with the Equal Earth projection
(Šavrič, Patterson and Jenny 2018) onto a 1000-unit-wide plane and rounded
to 0.1 unit. Antarctica is left out (no supply chain figure is about it).
Countries are keyed by their ISO 3166 numeric code, as world-atlas keys them.
Rerun after a new world-atlas release and commit the output.
"""
import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile

VERSION = "2.0.2"
WIDTH = 1000.0
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
X_MAX = 2 * math.sqrt(3) * math.pi / (3 * A1)
THETA_MAX = math.asin(M)
Y_MAX = THETA_MAX * (A1 + A2 * THETA_MAX**2 + THETA_MAX**6 * (A3 + A4 * THETA_MAX**2))
SCALE = (WIDTH / 2) / X_MAX
HEIGHT = round(2 * Y_MAX * SCALE, 1)


def equal_earth(lon, lat):
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2, t6 = theta**2, theta**6
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return WIDTH / 2 + x * SCALE, HEIGHT / 2 - y * SCALE


def fetch():
    work = tempfile.mkdtemp()
    subprocess.run(["npm", "pack", f"world-atlas@{VERSION}", "--silent"], cwd=work, check=True)
    with tarfile.open(os.path.join(work, f"world-atlas-{VERSION}.tgz")) as tar:
        return json.load(tar.extractfile("package/countries-110m.json"))


def decode_arcs(topology):
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs, indices):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(points):
    """Makes a ring that crosses the antimeridian (Fiji, Chukotka) continuous,
    shifting it by 360 degrees so that most of it lies within -180..180;
    the map clips what then falls beyond the edge."""
    out = []
    shift = 0.0
    for lon, lat in points:
        if out:
            previous = out[-1][0]
            while lon + shift - previous > 180:
                shift -= 360
            while lon + shift - previous < -180:
                shift += 360
        out.append((lon + shift, lat))
    mean = sum(lon for lon, _ in out) / len(out)
    if mean > 180:
        out = [(lon - 360, lat) for lon, lat in out]
    elif mean < -180:
        out = [(lon + 360, lat) for lon, lat in out]
    return out


def path(arcs, geometry):
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    parts = []
    for polygon in polygons:
        for indices in polygon:
            projected = [equal_earth(lon, lat) for lon, lat in unwrap(ring(arcs, indices))]
            rounded = []
            for x, y in projected:
                point = f"{x:.1f},{y:.1f}"
                if not rounded or rounded[-1] != point:
                    rounded.append(point)
            if len(rounded) >= 3:
                parts.append("M" + "L".join(rounded) + "Z")
    return "".join(parts)


def main():
    topology = json.load(open(sys.argv[1])) if len(sys.argv) > 1 else fetch()
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = geometry.get("id")
        if code == "010" or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        countries.append({
            "id": code,
            "name": geometry["properties"]["name"],
            "d": path(arcs, geometry),
        })
    countries.sort(key=lambda c: (c["id"] or "", c["name"]))
    out = {
        "source": f"Natural Earth 1:110m via world-atlas {VERSION} (npm); Equal Earth projection",
        "width": WIDTH,
        "height": HEIGHT,
        "countries": countries,
    }
    target = os.path.join(os.path.dirname(__file__), "..", "data", "world", "countries-110m.json")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w") as f:
        json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"{len(countries)} countries, {os.path.getsize(target)} bytes -> {os.path.normpath(target)}")


if __name__ == "__main__":
    main()
