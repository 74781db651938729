"""Peak memory of ``followup validate`` and ``followup draft`` on a long sheet, half rejected.

Run from the repository root::

    python benchmarks/bench_memory.py [--rows 1000000] [--base /tmp/wt-base]

Each command runs in a fresh process (``python -m followup``), so its peak
resident memory (VmHWM, Linux) is its own. Every other row has a malformed
interviewer address, so half the rows are rejected. ``--base`` also measures a
checkout of another commit (``git worktree add /tmp/wt-base main``) in the same
run, for a before/after table. ``--cell-mb`` adds a sheet with one huge cell, and a
1,000-row sheet is measured too: the floor (imports, and what any run holds), so the
peak of a long sheet reads as floor plus what its length costs.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_read import HEADER, generate

HERE = Path(__file__).resolve().parents[1]
# VmHWM, not getrusage: after a vfork and exec, ru_maxrss also counts the parent's peak.
_CHILD = """
import re, sys, runpy
sys.argv = ["followup", *sys.argv[1:]]
try:
    runpy.run_module("followup", run_name="__main__")
except SystemExit as done:
    code = done.code
peak = re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read())[1]
print("PEAK_KB", peak, "EXIT", code, file=sys.stderr)
"""


def write_sheet(path: Path, rows: int, cell_mb: int = 0) -> None:
    """``rows`` interviewer rows; every other one with an address that is not one."""
    data = generate(rows)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i, row in enumerate(data):
            if i % 2:
                row[9] = "not-an-address"
            if cell_mb and i == 0:
                row[10] = "x" * (cell_mb << 20)
            writer.writerow(row)


def measure(root: Path, args: list[str]) -> tuple[float, float, str]:
    """Peak MB, seconds and exit status of ``python -m followup ARGS`` run from ``root``."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        check=False,
    )
    seconds = time.perf_counter() - start
    last = [line for line in done.stderr.splitlines() if line.startswith("PEAK_KB")]
    if not last:
        return float("nan"), seconds, done.stderr.strip().splitlines()[-1][:60]
    _, peak, _, code = last[-1].split()
    return int(peak) / 1024, seconds, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--base", type=Path, help="a checkout to measure too (before)")
    parser.add_argument("--cell-mb", type=int, default=0, help="also a sheet with one such cell")
    parser.add_argument("--skip-draft", action="store_true")
    args = parser.parse_args()
    roots = [("after", HERE)] + ([("before", args.base.resolve())] if args.base else [])
    with tempfile.TemporaryDirectory() as folder:
        sheets = [
            ("1,000 rows", Path(folder) / "floor.csv", 1000),
            ("half rejected", Path(folder) / "sheet.csv", args.rows),
        ]
        for _, path, rows in sheets:
            write_sheet(path, rows)
        if args.cell_mb:
            sheets.append((f"one {args.cell_mb} MB cell", Path(folder) / "cell.csv", 1000))
            write_sheet(sheets[-1][1], 1000, args.cell_mb)
        print(f"{args.rows:,} rows, every other one rejected; python -m followup, fresh process")
        print(f"{'sheet':<18}{'command':<10}{'version':<8}{'peak MB':>9}{'seconds':>9}  exit")
        common = ["--tz", "America/Chicago", "--sender", "Avery Quinn <avery@example.com>"]
        for label, path, _ in sheets:
            commands = [("validate", ["validate", str(path), "--rejects", f"{folder}/r.csv"])]
            if not args.skip_draft:
                out = f"{folder}/out"
                draft = ["draft", str(path), "--out", out, "--format", "csv"]
                commands.append(("draft", [*draft, "--now", "2026-11-30"]))
            for name, command in commands:
                for which, root in roots:
                    peak, seconds, code = measure(root, [*command, *common])
                    print(f"{label:<18}{name:<10}{which:<8}{peak:>9.0f}{seconds:>9.0f}  {code}")


if __name__ == "__main__":
    main()
