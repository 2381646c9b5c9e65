"""The same scenario gives the same grid on any x86-64 machine: the elevation and the step costs do not depend on
the CPU's BLAS kernel or numpy's SIMD level (a last-bit difference in one height changes seeded games, and a
record made on one machine would not replay on another)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import SHUSHA_PATH

PROBE = """
import hashlib, sys
from game.core.pathing import base_step_seconds
from game.scenario.load import load_scenario
setup = load_scenario(sys.argv[1])
g = setup.grid
h = hashlib.sha256(g.elevation.tobytes())
mc = g.table.move_classes["foot"]
h.update(base_step_seconds(g, mc, road_only=False).tobytes())
print(h.hexdigest())
"""


def grid_hash(**env: str) -> str:
    out = subprocess.run([sys.executable, "-c", PROBE, str(SHUSHA_PATH)], capture_output=True, text=True,
                         env={**os.environ, **env}, check=True, timeout=120)
    return out.stdout.strip()


def test_the_grid_is_the_same_whatever_blas_kernel_and_simd_level_the_cpu_gets() -> None:
    plain = grid_hash()
    assert len(plain) == 64
    assert grid_hash(OPENBLAS_CORETYPE="Prescott") == plain  # the oldest OpenBLAS x86-64 kernel
    assert grid_hash(NPY_DISABLE_CPU_FEATURES="AVX2 FMA3 F16C AVX") == plain  # numpy's SSE-only loops
