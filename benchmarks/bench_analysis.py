"""Analysis speed and memory on a generated 1,000,000-row tracking table.

Run from the repository root::

    python benchmarks/bench_analysis.py [--rows 1000000]

Prints seconds per function, all of them together, and the report, with the
process's peak memory (max RSS) after each. Compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

AS_OF = "2026-11-26"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()

    import followup
    from followup.analyze import write_report
    from followup.analyze.datasets import make_career_center

    def timed(label: str, work: Callable[[], Any]) -> float:
        start = time.perf_counter()
        work()
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{label:<36}{seconds:>8.2f} s{peak:>10,.0f} MB peak")
        return seconds

    data = make_career_center(args.rows, seed=1, as_of=AS_OF)
    print(f"{args.rows:,} interviews")
    steps: dict[str, Callable[[], Any]] = {
        "followup_delays": lambda: followup.followup_delays(data),
        "timeliness by program": lambda: followup.timeliness(data, by="program"),
        "response_times by on_time": lambda: followup.response_times(
            followup.followup_delays(data), by="on_time", as_of=AS_OF
        ),
        "outcome_rates by on_time": lambda: followup.outcome_rates(
            followup.followup_delays(data), by="on_time"
        ),
        "advance_effect within program": lambda: followup.advance_effect(data),
        "cohort_summary program x cohort": lambda: followup.cohort_summary(data),
    }
    total = sum(timed(label, work) for label, work in steps.items())
    print(f"{'all of the above':<36}{total:>8.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        timed(
            "report (HTML, plots embedded)",
            lambda: write_report(data, Path(folder) / "r.html", as_of=AS_OF),
        )


if __name__ == "__main__":
    main()
