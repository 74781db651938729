"""Drafts read back for delivery: a folder of ``.eml`` files or one mbox, each checked.

A draft can be delivered when it has one sender, exactly one recipient (R2:
to that interviewer alone, no Cc or Bcc) and a ``Message-ID``, the key the
delivery ledger counts by. A draft that fails these checks is kept, with its
``problem`` set, so the delivery report lists it instead of dropping it.

>>> raw = b"From: a@x.example\\nTo: b@y.example\\nMessage-ID: <1@x.example>\\n\\nHi\\n"
>>> draft = parse_draft(raw, source="hi.eml")
>>> draft.sender, draft.recipient, draft.problem
('a@x.example', 'b@y.example', '')
"""

from __future__ import annotations

import mailbox
import os
import re
from dataclasses import dataclass, replace
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from pathlib import Path

from followup.errors import FollowupError

MBOX_NAME = "drafts.mbox"
_MESSAGE_ID = re.compile(r"<[^<>\s@]+@[^<>\s@]+>")
_HEADERS = BytesHeaderParser()


@dataclass(frozen=True)
class Draft:
    """One message to deliver, as written on disk (``raw``, LF or CRLF line ends)."""

    source: str
    message_id: str
    sender: str
    recipient: str
    subject: str
    raw: bytes
    problem: str = ""


def read_outbox(path: str | os.PathLike[str]) -> list[Draft]:
    """The drafts of a folder written by ``followup draft`` (its ``.eml`` files in name
    order, which is due-date order, or else its ``drafts.mbox``), or of an mbox file."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.eml"))
        if files:
            drafts = [parse_draft(f.read_bytes(), source=f.name) for f in files]
            return _mark_repeats(drafts)
        if (path / MBOX_NAME).is_file():
            path = path / MBOX_NAME
        else:
            raise FollowupError(
                f"{path} holds no .eml drafts and no {MBOX_NAME}; "
                "write drafts into it first (followup draft, or write_drafts)."
            )
    if not path.is_file():
        raise FollowupError(f"{path} does not exist; pass a folder of drafts or an mbox file.")
    box = mailbox.mbox(path, create=False)
    try:
        drafts = [
            parse_draft(box.get_bytes(key), source=f"{path.name}#{number}")
            for number, key in enumerate(box.keys(), start=1)
        ]
    finally:
        box.close()
    if not drafts:
        raise FollowupError(f"{path} holds no messages; is it an mbox written by followup?")
    return _mark_repeats(drafts)


def parse_draft(raw: bytes, *, source: str) -> Draft:
    """Read one message's envelope and key; say what stops it from being delivered."""
    headers = _HEADERS.parsebytes(raw)
    senders = _addresses(headers.get_all("From", []))
    recipients = _addresses([*headers.get_all("To", []), *headers.get_all("Cc", [])])
    blind = _addresses(headers.get_all("Bcc", []))
    message_id = str(headers.get("Message-ID", "")).strip()
    subject = _readable(str(headers.get("Subject", "")))
    problem = ""
    if not headers.keys():
        problem = "not an email message (no headers); redraft it with `followup draft`"
    elif len(senders) != 1:
        problem = f"needs exactly one From address, has {len(senders)}; fix its From line"
    elif len(recipients) + len(blind) != 1:
        everyone = ", ".join(recipients + blind) or "nobody"
        problem = (
            f"goes to {len(recipients) + len(blind)} recipients ({everyone}); a thank-you goes "
            "to one interviewer alone (R2): keep one address in To and remove Cc/Bcc"
        )
    elif not _MESSAGE_ID.fullmatch(message_id):
        problem = (
            f"has no valid Message-ID ({message_id or 'none'}); the ledger needs one to deliver "
            "exactly once: redraft it, or add a line like 'Message-ID: <unique@your-domain>'"
        )
    return Draft(
        source=source,
        message_id=message_id,
        sender=senders[0] if senders else "",
        recipient=(recipients + blind)[0] if recipients or blind else "",
        subject=subject,
        raw=raw,
        problem=problem,
    )


def _readable(value: str) -> str:
    """A header as a person reads it: unfolded, encoded words decoded.

    >>> _readable("=?utf-8?b?Wm/Dqw==?= says\\n thanks")
    'Zoë says thanks'
    """
    unfolded = re.sub(r"\r?\n(?=[ \t])", "", value)
    try:
        return str(make_header(decode_header(unfolded)))
    except (ValueError, LookupError):  # a malformed encoded word: show it as written
        return unfolded


def _addresses(values: list[str]) -> list[str]:
    return [address for _, address in getaddresses([str(v) for v in values]) if "@" in address]


def _mark_repeats(drafts: list[Draft]) -> list[Draft]:
    """A second draft with the same Message-ID would be counted as the first: flag it."""
    first: dict[str, str] = {}
    marked = []
    for draft in drafts:
        if not draft.problem and draft.message_id in first:
            problem = (
                f"repeats the Message-ID of {first[draft.message_id]}; give each draft its own"
            )
            draft = replace(draft, problem=problem)
        first.setdefault(draft.message_id, draft.source)
        marked.append(draft)
    return marked
