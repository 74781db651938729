"""Real mail servers on loopback for the delivery tests: aiosmtpd (STARTTLS or TLS; AUTH
PLAIN, LOGIN, XOAUTH2, OAUTHBEARER; or a relay without AUTH) and Dovecot (IMAP; a
password passdb with one non-ASCII password, and an oauth2 passdb that asks a token
introspection endpoint the fixture serves on loopback), all with a certificate from a
CA the tests make.

Dovecot comes from Debian's packages (`apt-get install dovecot-imapd`; `.ci/run`
installs it). Where it is missing the IMAP tests are skipped with that reason,
unless FOLLOWUP_REQUIRE_DOVECOT=1 (set by CI), which turns the skip into a failure.
"""

from __future__ import annotations

import asyncio
import base64
import grp
import imaplib
import itertools
import json
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import MISSING, SMTP, AuthResult, Envelope, LoginPassword, Session

from followup.deliver import Server, tls_context

USER, PASSWORD = "avery", "correct-horse-battery"
#: A second account whose password is not ASCII, on every server.
UNICODE_USER, UNICODE_PASSWORD = "zofia", "Zażółć-gęślą-jaźń-пароль-鍵🔑"
#: What a server says when it refuses a token (Gmail's shape).
TOKEN_ERROR = {"status": "401", "schemes": "bearer", "scope": "https://mail.google.com/"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Certificates:
    ca_file: Path
    cert_file: Path
    key_file: Path
    server_context: ssl.SSLContext


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    folder = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    issued = ca.issue_cert("127.0.0.1", "localhost")
    ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    issued.cert_chain_pems[0].write_to_path(str(folder / "cert.pem"))
    issued.private_key_pem.write_to_path(str(folder / "key.pem"))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    issued.configure_cert(context)
    return Certificates(folder / "ca.pem", folder / "cert.pem", folder / "key.pem", context)


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes  # as the server got it: CRLF line ends, dots unstuffed


@dataclass
class Inbox:
    """What the SMTP server received, and the ways the tests make it misbehave."""

    messages: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # recipients answered 550
    drop_at_rcpt: set[int] = field(default_factory=set)  # close the connection at these RCPTs
    hold_at_mail: int | None = None  # before answering this MAIL FROM, wait for `release`
    hold_at_data: int | None = None  # after storing this message, wait for `release`
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    mails: int = 0
    rcpts: int = 0
    connections: int = 0
    offer_auth: bool = True
    tokens: dict[str, str] = field(default_factory=dict)  # OAuth2 token -> the user it is for
    tokens_seen: list[str] = field(default_factory=list)
    mechanisms: list[str] = field(default_factory=list)  # the AUTH mechanism of each login

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        return await self._oauth2(server, args, "XOAUTH2")

    async def auth_OAUTHBEARER(self, server: SMTP, args: list[str]) -> AuthResult:
        return await self._oauth2(server, args, "OAUTHBEARER")

    async def _oauth2(self, server: SMTP, args: list[str], mechanism: str) -> AuthResult:
        """XOAUTH2 and OAUTHBEARER as Gmail answers them: a refused token gets a JSON
        challenge, the client's empty (or ^A) reply, then 535."""
        if len(args) > 1:
            blob = base64.b64decode(args[1])
        else:
            answer = await server.challenge_auth("")
            if answer is MISSING:
                return AuthResult(success=False, handled=True)
            assert isinstance(answer, bytes)
            blob = answer
        fields = dict(part.split("=", 1) for part in blob.decode().split("\x01") if "=" in part)
        user = fields.get("user") or fields.get("n,a", "").rstrip(",")
        token = fields.get("auth", "").removeprefix("Bearer ")
        self.tokens_seen.append(token)
        self.mechanisms.append(mechanism)
        if token and self.tokens.get(token) == user:
            return AuthResult(success=True, auth_data=user)
        await server.challenge_auth(json.dumps(TOKEN_ERROR))
        return AuthResult(
            success=False, handled=False, message="535 5.7.8 Username and Password not accepted"
        )

    async def handle_EHLO(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        if session.ssl is not None:  # count each connection once, after its TLS starts
            self.connections += 1
        session.host_name = hostname
        if not self.offer_auth:
            return [line for line in responses if not line.startswith("250-AUTH")]
        return responses

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        self.mails += 1
        if self.mails == self.hold_at_mail:
            await self._hold()
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        self.rcpts += 1
        if self.rcpts in self.drop_at_rcpt:
            assert server.transport is not None
            server.transport.close()
            return "421 4.3.0 closing the connection"
        if address in self.refuse:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert isinstance(envelope.original_content, bytes)
        self.messages.append(
            Received(str(envelope.mail_from), list(envelope.rcpt_tos), envelope.original_content)
        )
        if len(self.messages) == self.hold_at_data:
            await self._hold()
        return f"250 2.0.0 queued as {len(self.messages)}"

    async def _hold(self) -> None:
        self.holding.set()
        await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)

    def count(self, message_id: str) -> int:
        needle = f"Message-ID: {message_id}\r\n".encode()
        return sum(needle in m.data for m in self.messages)


def _authenticate(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: object
) -> AuthResult:
    accounts = {
        (USER.encode(), PASSWORD.encode()),
        (UNICODE_USER.encode(), UNICODE_PASSWORD.encode()),
    }
    ok = isinstance(data, LoginPassword) and (data.login, data.password) in accounts
    if ok:
        assert isinstance(server.event_handler, Inbox)
        server.event_handler.mechanisms.append(mechanism)
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535


@dataclass
class SmtpServer:
    inbox: Inbox
    port: int
    ca_file: Path

    def server(self, **changes: object) -> Server:
        """Client settings that log in with the right password over verified TLS."""
        settings: dict[str, object] = {
            "host": "127.0.0.1",
            "port": self.port,
            "user": USER,
            "password": PASSWORD,
            "tls": tls_context(str(self.ca_file)),
            "timeout": 10.0,
        }
        settings.update(changes)
        return Server(**settings)  # type: ignore[arg-type]


def _smtp(
    certificates: Certificates,
    *,
    implicit_tls: bool,
    auth: bool = True,
    exclude: tuple[str, ...] = ("LOGIN",),
) -> Iterator[SmtpServer]:
    inbox, port = Inbox(), free_port()
    # aiosmtpd counts only STARTTLS as TLS: over implicit TLS it offers AUTH, not demands it
    security: dict[str, object] = (
        {"ssl_context": certificates.server_context, "auth_require_tls": False}
        if implicit_tls
        else {
            "tls_context": certificates.server_context,
            "require_starttls": True,
            "auth_required": auth,
        }
    )
    if auth:
        # offered only after STARTTLS (aiosmtpd's auth_require_tls, on by default)
        security["authenticator"] = _authenticate
    else:  # a relay that takes mail from anyone over TLS, and offers no AUTH at all
        inbox.offer_auth = False
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        # smtplib tried LOGIN after a refused PLAIN and aiosmtpd 1.4 then waited forever;
        # tests that want LOGIN offer it alone
        auth_exclude_mechanism=list(exclude),
        server_hostname="localhost",
        **security,
    )
    controller.start()
    try:
        yield SmtpServer(inbox, port, certificates.ca_file)
    finally:
        inbox.release.set()
        controller.stop()


@pytest.fixture
def smtp(certificates: Certificates) -> Iterator[SmtpServer]:
    """An SMTP server on loopback that wants STARTTLS, then AUTH."""
    yield from _smtp(certificates, implicit_tls=False)


@pytest.fixture
def smtp_relay(certificates: Certificates) -> Iterator[SmtpServer]:
    """An SMTP server on loopback that demands STARTTLS and offers no AUTH (a campus relay)."""
    yield from _smtp(certificates, implicit_tls=False, auth=False)


@pytest.fixture
def smtp_login_only(certificates: Certificates) -> Iterator[SmtpServer]:
    """STARTTLS, then AUTH LOGIN as the only password mechanism (no PLAIN, no OAuth2)."""
    yield from _smtp(certificates, implicit_tls=False, exclude=("PLAIN", "XOAUTH2", "OAUTHBEARER"))


@pytest.fixture
def smtp_oauthbearer(certificates: Certificates) -> Iterator[SmtpServer]:
    """STARTTLS, then OAUTHBEARER as the only OAuth2 mechanism."""
    yield from _smtp(certificates, implicit_tls=False, exclude=("LOGIN", "XOAUTH2"))


@pytest.fixture
def smtps(certificates: Certificates) -> Iterator[SmtpServer]:
    """An SMTP server on loopback speaking TLS from the first byte (port 465 style)."""
    yield from _smtp(certificates, implicit_tls=True)


def _wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.02)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


# --- Dovecot -----------------------------------------------------------------------------

_DOVECOT_CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
first_valid_uid = 1
auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
disable_plaintext_auth = yes
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/passwd
  mechanisms = plain login
}}
passdb {{
  driver = static
  args = password={password}
  mechanisms = plain login
  username_filter = user*
}}
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/oauth2.conf.ext
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  mailbox Drafts {{
    special_use = \\Drafts
    auto = create
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = create
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
"""


_OAUTH2_CONFIG = """\
introspection_mode = post
introspection_url = http://127.0.0.1:{port}/introspect
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
"""


class Introspection(ThreadingHTTPServer):
    """A token-introspection endpoint (RFC 7662) on loopback, for Dovecot's oauth2
    passdb: a token it was given is active for its user; any other is not."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _IntrospectionHandler)
        self.tokens: dict[str, str] = {}
        self.asked: list[str] = []
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _IntrospectionHandler(BaseHTTPRequestHandler):
    server: Introspection

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        token = (form.get("token") or [""])[0]
        self.server.asked.append(token)
        user = self.server.tokens.get(token)
        body = json.dumps({"active": True, "username": user} if user else {"active": False})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


def dovecot_binary() -> str | None:
    return shutil.which("dovecot", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")


@dataclass
class Dovecot:
    port: int  # STARTTLS
    ssl_port: int
    ca_file: Path
    introspection: Introspection
    log: Path
    users: Iterator[int] = field(default_factory=itertools.count)

    def token(self, user: str) -> str:
        """A new OAuth2 access token the introspection endpoint vouches for."""
        token = f"ya29.{user}-{len(self.introspection.tokens)}-" + "x" * 40
        self.introspection.tokens[token] = user
        return token

    def server(self, **changes: object) -> Server:
        """Settings for a new, empty mailbox (a user no other test has used)."""
        settings: dict[str, object] = {
            "host": "127.0.0.1",
            "port": self.ssl_port,
            "user": f"user{next(self.users)}",
            "password": PASSWORD,
            "security": "ssl",
            "tls": tls_context(str(self.ca_file)),
            "timeout": 10.0,
        }
        settings.update(changes)
        return Server(**settings)  # type: ignore[arg-type]

    def folder(self, server: Server, folder: str = "Drafts") -> list[tuple[bytes, bytes]]:
        """(flags, message) of everything in a folder (its name in modified UTF-7, as
        IMAP wants it), read back over IMAP with the password of ``PASSWORD``."""
        client = imaplib.IMAP4_SSL(server.host, self.ssl_port, ssl_context=server.tls)
        try:
            client.login(server.user or "", PASSWORD)
            client.select(f'"{folder}"', readonly=True)
            _, data = client.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[])")
        finally:
            client.logout()
        return [(item[0], item[1]) for item in data if isinstance(item, tuple)]


@pytest.fixture(scope="session")
def dovecot(certificates: Certificates) -> Iterator[Dovecot]:
    binary = dovecot_binary()
    if binary is None:
        reason = (
            "Dovecot is not installed, so the IMAP tests did not run: apt-get install dovecot-imapd"
        )
        if os.environ.get("FOLLOWUP_REQUIRE_DOVECOT") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="followup-dovecot-"))
    root.chmod(0o755)  # the login process runs as an unprivileged user
    (root / "home").mkdir(mode=0o777)
    (root / "home").chmod(0o1777)
    if os.geteuid() == 0:  # Dovecot refuses root for logins and mail
        mail_user = pwd.getpwnam("dovecot")
        internal, login = "root", "dovenull"
    else:
        mail_user = pwd.getpwuid(os.geteuid())
        internal = login = mail_user.pw_name
    port, ssl_port = free_port(), free_port()
    introspection = Introspection()
    (root / "oauth2.conf.ext").write_text(_OAUTH2_CONFIG.format(port=introspection.port))
    (root / "passwd").write_text(f"{UNICODE_USER}:{{PLAIN}}{UNICODE_PASSWORD}\n", "utf-8")
    (root / "passwd").chmod(0o644)
    config = root / "dovecot.conf"
    config.write_text(
        _DOVECOT_CONFIG.format(
            root=root,
            cert=certificates.cert_file,
            key=certificates.key_file,
            internal_user=internal,
            internal_group=grp.getgrgid(pwd.getpwnam(internal).pw_gid).gr_name,
            login_user=login,
            password=PASSWORD,
            uid=mail_user.pw_uid,
            gid=mail_user.pw_gid,
            port=port,
            ssl_port=ssl_port,
        )
    )
    for name in ("cert_file", "key_file"):
        getattr(certificates, name).chmod(0o644)
    subprocess.run([binary, "-c", str(config)], check=True)
    try:
        _wait_for_port(ssl_port)
        yield Dovecot(port, ssl_port, certificates.ca_file, introspection, root / "dovecot.log")
    finally:
        subprocess.run([binary, "-c", str(config), "stop"], check=False)
        introspection.stop()
        shutil.rmtree(root, ignore_errors=True)
