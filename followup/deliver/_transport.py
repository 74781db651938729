"""What SMTP and IMAP delivery share: the server, TLS, and the errors a connection can meet.

>>> parse_host("smtp.gmail.com", protocol="smtp", security="starttls")
('smtp.gmail.com', 587)
"""

from __future__ import annotations

import imaplib
import re
import smtplib
import ssl
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from followup.deliver._auth import Credential, OAuth2, Password
from followup.errors import DeliveryError, OptionError

if TYPE_CHECKING:
    from followup.deliver._outbox import Draft


Security = Literal["starttls", "ssl"]


DEFAULT_PORTS = {
    ("smtp", "starttls"): 587,
    ("smtp", "ssl"): 465,
    ("imap", "starttls"): 143,
    ("imap", "ssl"): 993,
}


@dataclass(frozen=True)
class Server:
    """Where to deliver, and how to log in: with ``password``, or with an ``oauth2``
    token source (which wins). Neither shows in a repr."""

    host: str
    port: int
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    oauth2: OAuth2 | None = field(default=None, repr=False)
    security: Security = "starttls"
    tls: ssl.SSLContext = field(default_factory=ssl.create_default_context, repr=False)
    timeout: float = 30.0

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def credential(self) -> Credential | None:
        """What to log in with, or ``None`` for no login."""
        if self.oauth2 is not None:
            return self.oauth2
        return None if self.password is None else Password(self.password)


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
        raise OptionError(f"{text!r} is not a server; write HOST or HOST:PORT.", options=("host",))
    host = match["v6"] or match["host"]
    port = match["p6"] or match["port"]
    return host, int(port) if port else DEFAULT_PORTS[(protocol, security)]


def tls_context(cafile: str | None = None, *, verify: bool = True) -> ssl.SSLContext:
    """A TLS context that checks the server's certificate (against ``cafile`` if given,
    else the system's CAs). ``verify=False`` is for a local test server only.

    >>> tls_context().verify_mode.name
    'CERT_REQUIRED'
    """
    try:
        context = ssl.create_default_context(cafile=cafile)
    except (OSError, ssl.SSLError) as exc:
        raise DeliveryError(
            f"cafile {cafile}: cannot load certificates ({exc}).", options=("cafile",)
        ) from None
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


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


@contextmanager
def connecting(kind: str, server: Server, *, on_error: Callable[[], None]) -> Iterator[None]:
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
            f"{where}: its TLS certificate cannot be verified ({exc.verify_message}); trust "
            "a private CA with cafile, or stop verifying for a local test server only.",
            options=("cafile", "insecure"),
        ) from None
    except ssl.SSLError as exc:
        raise DeliveryError(
            f"{where}: TLS failed ({exc.reason or exc}); check the port and the security "
            "(ssl or starttls).",
            options=("security",),
        ) from None
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(
            f"{where} refused the login for {server.user!r} "
            f"({reply_text(exc.smtp_code, exc.smtp_error)}); "
            "check the password (Gmail and Outlook want an app password).",
            options=("password",),
        ) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise DeliveryError(
            f"{where}: {exc}; try implicit TLS (ssl), or no user if it needs no login.",
            options=("security", "user"),
        ) from None
    except (smtplib.SMTPException, imaplib.IMAP4.error) as exc:
        detail = (
            exc.args[0].decode("utf-8", "replace")
            if exc.args and isinstance(exc.args[0], bytes)
            else str(exc)
        ).rstrip(".")
        if kind == "IMAP" and "auth" in detail.lower():
            raise DeliveryError(
                f"{where} refused: {detail}; check the password.", options=("password",)
            ) from None
        raise DeliveryError(f"{where} refused: {detail}.") from None
    except OSError as exc:
        raise DeliveryError(
            f"cannot reach {where}: {exc.strerror or exc}; check the host and port."
        ) from None


def reply_text(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return f"{code} {' '.join(text.split())}"
