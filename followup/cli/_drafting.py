"""Commands that make and check drafts: ``draft``, ``check`` and ``sample``."""

from __future__ import annotations

import argparse
import shutil
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup.cli._common import (
    add_clock_options,
    add_reading_options,
    hand_memory_back,
    known_words,
    now,
    print_findings,
    print_rejects,
    read,
)
from followup.errors import FollowupError

if TYPE_CHECKING:
    import pandas as pd

#: The output formats of ``draft`` (followup.draft.FORMATS, without importing pandas).
FORMATS = ("eml", "mbox", "csv", "xlsx")


def register(commands: Any) -> None:
    draft = commands.add_parser(
        "draft",
        help="one thank-you draft per interviewer",
        description="Render, check and write a draft per interviewer, plus rejects.csv, "
        "findings.csv and recipients.csv, into DIR.",
    )
    add_reading_options(draft)
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
    draft.add_argument(
        "--workers",
        type=int,
        choices=(1, 2),
        default=1,
        help="2: check and write the drafts of a long sheet in a second process while the "
        "next rows are read (sooner where two cores are free; about 150 MB more memory)",
    )
    add_clock_options(draft)
    draft.set_defaults(run=_draft)

    check = commands.add_parser(
        "check",
        help="the rules report for drafts",
        description="Check drafts against the follow-up rules R1-R8: those of SHEET, or the "
        "(possibly edited) .eml files in a folder written by `followup draft`.",
    )
    add_reading_options(check, source="SHEET|DIR")
    check.add_argument("--template", default="thank-you", metavar="NAME|PATH")
    add_clock_options(check)
    check.set_defaults(run=_check)

    sample = commands.add_parser(
        "sample",
        help="write a sample sheet and template to start from",
        description="Write interviews.csv and my-template.j2 into DIR; never overwrites.",
    )
    sample.add_argument("dir", metavar="DIR")
    sample.set_defaults(run=_sample)


def _draft(args: argparse.Namespace) -> int:
    from followup.draft import draft_sheet

    hand_memory_back()

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
        now=now(args),
        known_words=known_words(args),
        progress=_progress if sys.stderr.isatty() else None,
        workers=args.workers,
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(run.summary())
    where = f"{out}/" if args.format == "eml" else out / f"drafts.{args.format}"
    written, status = run.written, run.written.statuses
    to_fix = (
        f": {written.drafts - written.needs_fixes} ready, {written.needs_fixes} to fix before"
        " sending (draft_status in recipients.csv)"
        if written.needs_fixes
        else ""
    )
    print(f"\n{written.drafts} draft(s) written to {where} ({args.format}){to_fix}")
    soon = written.due_soon
    print(
        f"  due within 12 h: {soon}    due later: {status.get('due', 0) - soon}"
        f"    upcoming: {status.get('upcoming', 0)}    overdue: {status.get('overdue', 0)}"
    )
    counts = written.finding_counts
    print_findings(
        counts, written.shown_findings, total=sum(counts.values()), drafts=written.drafts
    )
    print_rejects(run.source, run.rejects.shown, out / "rejects.csv", total=run.rejects.total)
    return 1 if run.rows_rejected or run.rejects.errors or written.needs_fixes else 0


def _progress(rows: int) -> None:
    print(f"\rdrafting: {rows:,} rows done", end="", file=sys.stderr, flush=True)


def _check(args: argparse.Namespace) -> int:
    from followup.draft import add_deadlines, check_drafts, finding_counts, render_drafts

    source = Path(args.sheet)
    moment = now(args)
    if source.is_dir():
        drafts = _drafts_from_folder(source, args)
    else:
        result = read(args)
        drafts = render_drafts(
            add_deadlines(result.recipients, hours=args.hours, now=moment),
            template=args.template,
            sender=args.sender,
            now=moment,
        )
    findings = check_drafts(
        drafts, now=moment, known_words=known_words(args), proofread_bodies=source.is_dir()
    )
    print(f"{len(drafts)} draft(s) checked.")
    print_findings(finding_counts(findings), findings, total=len(findings), drafts=len(drafts))
    return 1 if (findings["severity"] == "error").any() else 0


def _drafts_from_folder(folder: Path, args: argparse.Namespace) -> pd.DataFrame:
    """Drafts as `followup draft` wrote them, with the bodies as they are now on disk."""
    from email import message_from_bytes, policy

    import pandas as pd

    from followup.read import read_interviews

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
