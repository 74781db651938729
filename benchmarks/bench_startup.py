"""Start-up time of the command line: ``followup --version`` and ``followup validate``.

Run from the repository root::

    python benchmarks/bench_startup.py [--runs 15] [--before REV]

Each command runs ``--runs`` times as a fresh ``python -m followup`` process;
the median wall time is printed beside two floors measured in the same run:
an empty Python, and ``import pandas``. ``--before REV`` also measures the
code of a git revision (checked out into a temporary worktree, run with the
same interpreter and packages), interleaving the two so that the machine's
noise falls on both alike, and prints the ratio. Compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMMANDS = {
    "python, nothing imported (floor)": ["-c", "pass"],
    "import pandas (floor)": ["-c", "import pandas"],
    "import followup": ["-c", "import followup"],
    "followup --version": ["-m", "followup", "--version"],
    "followup validate data/interviews.csv": ["-m", "followup", "validate", "data/interviews.csv"],
}
VALIDATE_OPTIONS = ["--tz", "UTC", "--rejects"]  # the rejects go to a scratch folder


def seconds(args: list[str], source: Path, scratch: Path) -> float:
    if "validate" in args:
        args = [*args, *VALIDATE_OPTIONS, str(scratch / "rejects.csv")]
    # Run from the source tree: it comes first on sys.path, before any installed copy.
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=source, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--before", metavar="REV", help="also measure this git revision")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        sources = {"now": REPO}
        if args.before:
            old = Path(scratch) / "before"
            subprocess.run(
                ["git", "worktree", "add", "--detach", "-q", str(old), args.before],
                cwd=REPO,
                check=True,
            )
            sources = {"before": old, "now": REPO}
        try:
            times: dict[tuple[str, str], list[float]] = {}
            for _ in range(args.runs):
                for label, command in COMMANDS.items():
                    for version, source in sources.items():
                        if "floor" in label and version == "before":
                            continue
                        taken = seconds(command, source, Path(scratch))
                        times.setdefault((label, version), []).append(taken)
        finally:
            if args.before:
                subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=REPO)
    print(f"median of {args.runs} runs, seconds")
    header = f"{'command':<42}" + "".join(f"{v:>10}" for v in sources)
    print(header + (f"{'ratio':>10}" if args.before else ""))
    for label in COMMANDS:
        row = f"{label:<42}"
        medians = {v: statistics.median(times[(label, v)]) for v in sources if (label, v) in times}
        row += "".join(f"{medians[v]:>10.3f}" if v in medians else f"{'':>10}" for v in sources)
        if args.before and "before" in medians:
            row += f"{medians['before'] / medians['now']:>9.1f}x"
        print(row)


if __name__ == "__main__":
    main()
