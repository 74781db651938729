"""The ``followup`` command line: a thin layer over the library.

Exit status: 0 all good; 1 some rows were rejected or drafts break a rule
(everything valid was still written); 2 the run could not start (one line on
stderr, no traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import re
import shutil
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from followup import __version__
from followup.drafts import render_drafts
from followup.errors import FollowupError
from followup.io import read_interviews
from followup.rules import check_drafts, finding_counts
from followup.schedule import add_deadlines, due, local_iso
from followup.schema import describe_columns
from followup.stream import draft_sheet
from followup.validate import Interviews, default_zone
from followup.writers import FORMATS, write_csv

if TYPE_CHECKING:
    from followup.delivery import Security, Server, Transport

_SHOWN = 10
_OUTPUT_NAMES = {"mbox": "drafts.mbox", "csv": "drafts.csv", "xlsx": "drafts.xlsx"}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
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
        epilog="Columns followup reads (any case, spacing and punctuation):\n" + describe_columns(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_reading_options(validate)
    validate.add_argument(
        "--rejects",
        default="rejects.csv",
        metavar="PATH",
        help="where to write the rejects (default: %(default)s)",
    )
    validate.set_defaults(run=_validate)

    draft = commands.add_parser(
        "draft",
        help="one thank-you draft per interviewer",
        description="Render, check and write a draft per interviewer, plus rejects.csv, "
        "findings.csv and recipients.csv, into DIR.",
    )
    _add_reading_options(draft)
    draft.add_argument("--out", required=True, metavar="DIR", help="folder for the drafts")
    draft.add_argument(
        "--format",
        choices=FORMATS,
        default="eml",
        help="eml files (default), one mbox, or a csv/xlsx review sheet",
    )
    draft.add_argument(
        "--template",
        default="thank-you",
        metavar="NAME|PATH",
        help="built-in thank-you (default), gracious or short, or a .j2 file",
    )
    _add_clock_options(draft)
    draft.set_defaults(run=_draft)

    due_parser = commands.add_parser(
        "due",
        help="what to send next, soonest first",
        description="List the follow-ups not yet sent, soonest deadline first.",
    )
    _add_reading_options(due_parser)
    due_parser.add_argument(
        "--within",
        type=_hours,
        metavar="HOURS",
        help="only deadlines within this time, e.g. 12h or 2d (overdue ones always show)",
    )
    _add_clock_options(due_parser)
    due_parser.set_defaults(run=_due)

    check = commands.add_parser(
        "check",
        help="the rules report for drafts",
        description="Check drafts against the follow-up rules R1-R8: those of SHEET, or the "
        "(possibly edited) .eml files in a folder written by `followup draft`.",
    )
    _add_reading_options(check, source="SHEET|DIR")
    check.add_argument("--template", default="thank-you", metavar="NAME|PATH")
    _add_clock_options(check)
    check.set_defaults(run=_check)

    report = commands.add_parser(
        "report",
        help="the career-center HTML report",
        description="Write one self-contained HTML report of follow-up habits, replies and "
        "outcomes from a tracking sheet; small groups are suppressed.",
    )
    _add_reading_options(report, source="DATA")
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
        default=5,
        help="smallest group shown (default: %(default)s)",
    )
    report.add_argument(
        "--as-of",
        dest="as_of",
        metavar="DATE",
        help="the date the data describes (default: now); pass it for a reproducible report",
    )
    report.set_defaults(run=_report)

    synthetic = commands.add_parser(
        "synthetic",
        help="write a seeded synthetic career-center sheet",
        description="Write a synthetic career-center tracking sheet (followup.datasets) as CSV.",
    )
    synthetic.add_argument("out", metavar="FILE.csv")
    synthetic.add_argument("--interviews", type=int, default=3_000)
    synthetic.add_argument("--seed", type=int, default=2026)
    synthetic.add_argument("--as-of", dest="as_of", default="2026-11-26")
    synthetic.set_defaults(run=_synthetic)

    send = commands.add_parser(
        "send",
        help="send drafts over SMTP, exactly once (a dry run unless --send)",
        description="Send each draft in DIR (its .eml files, or drafts.mbox) or MBOX to its "
        "one recipient, from its own From address. Without --send, only print what would go. "
        "Every attempt is kept in delivery.sqlite beside the drafts: a rerun skips what was "
        "delivered and retries what failed. Password: $FOLLOWUP_SMTP_PASSWORD, or a prompt.",
    )
    send.add_argument("source", metavar="DIR|MBOX")
    send.add_argument("--smtp", required=True, metavar="HOST[:PORT]", help="the SMTP server")
    _add_server_options(send, required_user=False)
    send.add_argument(
        "--rate",
        default="20/min",
        help="at most this many messages per time, e.g. 20/min, 1/s, or none (default: "
        "%(default)s)",
    )
    send.add_argument("--send", action="store_true", help="really send (default: a dry run)")
    send.add_argument(
        "--resend-uncertain",
        dest="resend_uncertain",
        action="store_true",
        help="send again the drafts an interrupted run may or may not have sent",
    )
    send.set_defaults(run=_send)

    upload = commands.add_parser(
        "upload",
        help="place drafts in your mailbox's Drafts folder over IMAP, exactly once",
        description="Append each draft in DIR (its .eml files, or drafts.mbox) or MBOX to a "
        "folder of your mailbox, flagged as a draft, to review and send from your mail client. "
        "Attempts are kept in delivery.sqlite beside the drafts; a rerun looks drafts up in the "
        "folder and never uploads one twice. Password: $FOLLOWUP_IMAP_PASSWORD, or a prompt.",
    )
    upload.add_argument("source", metavar="DIR|MBOX")
    upload.add_argument("--imap", required=True, metavar="HOST[:PORT]", help="the IMAP server")
    upload.add_argument(
        "--folder",
        metavar="NAME",
        help="the folder (default: the one the server marks as Drafts, else 'Drafts')",
    )
    _add_server_options(upload, required_user=True)
    upload.set_defaults(run=_upload)

    status = commands.add_parser(
        "status",
        help="what was sent or uploaded, from the delivery ledger",
        description="Print the delivery ledger of DIR (or of the folder holding MBOX): the "
        "latest attempt of each draft at each destination.",
    )
    status.add_argument("source", metavar="DIR|MBOX")
    status.add_argument(
        "--update-sheet",
        dest="update_sheet",
        action="store_true",
        help="add a delivery column to DIR/recipients.csv and fill sent_at for sent drafts",
    )
    status.set_defaults(run=_status)

    sample = commands.add_parser(
        "sample",
        help="write a sample sheet and template to start from",
        description="Write interviews.csv and my-template.j2 into DIR; never overwrites.",
    )
    sample.add_argument("dir", metavar="DIR")
    sample.set_defaults(run=_sample)
    return parser


def _add_reading_options(parser: argparse.ArgumentParser, source: str = "SHEET") -> None:
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


def _add_clock_options(parser: argparse.ArgumentParser) -> None:
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


def _add_server_options(parser: argparse.ArgumentParser, *, required_user: bool) -> None:
    parser.add_argument(
        "--user",
        required=required_user,
        help="login name" + ("" if required_user else " (default: no login)"),
    )
    security = parser.add_mutually_exclusive_group()
    security.add_argument(
        "--starttls",
        dest="security",
        action="store_const",
        const="starttls",
        help="plain connection upgraded with STARTTLS (SMTP default; ports 587, 143)",
    )
    security.add_argument(
        "--ssl",
        dest="security",
        action="store_const",
        const="ssl",
        help="TLS from the start (IMAP default; ports 465, 993)",
    )
    parser.add_argument("--cafile", metavar="FILE", help="trust this CA (a private server)")
    parser.add_argument(
        "--insecure-skip-verify",
        dest="insecure",
        action="store_true",
        help="DANGER: do not check the server's certificate; for a local test server only",
    )
    parser.add_argument(
        "--limit", type=int, metavar="N", help="deliver at most N drafts in this run"
    )


def _hours(text: str) -> float:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(h|d|m)?\s*", text.lower())
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time span; write e.g. 12h or 2d")
    value, unit = float(match[1]), match[2] or "h"
    return value * {"h": 1.0, "d": 24.0, "m": 1 / 60}[unit]


def _now(args: argparse.Namespace) -> pd.Timestamp:
    if not args.now:
        return pd.Timestamp.now(tz="UTC")
    try:
        stamp = pd.Timestamp(args.now)
    except ValueError:
        raise FollowupError(
            f"--now {args.now!r} is not a time; write e.g. 2026-11-26T09:00."
        ) from None
    return stamp.tz_localize(default_zone(args.tz)) if stamp.tzinfo is None else stamp


def _read(args: argparse.Namespace) -> Interviews:
    return read_interviews(
        args.sheet, sheet=args.sheet_name, tz=args.tz, dayfirst=args.dayfirst, sender=args.sender
    )


def _known(args: argparse.Namespace) -> list[str]:
    return [w.strip() for w in args.known_words.split(",") if w.strip()]


# --- commands ---------------------------------------------------------------------------------


def _validate(args: argparse.Namespace) -> int:
    result = _read(args)
    print(result.summary())
    path = write_csv(result.rejects, args.rejects)
    _print_rejects(result.source, result.rejects, path)
    return 1 if result.rows_rejected or (result.rejects["severity"] == "error").any() else 0


def _draft(args: argparse.Namespace) -> int:
    out = Path(args.out)
    run = draft_sheet(
        args.sheet,
        out,
        format=args.format,
        template=args.template,
        sender=args.sender,
        sheet=args.sheet_name,
        tz=args.tz,
        dayfirst=args.dayfirst,
        hours=args.hours,
        now=_now(args),
        known_words=_known(args),
        progress=_progress if sys.stderr.isatty() else None,
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(run.summary())
    where = f"{out}/" if args.format == "eml" else out / f"drafts.{args.format}"
    status = run.statuses
    print(f"\n{run.drafts} draft(s) written to {where} ({args.format})")
    print(
        f"  due within 12 h: {run.due_soon}    due later: {status.get('due', 0) - run.due_soon}"
        f"    upcoming: {status.get('upcoming', 0)}    overdue: {status.get('overdue', 0)}"
    )
    _print_findings(run.finding_counts, run.shown_findings, total=sum(run.finding_counts.values()))
    _print_rejects(run.source, run.rejects_table, out / "rejects.csv")
    return 1 if run.rows_rejected or run.errors else 0


def _progress(rows: int) -> None:
    print(f"\rdrafting: {rows:,} rows done", end="", file=sys.stderr, flush=True)


def _due(args: argparse.Namespace) -> int:
    result = _read(args)
    table = due(
        add_deadlines(result.recipients, hours=args.hours, now=_now(args)), within=args.within
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


def _check(args: argparse.Namespace) -> int:
    source = Path(args.sheet)
    now = _now(args)
    if source.is_dir():
        drafts = _drafts_from_folder(source, args)
    else:
        result = _read(args)
        drafts = render_drafts(
            add_deadlines(result.recipients, hours=args.hours, now=now),
            template=args.template,
            sender=args.sender,
        )
    findings = check_drafts(drafts, now=now, known_words=_known(args))
    print(f"{len(drafts)} draft(s) checked.")
    _print_findings(finding_counts(findings), findings, total=len(findings))
    return 1 if (findings["severity"] == "error").any() else 0


def _drafts_from_folder(folder: Path, args: argparse.Namespace) -> pd.DataFrame:
    """Drafts as `followup draft` wrote them, with the bodies as they are now on disk."""
    from email import message_from_bytes, policy

    sheet = folder / "recipients.csv"
    if not sheet.is_file():
        raise FollowupError(f"{folder} has no recipients.csv; run `followup draft` into it first.")
    recipients = read_interviews(sheet, tz=args.tz, dayfirst=args.dayfirst).recipients
    drafts = recipients.assign(
        variant=recipients["variant"].astype(int),
        due_at=recipients["interview_end"] + pd.Timedelta(hours=args.hours),
    )
    files = [folder / name for name in drafts["draft_file"].tolist()]
    if not all(f.suffix == ".eml" for f in files):
        raise FollowupError(f"{folder} holds no .eml drafts; `check DIR` reads .eml folders.")
    subjects, bodies = [], []
    for name in files:
        message = message_from_bytes(name.read_bytes(), policy=policy.default)
        subjects.append(str(message["Subject"]))
        bodies.append(message.get_content())
    return drafts.assign(subject=subjects, body=bodies)


def _report(args: argparse.Namespace) -> int:
    from followup.report import write_report

    result = _read(args)
    by = [c.strip() for c in args.by.split(",") if c.strip()]
    missing = [c for c in by if c not in result.recipients.columns]
    if missing:
        raise FollowupError(f"--by {args.by!r}: no column {missing[0]!r} in {args.sheet}.")
    as_of = args.as_of or pd.Timestamp.now(tz="UTC").strftime("%Y-%m-%d %H:%M")
    path = write_report(result.recipients, args.out, by=by, min_cell=args.min_cell, as_of=as_of)
    print(result.summary())
    print(f"\nReport written to {path}")
    _print_rejects(result.source, result.rejects, "the report (rows left out)")
    return 1 if result.rows_rejected else 0


def _synthetic(args: argparse.Namespace) -> int:
    from followup.datasets import make_career_center

    data = make_career_center(args.interviews, seed=args.seed, as_of=args.as_of)
    moments = data.select_dtypes("datetimetz").columns
    sheet = data.assign(**{c: local_iso(data[c], data["timezone"]) for c in moments})
    path = write_csv(sheet, args.out)
    print(f"Wrote {len(data):,} synthetic interviews to {path}.")
    return 0


def _send(args: argparse.Namespace) -> int:
    from followup.delivery import SmtpSender, parse_rate

    interval = parse_rate(args.rate)
    sender = SmtpSender(_server(args, "smtp", args.security or "starttls", args.send))
    return _deliver(args, sender, dry_run=not args.send, interval=interval)


def _upload(args: argparse.Namespace) -> int:
    from followup.delivery import ImapUploader

    uploader = ImapUploader(_server(args, "imap", args.security or "ssl", True), args.folder)
    return _deliver(args, uploader, dry_run=False, interval=0.0)


def _server(
    args: argparse.Namespace, protocol: Literal["smtp", "imap"], security: Security, login: bool
) -> Server:
    from followup.delivery import Server, parse_host, tls_context

    host, port = parse_host(getattr(args, protocol), protocol=protocol, security=security)
    if args.insecure:
        print(
            f"followup: WARNING: not verifying the TLS certificate of {host}; anyone on the "
            "network path can read your password and drafts. Use only with a local test server.",
            file=sys.stderr,
        )
    password = None
    if args.user and login:
        password = _password(f"FOLLOWUP_{protocol.upper()}_PASSWORD", args.user, host)
    return Server(
        host,
        port,
        user=args.user,
        password=password,
        security=security,
        tls=tls_context(args.cafile, verify=not args.insecure),
    )


def _password(variable: str, user: str, host: str) -> str:
    password = os.environ.get(variable)
    if password:
        return password
    if not sys.stdin.isatty():
        raise FollowupError(
            f"no password for {user} at {host}: set {variable}, or run in a terminal to be asked."
        )
    return getpass.getpass(f"Password for {user} at {host}: ")


def _deliver(
    args: argparse.Namespace, transport: Transport, *, dry_run: bool, interval: float
) -> int:
    from followup.delivery import deliver
    from followup.ledger import Ledger, exclusive, ledger_path
    from followup.outbox import read_outbox

    if args.limit is not None and args.limit < 1:
        raise FollowupError(f"--limit {args.limit}: give a number of drafts, 1 or more.")
    drafts = read_outbox(args.source)
    path = ledger_path(args.source)
    with contextlib.ExitStack() as stack:
        if not dry_run:
            stack.enter_context(exclusive(path))
        ledger = None
        if not dry_run or path.exists():  # a dry run reads the ledger if any, writes nothing
            ledger = stack.enter_context(Ledger(path))
        report = deliver(
            drafts,
            transport,
            ledger,
            dry_run=dry_run,
            limit=args.limit,
            interval=interval,
            resend_uncertain=getattr(args, "resend_uncertain", False),
            progress=_delivery_progress if sys.stderr.isatty() else None,
        )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if dry_run:
        going = report.outcomes[report.outcomes["outcome"] == "would send"]
        print(
            going[["draft", "to", "subject"]].to_string(index=False)
            if len(going)
            else "Nothing to send."
        )
        print(f"\nDry run: nothing was sent. Add --send to send these {len(going)} draft(s).")
    print(report.summary())
    if path.exists():
        print(f"Ledger: {path} (`followup status {args.source}` shows it)")
    return 0 if report.ok else 1


def _delivery_progress(done: int) -> None:
    print(f"\rdelivering: {done:,} drafts done", end="", file=sys.stderr, flush=True)


def _status(args: argparse.Namespace) -> int:
    from followup.delivery import update_review_sheet
    from followup.ledger import Ledger, ledger_path

    path = ledger_path(args.source)
    if not path.is_file():
        raise FollowupError(f"{path} does not exist: nothing was sent or uploaded from here yet.")
    with Ledger(path) as ledger:
        table = ledger.table()
    if table.empty:
        print(f"{path}: no attempts recorded yet.")
        return 0
    shown = table.assign(at=table["started_at"].str[:19].str.replace("T", " "))[
        ["action", "draft", "recipient", "result", "attempts", "at", "reply"]
    ]
    print(shown.to_string(index=False, max_colwidth=60))
    print("\n" + pd.crosstab(table["action"], table["result"]).to_string())
    if args.update_sheet:
        sheet = update_review_sheet(Path(args.source), table)
        print(f"Updated {sheet} with a delivery column and sent_at.")
    return 0 if table["result"].isin(["delivered"]).all() else 1


def _sample(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    samples = resources.files("followup") / "samples"
    names = ("interviews.csv", "my-template.j2")
    clashes = [n for n in names if (folder / n).exists()]
    if clashes:
        raise FollowupError(f"{folder / clashes[0]} already exists; choose an empty folder.")
    for name in names:
        with resources.as_file(samples / name) as source:
            shutil.copyfile(source, folder / name)
    print(
        f"Wrote {folder / names[0]} and {folder / names[1]}. Next:\n"
        f'  followup draft {folder / names[0]} --sender "Your Name <you@example.com>" '
        f"--template {folder / names[1]} --out {folder / 'drafts'}"
    )
    return 0


# --- printing ---------------------------------------------------------------------------------


def _print_findings(counts: dict[tuple[str, str], int], shown: pd.DataFrame, *, total: int) -> None:
    if not total:
        print("Every draft follows the rules.")
        return
    print("Findings: " + ", ".join(f"{r} {s} {n}" for (r, s), n in sorted(counts.items())))
    for item in shown.to_dict("records"):
        print(f"  {item['draft_id']} {item['rule']} {item['severity']}: {item['message']}")
    if total > len(shown):
        print(f"  ... and {total - len(shown)} more in findings.csv")


def _print_rejects(source: str, rejects: pd.DataFrame, path: object) -> None:
    if rejects.empty:
        print("No problems found in the sheet.")
        return
    print(f"\n{len(rejects)} problem(s) in the sheet, written to {path}:")
    for item in rejects.head(_SHOWN).to_dict("records"):
        print(
            f"  {source}:{item['row']}: {item['column']} = {item['value']!r}: "
            f"{item['problem']} ({item['severity']}). Fix: {item['hint']}."
        )
    if len(rejects) > _SHOWN:
        print(f"  ... and {len(rejects) - _SHOWN} more in {path}")
