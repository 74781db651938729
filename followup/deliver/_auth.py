"""Logging in to a mail server: a password in any script, or an OAuth2 access token.

A credential is a :class:`Password` or an :class:`OAuth2` token source. Neither
shows its secret in a repr, and no error message here quotes one. Passwords go
over the wire in UTF-8 (SMTP ``AUTH PLAIN``/``LOGIN``, IMAP ``AUTHENTICATE
PLAIN``), so ``Zoë`` or ``пароль`` work; tokens over ``XOAUTH2``, or
``OAUTHBEARER`` where only that is offered.

>>> Password("pässwörd")
Password(<hidden>)
>>> xoauth2("you@example.com", "tok")
b'user=you@example.com\\x01auth=Bearer tok\\x01\\x01'
"""

from __future__ import annotations

import base64
import binascii
import imaplib
import json
import os
import shlex
import smtplib
import subprocess
from dataclasses import dataclass, field

from followup.errors import DeliveryError, OptionError

#: Where a token comes from when no token command is given.
TOKEN_VARIABLE = "FOLLOWUP_OAUTH2_TOKEN"


@dataclass(frozen=True)
class Password:
    """A password; its repr never shows it."""

    secret: str = field(repr=False)

    def __repr__(self) -> str:
        return "Password(<hidden>)"


@dataclass(frozen=True)
class OAuth2:
    """Where OAuth2 access tokens come from: ``command`` (split like a shell would, run
    anew for each connection, its output stripped), else ``$FOLLOWUP_OAUTH2_TOKEN``.
    A token is never read from a file of ours or from an argument."""

    command: str | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return f"OAuth2({'command' if self.command else '$' + TOKEN_VARIABLE})"

    def token(self) -> str:
        """A fresh access token."""
        if not self.command:
            token = os.environ.get(TOKEN_VARIABLE, "").strip()
            if not token:
                raise DeliveryError(
                    f"no OAuth2 token: set {TOKEN_VARIABLE}, or give a command that prints "
                    "a fresh one.",
                    options=("oauth2_command",),
                )
            return token
        try:
            argv = shlex.split(self.command)
        except ValueError as exc:
            raise OptionError(
                f"the OAuth2 token command cannot be split into words ({exc}); check its quotes.",
                options=("oauth2_command",),
            ) from None
        if not argv:
            raise OptionError("the OAuth2 token command is empty.", options=("oauth2_command",))
        name = argv[0]
        try:
            # stdin and stderr stay the user's: the command may ask them to sign in
            done = subprocess.run(argv, stdout=subprocess.PIPE, timeout=300, check=False)
        except FileNotFoundError:
            raise DeliveryError(
                f"the OAuth2 token command {name!r} was not found; install it or give its path.",
                options=("oauth2_command",),
            ) from None
        except PermissionError:
            raise DeliveryError(
                f"the OAuth2 token command {name!r} cannot be run (permission denied).",
                options=("oauth2_command",),
            ) from None
        except subprocess.TimeoutExpired:
            raise DeliveryError(
                f"the OAuth2 token command {name!r} printed no token in 5 minutes.",
                options=("oauth2_command",),
            ) from None
        if done.returncode != 0:
            raise DeliveryError(
                f"the OAuth2 token command {name!r} failed (exit status {done.returncode}); "
                "run it by hand to see why.",
                options=("oauth2_command",),
            )
        token = done.stdout.decode("utf-8", "replace").strip()
        if not token or any(c.isspace() for c in token):
            what = "nothing" if not token else "more than one word"
            raise DeliveryError(
                f"the OAuth2 token command {name!r} printed {what}; it must print the access "
                "token alone.",
                options=("oauth2_command",),
            )
        return token


Credential = Password | OAuth2


def plain(user: str, password: str) -> bytes:
    """SASL PLAIN (RFC 4616) in UTF-8."""
    return b"\0" + user.encode("utf-8") + b"\0" + password.encode("utf-8")


def xoauth2(user: str, token: str) -> bytes:
    """The XOAUTH2 initial response (Google's and Microsoft's)."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01".encode()


def oauthbearer(user: str, token: str, host: str, port: int) -> bytes:
    """The OAUTHBEARER initial response (RFC 7628)."""
    name = user.replace("=", "=3D").replace(",", "=2C")
    return f"n,a={name},\x01host={host}\x01port={port}\x01auth=Bearer {token}\x01\x01".encode()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def token_refused(where: str, user: str, detail: str) -> DeliveryError:
    """The one-line error for a token the server did not take."""
    scope = "SMTP.Send" if where.startswith("SMTP") else "IMAP.AccessAsUser.All"
    return DeliveryError(
        f"{where} refused the OAuth2 token for {user!r} ({detail}); likely causes: it "
        "expired (get a fresh one), it lacks the scope for this server (Microsoft 365: "
        f"https://outlook.office.com/{scope}; Gmail: https://mail.google.com/), or it was "
        "issued to another user than this login.",
        options=("oauth2_command", "user"),
    )


def challenge_detail(challenge: bytes | str) -> str:
    """What an OAuth2 error challenge (base64 JSON) says, shortly.

    >>> challenge_detail(b64(b'{"status":"401","schemes":"Bearer","scope":"https://mail.google.com/"}'))
    'status 401, scope https://mail.google.com/'
    """
    try:
        data = base64.b64decode(challenge, validate=True)
        parsed = json.loads(data)
    except (binascii.Error, ValueError):
        return "no details"
    if not isinstance(parsed, dict):
        return "no details"
    shown = [f"{k} {parsed[k]}" for k in ("status", "scope") if isinstance(parsed.get(k), str)]
    return ", ".join(shown) or "no details"


def smtp_login(
    client: smtplib.SMTP, host: str, port: int, user: str, credential: Credential
) -> None:
    """Log in on an SMTP connection that has said EHLO over TLS.

    Raises ``SMTPAuthenticationError`` for a refused password, :class:`DeliveryError`
    for a refused token or a server that offers no way to log in with this credential.
    """
    if not client.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
    offered = client.esmtp_features["auth"].upper().split()
    where = f"SMTP server {host}:{port}"
    if isinstance(credential, OAuth2):
        mechanism = _oauth2_mechanism(offered, where, "AUTH ")
        token = credential.token()
        payload = (
            xoauth2(user, token) if mechanism == "XOAUTH2" else oauthbearer(user, token, host, port)
        )
        code, reply = client.docmd("AUTH", f"{mechanism} {b64(payload)}")
        detail = ""
        if code == 334:  # the error, as base64 JSON; the client must end the exchange
            detail = challenge_detail(reply)
            code, reply = client.docmd("" if mechanism == "XOAUTH2" else b64(b"\x01"))
        if code != 235:
            text = " ".join(reply.decode("utf-8", "replace").split())
            raise token_refused(where, user, f"{code} {text}" + (f"; {detail}" if detail else ""))
        return
    password = credential.secret
    if "PLAIN" in offered:
        code, reply = client.docmd("AUTH", "PLAIN " + b64(plain(user, password)))
    elif "LOGIN" in offered:
        code, reply = client.docmd("AUTH", "LOGIN " + b64(user.encode("utf-8")))
        if code == 334:
            code, reply = client.docmd(b64(password.encode("utf-8")))
    else:
        raise DeliveryError(
            f"{where} offers no password login (it offers {' '.join(offered) or 'nothing'}); "
            "log in with an OAuth2 token instead.",
            options=("oauth2_command",),
        )
    if code not in (235, 503):  # 503: already logged in
        raise smtplib.SMTPAuthenticationError(code, reply)


def imap_login(client: imaplib.IMAP4, host: str, user: str, credential: Credential) -> None:
    """Log in on an IMAP connection over TLS: ``AUTHENTICATE PLAIN`` in UTF-8 where
    offered (plain ``LOGIN`` can carry ASCII only), or an OAuth2 mechanism.

    Raises ``IMAP4.error`` for a refused password, :class:`DeliveryError` for a
    refused token or no way to log in with this credential.
    """
    offered = {c.upper() for c in client.capabilities}
    where = f"IMAP server {host}:{client.port}"
    if isinstance(credential, OAuth2):
        methods = [c.removeprefix("AUTH=") for c in offered if c.startswith("AUTH=")]
        mechanism = _oauth2_mechanism(methods, where, "AUTHENTICATE ")
        token = credential.token()
        payload = (
            xoauth2(user, token)
            if mechanism == "XOAUTH2"
            else oauthbearer(user, token, host, client.port)
        )
        said: list[bytes] = []

        def step(challenge: bytes) -> bytes:
            said.append(challenge)
            if len(said) == 1:
                return payload
            return b"" if mechanism == "XOAUTH2" else b"\x01"  # ends a failed exchange

        try:
            client.authenticate(mechanism, step)
        except imaplib.IMAP4.error as exc:
            detail = " ".join(_text(exc).split())
            if len(said) > 1:
                detail += "; " + challenge_detail(base64.b64encode(said[-1]))
            raise token_refused(where, user, detail) from None
        return
    password = credential.secret
    if "AUTH=PLAIN" in offered:
        client.authenticate("PLAIN", lambda _: plain(user, password))
    elif user.isascii() and password.isascii():
        client.login(user, password)
    else:
        raise DeliveryError(
            f"{where} offers no AUTHENTICATE PLAIN, and its LOGIN command cannot carry "
            "letters outside ASCII in a user name or password; change the password, or "
            "log in with an OAuth2 token.",
            options=("oauth2_command",),
        )


def _oauth2_mechanism(offered: list[str] | set[str], where: str, verb: str) -> str:
    for mechanism in ("XOAUTH2", "OAUTHBEARER"):
        if mechanism in offered:
            return mechanism
    raise DeliveryError(
        f"{where} offers no OAuth2 login ({verb}{' '.join(sorted(offered)) or 'nothing'}); "
        "log in with a password instead.",
        options=("oauth2_command",),
    )


def _text(exc: BaseException) -> str:
    first = exc.args[0] if exc.args else ""
    return first.decode("utf-8", "replace") if isinstance(first, bytes) else str(first)
