"""`followup replies` on every case a mailbox holds, from an mbox, a Maildir and a real
Dovecot seeded over IMAP APPEND; bad input; kill -9 mid-run."""

from __future__ import annotations

import imaplib
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, SENDER, cli
from mailservers import PASSWORD, Dovecot
from replycases import (
    DANA,
    LUIS,
    cases,
    expected,
    message,
    mid,
    record_sent,
    write_maildir,
    write_mbox,
)

import followup
from followup.deliver import LEDGER_NAME, Book, parse_message, read_mbox


@pytest.fixture(scope="module")
def drafted_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drafted") / "drafts"
    done = cli(
        "draft", "data/interviews.csv", "--sender", SENDER, "--out", str(folder),
        "--tz", "America/Chicago", "--now", "2026-11-24 18:00",
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    return folder


@pytest.fixture
def sent(drafted_once: Path, tmp_path: Path) -> Path:
    """A drafts folder whose every draft the ledger says was sent on 2026-11-25."""
    folder = Path(shutil.copytree(drafted_once, tmp_path / "drafts"))
    record_sent(folder)
    return folder


def replies_of(folder: Path) -> pd.DataFrame:
    with Book(folder / LEDGER_NAME) as book:
        table = book.replies()
    columns = ["draft_id", "kind", "matched_by"]
    return table[columns].sort_values(columns).reset_index(drop=True)


def ids_of(folder: Path) -> set[tuple[str, str]]:
    with Book(folder / LEDGER_NAME) as book:
        table = book.replies()
    return set(zip(table["reply_id"], table["draft_id"], strict=True))


def sheet(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "recipients.csv", dtype="str", keep_default_na=False)


def test_every_case_from_an_mbox(sent, tmp_path):
    box = write_mbox(tmp_path / "inbox.mbox", [c.message for c in cases()])
    done = cli("replies", str(sent), "--mbox", str(box))
    assert done.returncode == 0, done.stderr
    assert "Read 10 message(s)" in done.stdout
    assert "(1 with broken headers, skipped)" in done.stdout
    assert "4 new replies, 1 new auto-reply, 1 new bounce(s)" in done.stdout
    pd.testing.assert_frame_equal(replies_of(sent), expected())
    rows = sheet(sent).set_index("draft_id")
    # Dana's first reply counts, for her draft and for the whole Northwind panel
    assert rows.loc[DANA, "draft_replied_at"] == "2026-11-26T09:00:00-06:00"
    assert rows.loc[LUIS, "replied_at"] == "2026-11-26T09:00:00-06:00"
    assert rows.loc[LUIS, "reply_from"] == "dana.whitfield@northwind.example"
    assert rows.loc[LUIS, "draft_replied_at"] == ""
    assert rows.loc[LUIS, "auto_reply"].startswith("auto-reply 2026-11-25: Out of Office")
    kwame = rows[rows["interviewer_name"] == "Kwame Mensah"].iloc[0]
    assert kwame["replied_at"] == ""  # his message came before the thank-you went out


def test_same_domain_counts_a_colleague_marked_as_such(sent, tmp_path):
    box = write_mbox(tmp_path / "inbox.mbox", [c.message for c in cases()])
    assert cli("replies", str(sent), "--mbox", str(box), "--same-domain").returncode == 0
    pd.testing.assert_frame_equal(replies_of(sent), expected(same_domain=True))


def test_the_same_cases_from_a_maildir(sent, tmp_path):
    folder = write_maildir(tmp_path / "Maildir", [c.message for c in cases()])
    assert cli("replies", str(sent), "--maildir", str(folder)).returncode == 0
    pd.testing.assert_frame_equal(replies_of(sent), expected())


def test_a_rerun_only_adds(sent, tmp_path):
    first = [c.message for c in cases()][:3]
    assert (
        cli("replies", str(sent), "--mbox", str(write_mbox(tmp_path / "a", first))).returncode == 0
    )
    before = ids_of(sent)
    everything = write_mbox(tmp_path / "b", [c.message for c in cases()])
    again = cli("replies", str(sent), "--mbox", str(everything))
    assert "1 new reply, 1 new auto-reply, 1 new bounce(s)" in again.stdout
    third = cli("replies", str(sent), "--mbox", str(everything))
    assert "0 new replies, 0 new auto-replies, 0 new bounce(s)" in third.stdout
    after = replies_of(sent)
    pd.testing.assert_frame_equal(after, expected())
    assert len(before) == 3
    assert before < ids_of(sent)


def test_a_hand_typed_replied_at_stays_where_no_reply_was_found(sent, tmp_path):
    table = sheet(sent)
    table.loc[table["interviewer_name"] == "Mei Tanaka", "replied_at"] = "2026-11-23T10:00:00-08:00"
    table.to_csv(sent / "recipients.csv", index=False)
    box = write_mbox(tmp_path / "inbox.mbox", [c.message for c in cases()])
    assert cli("replies", str(sent), "--mbox", str(box)).returncode == 0
    mei = sheet(sent).set_index("interviewer_name").loc["Mei Tanaka"]
    assert mei["replied_at"] == "2026-11-23T10:00:00-08:00"


def test_status_shows_replied_waiting_and_auto_reply(sent, tmp_path):
    only_luis = [c.message for c in cases() if c.name == "out of office"]
    assert (
        cli("replies", str(sent), "--mbox", str(write_mbox(tmp_path / "m", only_luis))).returncode
        == 0
    )
    done = cli("status", str(sent))
    assert "auto-reply: 1" in done.stdout
    assert "waiting: 11" in done.stdout
    box = write_mbox(tmp_path / "inbox.mbox", [c.message for c in cases()])
    cli("replies", str(sent), "--mbox", str(box))
    assert "replied: 3" in cli("status", str(sent)).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mbox", "nowhere.mbox"], "nowhere.mbox does not exist"),
        (["--mbox", "data/interviews.csv"], "is not an mbox file"),
        (["--maildir", "data"], "is not a Maildir folder"),
    ],
)
def test_a_mailbox_that_is_not_one_is_one_line_and_exit_2(sent, args, message):
    done = cli("replies", str(sent), *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stderr.count("\n") == 1


def test_a_folder_without_a_ledger_says_what_to_run_first(drafted_once, tmp_path):
    box = write_mbox(tmp_path / "inbox.mbox", [c.message for c in cases()])
    done = cli("replies", str(drafted_once), "--mbox", str(box))
    assert done.returncode == 2
    assert "has no delivery ledger" in done.stderr
    assert "followup send" in done.stderr
    assert "`followup draft" in done.stderr


def test_broken_headers_are_skipped_not_fatal():
    assert parse_message(b"From: nobody\nDate: yesterday\n", where="x") is None
    assert parse_message(b"\xff\xfe\x00garbage", where="x") is None
    raw = message("a@b.example", "2026-11-26 10:00Z", "=?utf-8?q?Abwesenheitsnotiz?=")
    assert parse_message(raw, where="x").kind == "auto-reply"  # type: ignore[union-attr]


# --- IMAP: a real Dovecot, seeded with the same cases over APPEND -------------------------


def seed(dovecot: Dovecot, messages: list[bytes], folder: str = "INBOX") -> object:
    server = dovecot.server()
    client = imaplib.IMAP4_SSL(server.host, server.port, ssl_context=server.tls)
    client.login(server.user or "", PASSWORD)
    for raw in messages:
        parsed = parse_message(raw, where="seed")
        when = parsed.date if parsed else pd.Timestamp("2026-11-26", tz="UTC").to_pydatetime()
        client.append(folder, "", imaplib.Time2Internaldate(when), raw)
    client.logout()
    return server


def imap(folder: Path, server: object, dovecot: Dovecot, *extra: str) -> tuple[int, str, str]:
    done = cli(
        "replies", str(folder), "--imap", f"127.0.0.1:{dovecot.ssl_port}",
        "--user", server.user, "--cafile", str(dovecot.ca_file), *extra,  # type: ignore[attr-defined]
        env={"FOLLOWUP_IMAP_PASSWORD": PASSWORD},
    )  # fmt: skip
    return done.returncode, done.stdout, done.stderr


def test_every_case_over_imap_read_only(sent, dovecot):
    server = seed(dovecot, [c.message for c in cases()])
    before = dovecot.folder(server, "INBOX")  # type: ignore[arg-type]
    code, out, err = imap(sent, server, dovecot)
    assert code == 0, err
    pd.testing.assert_frame_equal(replies_of(sent), expected())
    # the server's SEARCH left out the newsletter and the message without a sender
    assert "Read 8 message(s)" in out
    assert dovecot.folder(server, "INBOX") == before  # type: ignore[arg-type]  # no flag changed
    code, out, _ = imap(sent, server, dovecot, "--same-domain")
    pd.testing.assert_frame_equal(replies_of(sent), expected(same_domain=True))
    assert "1 new reply," in out


def test_imap_since_searches_on_the_server(sent, dovecot):
    server = seed(dovecot, [c.message for c in cases()])
    code, out, _ = imap(sent, server, dovecot, "--since", "2026-11-27")
    assert code == 0
    kept = replies_of(sent)  # only Oliver's and Dana's second reply came on the 27th
    assert sorted(kept["matched_by"]) == ["in-reply-to", "sender"]
    assert "Read 2 message(s)" in out


def test_imap_errors_are_one_line_and_exit_2(sent, dovecot):
    server = seed(dovecot, [])
    code, _, err = imap(sent, server, dovecot, "--folder", "Nope")
    assert code == 2
    assert "has no folder 'Nope'" in err
    assert err.count("\n") == 1
    done = cli(
        "replies", str(sent), "--imap", f"127.0.0.1:{dovecot.ssl_port}", "--user", "avery",
        "--cafile", str(dovecot.ca_file), env={"FOLLOWUP_IMAP_PASSWORD": "wrong"},
    )  # fmt: skip
    assert done.returncode == 2
    assert "refused" in done.stderr
    assert done.stderr.count("\n") == 1


# --- kill -9 -----------------------------------------------------------------------------


def big_mailbox(path: Path, copies: int) -> Path:
    """``copies`` rounds of the cases, each with its own Message-IDs, among filler mail."""
    messages, filler = [], message("news@shop.example", "2026-11-26 07:00Z", "Offer")
    for round_ in range(copies):
        for number, case in enumerate(cases()):
            messages.append(
                case.message.replace(
                    b"Message-ID: <m", f"Message-ID: <r{round_}.{number}.m".encode(), 1
                )
            )
        messages += [
            filler.replace(b"Message-ID: <m", f"Message-ID: <f{round_}.{n}.m".encode(), 1)
            for n in range(40)
        ]
    return write_mbox(path, messages)


def test_kill_9_during_replies_loses_nothing_and_duplicates_nothing(sent, tmp_path):
    box = big_mailbox(tmp_path / "big.mbox", 300)  # 15,000 messages, three chunks
    clean = Path(shutil.copytree(sent, tmp_path / "clean"))
    assert cli("replies", str(clean), "--mbox", str(box)).returncode == 0
    killed = subprocess.Popen(
        [sys.executable, "-m", "followup", "replies", str(sent), "--mbox", str(box)], cwd=REPO
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and killed.poll() is None:
        if (sent / LEDGER_NAME).exists() and len(replies_of(sent)) > 0:
            break
        time.sleep(0.02)
    assert killed.poll() is None, "the run ended before it could be killed"
    killed.kill()
    killed.wait()
    partial = len(replies_of(sent))
    assert 0 < partial < len(replies_of(clean))
    assert cli("replies", str(sent), "--mbox", str(box)).returncode == 0
    pd.testing.assert_frame_equal(replies_of(sent), replies_of(clean))
    assert sheet(sent).equals(sheet(clean))


def test_mbox_reader_reads_every_message(tmp_path):
    box = write_mbox(tmp_path / "m", [c.message for c in cases()])
    assert len(list(read_mbox(box))) == len(cases())
    assert mid(DANA) in b"".join(head for _, head, _ in read_mbox(box)).decode()


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Subject": "Re: Thank you"}, "reply"),
        ({"Subject": "Re: Thank you", "Auto-Submitted": "no"}, "reply"),
        ({"Subject": "Re: Thank you", "Auto-Submitted": "auto-generated"}, "auto-reply"),
        ({"Subject": "Re: Thank you", "X-Autoreply": "yes"}, "auto-reply"),
        ({"Subject": "Re: Thank you", "X-Autorespond": "1"}, "auto-reply"),
        ({"Subject": "Re: Thank you", "Precedence": "auto_reply"}, "auto-reply"),
        ({"Subject": "Weekly news", "Precedence": "list"}, "auto-reply"),
        ({"Subject": "Automatic reply: Thank you"}, "auto-reply"),
        ({"Subject": "Réponse automatique : Merci"}, "auto-reply"),
        ({"Subject": "Respuesta automática: Gracias"}, "auto-reply"),
        ({"Subject": "Fuori ufficio fino al 2 dicembre"}, "auto-reply"),
        ({"Subject": "Afwezig: Bedankt"}, "auto-reply"),
        ({"Subject": "自動返信: ありがとうございます"}, "auto-reply"),
        ({"Subject": "Undeliverable: Thank you"}, "bounce"),
        ({"Content-Type": "multipart/report; report-type=delivery-status"}, "bounce"),
    ],
)
def test_automatic_mail_is_told_from_a_reply(headers, expected):
    head = "From: someone@employer.example\nDate: Thu, 26 Nov 2026 10:00:00 +0000\n"
    head += "".join(f"{name}: {value}\n" for name, value in headers.items())
    raw = (head + "\nHello\n").encode()
    assert parse_message(raw, where="x").kind == expected  # type: ignore[union-attr]


def test_read_ledger_gives_the_tracking_columns(sent, tmp_path):
    box = write_mbox(tmp_path / "inbox.mbox", [c.message for c in cases()])
    cli("replies", str(sent), "--mbox", str(box))
    tracking = followup.read_ledger(sent).set_index("draft_id")
    assert (tracking["sent_at"] == pd.Timestamp("2026-11-25 12:00", tz="UTC")).all()
    dana = pd.Timestamp("2026-11-26 15:00", tz="UTC")
    assert tracking.loc[LUIS, "replied_at"] == dana  # the interview's first reply
    assert pd.isna(tracking.loc[LUIS, "draft_replied_at"])
    assert tracking.loc[DANA, "draft_replied_at"] == dana
    delays = followup.followup_delays(tracking.reset_index())
    times = followup.response_times(delays, as_of="2026-12-01")
    assert times.summary.loc[0, "replies"] == 3


def test_matching_leaves_its_inputs_as_they_were(sent):
    from followup.deliver import incoming_table, match_replies, sent_thank_yous

    thank_yous = sent_thank_yous(sent)
    parsed = [parse_message(c.message, where=c.name) for c in cases()]
    incoming = incoming_table(p for p in parsed if p is not None)
    saved = thank_yous.copy(), incoming.copy()
    match_replies(thank_yous, incoming, same_domain=True)
    pd.testing.assert_frame_equal(thank_yous, saved[0])
    pd.testing.assert_frame_equal(incoming, saved[1])
