"""The ledger cannot lie: a damaged ledger stops the run, a lost one does not resend what
the folder shows was sent, an edited recipient is reported, and a ledger from before
blake2b ids is migrated and matched by recipient before anything is sent."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, cli
from mailservers import PASSWORD, USER, Dovecot, SmtpServer

import followup
from followup._ids import ID_SCHEME
from followup.deliver import (
    LEDGER_NAME,
    LOG_NAME,
    ImapUploader,
    Ledger,
    SmtpSender,
    check_not_lost,
    deliver,
    read_outbox,
)
from followup.errors import DeliveryError

NOW = "2026-11-24 18:00"


@pytest.fixture
def drafts_dir(tmp_path: Path, sample_drafts: pd.DataFrame) -> Path:
    folder = tmp_path / "drafts"
    followup.write_drafts(sample_drafts, folder, now=NOW)
    return folder


@pytest.fixture(scope="module")
def drafted_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drafted") / "drafts"
    done = cli(
        "draft", "data/interviews.csv", "--sender", "Avery Quinn <avery@example.com>",
        "--out", str(folder), "--tz", "America/Chicago", "--now", NOW,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    return folder


@pytest.fixture
def drafted(drafted_once: Path, tmp_path: Path) -> Path:
    """A folder written by `followup draft`: drafts, recipients.csv and the rest."""
    return Path(shutil.copytree(drafted_once, tmp_path / "drafts"))


def send(folder: Path, smtp: SmtpServer, **options: object):
    options.setdefault("backoff", 0.01)
    with Ledger(folder / LEDGER_NAME) as ledger:
        return deliver(read_outbox(folder), SmtpSender(smtp.server()), ledger, **options)


def send_cli(folder: Path, smtp: SmtpServer, *extra: str):
    return cli(
        "send", str(folder), "--smtp", f"127.0.0.1:{smtp.port}", "--user", USER,
        "--cafile", str(smtp.ca_file), "--rate", "none", "--send", *extra,
        env={"FOLLOWUP_SMTP_PASSWORD": PASSWORD},
    )  # fmt: skip


def remove_ledger(folder: Path) -> None:
    for path in folder.glob(f"{LEDGER_NAME}*"):
        path.unlink()


# --- a damaged ledger ------------------------------------------------------------------------


def test_a_damaged_ledger_is_one_line_and_exit_2(drafted, smtp):
    assert send_cli(drafted, smtp, "--limit", "5").returncode == 0
    path = drafted / LEDGER_NAME
    data = bytearray(path.read_bytes())
    assert len(data) >= 3 * 4096
    data[4096 + 100 : 3 * 4096] = b"\xa5" * (3 * 4096 - 4096 - 100)  # pages 2 and 3 ruined
    path.write_bytes(bytes(data))
    for args in (("--limit", "1"), ()):
        done = send_cli(drafted, smtp, *args)
        assert done.returncode == 2, done.stdout + done.stderr
        assert done.stderr.count("\n") == 1
        assert re.match(
            rf"followup: {re.escape(str(path))}: the delivery ledger is damaged \(", done.stderr
        )
        assert "move it aside" in done.stderr
    status = cli("status", str(drafted))
    assert status.returncode == 2
    assert "the delivery ledger is damaged" in status.stderr
    assert len(smtp.inbox.messages) == 5  # nothing sent twice
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)  # a ruined header
    assert send_cli(drafted, smtp).returncode == 2


# --- a lost ledger ---------------------------------------------------------------------------


def test_send_refuses_a_lost_ledger_when_the_folder_shows_sends(drafted, smtp):
    assert send_cli(drafted, smtp, "--limit", "4").returncode == 0
    assert " send smtp: 4 delivered" in (drafted / LOG_NAME).read_text()
    assert cli("status", str(drafted), "--update-sheet").returncode == 0
    remove_ledger(drafted)

    refused = send_cli(drafted, smtp)
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1
    assert f"{drafted / LEDGER_NAME} is missing, but {drafted / LOG_NAME} records 1 run(s)" in (
        refused.stderr
    )
    assert "shows 4 draft(s) sent" in refused.stderr
    assert "--ledger-lost-i-checked-sent" in refused.stderr
    assert "upload needs no ledger" in refused.stderr
    dry = cli("send", str(drafted), "--smtp", f"127.0.0.1:{smtp.port}")
    assert dry.returncode == 2  # the dry run says so too, instead of listing 22 to send

    Ledger(drafted / LEDGER_NAME).close()  # an empty ledger is no better
    (drafted / LOG_NAME).unlink()  # the review sheet alone is enough
    empty = send_cli(drafted, smtp)
    assert empty.returncode == 2
    assert "is empty, but the delivery column of" in empty.stderr
    assert len(smtp.inbox.messages) == 4

    (drafted / "sent").mkdir()  # the user checked Sent, and moved those drafts away
    sheet = pd.read_csv(drafted / "recipients.csv", dtype="str", keep_default_na=False)
    for name in sheet.loc[sheet["delivery"] != "", "draft_id"]:
        for eml in drafted.glob(f"*{name[-8:]}.eml"):
            eml.rename(drafted / "sent" / eml.name)
    checked = send_cli(drafted, smtp, "--ledger-lost-i-checked-sent")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "18 delivered" in checked.stdout
    assert len(smtp.inbox.messages) == 22
    assert len({m.rcpt_tos[0] for m in smtp.inbox.messages}) == 22  # none twice


def test_no_refusal_without_signs_of_sends_nor_for_uploads(drafts_dir):
    check_not_lost(drafts_dir, None, action="send", checked_sent=False)  # a first send
    (drafts_dir / LOG_NAME).write_text("2026-11-24T18:00:00Z send smtp: 3 delivered\n")
    check_not_lost(drafts_dir, None, action="upload", checked_sent=False)  # looks drafts up
    with pytest.raises(DeliveryError, match="is missing, but"):
        check_not_lost(drafts_dir, None, action="send", checked_sent=False)
    with Ledger(drafts_dir / LEDGER_NAME) as ledger:
        ledger.begin("upload", "imap://x", "<a@b>", server="", draft="", recipient="")
        check_not_lost(drafts_dir, ledger, action="send", checked_sent=False)  # not lost


# --- edited after delivery -------------------------------------------------------------------


def test_a_draft_edited_after_delivery_is_reported_never_skipped_or_sent(drafts_dir, smtp):
    assert send(drafts_dir, smtp, limit=3).counts["delivered"] == 3
    first = read_outbox(drafts_dir)[0]
    path = drafts_dir / first.source
    path.write_bytes(
        path.read_bytes().replace(f"<{first.recipient}>".encode(), b"<new.person@example.com>")
    )
    report = send(drafts_dir, smtp)
    row = report.outcomes.set_index("draft").loc[first.source]
    assert row["outcome"] == "edited after delivery"
    assert f"sent to {first.recipient} at " in row["detail"]
    assert "its To is now new.person@example.com" in row["detail"]
    assert "redraft it" in row["detail"]
    assert report.counts["already delivered"] == 2
    assert report.counts["delivered"] == 19
    assert not report.ok
    assert "1 edited after delivery" in report.summary()
    assert f"edited after delivery: {first.source} to new.person@example.com" in report.summary()
    assert not any("new.person@example.com" in m.rcpt_tos for m in smtp.inbox.messages)
    assert smtp.inbox.count(first.message_id) == 1

    path.write_bytes(  # the address put back: already delivered, as before
        path.read_bytes().replace(b"<new.person@example.com>", f"<{first.recipient}>".encode())
    )
    assert send(drafts_dir, smtp).counts["already delivered"] == 22


# --- a ledger from before blake2b ids ----------------------------------------------------------

_OLD_SCHEMA = """
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY, action TEXT NOT NULL, target TEXT NOT NULL,
    message_id TEXT NOT NULL, server TEXT NOT NULL, draft TEXT NOT NULL,
    recipient TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
    result TEXT, reply TEXT
);
CREATE INDEX attempts_by_message ON attempts (action, target, message_id, id);
"""


def old_ledger(folder: Path, rows: list[tuple[str, str, str]]) -> None:
    """A ledger as followup wrote it before ids came from blake2b: no id_scheme column,
    ids of 12 hex digits, file names ending in 6 of them. ``rows``: (id, file, to)."""
    with sqlite3.connect(folder / LEDGER_NAME) as db:
        db.executescript(_OLD_SCHEMA)
        db.executemany(
            "INSERT INTO attempts (action, target, message_id, server, draft, recipient, "
            "started_at, finished_at, result, reply) VALUES ('send', 'smtp', ?, 'h:587', ?, ?, "
            "'2026-11-20T10:00:00+00:00', '2026-11-20T10:00:01+00:00', 'delivered', '250 OK')",
            rows,
        )
    db.close()


def old_name(source: str, tail: str) -> str:
    return re.sub(r"-[0-9a-zA-Z]+\.eml$", f"-{tail}.eml", source)


def test_an_old_ledger_is_migrated_and_matched_by_recipient_before_sending(drafts_dir, smtp):
    drafts = read_outbox(drafts_dir)
    rows = [
        (f"<{n:012x}@example.com>", old_name(d.source, f"{n:06x}"), d.recipient)
        for n, d in enumerate(drafts[:5], start=0xA0)
    ]
    # two old sends to the 6th draft's address, neither from its interview: ambiguous
    sixth = drafts[5]
    rows += [
        (f"<{n:012x}@example.com>", f"2026-11-01-other-{n}-abcdef.eml", sixth.recipient)
        for n in (0xB0, 0xB1)
    ]
    old_ledger(drafts_dir, rows)

    dry = send(drafts_dir, smtp, dry_run=True)  # the dry run tells, and writes nothing
    assert dry.counts["already delivered"] == 5
    assert dry.counts["uncertain"] == 1
    assert dry.counts["would send"] == 16

    report = send(drafts_dir, smtp)
    assert report.counts["already delivered"] == 5
    assert report.counts["uncertain"] == 1
    assert report.counts["delivered"] == 16
    assert (
        "  6 draft(s) matched by recipient to deliveries the ledger recorded under the old id "
        "scheme: 5 counted as delivered, 1 uncertain."
    ) in report.summary()
    details = report.outcomes.set_index("draft")["detail"]
    assert (
        "as <0000000000a0@example.com>, its id before followup's blake2b ids"
        in (details[drafts[0].source])
    )
    assert "2 deliveries to" in details[sixth.source]
    sent = {m.rcpt_tos[0] for m in smtp.inbox.messages}
    assert sent == {d.recipient for d in drafts[6:]}  # nothing went out twice

    with sqlite3.connect(drafts_dir / LEDGER_NAME) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2
        schemes = dict(
            db.execute("SELECT coalesce(id_scheme, 'none'), count(*) FROM attempts GROUP BY 1")
        )
    db.close()
    assert schemes == {"none": 7, ID_SCHEME: 22}
    again = send(drafts_dir, smtp)
    assert again.counts["already delivered"] == 21
    assert again.counts["uncertain"] == 1
    resent = send(drafts_dir, smtp, resend_uncertain=True)
    assert resent.counts["delivered"] == 1
    assert smtp.inbox.count(sixth.message_id) == 1


def test_a_run_stopped_with_ctrl_c_still_records_its_sends_in_the_log(drafted, smtp):
    smtp.inbox.hold_at_mail = 5
    env = {**os.environ, "FOLLOWUP_SMTP_PASSWORD": PASSWORD}
    args = [
        "send", str(drafted), "--smtp", f"127.0.0.1:{smtp.port}", "--user", USER,
        "--cafile", str(smtp.ca_file), "--rate", "none", "--send",
    ]  # fmt: skip
    running = subprocess.Popen(
        [sys.executable, "-m", "followup", *args],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # Ctrl-C as a terminal sends it, even when pytest itself was started in the
        # background (a shell's `&` ignores SIGINT, and children inherit that)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert smtp.inbox.holding.wait(30)
    running.send_signal(signal.SIGINT)
    smtp.inbox.release.set()
    running.wait(30)
    assert (drafted / LOG_NAME).read_text().endswith(" send smtp: 4 delivered\n")
    remove_ledger(drafted)
    assert send_cli(drafted, smtp).returncode == 2  # so a lost ledger is noticed


def test_an_upload_edited_after_delivery_is_found_so_even_without_the_ledger(
    drafts_dir, dovecot: Dovecot
):
    server = dovecot.server()

    def upload(**options: object):
        with Ledger(drafts_dir / LEDGER_NAME) as ledger:
            uploader = ImapUploader(server)
            return deliver(read_outbox(drafts_dir), uploader, ledger, backoff=0.01, **options)

    assert upload(limit=3).counts["delivered"] == 3
    remove_ledger(drafts_dir)
    first = read_outbox(drafts_dir)[0]
    path = drafts_dir / first.source
    path.write_bytes(
        path.read_bytes().replace(f"<{first.recipient}>".encode(), b"<new.person@example.com>")
    )
    report = upload()
    row = report.outcomes.set_index("draft").loc[first.source]
    assert row["outcome"] == "edited after delivery"
    assert f"uploaded to {first.recipient.lower()} at " in row["detail"]
    assert report.counts["already delivered"] == 2
    assert report.counts["delivered"] == 19
    assert len(dovecot.folder(server)) == 22  # the edited draft was not uploaded again
