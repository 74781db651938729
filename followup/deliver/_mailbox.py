"""Where replies are read from: an mbox or Maildir export, or an IMAP folder, headers only.

Each source yields ``(where, header bytes, body start)`` per message; the body
start is read only for bounces, whose returned headers name the message that
bounced. :func:`parse_message` turns the headers into an :class:`Incoming`, or
``None`` when they are too broken to use (no sender, no readable date).

>>> raw = b"From: Dana <Dana@Northwind.example>\\nDate: Wed, 25 Nov 2026 10:00:00 -0600\\n"
>>> message = parse_message(raw + b"In-Reply-To: <d-1@x.example>\\n", where="mbox#1")
>>> message.sender, message.parents, message.kind, str(message.date)
('dana@northwind.example', ('<d-1@x.example>',), 'reply', '2026-11-25 16:00:00+00:00')
"""

from __future__ import annotations

import hashlib
import imaplib
import mailbox
import mmap
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.header import decode_header, make_header
from email.utils import parsedate_to_datetime
from pathlib import Path

from followup.deliver._autoreply import HEADERS, kind
from followup.deliver._imap import ImapUploader
from followup.deliver._transport import Server
from followup.errors import DeliveryError, SourceError

#: The header fields a reply is matched and classified by: all an IMAP FETCH asks for.
FIELDS = ("From", "Date", "Message-ID", "In-Reply-To", "References", *HEADERS)
_WANTED = {f.lower(): f for f in FIELDS}
_MESSAGE_ID = re.compile(r"<[^<>\s]+@[^<>\s]+>")
_FROM_LINE = re.compile(rb"(?m)^From [^\n]*\n")
_HEADER_END = re.compile(rb"\n\r?\n")
_FIELDS = re.compile(
    rb"(?im)^("
    + "|".join(re.escape(f) for f in FIELDS).encode()
    + rb")[ \t]*:(.*(?:\r?\n[ \t].*)*)"
)
_ADDRESS = re.compile(r"<([^<>\s@]+@[^<>\s@]+)>|([^\s<>\"(),:;]+@[^\s<>\"(),:;]+)")
_MONTH_NUMBER = {m: n for n, m in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
)}  # fmt: skip
_USUAL_DATE = re.compile(
    r"(?:[A-Z][a-z]{2}, ?)?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d\d):(\d\d)(?::(\d\d))?"
    r" ([+-])(\d\d)(\d\d)(?: \([^()]*\))?"
)
_BODY_BYTES = 16_384
Raw = tuple[str, bytes, bytes]


@dataclass(frozen=True)
class Incoming:
    """One received message, as far as replies go."""

    reply_id: str  # its Message-ID, or a stand-in made from its sender, date and subject
    sender: str  # lower-case address
    date: datetime  # UTC
    subject: str
    parents: tuple[str, ...]  # In-Reply-To first, then References; a bounce's returned ids
    threaded: int  # how many of the parents come from In-Reply-To
    kind: str  # reply, auto-reply or bounce
    where: str


def parse_message(head: bytes, *, where: str, body: bytes = b"") -> Incoming | None:
    """The reply-relevant headers of one message; ``None`` if they are broken."""
    raw = {name.lower(): value for name, value in reversed(_FIELDS.findall(head))}  # first wins
    fields = {
        _WANTED[name.decode("ascii")]: " ".join(value.decode("utf-8", "replace").split())
        for name, value in raw.items()
    }
    address = _ADDRESS.search(fields.get("From", ""))
    sent = _date(fields.get("Date", ""))
    if address is None or sent is None:
        return None
    sender = (address[1] or address[2]).lower()
    subject = fields["Subject"] = _readable(fields.get("Subject", ""))
    what = kind(fields, sender)
    parents = _MESSAGE_ID.findall(fields.get("In-Reply-To", ""))
    threaded = len(parents)
    if "References" in fields:
        parents += reversed(_MESSAGE_ID.findall(fields["References"]))  # nearest first
    if what == "bounce" and body:
        parents += _MESSAGE_ID.findall(body.decode("ascii", "replace"))
    own = _MESSAGE_ID.search(fields.get("Message-ID", ""))
    if own:
        reply_id = own[0]
    else:
        key = f"{sender}|{sent.isoformat()}|{subject}".encode()
        reply_id = f"<no-id.{hashlib.blake2b(key, digest_size=8).hexdigest()}>"
    return Incoming(
        reply_id, sender, sent, subject, tuple(dict.fromkeys(parents)), threaded, what, where
    )


def _date(text: str) -> datetime | None:
    """An RFC 5322 date in UTC: the usual form read directly, any other by the email package.

    >>> str(_date("Wed, 25 Nov 2026 10:00:00 -0600")), _date("yesterday")
    ('2026-11-25 16:00:00+00:00', None)
    """
    usual = _USUAL_DATE.fullmatch(text)
    if usual and usual[2] in _MONTH_NUMBER:
        day, month, year, hour, minute, second, sign, hours, minutes = usual.groups()
        try:
            moment = datetime(
                int(year), _MONTH_NUMBER[month], int(day), int(hour), int(minute),
                int(second or 0), tzinfo=UTC,
            )  # fmt: skip
        except ValueError:
            return None
        offset = timedelta(hours=int(hours), minutes=int(minutes))
        return moment - offset if sign == "+" else moment + offset
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _readable(value: str) -> str:
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (ValueError, LookupError):
        return value


def _with_body(where: str, message: bytes) -> Raw:
    """Split one message into its headers and the start of its body."""
    end = _HEADER_END.search(message)
    if end is None:
        return where, message, b""
    return where, message[: end.start()], message[end.end() : end.end() + _BODY_BYTES]


def read_mbox(path: str | os.PathLike[str]) -> Iterator[Raw]:
    """Every message of an mbox file, in order (memory-mapped: any size)."""
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"{path} does not exist; pass the mbox file your mail client exported.")
    if path.stat().st_size == 0:
        return
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if data[:5] != b"From ":
            raise SourceError(
                f"{path} is not an mbox file (it does not start with a 'From ' line); "
                "export the mailbox as mbox, or pass a Maildir folder with --maildir."
            )
        lines = list(_FROM_LINE.finditer(data))
        starts = [m.end() for m in lines]
        ends = [*[m.start() for m in lines][1:], len(data)]
        for number, (start, end) in enumerate(zip(starts, ends, strict=True), start=1):
            yield _with_body(f"{path.name}#{number}", data[start:end])


def read_maildir(path: str | os.PathLike[str]) -> Iterator[Raw]:
    """Every message of a Maildir folder (its ``cur`` and ``new``), in name order."""
    path = Path(path)
    if not (path / "cur").is_dir() or not (path / "new").is_dir():
        raise SourceError(
            f"{path} is not a Maildir folder (it needs cur/ and new/ inside); "
            "pass a Maildir, or an mbox file with --mbox."
        )
    box = mailbox.Maildir(path, factory=None, create=False)
    for key in sorted(box.keys()):
        yield _with_body(f"{path.name}/{key}", box.get_bytes(key))


class ImapInbox(ImapUploader):
    """Reads one folder's headers over IMAP, read-only: ``EXAMINE``, one ``SEARCH``, then
    ``FETCH BODY.PEEK[HEADER.FIELDS (...)]``, so no flag ever changes and no body is
    downloaded (but the first part of a bounce's). Logs in as :class:`ImapUploader` does."""

    def __init__(self, server: Server, folder: str = "INBOX") -> None:
        super().__init__(server, folder)

    def messages(
        self,
        *,
        since: date | None = None,
        senders: Sequence[str] = (),
        threads: Sequence[str] = (),
        batch: int = 500,
    ) -> Iterator[Raw]:
        """Messages received since ``since`` (the server's date) that may be replies:
        from one of ``senders`` (addresses or ``@domain``) or a mail daemon, or with a
        Message-ID at one of the ``threads`` domains in In-Reply-To or References."""
        client = self._client
        assert client is not None, "connect() first"
        try:
            status, _ = client.select(self._mailbox, readonly=True)  # EXAMINE
            if status != "OK":
                raise DeliveryError(
                    f"IMAP server {self.server.address}: cannot open {self.folder}."
                )
            _, found = client.uid("SEARCH", _criteria(since, senders, threads))
            uids = b" ".join(found[0:1] if found and found[0] else []).split()
            fields = " ".join(f.upper() for f in FIELDS)
            bounces: list[tuple[bytes, bytes]] = []
            for at in range(0, len(uids), batch):
                chosen = b",".join(uids[at : at + batch]).decode()
                _, data = client.uid("FETCH", chosen, f"(BODY.PEEK[HEADER.FIELDS ({fields})])")
                for item in data:
                    if isinstance(item, tuple):
                        uid = re.search(rb"UID (\d+)", item[0])
                        where = f"{self.folder}/{uid[1].decode() if uid else '?'}"
                        parsed = parse_message(item[1], where=where)
                        if parsed is not None and parsed.kind == "bounce" and uid:
                            bounces.append((uid[1], item[1]))
                        else:
                            yield where, item[1], b""
            for uid_bytes, head in bounces:  # the returned headers name what bounced
                _, data = client.uid(
                    "FETCH", uid_bytes.decode(), f"(BODY.PEEK[TEXT]<0.{_BODY_BYTES}>)"
                )
                body = b"".join(i[1] for i in data if isinstance(i, tuple))
                yield f"{self.folder}/{uid_bytes.decode()}", head, body
        except (imaplib.IMAP4.abort, OSError) as exc:
            raise DeliveryError(
                f"IMAP server {self.server.address}: the connection dropped while reading "
                f"{self.folder} ({exc}); run again: what was read is kept, none counted twice."
            ) from None


def _criteria(since: date | None, senders: Sequence[str], threads: Sequence[str]) -> str:
    """``SEARCH`` keys: ``SINCE`` a day, and any of the senders or thread domains.

    >>> keys = _criteria(date(2026, 11, 3), ["@northwind.example"], ["x.example"])
    >>> print(keys.replace(" FROM", "\\nFROM").replace(" HEADER", "\\nHEADER"))
    SINCE 3-Nov-2026 OR OR OR OR
    FROM "@northwind.example"
    FROM "mailer-daemon"
    FROM "postmaster"
    HEADER In-Reply-To "@x.example"
    HEADER References "@x.example"
    """
    keys = (
        [f"SINCE {since.day}-{list(_MONTH_NUMBER)[since.month - 1]}-{since.year}"] if since else []
    )
    wanted = [f'FROM "{s}"' for s in [*senders, "mailer-daemon", "postmaster"]]
    for domain in threads:
        wanted += [f'HEADER In-Reply-To "@{domain}"', f'HEADER References "@{domain}"']
    wanted = [w for w in wanted if w.count('"') == 2 and "\\" not in w]  # no quoting games
    keys += ["OR"] * (len(wanted) - 1) + wanted
    return " ".join(keys)
