"""Delivering drafts: send them over SMTP, or upload them into a Drafts folder over IMAP.

Each draft is delivered at most once, and none is lost track of. The
:mod:`~followup.ledger` records an attempt before the network call and its
result after. On the next run:

- delivered drafts are skipped, failed ones are tried again;
- an attempt with no result (the run was killed) is resolved first: an upload
  is looked up by ``Message-ID`` in the folder; a send cannot be looked up, so
  it is reported as *uncertain* and sent again only with ``resend_uncertain``.

One refused draft is recorded and the batch goes on; a dropped connection is
reopened with exponential backoff; ``interval`` spaces messages for a
provider's rate limit. Everything goes over TLS, verified unless the caller
builds an unverified context on purpose (:func:`tls_context`).

>>> for_sending(b"Date: old\\nX-Unsent: 1\\nTo: b@y.example\\n\\nHi\\n",
...             date="Thu, 26 Nov 2026 12:00:00 +0000")
b'Date: Thu, 26 Nov 2026 12:00:00 +0000\\r\\nTo: b@y.example\\r\\n\\r\\nHi\\r\\n'
"""

from __future__ import annotations

import imaplib
import re
import smtplib
import ssl
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from typing import Literal, Protocol

import pandas as pd

from followup.errors import DeliveryError, FollowupError
from followup.ledger import Attempt, Ledger, Result
from followup.outbox import Draft
from followup.schedule import local_iso
from followup.writers import write_csv

Security = Literal["starttls", "ssl"]
DEFAULT_PORTS = {
    ("smtp", "starttls"): 587,
    ("smtp", "ssl"): 465,
    ("imap", "starttls"): 143,
    ("imap", "ssl"): 993,
}
OUTCOMES = (
    "delivered",
    "already delivered",
    "would send",
    "failed",
    "uncertain",
    "not attempted",
)
_RATE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*/\s*(s|sec|second|m|min|minute|h|hour)\s*")
_LIST_LINE = re.compile(r'\((?P<flags>[^)]*)\) (?:"(?:[^"\\]|\\.)*"|NIL) (?P<name>.+)')
_MESSAGE_IDS = re.compile(rb"<[^<>\s]+>")


@dataclass(frozen=True)
class Server:
    """Where to deliver, and how to log in. ``password`` never shows in a repr."""

    host: str
    port: int
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    security: Security = "starttls"
    tls: ssl.SSLContext = field(default_factory=ssl.create_default_context, repr=False)
    timeout: float = 30.0

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


def parse_host(
    text: str, *, protocol: Literal["smtp", "imap"], security: Security
) -> tuple[str, int]:
    """``host[:port]`` with the usual port for the protocol and security.

    >>> parse_host("smtp.gmail.com", protocol="smtp", security="starttls")
    ('smtp.gmail.com', 587)
    >>> parse_host("[::1]:2525", protocol="smtp", security="ssl")
    ('::1', 2525)
    """
    match = re.fullmatch(
        r"\[(?P<v6>[^\]]+)\](?::(?P<p6>\d+))?|(?P<host>[^:\s]+)(?::(?P<port>\d+))?", text
    )
    if not match:
        raise DeliveryError(f"{text!r} is not a server; write HOST or HOST:PORT.")
    host = match["v6"] or match["host"]
    port = match["p6"] or match["port"]
    return host, int(port) if port else DEFAULT_PORTS[(protocol, security)]


def tls_context(cafile: str | None = None, *, verify: bool = True) -> ssl.SSLContext:
    """A TLS context that checks the server's certificate (against ``cafile`` if given,
    else the system's CAs). ``verify=False`` is for a local test server only."""
    try:
        context = ssl.create_default_context(cafile=cafile)
    except (OSError, ssl.SSLError) as exc:
        raise DeliveryError(f"--cafile {cafile}: cannot load certificates ({exc}).") from None
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def parse_rate(text: str) -> float:
    """Seconds between messages for a rate like ``20/min``; ``0`` or ``none`` for no limit.

    >>> parse_rate("20/min"), parse_rate("2/s"), parse_rate("none")
    (3.0, 0.5, 0.0)
    """
    if text.strip().lower() in ("0", "none", "unlimited"):
        return 0.0
    match = _RATE.fullmatch(text.lower())
    if not match or float(match[1]) <= 0:
        raise DeliveryError(f"--rate {text!r}: write messages per time, e.g. 20/min or 1/s.")
    seconds = {"s": 1, "m": 60, "h": 3600}[match[2][0]]
    return seconds / float(match[1])


def for_sending(raw: bytes, *, date: str) -> bytes:
    """The draft as it goes out: CRLF line ends, ``Date`` set to the sending time, and
    no ``X-Unsent`` header (which would make the interviewer's Outlook open it as a draft)."""
    head, _, body = raw.replace(b"\r\n", b"\n").partition(b"\n\n")
    kept, dated = [], False
    for header in re.split(rb"\n(?![ \t])", head):
        name = header.partition(b":")[0].strip().lower()
        if name == b"x-unsent" or (name == b"date" and dated):
            continue
        if name == b"date":
            header, dated = b"Date: " + date.encode("ascii"), True
        kept.append(header)
    if not dated:
        kept.append(b"Date: " + date.encode("ascii"))
    return (b"\n".join(kept) + b"\n\n" + body).replace(b"\n", b"\r\n")


class Refused(Exception):
    """The server answered and did not take this draft; nothing was delivered."""


class Dropped(Exception):
    """The connection broke mid-draft. ``maybe_delivered``: after the message was handed
    over, before the server confirmed it."""

    def __init__(self, reason: str, *, maybe_delivered: bool) -> None:
        super().__init__(reason)
        self.maybe_delivered = maybe_delivered


class Transport(Protocol):
    """What the delivery loop needs from SMTP or IMAP."""

    action: str
    server: Server
    can_look_up: bool  # can it tell whether a message arrived (IMAP), or not (SMTP)

    @property
    def target(self) -> str: ...

    def connect(self) -> None: ...
    def present(self, message_ids: Sequence[str]) -> set[str]: ...
    def deliver(self, draft: Draft) -> str: ...
    def close(self) -> None: ...


class SmtpSender:
    """Sends drafts over one SMTP connection, envelope from each draft's From and To."""

    action = "send"
    target = "smtp"  # a message sent through any server counts as sent
    can_look_up = False

    def __init__(self, server: Server) -> None:
        self.server = server
        self._client: smtplib.SMTP | None = None

    def connect(self) -> None:
        self.close()
        server = self.server
        with _connecting("SMTP", server, "FOLLOWUP_SMTP_PASSWORD", on_error=self.close):
            if server.security == "ssl":
                self._client = smtplib.SMTP_SSL(
                    server.host, server.port, timeout=server.timeout, context=server.tls
                )
            else:
                self._client = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
                self._client.starttls(context=server.tls)
            if server.user:
                self._client.login(server.user, server.password or "")

    def present(self, message_ids: Sequence[str]) -> set[str]:
        return set()  # SMTP has no way to ask what it already took

    def deliver(self, draft: Draft) -> str:
        client = self._client
        assert client is not None, "connect() first"
        message = for_sending(draft.raw, date=formatdate(localtime=True))
        try:
            for command, argument, accepted in (
                (client.mail, draft.sender, (250,)),
                (client.rcpt, draft.recipient, (250, 251)),
            ):
                code, reply = command(argument)
                if code == 421:
                    raise Dropped(_reply(code, reply), maybe_delivered=False)
                if code not in accepted:
                    self._reset()
                    raise Refused(_reply(code, reply))
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            raise Dropped(str(exc) or type(exc).__name__, maybe_delivered=False) from None
        try:
            code, reply = client.data(message)
        except smtplib.SMTPDataError as exc:  # DATA itself refused: nothing was handed over
            if exc.smtp_code == 421:
                raise Dropped(
                    _reply(exc.smtp_code, exc.smtp_error), maybe_delivered=False
                ) from None
            self._reset()
            raise Refused(_reply(exc.smtp_code, exc.smtp_error)) from None
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            raise Dropped(str(exc) or type(exc).__name__, maybe_delivered=True) from None
        if code != 250:
            raise Refused(_reply(code, reply))
        return _reply(code, reply)

    def _reset(self) -> None:
        try:
            assert self._client is not None
            self._client.rset()
        except (smtplib.SMTPException, OSError):
            pass  # the next draft's MAIL FROM finds out if the connection is gone

    def close(self) -> None:
        if self._client is not None:
            try:
                self._client.quit()
            except (smtplib.SMTPException, OSError):
                self._client.close()
            self._client = None


class ImapUploader:
    """Appends drafts to a mailbox folder with the ``\\Draft`` flag, to review and send
    from any mail client. Without a folder name, the one the server marks ``\\Drafts``."""

    action = "upload"
    can_look_up = True

    def __init__(self, server: Server, folder: str | None = None) -> None:
        self.server, self.folder = server, folder
        self._client: imaplib.IMAP4 | None = None

    @property
    def target(self) -> str:
        return f"imap://{self.server.user}@{self.server.address}/{self.folder or 'Drafts'}"

    @property
    def _mailbox(self) -> str:
        """The folder as IMAP commands name it: quoted."""
        return _quoted(self.folder or "Drafts")

    def connect(self) -> None:
        self.close()
        server = self.server
        with _connecting("IMAP", server, "FOLLOWUP_IMAP_PASSWORD", on_error=self.close):
            if server.security == "ssl":
                self._client = imaplib.IMAP4_SSL(
                    server.host, server.port, ssl_context=server.tls, timeout=server.timeout
                )
            else:
                self._client = imaplib.IMAP4(server.host, server.port, timeout=server.timeout)
                self._client.starttls(ssl_context=server.tls)
            self._client.login(server.user or "", server.password or "")
            self.folder = self._choose_folder(self._client)

    def _choose_folder(self, client: imaplib.IMAP4) -> str:
        _, lines = client.list()
        folders: dict[str, str] = {}
        for line in lines:
            match = (
                _LIST_LINE.fullmatch(line.decode("utf-8", "replace"))
                if isinstance(line, bytes)
                else None
            )
            if match:
                name = match["name"]
                if name.startswith('"'):
                    name = name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
                folders[name] = match["flags"]
        if self.folder is None:
            marked = [name for name, flags in folders.items() if "\\drafts" in flags.lower()]
            return marked[0] if marked else "Drafts"
        if self.folder not in folders:
            raise DeliveryError(
                f"IMAP server {self.server.address} has no folder {self.folder!r}; "
                f"it has: {', '.join(sorted(folders)) or 'none'}. Pass one of them as --folder."
            )
        return self.folder

    def present(self, message_ids: Sequence[str]) -> set[str]:
        """Which of these Message-IDs are in the folder already (one round trip)."""
        client = self._client
        assert client is not None, "connect() first"
        wanted = set(message_ids)
        if not wanted:
            return set()
        try:
            status, data = client.select(self._mailbox, readonly=True)
            if status != "OK" or data[0] in (b"0", None):
                return set()
            _, fetched = client.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
        except (imaplib.IMAP4.abort, OSError) as exc:
            raise Dropped(str(exc), maybe_delivered=False) from None
        found: set[str] = set()
        for item in fetched:
            if isinstance(item, tuple):
                found.update(m.decode("ascii", "replace") for m in _MESSAGE_IDS.findall(item[1]))
        return found & wanted

    def deliver(self, draft: Draft) -> str:
        client = self._client
        assert client is not None, "connect() first"
        try:
            status, data = client.append(self._mailbox, r"(\Draft)", None, draft.raw)
        except imaplib.IMAP4.abort as exc:
            raise Dropped(str(exc), maybe_delivered=True) from None
        except imaplib.IMAP4.error as exc:
            raise Refused(str(exc)) from None
        except OSError as exc:
            raise Dropped(str(exc) or type(exc).__name__, maybe_delivered=True) from None
        reply = " ".join(d.decode("utf-8", "replace") for d in data if isinstance(d, bytes))
        if status != "OK":
            raise Refused(f"{status} {reply}")
        return f"{status} {reply}"

    def close(self) -> None:
        if self._client is not None:
            with suppress(imaplib.IMAP4.error, OSError):
                self._client.logout()
            self._client = None


@dataclass
class DeliveryReport:
    """What happened to each draft: ``outcomes`` has one row per draft, in order, with
    ``draft``, ``to``, ``subject``, ``message_id``, ``outcome`` (one of :data:`OUTCOMES`)
    and ``detail`` (the server's reply or the reason)."""

    action: str
    target: str
    outcomes: pd.DataFrame

    @property
    def counts(self) -> dict[str, int]:
        counted = self.outcomes["outcome"].value_counts()
        return {outcome: int(counted.get(outcome, 0)) for outcome in OUTCOMES}

    @property
    def ok(self) -> bool:
        """True when nothing failed, nothing is uncertain, and the connection held."""
        counts, outcomes = self.counts, self.outcomes
        stopped = (outcomes["outcome"] == "not attempted") & outcomes["detail"].str.startswith(
            "connection lost"
        )
        return not (counts["failed"] or counts["uncertain"] or stopped.any())

    def summary(self, shown: int = 20) -> str:
        """Counts, then each failed and uncertain draft with its reason (the first
        ``shown`` of each), and why the rest were not attempted."""
        counts = self.counts
        done = "would send" if counts["would send"] else "delivered"
        lines = [
            f"{self.action} to {self.target}: {counts[done]} {done}, "
            f"{counts['already delivered']} skipped as already delivered, "
            f"{counts['failed']} failed, {counts['uncertain']} uncertain, "
            f"{counts['not attempted']} not attempted."
        ]
        for outcome in ("failed", "uncertain"):
            rows = self.outcomes[self.outcomes["outcome"] == outcome]
            for draft, to, detail in (
                rows[["draft", "to", "detail"]].head(shown).itertuples(index=False)
            ):
                lines.append(f"  {outcome}: {draft} to {to}: {detail}")
            if len(rows) > shown:
                lines.append(f"  ... and {len(rows) - shown} more {outcome} (followup status)")
        skipped = self.outcomes.loc[self.outcomes["outcome"] == "not attempted", "detail"]
        for detail, number in skipped.value_counts(sort=False).items():
            lines.append(f"  not attempted: {number} draft(s): {detail}")
        if counts["uncertain"] and self.action == "send":
            lines.append(
                "Uncertain drafts may have reached the server before the run stopped: look in "
                "your Sent folder, then send the missing ones with --resend-uncertain."
            )
        elif counts["uncertain"]:
            lines.append("The next run looks the uncertain drafts up in the folder first.")
        return "\n".join(lines)


def deliver(
    drafts: Sequence[Draft],
    transport: Transport,
    ledger: Ledger | None,
    *,
    dry_run: bool = False,
    limit: int | None = None,
    interval: float = 0.0,
    resend_uncertain: bool = False,
    retries: int = 5,
    backoff: float = 1.0,
    progress: Callable[[int], None] | None = None,
) -> DeliveryReport:
    """Deliver each draft once through ``transport``, recording every attempt in ``ledger``.

    Parameters
    ----------
    drafts
        From :func:`~followup.outbox.read_outbox`; drafts with a ``problem`` are reported
        as failed and never sent.
    transport
        :class:`SmtpSender` or :class:`ImapUploader`.
    ledger
        The record of attempts; ``None`` delivers without one (no exactly-once).
    dry_run
        Connect to nothing, write nothing; report what would be delivered.
    limit
        Deliver at most this many drafts in this run.
    interval
        Seconds between the starts of two deliveries (:func:`parse_rate`).
    resend_uncertain
        Send drafts again whose earlier send may or may not have arrived.
    retries, backoff
        A dropped connection is reopened up to ``retries`` times, waiting ``backoff``
        seconds, then twice as long each time (at most a minute).

    Raises
    ------
    DeliveryError
        When the first connection fails (unreachable, TLS, login, folder).
    """
    run = _Run(transport, ledger, retries=retries, backoff=backoff)
    if not dry_run:
        transport.connect()
    try:
        latest = run.resolve_interrupted(drafts, dry_run=dry_run)
        rows, started, next_start = [], 0, time.monotonic()
        for done, draft in enumerate(drafts, start=1):
            outcome, detail = _decided(draft, latest.get(draft.message_id), resend_uncertain)
            if outcome is None and limit is not None and started >= limit:
                outcome, detail = (
                    "not attempted",
                    f"--limit {limit} reached; run again for the rest",
                )
            if outcome is None and run.lost:
                outcome, detail = "not attempted", f"connection lost: {run.lost}"
            if outcome is None and dry_run:
                outcome, detail = "would send", draft.subject
                started += 1
            if outcome is None:
                if interval:
                    time.sleep(max(0.0, next_start - time.monotonic()))
                    next_start = time.monotonic() + interval
                outcome, detail = run.deliver(draft)
                started += 1
            row = (draft.source, draft.recipient, draft.subject, draft.message_id, outcome, detail)
            rows.append(row)
            if progress is not None:
                progress(done)
    finally:
        if not dry_run:
            transport.close()
    columns = ["draft", "to", "subject", "message_id", "outcome", "detail"]
    table = pd.DataFrame(rows, columns=columns, dtype="str")
    return DeliveryReport(transport.action, transport.target, table)


def _decided(
    draft: Draft, earlier: Attempt | None, resend_uncertain: bool
) -> tuple[str | None, str]:
    """The outcome known without the network, or ``None`` when the draft must be delivered."""
    if draft.problem:
        return "failed", draft.problem
    if earlier is None:
        return None, ""
    if earlier.result == "delivered":
        return "already delivered", f"{earlier.reply} (at {earlier.started_at[:19]} UTC)"
    if earlier.result in ("uncertain", None) and not resend_uncertain:
        return "uncertain", earlier.reply or "interrupted before the server's answer was recorded"
    return None, ""


class _Run:
    """One delivery run's connection and ledger bookkeeping."""

    def __init__(
        self, transport: Transport, ledger: Ledger | None, *, retries: int, backoff: float
    ):
        self.transport, self.ledger = transport, ledger
        self.retries, self.backoff = retries, backoff
        self.lost = ""  # why the connection could not be reopened, once it could not

    def resolve_interrupted(self, drafts: Sequence[Draft], *, dry_run: bool) -> dict[str, Attempt]:
        """Settle what earlier runs left open; return the latest attempt of each message.

        An upload is looked up in the folder (so is every draft not yet delivered: a
        deleted ledger or a second copy of the drafts never makes a duplicate). A send
        left without a result becomes *uncertain*.
        """
        transport, ledger = self.transport, self.ledger
        if ledger is None:
            return {}
        latest = ledger.latest(transport.action, transport.target)
        if dry_run:
            return latest
        open_drafts = [
            d
            for d in drafts
            if not d.problem
            and (d.message_id not in latest or latest[d.message_id].result != "delivered")
        ]
        try:
            found = transport.present([d.message_id for d in open_drafts])
        except Dropped as exc:
            raise DeliveryError(
                f"{transport.server.address}: the connection dropped while looking up the "
                f"drafts already there ({exc}); run again."
            ) from None
        for draft in open_drafts:
            earlier = latest.get(draft.message_id)
            unsettled = earlier is not None and earlier.result in (None, "uncertain")
            if draft.message_id in found:
                self._settle(draft, earlier, "delivered", "found in the folder")
            elif unsettled and transport.can_look_up:
                self._settle(draft, earlier, "failed", "interrupted, and not in the folder")
            elif earlier is not None and earlier.result is None:
                reply = "the run stopped during the send, before the server's answer was recorded"
                self._settle(draft, earlier, "uncertain", reply)
        return ledger.latest(transport.action, transport.target)

    def _settle(self, draft: Draft, earlier: Attempt | None, result: Result, reply: str) -> None:
        """Give an open attempt its result, or record a new settled one."""
        assert self.ledger is not None
        if earlier is None or earlier.result is not None:
            earlier = Attempt(self._begin(draft), None, "", "")
        self.ledger.finish(earlier.id, result, reply)

    def _begin(self, draft: Draft) -> int:
        transport = self.transport
        if self.ledger is None:
            return 0
        return self.ledger.begin(
            transport.action,
            transport.target,
            draft.message_id,
            server=transport.server.address,
            draft=draft.source,
            recipient=draft.recipient,
        )

    def deliver(self, draft: Draft) -> tuple[str, str]:
        """Deliver one draft, reconnecting after drops; return (outcome, detail)."""
        transport = self.transport
        for _ in range(self.retries + 1):
            attempt = self._begin(draft)
            try:
                reply = transport.deliver(draft)
            except Refused as exc:
                return self._record(attempt, "failed", str(exc))
            except Dropped as exc:
                if not self._reconnect():
                    result: Result = "uncertain" if exc.maybe_delivered else "failed"
                    return self._record(attempt, result, f"connection lost: {exc}")
                if not exc.maybe_delivered:
                    self._record(attempt, "failed", f"connection dropped ({exc}); tried again")
                    continue
                if not transport.can_look_up:
                    return self._record(
                        attempt,
                        "uncertain",
                        f"connection dropped after the message was handed over ({exc})",
                    )
                try:
                    arrived = bool(transport.present([draft.message_id]))
                except Dropped as again:  # the next run looks it up
                    self.lost = f"dropped again while looking the draft up ({again})"
                    return self._record(attempt, "uncertain", f"connection lost: {again}")
                if arrived:
                    return self._record(attempt, "delivered", "found in the folder after a drop")
                self._record(attempt, "failed", f"connection dropped ({exc}); tried again")
                continue
            return self._record(attempt, "delivered", reply)
        return "failed", f"connection dropped {self.retries + 1} times while delivering it"

    def _record(self, attempt: int, result: Result, reply: str) -> tuple[str, str]:
        if self.ledger is not None:
            self.ledger.finish(attempt, result, reply)
        return result, reply

    def _reconnect(self) -> bool:
        """Reopen the connection, waiting longer after each failure; False once given up."""
        why = "no retries allowed"
        for tries in range(self.retries):
            time.sleep(min(60.0, self.backoff * 2**tries))
            try:
                self.transport.connect()
                return True
            except DeliveryError as exc:
                why = str(exc)
        self.lost = why
        return False


@contextmanager
def _connecting(
    kind: str, server: Server, password_variable: str, *, on_error: Callable[[], None]
) -> Iterator[None]:
    """Turn what can go wrong while connecting and logging in into one clear error,
    after ``on_error`` has closed what was opened."""
    where = f"{kind} server {server.address}"
    try:
        try:
            yield
        except BaseException:
            on_error()
            raise
    except ssl.SSLCertVerificationError as exc:
        raise DeliveryError(
            f"{where}: its TLS certificate cannot be verified ({exc.verify_message}); pass "
            "--cafile FILE for a private CA, or --insecure-skip-verify for a local test server."
        ) from None
    except ssl.SSLError as exc:
        raise DeliveryError(
            f"{where}: TLS failed ({exc.reason or exc}); check the port and --ssl/--starttls."
        ) from None
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(
            f"{where} refused the login for {server.user!r} "
            f"({_reply(exc.smtp_code, exc.smtp_error)}); "
            f"check {password_variable} (Gmail and Outlook want an app password)."
        ) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise DeliveryError(
            f"{where}: {exc}; try --ssl, or drop --user if it needs no login."
        ) from None
    except (smtplib.SMTPException, imaplib.IMAP4.error) as exc:
        detail = (
            exc.args[0].decode("utf-8", "replace")
            if exc.args and isinstance(exc.args[0], bytes)
            else str(exc)
        )
        if kind == "IMAP" and "auth" in detail.lower():
            detail += f"; check {password_variable}"
        raise DeliveryError(f"{where} refused: {detail}.") from None
    except OSError as exc:
        raise DeliveryError(
            f"cannot reach {where}: {exc.strerror or exc}; check the host and port."
        ) from None


def _reply(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return f"{code} {' '.join(text.split())}"


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def update_review_sheet(source: Path, ledger_table: pd.DataFrame) -> Path:
    """Add a ``delivery`` column to the ``recipients.csv`` that ``followup draft`` wrote
    beside the drafts, and fill its empty ``sent_at`` cells with the time each draft was
    sent, so ``followup due`` and the analyses see it. Other cells stay as they were."""
    folder = source if source.is_dir() else source.parent
    path = folder / "recipients.csv"
    if not path.is_file():
        raise FollowupError(f"{path} does not exist; it is written by `followup draft`.")
    sheet = pd.read_csv(path, dtype="str", keep_default_na=False)
    if "draft_id" not in sheet.columns:
        raise FollowupError(f"{path} has no draft_id column; was it written by followup draft?")
    table = ledger_table.assign(
        draft_id=ledger_table["message_id"].str.extract(r"^<([^@>]+)@", expand=False),
        order=ledger_table["action"].map({"send": 0, "upload": 1}),
    ).sort_values(["draft_id", "order"])
    first = table.drop_duplicates("draft_id").set_index("draft_id")  # a send beats an upload
    when = first["finished_at"].fillna(first["started_at"]).str[:16].str.replace("T", " ")
    labels = [
        f"{'sent' if action == 'send' else 'in Drafts'} {at} UTC"
        if result == "delivered"
        else f"{action} {result}"
        for action, result, at in zip(first["action"], first["result"], when, strict=True)
    ]
    delivery = pd.Series(labels, index=first.index, dtype="str")
    sheet["delivery"] = sheet["draft_id"].map(delivery).fillna("")
    sent = first.loc[(first["action"] == "send") & (first["result"] == "delivered"), "finished_at"]
    sent_at = pd.to_datetime(sheet["draft_id"].map(sent), utc=True, format="ISO8601")
    local = local_iso(sent_at, sheet["timezone"]) if "timezone" in sheet else sent_at.astype("str")
    if "sent_at" not in sheet.columns:
        sheet["sent_at"] = ""
    sheet["sent_at"] = sheet["sent_at"].where(sheet["sent_at"] != "", local.fillna(""))
    return write_csv(sheet, path)
