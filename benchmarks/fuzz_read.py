"""The long fuzzing run of the reader: generated sheets, crashes counted by class.

Run from the repository root::

    python benchmarks/fuzz_read.py --examples 10000 [--seed 11]

Prints how many sheets were tried, how many the reader refused on purpose (a
``FollowupError``, by class), and the crashes: any other exception, or a broken
invariant (accounting, addresses, reject rows), grouped by exception type and the
line that raised it, with one sheet of each class saved to ``--keep`` to replay.
The sheets come from ``tests/read/fuzz_sheets.py``, as in the CI-sized test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "read"))

from fuzz_sheets import Sheet, check_sheet, sheets
from hypothesis import HealthCheck, given, seed, settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", type=Path, default=Path("fuzz-crashes"), metavar="DIR")
    parser.add_argument("--minutes", type=float, help="stop checking after this long")
    args = parser.parse_args()
    tried, refused, crashes = Counter[str](), Counter[str](), Counter[str]()
    kept: dict[str, Sheet] = {}
    started = time.perf_counter()

    @seed(args.seed)
    @settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(sheets())
    def run(sheet: Sheet) -> None:
        if args.minutes and time.perf_counter() - started > args.minutes * 60:
            return  # out of time: the sheets left are generated, not checked nor counted
        tried["sheets"] += 1
        with tempfile.TemporaryDirectory() as folder:
            try:
                outcome = check_sheet(sheet, Path(folder))
            except Exception as error:  # a crash: anything check_sheet lets through
                where = traceback.extract_tb(error.__traceback__)[-1]
                kind = f"{type(error).__name__} at {Path(where.filename).name}:{where.lineno}"
                crashes[kind] += 1
                kept.setdefault(kind, sheet)
                return
        for name in {outcome.whole, outcome.chunked} - {None}:
            refused[str(name)] += 1
        if tried["sheets"] % 100 == 0:
            print(f"  {tried['sheets']:,} sheets, {sum(crashes.values())} crashes", flush=True)

    run()
    seconds = time.perf_counter() - started
    print(f"sheets tried: {tried['sheets']:,} in {seconds:.0f} s (seed {args.seed})")
    print(f"refused on purpose (FollowupError): {sum(refused.values()):,}")
    for name, n in refused.most_common():
        print(f"  {name}: {n:,}")
    print(f"crashes: {sum(crashes.values()):,} in {len(crashes)} class(es)")
    for kind, n in crashes.most_common():
        path = args.keep / f"crash-{len(list(args.keep.glob('crash-*'))) + 1}{kept[kind].suffix}"
        args.keep.mkdir(exist_ok=True)
        path.write_bytes(kept[kind].data)
        print(f"  {n:,}  {kind}  (e.g. {path})")


if __name__ == "__main__":
    main()
