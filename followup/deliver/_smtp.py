"""Sending drafts over SMTP: one connection, the envelope from each draft's From and To.

>>> for_sending(b"Date: old\\nX-Unsent: 1\\nTo: b@y.example\\n\\nHi\\n",
...             date="Thu, 26 Nov 2026 12:00:00 +0000")
b'Date: Thu, 26 Nov 2026 12:00:00 +0000\\r\\nTo: b@y.example\\r\\n\\r\\nHi\\r\\n'
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Sequence
from email.utils import formatdate

from followup.deliver._auth import smtp_login
from followup.deliver._outbox import Draft
from followup.deliver._transport import Dropped, Refused, Server, connecting, reply_text
from followup.errors import DeliveryError


def open_smtp(server: Server) -> smtplib.SMTP:
    """An SMTP connection to ``server`` over TLS, logged in if it has a user.

    After STARTTLS the client says EHLO again, always: the server forgets the
    first EHLO, offers its AUTH only now, and would answer ``503 send HELO first``
    to a MAIL FROM on a connection without a login.

    Raises
    ------
    DeliveryError
        The server cannot be reached, or refuses TLS or the login.
    """
    client: smtplib.SMTP | None = None

    def close() -> None:
        if client is not None:
            client.close()

    with connecting("SMTP", server, on_error=close):
        if server.security == "ssl":
            client = smtplib.SMTP_SSL(
                server.host, server.port, timeout=server.timeout, context=server.tls
            )
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
            client.starttls(context=server.tls)
        client.ehlo()
        if server.user:
            credential = server.credential
            if credential is None:
                raise DeliveryError(
                    f"SMTP server {server.address}: no password or token to log in as "
                    f"{server.user!r}; give one, or no user for a server that needs no login.",
                    options=("password", "user"),
                )
            smtp_login(client, server.host, server.port, server.user, credential)
    assert client is not None
    return client


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
        self._client = open_smtp(self.server)

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
                    raise Dropped(reply_text(code, reply), maybe_delivered=False)
                if code not in accepted:
                    self._reset()
                    raise Refused(reply_text(code, reply))
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            raise Dropped(str(exc) or type(exc).__name__, maybe_delivered=False) from None
        try:
            code, reply = client.data(message)
        except smtplib.SMTPDataError as exc:  # DATA itself refused: nothing was handed over
            if exc.smtp_code == 421:
                raise Dropped(
                    reply_text(exc.smtp_code, exc.smtp_error), maybe_delivered=False
                ) from None
            self._reset()
            raise Refused(reply_text(exc.smtp_code, exc.smtp_error)) from None
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            raise Dropped(str(exc) or type(exc).__name__, maybe_delivered=True) from None
        if code != 250:
            raise Refused(reply_text(code, reply))
        return reply_text(code, reply)

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
