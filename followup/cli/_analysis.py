"""Commands that analyze: ``report`` and ``synthetic``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from followup.cli._common import add_reading_options, print_rejects, read
from followup.errors import OptionError

#: How ``report`` spells the library's options in an error message.
_REPORT_FLAGS = {
    "as_of": "--as-of",
    "between": "--since or --until",
    "min_cell": "--min-cell",
    "tables": "--tables",
}


def register(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help="the career-center HTML report",
        description="Write one self-contained HTML report of follow-up habits, replies and "
        "outcomes from a tracking sheet; small groups are suppressed. Times without a zone "
        "(--as-of, --since, --until) are UTC.",
    )
    add_reading_options(report, source="DATA")
    report.add_argument("--out", required=True, metavar="FILE.html")
    report.add_argument(
        "--by",
        default="program,cohort",
        help="grouping columns, comma-separated (default: %(default)s)",
    )
    report.add_argument(
        "--min-cell",
        dest="min_cell",
        type=int,
        default=10,
        help="smallest group shown (default: %(default)s; 5 is the least most states allow)",
    )
    report.add_argument(
        "--as-of",
        dest="as_of",
        metavar="DATE",
        help="the date the data describes, e.g. 2026-11-26 (default: now); "
        "pass it for a reproducible report",
    )
    report.add_argument("--since", metavar="DATE", help="only interviews from this date on")
    report.add_argument("--until", metavar="DATE", help="only interviews up to this date")
    report.add_argument(
        "--tables",
        metavar="FILE.xlsx|FILE.csv",
        help="also write every table of the report: one sheet each, or one CSV each",
    )
    report.set_defaults(run=_report, flags=_REPORT_FLAGS)

    synthetic = commands.add_parser(
        "synthetic",
        help="write a seeded synthetic career-center sheet",
        description="Write a seeded synthetic career-center tracking sheet as CSV.",
    )
    synthetic.add_argument("out", metavar="FILE.csv")
    synthetic.add_argument("--interviews", type=int, default=3_000)
    synthetic.add_argument("--seed", type=int, default=2026)
    synthetic.add_argument("--as-of", dest="as_of", default="2026-11-26")
    synthetic.set_defaults(run=_synthetic)


def _report(args: argparse.Namespace) -> int:
    import pandas as pd

    from followup.analyze import write_report

    result = read(args)
    by = [c.strip() for c in args.by.split(",") if c.strip()]
    missing = [c for c in by if c not in result.recipients.columns]
    if missing:
        raise OptionError(f"--by {args.by!r}: no column {missing[0]!r} in {args.sheet}.")
    as_of = args.as_of or pd.Timestamp.now(tz="UTC")
    between = (args.since, args.until) if args.since or args.until else None
    path = write_report(
        result,
        args.out,
        by=by,
        min_cell=args.min_cell,
        as_of=as_of,
        between=between,
        tables=args.tables,
    )
    print(result.summary())
    print(f"\nReport written to {path}")
    if args.tables:
        tables = Path(args.tables)
        if tables.suffix.lower() == ".csv":
            tables = tables.with_name(f"{tables.stem}-TABLE.csv")
        print(f"Tables written to {tables}")
    print_rejects(
        result.source, result.rejects, "the report (rows left out)", total=len(result.rejects)
    )
    return 1 if result.rows_rejected else 0


def _synthetic(args: argparse.Namespace) -> int:
    from followup._clock import local_iso
    from followup._files import write_csv
    from followup.analyze.datasets import make_career_center

    data = make_career_center(args.interviews, seed=args.seed, as_of=args.as_of)
    moments = data.select_dtypes("datetimetz").columns
    sheet = data.assign(**{c: local_iso(data[c], data["timezone"]) for c in moments})
    path = write_csv(sheet, args.out)
    print(f"Wrote {len(data):,} synthetic interviews to {path}.")
    return 0
