"""Fuzzing the reader: generated sheets never crash it and keep its accounting.

A CI-sized, deterministic run; ``benchmarks/fuzz_read.py --examples 10000`` runs the long one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fuzz_sheets import Sheet, check_sheet, sheets
from hypothesis import HealthCheck, given, settings


@settings(
    max_examples=300,
    derandomize=True,  # the same sheets every run
    deadline=None,  # a loaded 2-core machine must not turn slowness into failures
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
@given(sheets())
def test_generated_sheets_read_whole_and_in_chunks_without_crashing(sheet: Sheet):
    with tempfile.TemporaryDirectory() as folder:
        check_sheet(sheet, Path(folder))
