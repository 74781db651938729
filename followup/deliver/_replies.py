"""Replies to the thank-yous: matched in a mailbox, recorded in the ledger and the sheet.

A message answers a thank-you when its ``In-Reply-To`` or ``References`` names
the thank-you's Message-ID; failing that, when it comes from the interviewer's
address after the thank-you went out; with ``same_domain``, from anyone at the
employer's domain (marked ``same-domain``). Automatic mail (out-of-office,
bounces: :mod:`~followup.deliver._autoreply`) is matched the same way and kept
apart, so it never counts as a reply. Messages from the candidate's own
address are never replies.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pandas as pd

from followup._clock import local_iso
from followup._files import write_csv
from followup.deliver._book import REPLY_COLUMNS, Book
from followup.deliver._ledger import LEDGER_NAME, Ledger
from followup.deliver._mailbox import Incoming, Raw, parse_message
from followup.errors import FollowupError

_FROM = re.compile(rb"(?im)^from[ \t]*:([^\n]*)")
_DATE = re.compile(rb"(?im)^date[ \t]*:")
_ADDRESS = re.compile(rb"[^\s<>\"(),:;]+@[^\s<>\"(),:;]+")

#: Domains anyone can have an address at: never an employer's, for ``same_domain``.
FREE_MAIL = frozenset(
    (
        *("gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com"),
        *("yahoo.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com"),
        *("gmx.de", "gmx.net", "web.de", "mail.com", "yandex.ru", "qq.com", "163.com"),
    )
)
KINDS = ("reply", "auto-reply", "bounce")


@dataclass
class ReplyReport:
    """What one ``replies`` run read and found."""

    source: str
    read: int = 0
    broken: int = 0
    new: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    replies: pd.DataFrame = field(default_factory=pd.DataFrame)

    def summary(self) -> str:
        known = self.replies[self.replies["kind"] == "reply"] if len(self.replies) else None
        answered = 0 if known is None else known["interview_id"].nunique()
        new = self.new
        plural = {k: "y" if new[k] == 1 else "ies" for k in ("reply", "auto-reply")}
        return (
            f"Read {self.read:,} message(s) from {self.source}"
            + (f" ({self.broken:,} with broken headers, skipped)" if self.broken else "")
            + f": {new['reply']} new repl{plural['reply']}, "
            f"{new['auto-reply']} new auto-repl{plural['auto-reply']}, "
            f"{new['bounce']} new bounce(s). {answered} interview(s) have a reply."
        )


def sent_thank_yous(folder: str | os.PathLike[str]) -> pd.DataFrame:
    """The drafts of ``folder`` that went out: ``recipients.csv`` joined with the ledger.

    ``since`` is when each left: sent (ledger, else the sheet's ``sent_at``), else
    placed in the Drafts folder. ``message_id`` is the thank-you's Message-ID.
    """
    folder = Path(folder)
    ledger_file, sheet = folder / LEDGER_NAME, folder / "recipients.csv"
    if not ledger_file.is_file():
        raise FollowupError(
            f"{folder} has no delivery ledger ({LEDGER_NAME}): run `followup draft SHEET --out "
            f"{folder}`, then `followup send` or `followup upload` on it, first."
        )
    if not sheet.is_file():
        raise FollowupError(f"{sheet} does not exist; run `followup draft SHEET --out {folder}`.")
    recipients = pd.read_csv(sheet, dtype="str", keep_default_na=False)
    missing = {"draft_id", "interview_id", "interviewer_email", "candidate_email"}.difference(
        recipients.columns
    )
    if missing:
        raise FollowupError(
            f"{sheet} has no {', '.join(sorted(missing))}; was it written by draft?"
        )
    with Ledger(ledger_file) as ledger:
        table = ledger.table()
    table = table[table["result"] == "delivered"].assign(
        draft_id=table["message_id"].str.extract(r"^<([^@>]+)@", expand=False),
        at=pd.to_datetime(table["finished_at"], utc=True, format="ISO8601"),
    )
    first = table.pivot_table(index="draft_id", columns="action", values="at", aggfunc="min")
    ids = table.drop_duplicates("draft_id").set_index("draft_id")["message_id"]
    domain = recipients["candidate_email"].str.split("@").str[-1]
    sheet_sent = pd.to_datetime(
        recipients.get("sent_at", pd.Series("", index=recipients.index)),
        utc=True,
        format="ISO8601",
        errors="coerce",
    )
    out = recipients.assign(
        message_id=recipients["draft_id"]
        .map(ids)
        .fillna("<" + recipients["draft_id"] + "@" + domain + ">"),
        sent_at=_moments(recipients["draft_id"], first, "send").fillna(sheet_sent),
        uploaded_at=_moments(recipients["draft_id"], first, "upload"),
    )
    out["since"] = out["sent_at"].fillna(out["uploaded_at"])
    out["interviewer_email"] = out["interviewer_email"].str.lower()
    return out


def _moments(drafts: pd.Series, first: pd.DataFrame, action: str) -> pd.Series:
    """When each draft was first delivered by ``action`` (NaT if never)."""
    known = first[action] if action in first else pd.Series(dtype="datetime64[us, UTC]")
    return _at(drafts, known)


def _at(keys: pd.Series, moments: pd.Series) -> pd.Series:
    """``moments`` (indexed by unique keys) looked up for each of ``keys``, NaT if none."""
    found = moments.astype("datetime64[us, UTC]").reindex(keys.to_numpy())
    return pd.Series(found.to_numpy(), index=keys.index, dtype="datetime64[us, UTC]")


def match_replies(
    sent: pd.DataFrame, incoming: pd.DataFrame, *, same_domain: bool = False
) -> pd.DataFrame:
    """The thank-you each incoming message answers, if any (see the module's docstring).

    ``sent`` from :func:`sent_thank_yous`; ``incoming`` has the fields of
    :class:`~followup.deliver._mailbox.Incoming`, one row per message. Returns the
    columns of the ledger's replies table, one row per message matched.
    """
    sent = sent[sent["since"].notna()]
    incoming = incoming[~incoming["sender"].isin(set(sent["candidate_email"].str.lower()))]
    found = []
    pairs = incoming[["reply_id", "parents", "threaded"]].explode("parents")
    pairs["position"] = pairs.groupby(level=0).cumcount()
    by_id = sent.drop_duplicates("message_id").set_index("message_id")["draft_id"]
    hits = pairs[pairs["parents"].isin(by_id.index)]
    hits = hits[~hits.index.duplicated()]  # the nearest of our messages in the thread
    found.append(
        incoming.loc[hits.index].assign(
            draft_id=hits["parents"].map(by_id),
            matched_by=(hits["position"] < hits["threaded"]).map(
                {True: "in-reply-to", False: "references"}
            ),
        )
    )
    rest = incoming.drop(index=hits.index)
    for key, label, allowed in (
        ("interviewer_email", "sender", rest["sender"]),
        ("domain", "same-domain", rest["sender"].str.split("@").str[-1]),
    ):
        if label == "same-domain" and not same_domain:
            break
        candidates = sent.assign(domain=sent["interviewer_email"].str.split("@").str[-1])
        if label == "same-domain":
            own = set(candidates["candidate_email"].str.lower().str.split("@").str[-1])
            candidates = candidates[~candidates["domain"].isin(FREE_MAIL | own)]
        merged = (
            rest.assign(_key=allowed, _at=rest.index)
            .merge(candidates[[key, "draft_id", "since"]], left_on="_key", right_on=key)
            .query("date >= since")
            .sort_values(["_at", "since"], ascending=[True, False], kind="stable")
            .drop_duplicates("_at")
            .set_index("_at")
        )
        found.append(
            incoming.loc[merged.index].assign(draft_id=merged["draft_id"], matched_by=label)
        )
        rest = rest.drop(index=merged.index)
    matched = pd.concat(found)
    interview = sent.drop_duplicates("draft_id").set_index("draft_id")["interview_id"]
    return pd.DataFrame(
        {
            "reply_id": matched["reply_id"],
            "draft_id": matched["draft_id"],
            "interview_id": matched["draft_id"].map(interview),
            "received_at": matched["date"].dt.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
            "reply_from": matched["sender"],
            "kind": matched["kind"],
            "matched_by": matched["matched_by"],
            "subject": matched["subject"],
            "source": matched["where"],
        },
        columns=list(REPLY_COLUMNS),
    ).reset_index(drop=True)


def incoming_table(messages: Iterable[Incoming]) -> pd.DataFrame:
    """Parsed messages as one table (``threaded``: how many parents are In-Reply-To's)."""
    rows = [
        (m.reply_id, m.sender, m.date, m.subject, m.parents, m.threaded, m.kind, m.where)
        for m in messages
    ]
    columns = ["reply_id", "sender", "date", "subject", "parents", "threaded", "kind", "where"]
    table = pd.DataFrame(rows, columns=columns)
    table["date"] = pd.to_datetime(table["date"], utc=True)
    return table


def read_replies(
    folder: str | os.PathLike[str],
    messages: Iterable[Raw],
    *,
    source: str,
    same_domain: bool = False,
    chunk: int = 5_000,
    progress: Callable[[int], None] | None = None,
) -> ReplyReport:
    """Match ``messages`` (from :mod:`~followup.deliver._mailbox`) to the thank-yous of
    ``folder``, add what is new to its ledger chunk by chunk, and fill ``recipients.csv``."""
    folder = Path(folder)
    sent = sent_thank_yous(folder)
    report = ReplyReport(source)
    stream = iter(messages)
    wanted = _Candidates(sent)
    with Book(folder / LEDGER_NAME) as book:
        known = set(zip(*(book.replies()[c] for c in ("reply_id", "draft_id")), strict=True))
        while batch := list(islice(stream, chunk)):
            report.read += len(batch)
            good = []
            for where, head, body in batch:
                verdict = wanted(head)
                parsed = parse_message(head, where=where, body=body) if verdict else None
                report.broken += verdict is None or (verdict and parsed is None)
                if parsed is not None:
                    good.append(parsed)
            matched = match_replies(sent, incoming_table(good), same_domain=same_domain)
            new = []
            for key in zip(matched["reply_id"], matched["draft_id"], strict=True):
                new.append(key not in known)
                known.add(key)
            for kind, count in matched.loc[new, "kind"].value_counts().items():
                report.new[str(kind)] += int(count)
            book.add_replies(matched[new])
            if progress is not None:
                progress(report.read)
        report.replies = book.replies()
    update_recipients(folder, report.replies)
    return report


class _Candidates:
    """Which messages could answer a thank-you, told from their raw headers in a few
    microseconds, so only those are parsed: one naming a Message-ID at our domain in
    In-Reply-To or References, one from an employer's domain, or from a mail daemon.
    ``None`` for a message without a sender or a date (broken)."""

    def __init__(self, sent: pd.DataFrame) -> None:
        ours = sorted(set(sent["message_id"].str.extract(r"@([^>]+)>", expand=False).dropna()))
        domains = "|".join(re.escape(d) for d in ours) or "(?!)"
        self.thread = re.compile(
            rb"(?im)^(?:in-reply-to|references)[ \t]*:[^\n]*(?:\n[ \t][^\n]*)*@(?:"
            + domains.encode()
            + rb")>"
        )
        self.domains = set(sent["interviewer_email"].str.split("@").str[-1])

    def __call__(self, head: bytes) -> bool | None:
        sender = _FROM.search(head)
        if sender is None or _DATE.search(head) is None:
            return None
        address = _ADDRESS.search(sender[1])
        if address is None:
            return None
        local, _, domain = address[0].lower().strip(b"<>").partition(b"@")
        return (
            domain.decode("ascii", "replace") in self.domains
            or local in (b"mailer-daemon", b"postmaster")
            or self.thread.search(head) is not None
        )


def first_replies(replies: pd.DataFrame, by: str) -> pd.DataFrame:
    """The first real reply per ``by`` (``draft_id`` or ``interview_id``): when and from whom.

    >>> first_replies(pd.DataFrame({"draft_id": ["d", "d"], "kind": ["reply", "reply"],
    ...     "received_at": ["2026-11-26T10:00:00+00:00", "2026-11-25T10:00:00+00:00"],
    ...     "reply_from": ["b@y", "a@y"]}), "draft_id")["reply_from"].tolist()
    ['a@y']
    """
    real = replies[replies["kind"] == "reply"].sort_values(["received_at", "reply_from"])
    first = real.drop_duplicates(by).set_index(by)
    return pd.DataFrame(
        {
            "replied_at": pd.to_datetime(first["received_at"], utc=True, format="ISO8601"),
            "reply_from": first["reply_from"],
        }
    )


def update_recipients(folder: Path, replies: pd.DataFrame) -> Path:
    """``recipients.csv`` with ``replied_at``/``reply_from`` (the interview's first reply,
    from anyone on it), ``draft_replied_at``/``draft_reply_from`` (the first reply to this
    thank-you) and ``auto_reply`` (the latest automatic answer). A ``replied_at`` typed in
    by hand stays where the ledger knows of no reply."""
    path = folder / "recipients.csv"
    sheet = pd.read_csv(path, dtype="str", keep_default_na=False)
    zones = sheet["timezone"] if "timezone" in sheet else pd.Series("UTC", index=sheet.index)
    by_interview = first_replies(replies, "interview_id")
    by_draft = first_replies(replies, "draft_id")
    for prefix, key, table in (
        ("", "interview_id", by_interview),
        ("draft_", "draft_id", by_draft),
    ):
        when = local_iso(_at(sheet[key], table["replied_at"]), zones)
        column = sheet.get(f"{prefix}replied_at", pd.Series("", index=sheet.index))
        sheet[f"{prefix}replied_at"] = when.where(when != "", column.fillna(""))
        sheet[f"{prefix}reply_from"] = _lookup(sheet[key], table["reply_from"])
    automatic = replies[replies["kind"] != "reply"].drop_duplicates("draft_id", keep="last")
    notes = (
        automatic["kind"] + " " + automatic["received_at"].str[:10] + ": " + automatic["subject"]
    )
    sheet["auto_reply"] = _lookup(sheet["draft_id"], notes.set_axis(automatic["draft_id"]))
    return write_csv(sheet, path)


def _lookup(keys: pd.Series, values: pd.Series) -> pd.Series:
    """``values`` by ``keys`` as text, empty where there is none."""
    return keys.map(values).astype("str").fillna("")


def reply_status(folder: str | os.PathLike[str]) -> pd.DataFrame:
    """Per interview with a thank-you out: ``replied``, ``auto-reply`` (only automatic
    answers so far) or ``waiting``, with the first reply and the latest automatic note."""
    folder = Path(folder)
    sent = sent_thank_yous(folder)
    sent = sent[sent["since"].notna()]
    with Book(folder / LEDGER_NAME) as book:
        replies = book.replies()
    first = first_replies(replies, "interview_id")
    automatic = replies[replies["kind"] != "reply"].drop_duplicates("interview_id", keep="last")
    notes = (automatic["kind"] + ": " + automatic["subject"]).set_axis(automatic["interview_id"])
    table = sent.groupby("interview_id", sort=False).agg(
        company=("company", "first"), sent=("draft_id", "size")
    )
    shown = first["replied_at"].dt.strftime("%Y-%m-%d %H:%M UTC")
    table["replied_at"] = _lookup(table.index.to_series(), shown)
    table["reply_from"] = _lookup(table.index.to_series(), first["reply_from"])
    table["automatic"] = _lookup(table.index.to_series(), notes)
    table["state"] = "waiting"
    table.loc[table["automatic"] != "", "state"] = "auto-reply"
    table.loc[table["replied_at"] != "", "state"] = "replied"
    columns = ["company", "sent", "state", "replied_at", "reply_from", "automatic"]
    return table.reset_index()[["interview_id", *columns]]
