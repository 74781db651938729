"""Speed of ``followup validate`` and of ``read_interviews`` on a generated sheet, before and after.

Run from the repository root::

    python benchmarks/bench_validate.py [--rows 20000] [--repeat 5] [--base /tmp/wt-base ...]

Each measurement is a fresh process (imports included, as a user waits for them), run
from the checkout measured; the checkouts take turns, so a machine busy with other
work slows each of them alike. Wall seconds and CPU seconds (user + system of the
process, which other work on a shared machine disturbs less) are printed as the best
and the median of ``--repeat`` runs. ``--base`` may be given more than once: each is
a checkout of another commit (``git worktree add --detach /tmp/wt-base main``).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_read import generate, write_csv

HERE = Path(__file__).resolve().parents[1]
_READ = "import sys, followup; followup.read_interviews(sys.argv[1], tz='America/Chicago')"


def run(root: Path, args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one ``python ARGS`` run from ``root``."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{root}: {done.stderr.strip().splitlines()[-1]}")
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--base", type=Path, action="append", default=[], help="another checkout")
    args = parser.parse_args()
    roots = [HERE, *(b.resolve() for b in args.base)]
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "sheet.csv"
        write_csv(generate(args.rows), sheet)
        commands = {
            "validate": ["-m", "followup", "validate", str(sheet), "--tz", "America/Chicago"],
            "read_interviews": ["-c", _READ, str(sheet)],
        }
        times: dict[tuple[str, Path], list[tuple[float, float]]] = {}
        for _ in range(args.repeat):
            for name, command in commands.items():
                if name == "validate":
                    command = [*command, "--rejects", f"{folder}/rejects.csv"]
                for root in roots:
                    times.setdefault((name, root), []).append(run(root, command))
        print(f"{args.rows:,} interviewer rows, best and median of {args.repeat}, fresh processes")
        heads = f"{'wall best':>10}{'median':>8}{'cpu best':>10}{'median':>8}"
        print(f"{'command':<17}{'checkout':<32}{heads}")
        for (name, root), runs in times.items():
            wall, cpu = [w for w, _ in runs], [c for _, c in runs]
            print(
                f"{name:<17}{str(root)[-31:]:<32}{min(wall):>10.2f}{statistics.median(wall):>8.2f}"
                f"{min(cpu):>10.2f}{statistics.median(cpu):>8.2f}"
            )


if __name__ == "__main__":
    main()
