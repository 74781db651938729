"""Logging in, against real servers on loopback: no login over STARTTLS, passwords in any
script, OAuth2 (aiosmtpd's XOAUTH2/OAUTHBEARER, Dovecot's oauth2 passdb with a token
introspection endpoint), folder names in any script, and secrets that never show."""

from __future__ import annotations

import imaplib
import re
import smtplib
import sqlite3
import sys
import traceback
from pathlib import Path

import pandas as pd
import pytest
from conftest import process
from mailservers import (
    PASSWORD,
    UNICODE_PASSWORD,
    UNICODE_USER,
    USER,
    Dovecot,
    SmtpServer,
)

import followup
from followup.deliver import (
    LEDGER_NAME,
    ImapUploader,
    Ledger,
    OAuth2,
    Password,
    SmtpSender,
    deliver,
    imap_login,
    open_imap,
    read_outbox,
)
from followup.errors import DeliveryError, FollowupError

NOW = "2026-11-24 18:00"


@pytest.fixture
def drafts_dir(tmp_path: Path, sample_drafts: pd.DataFrame) -> Path:
    folder = tmp_path / "drafts"
    followup.write_drafts(sample_drafts, folder, now=NOW)
    return folder


def send_with(folder: Path, server, **options: object):
    options.setdefault("backoff", 0.01)
    with Ledger(folder / LEDGER_NAME) as ledger:
        return deliver(read_outbox(folder), SmtpSender(server), ledger, **options)


def upload_with(folder: Path, server, name: str | None = None, **options: object):
    options.setdefault("backoff", 0.01)
    with Ledger(folder / LEDGER_NAME) as ledger:
        return deliver(read_outbox(folder), ImapUploader(server, name), ledger, **options)


def token_command(tmp_path: Path, tokens: list[str]) -> str:
    """A command that prints the next of ``tokens`` each time it runs (as oama would)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    script = tmp_path / "token.py"
    count = tmp_path / "count"
    script.write_text(
        "import pathlib, sys\n"
        f"count = pathlib.Path({str(count)!r})\n"
        "n = int(count.read_text()) if count.exists() else 0\n"
        "count.write_text(str(n + 1))\n"
        f"print({tokens!r}[n])\n"
    )
    return f"{sys.executable} {script}"


# --- SMTP: EHLO after STARTTLS, and AUTH only after TLS ---------------------------------------


def test_send_without_login_to_a_relay_that_demands_starttls_and_offers_no_auth(
    drafts_dir, smtp_relay: SmtpServer
):
    """smtplib forgets the EHLO at STARTTLS; without login() saying it again, MAIL FROM
    got '503 send HELO first' and nothing went out."""
    server = smtp_relay.server(user=None, password=None)
    report = send_with(drafts_dir, server, limit=3)
    assert report.counts["delivered"] == 3, report.summary()
    assert len(smtp_relay.inbox.messages) == 3
    with smtplib.SMTP("127.0.0.1", smtp_relay.port) as client:
        client.starttls(context=server.tls)
        client.ehlo()
        assert not client.has_extn("auth")  # really a server without AUTH


def test_send_without_login_over_implicit_tls(drafts_dir, smtps: SmtpServer):
    server = smtps.server(user=None, password=None, security="ssl")
    report = send_with(drafts_dir, server, limit=2)
    assert report.counts["delivered"] == 2, report.summary()


def test_send_without_user_from_the_command_line(tmp_path, sample_drafts, smtp_relay):
    folder = tmp_path / "drafts"
    followup.write_drafts(sample_drafts, folder, now=NOW)
    done = process(
        "send", str(folder), "--smtp", f"127.0.0.1:{smtp_relay.port}",
        "--cafile", str(smtp_relay.ca_file), "--rate", "none", "--send", "--limit", "2",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 delivered" in done.stdout
    assert len(smtp_relay.inbox.messages) == 2


def test_auth_offered_only_after_tls_is_used_after_tls(drafts_dir, smtp):
    with smtplib.SMTP("127.0.0.1", smtp.port) as client:
        client.ehlo()
        assert not client.has_extn("auth")  # before STARTTLS the server hides AUTH
    report = send_with(drafts_dir, smtp.server(), limit=2)
    assert report.counts["delivered"] == 2
    assert smtp.inbox.mechanisms == ["PLAIN"]


# --- passwords in any script ---------------------------------------------------------------


def test_a_password_in_any_script_over_smtp_plain_and_login(drafts_dir, smtp, smtp_login_only):
    for server, mechanism in ((smtp, "PLAIN"), (smtp_login_only, "LOGIN")):
        settings = server.server(user=UNICODE_USER, password=UNICODE_PASSWORD)
        report = send_with(drafts_dir, settings, limit=1)
        assert report.counts["delivered"] == 1, report.summary()
        assert server.inbox.mechanisms == [mechanism]
        (drafts_dir / LEDGER_NAME).unlink()
    wrong = smtp.server(user=UNICODE_USER, password=UNICODE_PASSWORD[:-1] + "ß")
    with pytest.raises(DeliveryError, match=r"refused the login for 'zofia' \(535") as raised:
        send_with(drafts_dir, wrong)
    assert "ß" not in str(raised.value)
    assert UNICODE_PASSWORD[:-1] not in str(raised.value)


def test_a_password_in_any_script_over_imap(drafts_dir, dovecot: Dovecot):
    server = dovecot.server(user=UNICODE_USER, password=UNICODE_PASSWORD)
    report = upload_with(drafts_dir, server, "Sent", limit=2)
    assert report.counts["delivered"] == 2, report.summary()
    client = open_imap(server)  # the same login the reply reader uses
    try:
        status, data = client.select('"Sent"', readonly=True)
        assert status == "OK"
        assert int(data[0] or 0) >= 2
    finally:
        client.logout()
    wrong = dovecot.server(user=UNICODE_USER, password="Zażółć-wrong")
    with pytest.raises(DeliveryError, match="AUTHENTICATIONFAILED") as raised:
        upload_with(drafts_dir, wrong)
    assert "Zażółć" not in str(raised.value)


# --- OAuth2 --------------------------------------------------------------------------------


def test_oauth2_xoauth2_over_smtp_with_a_fresh_token_per_connection(drafts_dir, smtp, tmp_path):
    tokens = [f"ya29.token-{n}" for n in range(4)]
    smtp.inbox.tokens = dict.fromkeys(tokens, USER)
    smtp.inbox.drop_at_rcpt.add(2)  # the second connection needs a token of its own
    server = smtp.server(password=None, oauth2=OAuth2(token_command(tmp_path, tokens)))
    report = send_with(drafts_dir, server, limit=3)
    assert report.counts["delivered"] == 3, report.summary()
    assert smtp.inbox.mechanisms == ["XOAUTH2", "XOAUTH2"]
    assert smtp.inbox.tokens_seen == tokens[:2]


def test_oauth2_from_the_environment_and_oauthbearer_where_only_it_is_offered(
    drafts_dir, smtp_oauthbearer, monkeypatch
):
    monkeypatch.setenv("FOLLOWUP_OAUTH2_TOKEN", "ya29.from-env")
    smtp_oauthbearer.inbox.tokens = {"ya29.from-env": USER}
    server = smtp_oauthbearer.server(password=None, oauth2=OAuth2())
    assert send_with(drafts_dir, server, limit=1).counts["delivered"] == 1
    assert smtp_oauthbearer.inbox.mechanisms == ["OAUTHBEARER"]


def test_a_refused_token_is_one_line_naming_the_likely_causes(drafts_dir, smtp, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_OAUTH2_TOKEN", "ya29.expired-long-ago")
    server = smtp.server(password=None, oauth2=OAuth2())
    with pytest.raises(DeliveryError) as raised:
        send_with(drafts_dir, server)
    message = str(raised.value)
    assert message.startswith("SMTP server 127.0.0.1:")
    assert "refused the OAuth2 token for 'avery' (535 5.7.8" in message
    assert "status 401, scope https://mail.google.com/" in message
    for cause in ("expired", "scope", "another user"):
        assert cause in message
    assert "\n" not in message
    assert "expired-long-ago" not in message
    assert smtp.inbox.messages == []


def test_token_command_problems_are_clear(tmp_path, monkeypatch):
    monkeypatch.delenv("FOLLOWUP_OAUTH2_TOKEN", raising=False)
    cases = {
        "no OAuth2 token: set FOLLOWUP_OAUTH2_TOKEN": OAuth2(),
        "'no-such-token-helper' was not found": OAuth2("no-such-token-helper --user x"),
        "failed (exit status 3); run it by hand": OAuth2(f"{sys.executable} -c 'exit(3)'"),
        "printed nothing": OAuth2(f"{sys.executable} -c pass"),
        "printed more than one word": OAuth2(f"{sys.executable} -c 'print(\"a b\")'"),
        "cannot be split into words": OAuth2("helper 'unclosed"),
    }
    for message, source in cases.items():
        with pytest.raises(FollowupError, match=re.escape(message)):
            source.token()
    assert "secret" not in repr(OAuth2("cat secret"))
    assert repr(Password("hunter2")) == "Password(<hidden>)"


def test_oauth2_over_imap_against_dovecot_oauth2_passdb(drafts_dir, dovecot: Dovecot, tmp_path):
    plain = dovecot.server()
    user = plain.user or ""
    token = dovecot.token(user)
    server = dovecot.server(
        user=user, password=None, oauth2=OAuth2(token_command(tmp_path, [token]))
    )
    report = upload_with(drafts_dir, server, limit=2)
    assert report.counts["delivered"] == 2, report.summary()
    assert token in dovecot.introspection.asked  # Dovecot asked the endpoint about it
    assert len(dovecot.folder(plain)) == 2

    unknown = OAuth2(token_command(tmp_path / "refused", ["ya29.unknown"]))
    refused = dovecot.server(user=user, password=None, oauth2=unknown)
    with pytest.raises(DeliveryError, match=r"refused the OAuth2 token for 'user\d+'") as raised:
        upload_with(drafts_dir, refused)
    assert "expired" in str(raised.value)
    assert "ya29.unknown" not in str(raised.value)


def test_oauthbearer_over_imap_against_dovecot(dovecot: Dovecot):
    server = dovecot.server()
    user = server.user or ""
    client = imaplib.IMAP4_SSL(server.host, server.port, ssl_context=server.tls)
    try:
        client.capabilities = tuple(c for c in client.capabilities if c != "AUTH=XOAUTH2")
        imap_login(client, server.host, user, _EnvToken(dovecot.token(user)))
        assert client.state == "AUTH"
    finally:
        client.logout()


class _EnvToken(OAuth2):
    """A token source that hands out one given token (what the environment would)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        object.__setattr__(self, "_token", token)

    def token(self) -> str:
        return str(self._token)  # type: ignore[attr-defined]


# --- folder names in any script --------------------------------------------------------------


def test_upload_into_a_folder_named_with_non_ascii_letters(drafts_dir, dovecot: Dovecot):
    server = dovecot.server()
    client = imaplib.IMAP4_SSL(server.host, server.port, ssl_context=server.tls)
    try:
        client.login(server.user or "", PASSWORD)
        assert client.create('"Entw&APw-rfe"')[0] == "OK"  # RFC 3501's modified UTF-7
    finally:
        client.logout()
    report = upload_with(drafts_dir, server, "Entwürfe", limit=2)
    assert report.counts["delivered"] == 2, report.summary()
    assert report.target.endswith("/Entwürfe")
    stored = dovecot.folder(server, "Entw&APw-rfe")
    assert len(stored) == 2
    assert all(b"\\Draft" in flags for flags, _ in stored)
    again = upload_with(drafts_dir, server, "Entwürfe", limit=2)  # looked up, not twice
    assert again.counts["already delivered"] == 2
    with pytest.raises(DeliveryError, match="it has: Drafts, Entwürfe, INBOX, Sent"):
        upload_with(drafts_dir, server, "Brouillons")


# --- secrets never show ----------------------------------------------------------------------

SECRET_PASSWORD = "Sëcret-Pässwörd-Q7x9"
SECRET_TOKEN = "ya29.SECRET-TOKEN-Zq81"


def test_passwords_and_tokens_never_show_in_any_output(tmp_path, sample_drafts, smtp, dovecot):
    """Failing runs, with a distinctive password and token: not in stdout, stderr, any
    file beside the drafts (the ledger and its dump included), nor an exception."""
    folder = tmp_path / "drafts"
    followup.write_drafts(sample_drafts, folder, now=NOW)
    imap_user = dovecot.server().user or ""
    token_script = token_command(tmp_path, [SECRET_TOKEN] * 10)
    smtp_base = [
        "send", str(folder), "--smtp", f"127.0.0.1:{smtp.port}", "--user", USER,
        "--cafile", str(smtp.ca_file), "--rate", "none", "--send",
    ]  # fmt: skip
    imap_base = [
        "upload", str(folder), "--imap", f"127.0.0.1:{dovecot.ssl_port}", "--user", imap_user,
        "--cafile", str(dovecot.ca_file),
    ]  # fmt: skip
    runs = [
        (smtp_base, {"FOLLOWUP_SMTP_PASSWORD": SECRET_PASSWORD}),
        (imap_base, {"FOLLOWUP_IMAP_PASSWORD": SECRET_PASSWORD}),
        (smtp_base, {"FOLLOWUP_OAUTH2_TOKEN": SECRET_TOKEN}),
        (imap_base, {"FOLLOWUP_OAUTH2_TOKEN": SECRET_TOKEN}),
        ([*smtp_base, "--oauth2-command", token_script], {}),
        ([*imap_base, "--oauth2-command", token_script], {}),
    ]
    outputs = []
    for args, env in runs:
        done = process(*args, env=env)
        assert done.returncode == 2, done.stdout + done.stderr
        assert done.stderr.count("\n") == 1, done.stderr
        outputs += [done.stdout, done.stderr]
    # a run that gets past the login and then fails a draft keeps its secret too
    smtp.inbox.refuse.add(read_outbox(folder)[0].recipient)
    ok = process(*smtp_base, "--limit", "2", env={"FOLLOWUP_SMTP_PASSWORD": PASSWORD})
    assert ok.returncode == 1
    outputs += [ok.stdout, ok.stderr]
    status = process("status", str(folder))
    outputs += [status.stdout, status.stderr]
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.name != "token.py":
            outputs.append(path.read_bytes().decode("utf-8", "replace"))
    with sqlite3.connect(folder / LEDGER_NAME) as db:
        outputs.append("\n".join(db.iterdump()))
    try:  # the library's exception and its traceback, as a log file would keep them
        send_with(folder, smtp.server(password=SECRET_PASSWORD))
    except DeliveryError as exc:
        outputs += [repr(exc), "".join(traceback.format_exception(exc))]
    server = smtp.server(password=SECRET_PASSWORD, oauth2=OAuth2(token_script))
    outputs += [repr(server), str(server)]
    everything = "\n".join(outputs)
    for secret in (SECRET_PASSWORD, SECRET_TOKEN, "Pässwörd", "SECRET-TOKEN"):
        assert secret not in everything
    assert "refused the login" in everything
    assert "refused the OAuth2 token" in everything
