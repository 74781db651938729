"""One polite check-in per interview, after silence: when, to whom, in which thread.

Timing: two business days after the date the employer gave (``decision_by``),
or seven business days after the interview when no date was given, at 9:00 in
the interview's zone. Addressing: the interview's main contact (``contact``
yes), else the recruiter (by title), else the first interviewer; never the
panel. Threading: ``In-Reply-To`` and ``References`` name the thank-you sent
to that person, and the subject is ``Re:`` its subject. None for an interview
someone replied to, or that the candidate no longer wants; and at most one per
interview, ever: the ledger's ``checkins`` table holds it before its file is
written.

>>> str(due_dates(pd.Series(["2026-11-20"]), pd.Series([""]), pd.Series(["UTC"]))[0])
'2026-12-01 09:00:00+00:00'
>>> str(due_dates(pd.Series(["2026-11-20"]), pd.Series(["Dec 4"]), pd.Series(["UTC"]))[0])
'2026-12-08 09:00:00+00:00'
"""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from followup._clock import local_iso, resolve_now, wall_clock
from followup._files import atomic_write, write_csv
from followup._ids import ids
from followup.deliver._book import Book
from followup.deliver._ledger import LEDGER_NAME, Ledger
from followup.deliver._outbox import read_outbox
from followup.deliver._replies import sent_thank_yous
from followup.draft import (
    draft_messages,
    greetings,
    interview_when,
    load_template,
    name_cased,
    slug,
)

AFTER_DECISION_DAYS = 2
AFTER_INTERVIEW_DAYS = 7
_RECRUITER = re.compile(
    r"(?i)recruit|talent|sourcer|\bhr\b|human resources|people (?:partner|team|ops)|hiring"
)
_YES = frozenset({"yes", "y", "true", "x", "1", "main", "primary", "✓", "✔"})


def due_dates(ends: pd.Series, decision_by: pd.Series, zones: pd.Series) -> pd.Series:
    """When each check-in is due: 9:00 local, 2 business days after ``decision_by`` (any
    date pandas reads, in the row's year), else 7 business days after the interview."""
    end = wall_clock(pd.to_datetime(ends, utc=True, format="ISO8601"), zones)
    given = stated_days(decision_by, end)
    start = given.fillna(end.dt.normalize()).to_numpy().astype("datetime64[D]")
    days = np.where(given.notna(), AFTER_DECISION_DAYS, AFTER_INTERVIEW_DAYS)
    due = np.busday_offset(start, days, roll="forward")
    naive = pd.Series(due.astype("datetime64[us]"), index=ends.index) + pd.Timedelta(hours=9)
    out = pd.Series(pd.NaT, index=ends.index, dtype="datetime64[us, UTC]")
    for zone, index in naive.groupby(zones).groups.items():
        out[index] = naive[index].dt.tz_localize(str(zone)).dt.tz_convert("UTC")
    return out


def stated_days(decision_by: pd.Series, ends: pd.Series) -> pd.Series:
    """The decision day each row states (naive, NaT when none or unreadable), a date
    without a year taken in the year of the interview's end (``ends``, wall clock)."""
    year = ends.dt.year.astype("Int64").astype("str")
    text = decision_by.fillna("").astype("str").str.strip()
    return pd.Series(
        [_day(t, y) for t, y in zip(text.tolist(), year.tolist(), strict=True)],
        index=ends.index,
        dtype="datetime64[us]",
    )


def _day(text: str, year: str) -> pd.Timestamp | None:
    """A stated decision day: ``2026-12-04``, ``Dec 4`` (in ``year``), ``12/4/2026``."""
    if not text:
        return None
    has_year = re.search(r"\d{4}", text) or re.fullmatch(r"\d+/\d+/\d+", text)
    for candidate in (text,) if has_year else (f"{text} {year}", text):
        try:
            day = pd.Timestamp(candidate)
        except ValueError:
            continue
        if not pd.isna(day):
            return day.tz_localize(None).normalize() if day.tzinfo else day.normalize()
    return None


def plan_checkins(
    folder: str | os.PathLike[str], *, now: pd.Timestamp | str | None = None
) -> pd.DataFrame:
    """One row per interview with a thank-you out: its contact, ``due_at`` and ``state``
    (``due``, ``not yet``, ``replied``, ``not interested``, ``checked in``, ``contact not
    sent``), with the contact's row of ``recipients.csv`` and the thank-you's Message-ID."""
    folder = Path(folder)
    moment = resolve_now(now).tz_convert("UTC")
    sent = sent_thank_yous(folder).reset_index(drop=True)
    with Book(folder / LEDGER_NAME) as book:
        replies, done = book.replies(), book.checkins()
    sent = sent[sent.groupby("interview_id")["since"].transform("count") > 0]
    flagged = _column(sent, "contact").str.strip().str.lower().isin(_YES)
    recruiter = _column(sent, "interviewer_title").str.contains(_RECRUITER)
    rank = np.select([flagged, recruiter], [0, 1], default=2)
    contacts = (
        sent.assign(_rank=rank, _order=np.arange(len(sent)))
        .sort_values(["interview_id", "_rank", "_order"])
        .drop_duplicates("interview_id")
        .sort_values("_order")
    )
    contacts["addressed"] = np.select(
        [contacts["_rank"] == 0, contacts["_rank"] == 1], ["contact", "recruiter"], "first"
    )
    zones = _column(contacts, "timezone").replace("", "UTC")
    contacts["due_at"] = due_dates(
        contacts["interview_end"], _column(contacts, "decision_by"), zones
    )
    answered = set(replies.loc[replies["kind"] == "reply", "interview_id"])
    interested = ~_column(contacts, "interested").str.lower().isin(["false", "no", "0"])
    state = np.select(
        [
            ~interested,
            contacts["interview_id"].isin(answered),
            contacts["interview_id"].isin(set(done["interview_id"])),
            contacts["since"].isna(),
            contacts["due_at"] > moment,
        ],
        ["not interested", "replied", "checked in", "contact not sent", "not yet"],
        default="due",
    )
    return contacts.assign(state=state).drop(columns=["_rank", "_order"]).reset_index(drop=True)


def _column(table: pd.DataFrame, name: str) -> pd.Series:
    if name not in table:
        return pd.Series("", index=table.index, dtype="str")
    return table[name].fillna("").astype("str")


def render_checkins(
    plan: pd.DataFrame, subjects: dict[str, str], *, now: pd.Timestamp | str | None = None
) -> pd.DataFrame:
    """Check-in drafts for the rows of ``plan``: the columns ``write_drafts`` and
    ``check_drafts`` take (``template`` is ``checkin``), plus ``in_reply_to``."""
    moment = resolve_now(now)
    if plan.empty:
        return plan.assign(subject="", body="", template="checkin", variant=0, in_reply_to="")
    template = load_template(
        Path(str(resources.files("followup.draft") / "templates" / "checkin.j2"))
    )
    zones = _column(plan, "timezone").replace("", "UTC")
    starts = pd.to_datetime(plan["interview_start"], utc=True, format="ISO8601")
    names = greetings(
        _column(plan, "interviewer_name"),
        _column(plan, "preferred_name"),
        addresses=_column(plan, "interviewer_email"),
    )
    ends = wall_clock(pd.to_datetime(plan["interview_end"], utc=True, format="ISO8601"), zones)
    day = stated_days(_column(plan, "decision_by"), ends)
    stated = day.notna()
    named = day.dt.month_name() + " " + day.dt.day.astype("Int64").astype("str")
    said = "I understand a decision was expected around " + named.fillna("") + ". "
    thank_you = plan["message_id"].map(subjects).fillna("Thank you")
    context = pd.DataFrame(
        {
            "greeting_name": names["greeting_name"],
            "interview_day": interview_when(starts, zones, now=moment),
            "role": _column(plan, "role"),
            "company": _column(plan, "company"),
            "timeline": said.where(stated, ""),
            "candidate_name": name_cased(_column(plan, "candidate_name")),
            "subject": thank_you.where(thank_you.str.match(r"(?i)re:"), "Re: " + thank_you),
        }
    )
    subject, body = template.render_all(context)
    return plan.assign(
        draft_id=ids(plan["interview_id"] + "|checkin", "c-"),
        subject=subject,
        body=body.str.lstrip("\n") + "\n",
        template="checkin",
        variant=0,
        in_reply_to=plan["message_id"],
    )


def _delivered(folder: Path, target: Path) -> set[str]:
    """Message-IDs sent or uploaded, by the drafts folder's ledger or the check-ins'."""
    found: set[str] = set()
    for path in {folder / LEDGER_NAME, target / LEDGER_NAME}:
        if path.is_file():
            with Ledger(path) as ledger:
                table = ledger.table()
            found.update(table.loc[table["result"] == "delivered", "message_id"])
    return found


def threaded(raw: bytes, parent: str) -> bytes:
    """A draft's bytes with ``In-Reply-To`` and ``References`` naming ``parent``.

    >>> threaded(b"Message-ID: <c@x>\\nX-Unsent: 1\\n\\nHi\\n", "<d@x>").decode().splitlines()[:3]
    ['Message-ID: <c@x>', 'In-Reply-To: <d@x>', 'References: <d@x>']
    """
    head, _, body = raw.partition(b"\n\n")
    lines = head.split(b"\n")
    at = next(i for i, line in enumerate(lines) if line.lower().startswith(b"message-id:")) + 1
    extra = [f"In-Reply-To: {parent}".encode(), f"References: {parent}".encode()]
    return b"\n".join([*lines[:at], *extra, *lines[at:]]) + b"\n\n" + body


def write_checkins(
    folder: str | os.PathLike[str],
    out: str | os.PathLike[str] | None = None,
    *,
    now: pd.Timestamp | str | None = None,
) -> pd.DataFrame:
    """Draft the check-ins that are due into ``out`` (default ``folder/checkins``), each
    claimed in the ledger first; a claimed check-in whose file is missing (a run killed
    in between) and that no ledger saw delivered is written again, with the same
    Message-ID. Returns the plan, with the ``file`` of each check-in written."""
    folder = Path(folder)
    target = Path(out) if out is not None else folder / "checkins"
    plan = plan_checkins(folder, now=now)
    with Book(folder / LEDGER_NAME) as book:
        claimed = book.checkins().set_index("interview_id")
        again = plan["interview_id"].isin(claimed.index) & (plan["state"] == "checked in")
        gone = ~plan["interview_id"].map(claimed["file"]).astype("str").fillna("").map(
            lambda name: (target / name).is_file()
        )
        went = plan["interview_id"].map(claimed["message_id"]).isin(_delivered(folder, target))
        lost = again & gone & ~went
        chosen = plan[(plan["state"] == "due") | lost]
        subjects = {d.message_id: d.subject for d in read_outbox(folder)}
        drafts = render_checkins(chosen, subjects, now=now)
        if drafts.empty:
            return plan.assign(file="")
        target.mkdir(parents=True, exist_ok=True)
        zones = _column(drafts, "timezone").replace("", "UTC")
        day = wall_clock(drafts["due_at"], zones).dt.strftime("%Y-%m-%d")
        names = (
            day + "-checkin-" + drafts["company"].map(slug) + "-"
            + drafts["interviewer_name"].map(slug) + "-" + drafts["draft_id"].str[-8:] + ".eml"
        )  # fmt: skip
        earlier = drafts["interview_id"].map(claimed["file"]).astype("str")
        names = earlier.where(earlier.notna(), names)  # a lost file comes back by its name
        messages = draft_messages(drafts, now=now)
        for row, raw, name in zip(drafts.to_dict("records"), messages, names, strict=True):
            claim = {
                "interview_id": row["interview_id"],
                "draft_id": row["draft_id"],
                "message_id": f"<{row['draft_id']}@{row['candidate_email'].split('@')[-1]}>",
                "recipient": row["interviewer_email"],
                "in_reply_to": row["in_reply_to"],
                "due_at": row["due_at"].isoformat(),
                "file": name,
            }
            if book.claim_checkin(claim) or row["interview_id"] in claimed.index:
                atomic_write(target / name, threaded(raw, row["in_reply_to"]))
    sheet = drafts.assign(
        draft_file=names.to_numpy(), due_at=local_iso(drafts["due_at"], zones)
    ).drop(columns=["body", "subject", "since", "sent_at", "uploaded_at"], errors="ignore")
    write_csv(sheet, target / "recipients.csv")
    files = dict(zip(drafts["interview_id"], names, strict=True))
    return plan.assign(file=plan["interview_id"].map(files))
