"""`followup send`, `upload` and `status` as a user runs them, crashes included: real
processes, real servers on loopback, kill -9 mid-batch."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from email import message_from_bytes, policy
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, SENDER, Done, cli
from mailservers import PASSWORD, USER, Dovecot, SmtpServer

import followup
from followup.deliver import LEDGER_NAME, read_outbox


@pytest.fixture(scope="module")
def drafted_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drafted") / "drafts"
    done = run(
        "draft", "data/interviews.csv", "--sender", SENDER, "--out", str(folder),
        "--tz", "America/Chicago", "--now", "2026-11-24 18:00",
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    return folder


@pytest.fixture
def drafted(drafted_once: Path, tmp_path: Path) -> Path:
    """A fresh copy of a folder written by `followup draft` from the bundled sample."""
    return Path(shutil.copytree(drafted_once, tmp_path / "drafts"))


def run(*args: str, password: str | None = None) -> Done:
    """The command in this process, with ``password`` in both password variables."""
    if password is None:
        return cli(*args)
    return cli(*args, env={"FOLLOWUP_SMTP_PASSWORD": password, "FOLLOWUP_IMAP_PASSWORD": password})


def smtp_args(folder: Path, smtp: SmtpServer, *extra: str) -> list[str]:
    return [
        "send", str(folder), "--smtp", f"127.0.0.1:{smtp.port}", "--user", USER,
        "--cafile", str(smtp.ca_file), "--rate", "none", *extra,
    ]  # fmt: skip


def imap_args(folder: Path, dovecot: Dovecot, user: str, *extra: str) -> list[str]:
    return [
        "upload", str(folder), "--imap", f"127.0.0.1:{dovecot.ssl_port}", "--user", user,
        "--cafile", str(dovecot.ca_file), *extra,
    ]  # fmt: skip


def test_send_is_a_dry_run_until_asked(drafted, smtp):
    done = run(*smtp_args(drafted, smtp))  # no password needed: nothing connects
    assert done.returncode == 0, done.stderr
    assert "Dry run: nothing was sent. Add --send to send these 22 draft(s)." in done.stdout
    assert "dana.whitfield@northwind.example" in done.stdout
    assert smtp.inbox.connections == 0
    assert sorted(p.name for p in drafted.iterdir() if "delivery" in p.name) == []

    sent = run(*smtp_args(drafted, smtp, "--send"), password=PASSWORD)
    assert sent.returncode == 0, sent.stderr
    assert "22 delivered, 0 skipped as already delivered, 0 failed, 0 uncertain" in sent.stdout
    assert len(smtp.inbox.messages) == 22


def test_status_table_and_the_review_sheet(drafted, smtp):
    run(*smtp_args(drafted, smtp, "--send", "--limit", "3"), password=PASSWORD)
    status = run("status", str(drafted), "--update-sheet")
    assert status.returncode == 0, status.stderr
    assert status.stdout.count(" delivered ") == 3
    sheet = pd.read_csv(drafted / "recipients.csv", dtype="str", keep_default_na=False)
    sent = sheet[sheet["sent_at"] != ""]
    assert len(sent) == 3
    assert sent["delivery"].str.startswith("sent 20").all()
    assert (sheet.loc[sheet["sent_at"] == "", "delivery"] == "").all()
    recipients = followup.read_interviews(drafted / "recipients.csv").recipients
    sent_rows = recipients[recipients["sent_at"].notna()]  # the sheet still reads, with sent_at
    assert len(sent_rows) == 3
    assert (sent_rows["sent_at"] > sent_rows["interview_end"]).all()


def test_no_password_wrong_password_and_unverified_tls(drafted, smtp):
    missing = run(*smtp_args(drafted, smtp, "--send"))
    assert missing.returncode == 2
    assert missing.stderr == (
        f"followup: no password for {USER} at 127.0.0.1: set FOLLOWUP_SMTP_PASSWORD (or log "
        "in with an OAuth2 token: --oauth2-command CMD), or run in a terminal to be asked.\n"
    )
    wrong = run(*smtp_args(drafted, smtp, "--send"), password="nope")
    assert wrong.returncode == 2
    assert wrong.stderr.count("\n") == 1
    assert "refused the login for 'avery' (535 5.7.8" in wrong.stderr
    assert "(on the command line: $FOLLOWUP_SMTP_PASSWORD).\n" in wrong.stderr
    unverified = [a for a in smtp_args(drafted, smtp, "--send", "--limit", "1") if a != "--cafile"]
    unverified.remove(str(smtp.ca_file))
    refused = run(*unverified, password=PASSWORD)
    assert refused.returncode == 2
    assert "certificate cannot be verified" in refused.stderr
    assert "(on the command line: --cafile FILE, --insecure-skip-verify).\n" in refused.stderr
    insecure = run(*unverified, "--insecure-skip-verify", password=PASSWORD)
    assert insecure.returncode == 0
    assert "WARNING: not verifying the TLS certificate" in insecure.stderr
    assert len(smtp.inbox.messages) == 1


def test_a_bad_draft_fails_alone_and_the_exit_status_says_so(drafted, smtp):
    (drafted / "zz-broken.eml").write_bytes(b"this is not an email\n")
    done = run(*smtp_args(drafted, smtp, "--send"), password=PASSWORD)
    assert done.returncode == 1
    assert "22 delivered" in done.stdout
    assert "failed: zz-broken.eml to : not an email message" in done.stdout


def test_send_killed_after_the_server_took_a_message(drafted, smtp):
    """kill -9 while the server holds its answer to the 8th message: the rerun reports
    that one as uncertain, sends the rest, and the server has every message once."""
    smtp.inbox.hold_at_data = 8
    killed = start(smtp_args(drafted, smtp, "--send"), PASSWORD)
    assert smtp.inbox.holding.wait(30)
    killed.kill()
    killed.wait()
    smtp.inbox.release.set()
    rerun = run(*smtp_args(drafted, smtp, "--send"), password=PASSWORD)
    assert rerun.returncode == 1
    assert "14 delivered, 7 skipped as already delivered, 0 failed, 1 uncertain" in rerun.stdout
    uncertain = read_outbox(drafted)[7]
    assert f"uncertain: {uncertain.source}" in rerun.stdout
    assert [smtp.inbox.count(d.message_id) for d in read_outbox(drafted)] == [1] * 22


def test_send_killed_before_the_server_took_a_message(drafted, smtp):
    """kill -9 while the 8th MAIL FROM waits: that message never arrived; it stays
    uncertain until --resend-uncertain, then every message is at the server once."""
    smtp.inbox.hold_at_mail = 8
    killed = start(smtp_args(drafted, smtp, "--send"), PASSWORD)
    assert smtp.inbox.holding.wait(30)
    killed.kill()
    killed.wait()
    smtp.inbox.release.set()
    assert run(*smtp_args(drafted, smtp, "--send"), password=PASSWORD).returncode == 1
    assert len(smtp.inbox.messages) == 21
    resent = run(*smtp_args(drafted, smtp, "--send", "--resend-uncertain"), password=PASSWORD)
    assert resent.returncode == 0, resent.stdout
    assert "1 delivered, 21 skipped as already delivered" in resent.stdout
    assert [smtp.inbox.count(d.message_id) for d in read_outbox(drafted)] == [1] * 22


def many_drafts(folder: Path, count: int, drafts: pd.DataFrame) -> list[str]:
    """``count`` distinct drafts cloned from the first of ``drafts``."""
    folder.mkdir()
    raw = next(followup.draft.draft_messages(drafts.head(1), now="2026-11-24 18:00"))
    ids = [f"<bulk-{n:04d}@example.com>" for n in range(count)]
    for n, message_id in enumerate(ids):
        (folder / f"{n:04d}.eml").write_bytes(
            raw.replace(b"Message-ID: <", f"Message-ID: {message_id}\nX-Old-ID: <".encode(), 1)
        )
    return ids


def test_upload_killed_mid_batch_twice_then_each_draft_is_there_once(
    tmp_path, dovecot, sample_drafts
):
    folder = tmp_path / "bulk"
    ids = many_drafts(folder, 300, sample_drafts)
    server = dovecot.server()
    args = imap_args(folder, dovecot, server.user or "")
    for stop_after in (40, 150):
        killed = start(args, PASSWORD)
        wait_for_ledger(folder / LEDGER_NAME, stop_after, killed)
        killed.kill()
        killed.wait()
    done = run(*args, password=PASSWORD)
    assert done.returncode == 0, done.stdout + done.stderr
    stored = [
        message_from_bytes(m, policy=policy.default)["Message-ID"]
        for _, m in dovecot.folder(server)
    ]
    assert sorted(stored) == ids  # every draft, none twice


def test_upload_to_a_missing_folder_is_one_clear_line(drafted, dovecot):
    server = dovecot.server()
    done = run(
        *imap_args(drafted, dovecot, server.user or "", "--folder", "Nope"), password=PASSWORD
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "has no folder 'Nope'; it has: Drafts, INBOX, Sent" in done.stderr


def start(args: list[str], password: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "FOLLOWUP_SMTP_PASSWORD": password, "FOLLOWUP_IMAP_PASSWORD": password}
    return subprocess.Popen(
        [sys.executable, "-m", "followup", *args],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for_ledger(path: Path, delivered: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if path.exists():
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                query = "SELECT count(*) FROM attempts WHERE result = 'delivered'"
                (done,) = db.execute(query).fetchone()
            except sqlite3.OperationalError:  # the table is not there yet
                done = 0
            finally:
                db.close()
            if done >= delivered:
                return
        time.sleep(0.002)
    raise AssertionError(f"the upload ended or stalled before {delivered} drafts were delivered")
