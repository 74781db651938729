"""The ``followup`` command line: a thin layer over the library.

Exit status: 0 all good; 1 some rows were rejected (everything valid was
still processed); 2 the run could not start (one line on stderr).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from followup import __version__
from followup.errors import FollowupError
from followup.io import read_interviews
from followup.writers import write_csv
from followup.validate import Interviews

_SHOWN_REJECTS = 10


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except FollowupError as exc:
        print(f"followup: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"followup: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="followup",
        description="Personal thank-you drafts for every interviewer, from a spreadsheet.",
    )
    parser.add_argument("--version", action="version", version=f"followup {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check a sheet and write its rejects",
        description="Read SHEET, print what it holds, and write every problem to a CSV.",
    )
    _add_reading_options(validate)
    validate.add_argument(
        "--rejects",
        default="rejects.csv",
        metavar="PATH",
        help="where to write the rejects (default: %(default)s)",
    )
    validate.set_defaults(run=_validate)
    return parser


def _add_reading_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sheet", metavar="SHEET", help=".csv, .tsv or .xlsx file")
    parser.add_argument(
        "--sheet-name",
        dest="sheet_name",
        metavar="NAME",
        help="workbook sheet to read (default: the first)",
    )
    parser.add_argument(
        "--tz", metavar="ZONE", help="IANA time zone for rows without one (default: this machine's)"
    )
    order = parser.add_mutually_exclusive_group()
    order.add_argument(
        "--dayfirst", action="store_true", default=None, help="read numeric dates as day/month/year"
    )
    order.add_argument(
        "--monthfirst",
        dest="dayfirst",
        action="store_false",
        help="read numeric dates as month/day/year",
    )
    parser.add_argument(
        "--sender",
        metavar='"NAME <EMAIL>"',
        help="the candidate, for a personal sheet without candidate columns",
    )


def _read(args: argparse.Namespace) -> Interviews:
    return read_interviews(
        args.sheet, sheet=args.sheet_name, tz=args.tz, dayfirst=args.dayfirst, sender=args.sender
    )


def _validate(args: argparse.Namespace) -> int:
    result = _read(args)
    print(result.summary())
    path = write_csv(result.rejects, args.rejects)
    _print_rejects(result, path)
    return 1 if result.rows_rejected or (result.rejects["severity"] == "error").any() else 0


def _print_rejects(result: Interviews, path: object) -> None:
    rejects = result.rejects
    if rejects.empty:
        print("No problems found.")
        return
    print(f"\n{len(rejects)} problem(s), written to {path}:")
    for item in rejects.head(_SHOWN_REJECTS).itertuples(index=False):
        print(
            f"  {result.source}:{item.row}: {item.column} = {item.value!r}: "
            f"{item.problem} ({item.severity}). Fix: {item.hint}."
        )
    if len(rejects) > _SHOWN_REJECTS:
        print(f"  ... and {len(rejects) - _SHOWN_REJECTS} more in {path}")
