#!/usr/bin/env python3
"""numpy's side of the input-output benchmark (benches/io.rs).

Reads an n x n float64 matrix M (little-endian, row-major) from argv[1],
times numpy.linalg.solve(I - M, 1) and numpy.linalg.inv(I - M), writes the
solution and the inverse next to the input (.u and .inv), and prints
`solve_seconds inverse_seconds` on one line. Each timing is the best of
`repeats` runs (argv[3]).
"""
import sys
import time

import numpy as np

path, n, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
m = np.fromfile(path, dtype="<f8").reshape(n, n)
a = np.eye(n) - m
ones = np.ones(n)


def best(f):
    times, result = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - t)
    return min(times), result


solve_time, u = best(lambda: np.linalg.solve(a, ones))
inv_time, inv = best(lambda: np.linalg.inv(a))
u.astype("<f8").tofile(path + ".u")
inv.astype("<f8").tofile(path + ".inv")
print(f"{solve_time} {inv_time}")
