"""`followup checkin`: timing, addressing, threading, at most one per interview through
reruns and kill -9, its own rules in check_drafts, and sending through a real SMTP server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, SENDER, cli
from mailservers import PASSWORD, USER
from replycases import cases, record_sent, write_mbox

import followup
from followup.deliver import LEDGER_NAME, Book, due_dates

SHEET = """\
Company,Role,Date,Start,End,Time Zone,Interviewer,Interviewer Email,Interviewer Title,Main contact,Decision by,Still interested?
Acme Tools,Buyer,11/16/2026,10:00 AM,11:00 AM,America/Chicago,Ann Bell,ann@acme.example,Plant Manager,,Dec 4,yes
Acme Tools,Buyer,11/16/2026,10:00 AM,11:00 AM,America/Chicago,Cy Dunn,cy@acme.example,Buyer,yes,,yes
Birch Labs,Analyst,11/17/2026,2:00 PM,3:00 PM,America/New_York,Dee Ekk,dee@birch.example,Lab Lead,,,yes
Birch Labs,Analyst,11/17/2026,2:00 PM,3:00 PM,America/New_York,Eve Fox,eve@birch.example,Senior Recruiter,,,yes
Cedar Co,Planner,11/18/2026,9:00 AM,10:00 AM,America/Chicago,Fay Gil,fay@cedar.example,Director,,,yes
Cedar Co,Planner,11/18/2026,9:00 AM,10:00 AM,America/Chicago,Gus Hale,gus@cedar.example,Engineer,,,yes
Dune Inc,Clerk,11/18/2026,1:00 PM,2:00 PM,America/Chicago,Hal Ives,hal@dune.example,Manager,,,no
"""  # noqa: E501
NOW = ("--now", "2026-12-10T09:00", "--tz", "America/Chicago")


@pytest.fixture
def sent(tmp_path: Path) -> Path:
    (tmp_path / "sheet.csv").write_text(SHEET)
    folder = tmp_path / "drafts"
    done = cli(
        "draft", str(tmp_path / "sheet.csv"), "--sender", SENDER, "--out", str(folder),
        "--now", "2026-11-18 18:00", "--tz", "America/Chicago",
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    record_sent(folder, "2026-11-19T15:00:00+00:00")
    return folder


def written(folder: Path) -> dict[str, object]:
    """The check-ins of ``folder``, by recipient."""
    out = {}
    for path in sorted((folder / "checkins").glob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        out[str(message["To"].addresses[0].addr_spec)] = message
    return out


def claims(folder: Path) -> pd.DataFrame:
    with Book(folder / LEDGER_NAME) as book:
        return book.checkins()


def test_due_two_business_days_after_the_stated_date_else_seven_after_the_interview():
    ends = pd.Series(["2026-11-16T11:00:00-06:00", "2026-11-20T10:00:00-05:00"])
    zones = pd.Series(["America/Chicago", "America/New_York"])
    due = due_dates(ends, pd.Series(["Dec 4", ""]), zones)
    # Dec 4 is a Friday: two business days later is Tuesday; Nov 20 + 7 business days
    assert [str(t.tz_convert(z)) for t, z in zip(due, zones, strict=True)] == [
        "2026-12-08 09:00:00-06:00",
        "2026-12-01 09:00:00-05:00",
    ]


def test_one_checkin_to_the_main_contact_in_the_thank_you_thread(sent):
    done = cli("checkin", str(sent), *NOW)
    assert done.returncode == 0, done.stderr
    assert "3 check-in(s) written" in done.stdout
    assert "not interested: 1" in done.stdout
    letters = written(sent)
    # contact column, else the recruiter by title, else the first interviewer
    assert sorted(letters) == ["cy@acme.example", "eve@birch.example", "fay@cedar.example"]
    sheet = pd.read_csv(sent / "recipients.csv", dtype="str").set_index("interviewer_email")
    for address, message in letters.items():
        parent = f"<{sheet.loc[address, 'draft_id']}@example.com>"
        assert message["In-Reply-To"] == parent
        assert message["References"] == parent
        assert str(message["Subject"]).startswith("Re: ")
    assert "a decision was expected around December 4" in letters["cy@acme.example"].get_content()


def test_not_before_it_is_due(sent):
    done = cli("checkin", str(sent), "--now", "2026-11-25T08:00", "--tz", "America/Chicago")
    assert "0 check-in(s) written" in done.stdout
    assert "not yet: 3" in done.stdout
    assert not list((sent / "checkins").glob("*.eml")) if (sent / "checkins").exists() else True


def test_at_most_one_per_interview_ever(sent):
    cli("checkin", str(sent), *NOW)
    first = {p.name: p.read_bytes() for p in (sent / "checkins").glob("*.eml")}
    again = cli("checkin", str(sent), "--now", "2027-01-10T09:00", "--tz", "America/Chicago")
    assert "0 check-in(s) written" in again.stdout
    assert "checked in: 3" in again.stdout
    assert {p.name: p.read_bytes() for p in (sent / "checkins").glob("*.eml")} == first
    assert len(claims(sent)) == 3


def test_a_claimed_checkin_whose_file_was_lost_comes_back_the_same(sent):
    """What kill -9 between the ledger's claim and the file's rename leaves: a claim with
    no file. The rerun writes it again, with the same Message-ID, and no second one."""
    cli("checkin", str(sent), *NOW)
    files = sorted((sent / "checkins").glob("*.eml"))
    kept = files[0].read_bytes()
    files[0].unlink()
    done = cli("checkin", str(sent), *NOW)
    assert "1 check-in(s) written" in done.stdout
    assert files[0].read_bytes() == kept
    assert len(claims(sent)) == 3


def test_none_after_a_reply_from_anyone_on_the_interview(sent, tmp_path):
    reply = next(c for c in cases() if c.name == "sender only").message
    reply = reply.replace(b"oliver.grant@meridian.example", b"gus@cedar.example")
    reply = reply.replace(b"Oliver.Grant@meridian.example", b"gus@cedar.example")
    box = write_mbox(tmp_path / "in.mbox", [reply])
    assert cli("replies", str(sent), "--mbox", str(box)).returncode == 0
    done = cli("checkin", str(sent), *NOW)
    assert "replied: 1" in done.stdout
    assert "fay@cedar.example" not in written(sent)
    # an out-of-office is no reply: Birch still gets its check-in
    assert "eve@birch.example" in written(sent)


def test_checkins_pass_their_own_rules_and_the_rules_catch_pressure(sent):
    cli("checkin", str(sent), *NOW)
    done = cli("check", str(sent / "checkins"), "--tz", "America/Chicago")
    assert done.returncode == 0, done.stdout
    assert "Every draft follows the rules." in done.stdout
    drafts = pd.DataFrame(
        {
            "draft_id": ["c-1"],
            "interview_id": ["iv-1"],
            "template": ["checkin"],
            "variant": [0],
            "interviewer_name": ["Cy Dunn"],
            "interviewer_email": ["cy@acme.example"],
            "role": ["Buyer"],
            "company": ["Acme Tools"],
            "interested": [True],
            "due_at": [pd.Timestamp("2026-12-08 15:00", tz="UTC")],
        }
    )
    good = (
        "Dear Cy,\n\nThank you again for meeting me about the Buyer role at Acme Tools. I remain "
        "very interested in the position.\n\nCould you share any update on the timeline?\n\n"
        "Best regards,\nAvery Quinn\n"
    )
    bad = (
        "Dear Cy,\n\nThank you again. I still haven't heard back. I am interested in the role. "
        "I would love to join Acme Tools.\n\nI need an answer soon.\n\nI have other offers.\n\n"
        "Best regards,\nAvery Quinn\n"
    )
    codes = {}
    for name, body in (("good", good), ("bad", bad)):
        found = followup.check_drafts(drafts.assign(body=body), now="2026-12-10")
        codes[name] = sorted(set(found.loc[found["severity"] != "info", "code"]))
    assert codes["good"] == []
    assert codes["bad"] == [
        "checkin_interest",
        "checkin_no_timeline",
        "checkin_pressure",
        "checkin_too_long",
    ]


def test_no_ledger_is_a_clear_error(tmp_path):
    (tmp_path / "sheet.csv").write_text(SHEET)
    folder = tmp_path / "drafts"
    cli("draft", str(tmp_path / "sheet.csv"), "--sender", SENDER, "--out", str(folder))
    done = cli("checkin", str(folder), *NOW)
    assert done.returncode == 2
    assert "has no delivery ledger" in done.stderr


def test_checkin_send_killed_mid_batch_sends_each_once(sent, smtp):
    """kill -9 while the server holds the second MAIL FROM: the rerun claims nothing new,
    and with --resend-uncertain every check-in reaches the server exactly once."""
    args = [
        "checkin", str(sent), *NOW, "--smtp", f"127.0.0.1:{smtp.port}", "--user", USER,
        "--cafile", str(smtp.ca_file), "--rate", "none", "--send",
    ]  # fmt: skip
    smtp.inbox.hold_at_mail = 2
    env = {**os.environ, "FOLLOWUP_SMTP_PASSWORD": PASSWORD}
    killed = subprocess.Popen([sys.executable, "-m", "followup", *args], cwd=REPO, env=env)
    assert smtp.inbox.holding.wait(60)
    killed.kill()
    killed.wait()
    smtp.inbox.release.set()
    rerun = cli(*args, "--resend-uncertain", env={"FOLLOWUP_SMTP_PASSWORD": PASSWORD})
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert len(claims(sent)) == 3
    for message_id in claims(sent)["message_id"]:
        assert smtp.inbox.count(message_id) == 1
    assert len(smtp.inbox.messages) == 3
    again = cli(*args, env={"FOLLOWUP_SMTP_PASSWORD": PASSWORD})
    assert "3 skipped as already delivered" in again.stdout
    assert len(smtp.inbox.messages) == 3
    shutil.rmtree(sent / "checkins")  # even with the folder gone, the ledger says no
    gone = cli(*args, env={"FOLLOWUP_SMTP_PASSWORD": PASSWORD})
    assert "0 check-in(s) written" in gone.stdout
    assert len(smtp.inbox.messages) == 3


def test_checkin_sends_them_all_though_the_reports_reader_has_gone(sent, smtp):
    """``followup checkin ... --send | head``: the report is cut short, not the sending."""
    args = [
        "checkin", str(sent), *NOW, "--smtp", f"127.0.0.1:{smtp.port}", "--user", USER,
        "--cafile", str(smtp.ca_file), "--rate", "none", "--send",
    ]  # fmt: skip
    reader, writer = os.pipe()
    os.close(reader)
    with open(writer, "wb") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "followup", *args],
            cwd=REPO,
            env={**os.environ, "FOLLOWUP_SMTP_PASSWORD": PASSWORD},
            stdout=stdout,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert (done.returncode, done.stderr) == (0, b"")
    assert len(smtp.inbox.messages) == 3


@pytest.mark.parametrize(
    "header", ["Decision by", "They said we'd hear by", "Expected decision", "Hear back by"]
)
def test_the_stated_decision_date_is_read_under_its_common_headers(header):
    sheet = pd.DataFrame(
        {
            "Company": ["Acme"],
            "Role": ["Buyer"],
            "Start": ["2026-11-16 10:00"],
            "Interviewer": ["Ann Bell"],
            "Email": ["ann@acme.example"],
            header: ["Dec 4"],
            "Point of contact": ["yes"],
        }
    )
    result = followup.read_interviews(sheet, tz="UTC")
    assert result.rejects.empty
    assert result.recipients.loc[0, ["decision_by", "contact"]].tolist() == ["Dec 4", "yes"]
