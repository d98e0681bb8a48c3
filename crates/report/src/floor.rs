//! The floor plan as SVG: every hall to one scale, its zones tinted by
//! exhibition area with an arrow from upstream to downstream along each
//! aisle, and every booth labelled with its exhibitor (or its id when free).
//!
//! Booths are `<g id="booth-{id}" data-org="{org}">` so a page can find an
//! exhibitor's booth; the full name is in the booth's `<title>` (a tooltip),
//! the label cut to fit the booth.
use crate::Lang;
use crate::svg::FONT;
use crate::text::{escape, fit, width_px};
use chainfair_core::{Booth, Floor, Flow, Zone};
use std::collections::HashMap;
use std::fmt::Write;

const WIDTH: f64 = 1180.0;
const MARGIN: f64 = 20.0;
/// Pixels per metre at most, so a small hall is not drawn huge.
const MAX_SCALE: f64 = 14.0;
const HIGHLIGHT: &str = "#c62828";

/// The exhibition areas of CISCE: slug, tint, English and Chinese name.
const AREAS: [(&str, &str, &str, &str); 7] = [
    ("smart-vehicles", "#dbe9f6", "Smart vehicles", "智能汽车链"),
    (
        "green-agriculture",
        "#e2f0d9",
        "Green agriculture",
        "绿色农业链",
    ),
    ("clean-energy", "#fff2c2", "Clean energy", "清洁能源链"),
    (
        "digital-technology",
        "#e6defa",
        "Digital technology",
        "数字科技链",
    ),
    ("healthy-life", "#fde0e3", "Healthy life", "健康生活链"),
    (
        "advanced-manufacturing",
        "#ece4d6",
        "Advanced manufacturing",
        "先进制造链",
    ),
    (
        "supply-chain-services",
        "#d8f0ec",
        "Supply chain services",
        "供应链服务",
    ),
];
/// Tints for other areas, chosen by a hash of the slug so an area keeps
/// its colour from one plan to the next.
const OTHER_TINTS: [&str; 5] = ["#f3e5d8", "#dff3f8", "#f7e3f1", "#eef3d6", "#e4e8f0"];

/// An area's tint and its name in `lang` (the slug for areas not listed).
fn area_style(slug: &str, lang: Lang) -> (&'static str, String) {
    match AREAS.iter().find(|(s, ..)| *s == slug) {
        Some(&(_, tint, en, zh)) => (tint, lang.pick(en, zh).to_owned()),
        None => {
            // FNV-1a: stable across runs and platforms, unlike the std hasher.
            let hash = slug.bytes().fold(0x811c_9dc5_u32, |h, b| {
                (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
            });
            (
                OTHER_TINTS[hash as usize % OTHER_TINTS.len()],
                slug.to_owned(),
            )
        }
    }
}

/// Square metres without a needless decimal: `9 m²`, `7.5 m²`.
fn square_metres(m2: f64) -> String {
    if (m2 - m2.round()).abs() < 0.05 {
        format!("{m2:.0} m²")
    } else {
        format!("{m2:.1} m²")
    }
}

/// The floor plan of `floor` with `assignments` `(org, booth id)`, names
/// from `names` (the org id when missing), `highlight`'s booth in red.
pub fn floor_svg(
    floor: &Floor,
    assignments: &[(String, String)],
    names: &HashMap<String, String>,
    highlight: Option<&str>,
    lang: Lang,
) -> String {
    let holder: HashMap<&str, &str> = assignments
        .iter()
        .map(|(org, booth)| (booth.as_str(), org.as_str()))
        .collect();
    let widest = floor
        .halls()
        .iter()
        .map(|h| h.width_m())
        .fold(0.0, f64::max);
    let scale = ((WIDTH - 2.0 * MARGIN) / widest.max(1.0)).min(MAX_SCALE);
    let mut body = String::new();

    let title = lang.pick("Floor plan", "展位平面图");
    let placed = floor
        .booths()
        .iter()
        .filter(|b| holder.contains_key(b.id().as_str()))
        .count();
    let subtitle = match lang {
        Lang::En => format!("{} booths, {placed} taken", floor.booths().len()),
        Lang::Zh => format!("{} 个展位，已安排 {placed} 个", floor.booths().len()),
    };
    let _ = write!(
        body,
        r##"<text x="{MARGIN}" y="38" font-size="20" font-weight="700" fill="#1a1a1a">{}</text><text x="{MARGIN}" y="58" font-size="12.5" fill="#555">{}</text>"##,
        escape(title),
        escape(&subtitle)
    );
    let mut y = legend(&mut body, floor, lang, 84.0);

    for hall in floor.halls() {
        y += 22.0;
        let label = format!(
            "{} · {} × {} m",
            lang.pick(hall.name(), hall.name_zh()),
            hall.width_m(),
            hall.depth_m()
        );
        let _ = write!(
            body,
            r##"<text x="{MARGIN}" y="{y}" font-size="14" font-weight="700" fill="#1a1a1a">{}</text>"##,
            escape(&label)
        );
        y += 8.0;
        let _ = write!(
            body,
            r##"<g id="hall-{}" transform="translate({MARGIN},{y})"><rect width="{:.1}" height="{:.1}" fill="#fafafa" stroke="#555" stroke-width="1.5"/>"##,
            escape(hall.id().as_str()),
            hall.width_m() * scale,
            hall.depth_m() * scale
        );
        let zones: Vec<&Zone> = floor
            .zones()
            .iter()
            .filter(|z| z.hall() == hall.id())
            .collect();
        for zone in &zones {
            draw_zone(&mut body, zone, scale, lang);
        }
        for booth in floor.booths().iter().filter(|b| b.hall() == hall.id()) {
            let org = holder.get(booth.id().as_str()).copied();
            let name = org.map(|o| names.get(o).map_or(o, String::as_str));
            let strong = org.is_some() && org == highlight;
            draw_booth(&mut body, booth, org.zip(name), strong, scale, lang);
        }
        // Arrows last, over the booths, so every aisle's direction shows.
        for zone in &zones {
            draw_flow(&mut body, zone, scale, lang);
        }
        body.push_str("</g>");
        y += hall.depth_m() * scale;
    }
    let height = y + MARGIN;

    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0}" width="{WIDTH}" height="{height:.0}" font-family="{FONT}" role="img" aria-labelledby="floor-title"><title id="floor-title">{}</title>"##,
        escape(title)
    );
    out.push_str(r##"<defs><marker id="flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#37474f"/></marker></defs>"##);
    let _ = write!(
        out,
        r##"<rect width="{WIDTH}" height="{height:.0}" fill="#fff"/>"##
    );
    out.push_str(&body);
    out.push_str("</svg>\n");
    // One element per line: readable, and diffs (snapshots) line by line.
    out.replace("><", ">\n<")
}

/// A swatch and name for every area with a zone, the CISCE areas first in
/// their order, then others by slug; returns the `y` below the legend.
fn legend(body: &mut String, floor: &Floor, lang: Lang, top: f64) -> f64 {
    let mut slugs: Vec<&str> = floor.zones().iter().map(|z| z.area().as_str()).collect();
    let rank = |slug: &str| {
        AREAS
            .iter()
            .position(|(s, ..)| *s == slug)
            .unwrap_or(AREAS.len())
    };
    slugs.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    slugs.dedup();
    let (mut x, mut y) = (MARGIN, top);
    for slug in slugs {
        let (tint, name) = area_style(slug, lang);
        let width = 22.0 + width_px(&name, 11.0) + 18.0;
        if x + width > WIDTH - MARGIN && x > MARGIN {
            x = MARGIN;
            y += 18.0;
        }
        let _ = write!(
            body,
            r##"<rect x="{x:.1}" y="{:.1}" width="16" height="12" fill="{tint}" stroke="#8a94a6" stroke-width="0.5"/><text x="{:.1}" y="{y:.1}" font-size="11" fill="#333">{}</text>"##,
            y - 10.0,
            x + 21.0,
            escape(&name)
        );
        x += width;
    }
    y + 6.0
}

fn draw_zone(body: &mut String, zone: &Zone, scale: f64, lang: Lang) {
    let r = zone.rect();
    let (tint, _) = area_style(zone.area().as_str(), lang);
    let _ = write!(
        body,
        r##"<g id="zone-{}" data-area="{}"><title>{}</title><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{tint}" stroke="#8a94a6" stroke-width="0.8" stroke-dasharray="4 3"/></g>"##,
        escape(zone.id().as_str()),
        escape(zone.area().as_str()),
        escape(lang.pick(zone.name(), zone.name_zh())),
        r.x() * scale,
        r.y() * scale,
        r.w() * scale,
        r.h() * scale
    );
}

/// A booth: its exhibitor's name (or its id when free), cut to its width.
fn draw_booth(
    body: &mut String,
    booth: &Booth,
    taken: Option<(&str, &str)>,
    strong: bool,
    scale: f64,
    lang: Lang,
) {
    let r = booth.rect();
    let (x, y, w, h) = (r.x() * scale, r.y() * scale, r.w() * scale, r.h() * scale);
    let id = booth.id().as_str();
    let size = square_metres(booth.area_m2());
    let (fill, ink, label, tooltip) = match taken {
        Some((_, name)) => (
            if strong { HIGHLIGHT } else { "#ffffff" },
            if strong { "#ffffff" } else { "#1a1a1a" },
            name,
            format!("{name} · {id} · {size}"),
        ),
        None => (
            "#f2f2f2",
            "#8a8a8a",
            id,
            format!("{id} · {size} · {}", lang.pick("free", "空闲")),
        ),
    };
    let org = taken.map_or(String::new(), |(org, _)| {
        format!(r#" data-org="{}""#, escape(org))
    });
    let _ = write!(
        body,
        r##"<g id="booth-{}"{org} class="booth"><title>{}</title><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{fill}" stroke="{}" stroke-width="{}"/>"##,
        escape(id),
        escape(&tooltip),
        if strong { "#7f1010" } else { "#6b7785" },
        if strong { 2 } else { 1 }
    );
    let font = (h * 0.4).clamp(5.0, 10.0);
    let text = fit(label, w - 4.0, font);
    if text != "…" {
        let _ = write!(
            body,
            r##"<text x="{:.1}" y="{:.1}" font-size="{font:.1}" text-anchor="middle" fill="{ink}">{}</text>"##,
            x + w / 2.0,
            y + h / 2.0 + font * 0.35,
            escape(&text)
        );
    }
    body.push_str("</g>");
}

/// An arrow along the middle of the zone from its upstream edge to its
/// downstream edge, labelled at its start.
fn draw_flow(body: &mut String, zone: &Zone, scale: f64, lang: Lang) {
    let r = zone.rect();
    let (cx, cy) = r.centre();
    let (dx, dy) = zone.flow().direction();
    // Half the zone's length along the flow, less a margin at each end.
    let half = if dx != 0.0 { r.w() } else { r.h() } * 0.45;
    let (x1, y1) = ((cx - dx * half) * scale, (cy - dy * half) * scale);
    let (x2, y2) = ((cx + dx * half) * scale, (cy + dy * half) * scale);
    let _ = write!(
        body,
        r##"<line class="flow" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="#37474f" stroke-opacity="0.6" stroke-width="2" marker-end="url(#flow-arrow)"/>"##
    );
    // The words read along the arrow: turned for a vertical aisle, in
    // reverse order when it runs right to left.
    let (label, anchor, x, y, turn) = match zone.flow() {
        Flow::LeftToRight => (
            lang.pick("upstream → downstream", "上游 → 下游"),
            "start",
            x1,
            y1 - 5.0,
            0,
        ),
        Flow::RightToLeft => (
            lang.pick("downstream ← upstream", "下游 ← 上游"),
            "end",
            x1,
            y1 - 5.0,
            0,
        ),
        Flow::TopToBottom => (
            lang.pick("upstream → downstream", "上游 → 下游"),
            "start",
            x1 + 5.0,
            y1,
            90,
        ),
        Flow::BottomToTop => (
            lang.pick("upstream → downstream", "上游 → 下游"),
            "start",
            x1 - 5.0,
            y1,
            -90,
        ),
    };
    let _ = write!(
        body,
        r##"<text x="{x:.1}" y="{y:.1}" transform="rotate({turn} {x:.1} {y:.1})" font-size="10" text-anchor="{anchor}" fill="#37474f" stroke="#fff" stroke-width="3" paint-order="stroke">{}</text>"##,
        escape(label)
    );
}

#[cfg(test)]
mod tests;
