"""Commands that read a sheet: ``validate`` and ``due``."""

from __future__ import annotations

import argparse
import re
from typing import Any

from followup.cli._common import (
    add_clock_options,
    add_reading_options,
    hand_memory_back,
    now,
    print_notes,
    print_rejects,
    read,
)
from followup.schema import describe_columns


def register(commands: Any) -> None:
    validate = commands.add_parser(
        "validate",
        help="check a sheet and write its rejects",
        description="Read SHEET, print what it holds, and write every problem to a CSV.",
        epilog="Columns followup reads (any case, spacing and punctuation):\n" + describe_columns(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_reading_options(validate)
    validate.add_argument(
        "--rejects",
        default="rejects.csv",
        metavar="PATH",
        help="where to write the rejects (default: %(default)s)",
    )
    validate.set_defaults(run=_validate)

    due = commands.add_parser(
        "due",
        help="what to send next, soonest first",
        description="List the follow-ups not yet sent, soonest deadline first.",
    )
    add_reading_options(due)
    due.add_argument(
        "--within",
        type=_hours,
        metavar="HOURS",
        help="only deadlines within this time, e.g. 12h or 2d (overdue ones always show)",
    )
    add_clock_options(due)
    due.set_defaults(run=_due)


def _hours(text: str) -> float:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(h|d|m)?\s*", text.lower())
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time span; write e.g. 12h or 2d")
    value, unit = float(match[1]), match[2] or "h"
    return value * {"h": 1.0, "d": 24.0, "m": 1 / 60}[unit]


def _validate(args: argparse.Namespace) -> int:
    from followup.draft import validate_sheet

    hand_memory_back()

    # Read as `draft` reads, in chunks, so memory stays flat and both see the same rows.
    run = validate_sheet(
        args.sheet,
        args.rejects,
        sheet=args.sheet_name,
        tz=args.tz,
        dayfirst=args.dayfirst,
        sender=args.sender,
    )
    print(run.summary())
    print_notes(run.notes)
    print_rejects(run.source, run.rejects.shown, args.rejects, total=run.rejects.total)
    rewrite = (run.notes["shape"] == "unusable").any() if len(run.notes) else False
    return 1 if run.rows_rejected or rewrite or run.rejects.errors else 0


def _due(args: argparse.Namespace) -> int:
    import pandas as pd

    from followup._clock import local_iso
    from followup.draft import add_deadlines, due

    result = read(args)
    table = due(
        add_deadlines(result.recipients, hours=args.hours, now=now(args)), within=args.within
    )
    if table.empty:
        print("Nothing to send.")
        return 0
    shown = pd.DataFrame(
        {
            "due": local_iso(table["due_at"], table["timezone"]).str[:16].str.replace("T", " "),
            "status": table["status"].astype("str"),
            "hours left": table["hours_left"].round(1),
            "interviewer": table["interviewer_name"],
            "company": table["company"],
            "role": table["role"],
        }
    )
    print(shown.to_string(index=False))
    return 0
