"""The mail a job seeker gets back, case by case, for the replies and check-in tests.

Each case is a message about the bundled sample's drafts (data/interviews.csv,
drafted and recorded as sent at :data:`SENT_AT`), with the result ``followup
replies`` must give it: the draft it answers, its kind, and how it matched.
"""

from __future__ import annotations

import hashlib
import mailbox
import sqlite3
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pandas as pd

from followup.deliver import LEDGER_NAME, Ledger, read_outbox

SENT_AT = "2026-11-25T12:00:00+00:00"
DOMAIN = "example.com"  # the candidate's, so the Message-ID domain of every draft

# The sample's draft ids (pinned by tests/test_ids.py)
DANA, LUIS, ZOE = "d-8c4e6ad4381aa574", "d-3032b075d237a983", "d-0114f28623fdee06"
PRIYA, OLIVER, KWAME = "d-81505f9eb4abb973", "d-5fb6418981d11f4f", "d-8af4ecbaa68c2651"
RACHEL = "d-64e664d5664d8256"


@dataclass(frozen=True)
class Case:
    name: str
    message: bytes
    draft: str  # the draft it answers; "" when it is not an answer
    kind: str = "reply"
    matched_by: str = ""


def record_sent(folder: Path, at: str = SENT_AT) -> None:
    """A ledger that says every draft of ``folder`` was sent at ``at``."""
    with Ledger(folder / LEDGER_NAME) as ledger:
        for draft in read_outbox(folder):
            attempt = ledger.begin(
                "send", "smtp", draft.message_id, server="x", draft=draft.source,
                recipient=draft.recipient,
            )  # fmt: skip
            ledger.finish(attempt, "delivered", "250 OK")
    with sqlite3.connect(folder / LEDGER_NAME) as db:
        db.execute("UPDATE attempts SET started_at = ?, finished_at = ?", (at, at))


def message(
    sender: str,
    when: str,
    subject: str,
    *,
    in_reply_to: str = "",
    references: str = "",
    headers: dict[str, str] | None = None,
    body: str = "Thanks for your note.\n",
    number: int = 0,
) -> bytes:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "Avery Quinn <avery@example.com>"
    mail["Subject"] = subject
    mail["Date"] = format_datetime(pd.Timestamp(when).to_pydatetime())
    key = f"{sender}|{when}|{subject}".encode()
    mail["Message-ID"] = f"<m{number}.{hashlib.md5(key).hexdigest()[:10]}@mail.example>"
    if in_reply_to:
        mail["In-Reply-To"] = in_reply_to
    if references:
        mail["References"] = references
    for name, value in (headers or {}).items():
        mail[name] = value
    mail.set_content(body)
    return mail.as_bytes()


def mid(draft: str) -> str:
    return f"<{draft}@{DOMAIN}>"


def cases() -> list[Case]:
    dsn = (
        "Delivery to the following recipient failed permanently:\n\n"
        "    zoe.mueller@northwind.example\n\n"
        f"----- Original message -----\nMessage-ID: {mid(ZOE)}\nSubject: Thank you\n"
    )
    bounce = message(
        "Mail Delivery Subsystem <mailer-daemon@mail.example>",
        "2026-11-25 12:01Z",
        "Delivery Status Notification (Failure)",
        body=dsn,
        headers={"Auto-Submitted": "auto-replied"},
    )
    return [
        Case(
            "in-reply-to",
            message("Dana Whitfield <dana.whitfield@northwind.example>", "2026-11-26 15:00Z",
                    "Re: Thank you", in_reply_to=mid(DANA), references=mid(DANA)),
            DANA, matched_by="in-reply-to",
        ),
        Case(
            "references only",
            message("Priya Raman <priya.raman@bluefin.example>", "2026-11-26 09:30Z",
                    "Re: Thank you", references=f"<older@bluefin.example> {mid(PRIYA)}"),
            PRIYA, matched_by="references",
        ),
        Case(
            "sender only",
            message("Oliver Grant <Oliver.Grant@meridian.example>", "2026-11-27 08:00Z",
                    "Next steps"),
            OLIVER, matched_by="sender",
        ),
        Case(
            "same-domain colleague",
            message("Talent Team <talent@atlasfreight.example>", "2026-11-26 18:00Z",
                    "Scheduling your second interview"),
            RACHEL, matched_by="same-domain",
        ),
        Case(
            "out of office",
            message("Luis Ortega <luis.ortega@northwind.example>", "2026-11-25 12:05Z",
                    "Out of Office: Thank you (back on Dec 2)", in_reply_to=mid(LUIS),
                    headers={"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"}),
            LUIS, kind="auto-reply", matched_by="in-reply-to",
        ),
        Case("bounce", bounce, ZOE, kind="bounce", matched_by="references"),
        Case(
            "unrelated",
            message("Deals <news@shop.example>", "2026-11-26 07:00Z", "Black Friday: 40% off",
                    headers={"Precedence": "bulk"}),
            "",
        ),
        Case(
            "before our send",
            message("Kwame Mensah <kwame.mensah@fernwood.example>", "2026-11-20 14:00Z",
                    "Parking for Monday"),
            "",
        ),
        Case(
            "second reply",
            message("Dana Whitfield <dana.whitfield@northwind.example>", "2026-11-27 16:00Z",
                    "Re: Thank you", in_reply_to=mid(DANA), number=2),
            DANA, matched_by="in-reply-to",
        ),
        Case("broken headers", b"Subject: no sender, no date\n\nhello\n", ""),
    ]  # fmt: skip


def expected(*, same_domain: bool = False) -> pd.DataFrame:
    """The replies table the cases give, as (draft_id, kind, matched_by), sorted."""
    rows = [
        (c.draft, c.kind, c.matched_by)
        for c in cases()
        if c.draft and (same_domain or c.matched_by != "same-domain")
    ]
    table = pd.DataFrame(rows, columns=["draft_id", "kind", "matched_by"], dtype="str")
    return table.sort_values(["draft_id", "kind", "matched_by"]).reset_index(drop=True)


def write_mbox(path: Path, messages: list[bytes]) -> Path:
    """An mbox as mail clients export it (the messages here have no body line "From ")."""
    separator = b"From MAILER-DAEMON Thu Nov 26 00:00:00 2026\n"
    path.write_bytes(b"".join(separator + raw.rstrip(b"\n") + b"\n\n" for raw in messages))
    return path


def write_maildir(path: Path, messages: list[bytes]) -> Path:
    box = mailbox.Maildir(path)
    for raw in messages:
        box.add(raw)
    box.close()
    return path
