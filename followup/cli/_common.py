"""What the command groups share: the sheet-reading, clock and login options, and the printing."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

from followup.errors import FollowupError, OptionError

if TYPE_CHECKING:
    import pandas as pd

    from followup.deliver import OAuth2
    from followup.read import Interviews

SHOWN = 10


def hand_memory_back() -> None:
    """Let Arrow allocate with the C library's malloc, which returns freed blocks to the
    system, instead of its bundled allocator, which keeps them for reuse: a long sheet
    drafted chunk by chunk peaks lower (1,000,000 interviewers: 350 → 283 MB), as fast.
    The commands that stream a sheet call it; the library leaves the choice to its user."""
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())


def add_reading_options(parser: argparse.ArgumentParser, source: str = "SHEET") -> None:
    parser.add_argument("sheet", metavar=source, help=".csv, .tsv or .xlsx file")
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


def add_clock_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--now",
        metavar="TIME",
        help="fixed clock, e.g. 2026-11-26T09:00 (in --tz), for reproducible runs",
    )
    parser.add_argument(
        "--hours",
        type=float,
        default=24,
        help="hours after the interview to send within (default: 24)",
    )
    parser.add_argument(
        "--known-words",
        dest="known_words",
        default="",
        metavar="WORDS",
        help="comma-separated words the spell check should accept",
    )


def now(args: argparse.Namespace) -> pd.Timestamp:
    """``--now`` in ``--tz``, or the clock."""
    import pandas as pd

    from followup._clock import default_zone

    if not args.now:
        return pd.Timestamp.now(tz="UTC")
    try:
        stamp = pd.Timestamp(args.now)
    except ValueError:
        raise OptionError(
            f"--now {args.now!r} is not a time; write e.g. 2026-11-26T09:00."
        ) from None
    return stamp.tz_localize(default_zone(args.tz)) if stamp.tzinfo is None else stamp


def read(args: argparse.Namespace) -> Interviews:
    from followup.read import read_interviews

    return read_interviews(
        args.sheet, sheet=args.sheet_name, tz=args.tz, dayfirst=args.dayfirst, sender=args.sender
    )


def known_words(args: argparse.Namespace) -> list[str]:
    return [w.strip() for w in args.known_words.split(",") if w.strip()]


def print_findings(
    counts: dict[tuple[str, str], int], shown: pd.DataFrame, *, total: int, drafts: int
) -> None:
    if not drafts:  # every row rejected: nothing to follow the rules
        print("No drafts, so nothing to check.")
        return
    if not total:
        print("Every draft follows the rules.")
        return
    print("Findings: " + ", ".join(f"{r} {s} {n}" for (r, s), n in sorted(counts.items())))
    for item in shown.to_dict("records"):
        print(f"  {item['draft_id']} {item['rule']} {item['severity']}: {item['message']}")
    if total > len(shown):
        print(f"  ... and {total - len(shown)} more in findings.csv")


def print_rejects(source: str, rejects: pd.DataFrame, path: object, *, total: int) -> None:
    """The first rejects of ``total`` (the rest are in the file at ``path``)."""
    if not total:
        print("\nNo problems found in the sheet.")
        return
    print(f"\n{total} problem(s) in the sheet, written to {path}:")
    for item in rejects.head(SHOWN).to_dict("records"):
        print(
            f"  {source}:{item['row']}: {item['column']} = {item['value']!r}: "
            f"{item['problem']} ({item['severity']}). Fix: {item['hint']}."
        )
    if total > SHOWN:
        print(f"  ... and {total - SHOWN} more in {path}")


def print_notes(notes: pd.DataFrame) -> None:
    """How the notes will read in the letters (before → after), then those to rewrite."""
    if notes.empty:
        return
    changed = notes[(notes["after"] != notes["before"]) & (notes["shape"] != "unusable")]
    unusable = notes[notes["shape"] == "unusable"]
    print(f"\n{len(notes)} distinct note(s); as they will read in the letters:")
    for item in changed.head(SHOWN).to_dict("records"):
        column = item["column"].replace("_", " ")
        check = "  (shortened: check it)" if item["code"] == "note_shortened" else ""
        print(f"  {column}: {item['before']!r} → {item['after']!r}{check}")
    if len(changed) > SHOWN:
        print(f"  ... and {len(changed) - SHOWN} more")
    if len(notes) > len(changed) + len(unusable):
        print(f"  ({len(notes) - len(changed) - len(unusable)} used as written)")
    if unusable.empty:
        return
    print(f"\n{len(unusable)} note(s) to rewrite (the letter leaves them out until you do):")
    for item in unusable.head(SHOWN).to_dict("records"):
        rows = ", ".join(str(r) for r in item["rows"][:5])
        column = item["column"].replace("_", " ")
        print(f"  row {rows}: {column} {item['before']!r} {item['problem']}; {item['suggestion']}")
    if len(unusable) > SHOWN:
        more = len(unusable) - SHOWN
        print(f"  ... and {more} more (`followup draft` lists each in findings.csv)")


def add_login_options(parser: argparse.ArgumentParser, *, required_user: bool) -> None:
    """``--user``, and how to log in with an OAuth2 token instead of a password."""
    parser.add_argument(
        "--user",
        required=required_user,
        help="login name" + ("" if required_user else " (default: no login)"),
    )
    parser.add_argument(
        "--oauth2",
        action="store_true",
        help="log in with the OAuth2 access token in $FOLLOWUP_OAUTH2_TOKEN (XOAUTH2)",
    )
    parser.add_argument(
        "--oauth2-command",
        dest="oauth2_command",
        metavar='"CMD"',
        help="log in with an OAuth2 access token that CMD prints (run for each connection; "
        'e.g. "oama access you@gmail.com")',
    )


#: How the command line spells the login options, for error hints.
LOGIN_FLAGS = {
    "oauth2_command": '--oauth2-command "CMD" or $FOLLOWUP_OAUTH2_TOKEN',
}


def login(args: argparse.Namespace, variable: str, host: str) -> tuple[str | None, OAuth2 | None]:
    """(password, OAuth2 token source) for ``--user`` at ``host``: a token with
    ``--oauth2``, ``--oauth2-command``, or ``$FOLLOWUP_OAUTH2_TOKEN`` set and the password
    variable not; else the password in ``variable``, or a prompt. Never an argument."""
    from followup.deliver import TOKEN_VARIABLE, OAuth2

    if not args.user:
        return None, None
    by_token = os.environ.get(TOKEN_VARIABLE) and not os.environ.get(variable)
    if args.oauth2_command or args.oauth2 or by_token:
        return None, OAuth2(args.oauth2_command)
    return password(variable, args.user, host), None


def password(variable: str, user: str, host: str) -> str:
    """The password in ``variable``, or asked for in a terminal."""
    secret = os.environ.get(variable)
    if secret:
        return secret
    if not sys.stdin.isatty():
        raise FollowupError(
            f"no password for {user} at {host}: set {variable} (or log in with an OAuth2 "
            "token: --oauth2-command CMD), or run in a terminal to be asked."
        )
    return getpass.getpass(f"Password for {user} at {host}: ")
