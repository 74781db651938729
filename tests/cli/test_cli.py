"""The command line, run as a user runs it: a real process, real files."""

from __future__ import annotations

import mailbox
import os
import subprocess
import sys
from contextlib import closing
from email import message_from_bytes, policy
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, ROW, Done, cli, process, sheet

import followup


def run(*args: str, cwd: Path = REPO) -> Done:
    return cli(*args, cwd=cwd)


def test_version_through_python_m():
    done = process("--version")
    assert done.returncode == 0
    assert done.stdout == f"followup {followup.__version__}\n"


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "followup"
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("followup ")


def test_validate_the_bundled_sample_shows_its_notes_before_and_after(tmp_path):
    rejects = tmp_path / "rejects.csv"
    done = run("validate", "data/interviews.csv", "--rejects", str(rejects))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:3] == [
        "data/interviews.csv: 22 rows (long layout)",
        "  interviews:    12",
        "  interviewers:  22",
    ]
    assert (
        "  talking point: 'discussed the move to electronic case report forms' → "
        "'the move to electronic case report forms'\n"
    ) in done.stdout
    assert "to rewrite" not in done.stdout
    assert "No problems found in the sheet." in done.stdout
    assert pd.read_csv(rejects).empty
    assert done.stderr == ""


def test_validate_lists_every_note_to_rewrite_and_exits_1():
    done = run("validate", "data/notes-to-rewrite.csv", "--tz", "America/Chicago")
    assert done.returncode == 1, done.stderr
    assert (
        "  talking point: 'Talked about the ETL backlog. Great energy!' → 'the ETL backlog'"
        "  (shortened: check it)\n"
    ) in done.stdout
    assert (
        "\n10 note(s) to rewrite (the letter leaves them out until you do):\n"
        "  row 2: talking point 'I asked about the outage model and he said they retrain it "
        "every week' is a sentence about what you or the two of you did; write it as a phrase "
        'about what you discussed, e.g. "the outage model"\n'
    ) in done.stdout
    assert done.stdout.count("\n  row ") == 10  # all ten shown
    assert "  ... and" not in done.stdout


def test_validate_with_rejects_exits_1_and_writes_them(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(sheet(ROW, ROW.replace("dana@nw.example", '=HYPERLINK("x")')))
    done = run("validate", str(path), "--tz", "America/Chicago", cwd=tmp_path)
    assert done.returncode == 1
    assert f"{path}:3: Interviewer Email = '=HYPERLINK(\"x\")': not a valid email address" in (
        done.stdout
    )
    written = pd.read_csv(tmp_path / "rejects.csv")
    assert written["row"].tolist() == [3]
    assert written["value"].tolist() == ['\'=HYPERLINK("x")']  # formula neutralised


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "nope.csv"], "followup: nope.csv does not exist; check the path.\n"),
        (
            ["validate", "data/interviews.csv", "--tz", "Mars/Base"],
            "followup: Unknown time zone 'Mars/Base'; use an IANA name such as 'Europe/Berlin' "
            "or 'America/New_York'.\n",
        ),
        (
            ["validate", "data/interviews.xlsx", "--sheet-name", "Nope"],
            "followup: data/interviews.xlsx has no sheet named 'Nope'; sheets: 'Interviews'.\n",
        ),
    ],
)
def test_cannot_start_exits_2_with_one_line(args, message, tmp_path):
    done = run(*[str(REPO / a) if a.startswith("data/") else a for a in args], cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == message.replace("data/", f"{REPO}/data/")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "rejects.csv").exists()


def test_ambiguous_dates_exit_2_and_dayfirst_fixes_it(tmp_path):
    path = tmp_path / "eu.csv"
    path.write_text(sheet(ROW.replace("2026-11-24 14:30", "03/04/2026 10:00")))
    done = run("validate", str(path), cwd=tmp_path)
    assert done.returncode == 2
    assert "pass dayfirst=True or False (on the command line: --dayfirst or --monthfirst).\n" in (
        done.stderr
    )
    assert run("validate", str(path), "--dayfirst", cwd=tmp_path).returncode == 0
    assert run("validate", str(path), "--monthfirst", cwd=tmp_path).returncode == 0


def test_missing_columns_exit_2(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("Compny,Role\nN,A\n")
    done = run("validate", str(path), cwd=tmp_path)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert "Did you mean 'Compny' for `company`?" in done.stderr


def test_usage_error_exits_2(tmp_path):
    done = run("validate", cwd=tmp_path)
    assert done.returncode == 2
    assert "the following arguments are required: SHEET" in done.stderr


# --- drafting ---------------------------------------------------------------------------------

SENDER = "Avery Quinn <avery@example.com>"
CLOCK = ["--now", "2026-11-25T09:00", "--tz", "America/Chicago"]


def test_draft_says_how_many_drafts_need_fixes_before_sending(tmp_path):
    out = tmp_path / "out"
    done = run("draft", "data/notes-to-rewrite.csv", "--sender", SENDER, "--out", str(out), *CLOCK)
    status = pd.read_csv(out / "recipients.csv")["draft_status"].value_counts().to_dict()
    assert status["needs fixes"] > 0
    assert (
        f"{sum(status.values())} draft(s) written to {out}/ (eml): {status.get('ready', 0)} ready, "
        f"{status['needs fixes']} to fix before sending (draft_status in recipients.csv)\n"
    ) in done.stdout


def test_draft_writes_eml_rejects_findings_and_recipients(tmp_path):
    out = tmp_path / "out"
    done = run("draft", "data/interviews.csv", "--sender", SENDER, "--out", str(out), *CLOCK)
    assert done.returncode == 0, done.stderr
    assert f"22 draft(s) written to {out}/ (eml)" in done.stdout
    assert "due within 12 h: 3    due later: 0    upcoming: 3    overdue: 16" in done.stdout
    assert "Findings: R1 info 3, R1 warning 16, R8 info 1\n" in done.stdout
    assert len(list(out.glob("*.eml"))) == 22
    sheet = pd.read_csv(out / "recipients.csv")
    assert sheet["draft_status"].value_counts().to_dict() == {"ready": 22}
    codes = pd.read_csv(out / "findings.csv")["code"].value_counts().to_dict()
    assert codes == {"overdue": 16, "not_yet_held": 3, "greeting_name": 1}
    assert pd.read_csv(out / "rejects.csv").empty


def test_draft_rerun_is_byte_identical_and_mbox_format(tmp_path):
    for name in ("a", "b"):
        run(
            "draft",
            "data/interviews.csv",
            "--sender",
            SENDER,
            "--out",
            str(tmp_path / name),
            "--format",
            "mbox",
            *CLOCK,
        )
    a, b = (tmp_path / n / "drafts.mbox" for n in ("a", "b"))
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes().count(b"\nFrom MAILER-DAEMON ") == 21


def _sample_with_a_bad_row(folder: Path) -> Path:
    sheet = folder / "s.csv"
    sheet.write_text(
        Path("data/interviews.csv").read_text(encoding="utf-8")
        + "Northwind Analytics,Data Analyst,11/24/2026,2:30 PM,3:30 PM,America/Chicago,"
        "Ana Ruiz,not-an-email,,,,,Yes,,\n",
        encoding="utf-8",
    )
    return sheet


def test_a_draft_process_ends_with_its_status_output_and_files_whole(tmp_path):
    """The command leaves without freeing its memory (``cli.run``): what it printed, its
    exit status and its files are those of a run in this process."""
    sheet = _sample_with_a_bad_row(tmp_path)  # so the status is 1
    args = ["draft", str(sheet), "--sender", SENDER, "--format", "mbox", *CLOCK, "--out"]
    here = run(*args, str(tmp_path / "here"))
    there = process(*args, str(tmp_path / "there"), env={"PYTHONUNBUFFERED": ""})  # buffered
    assert (there.returncode, here.returncode) == (1, 1)
    assert there.stdout.replace("there", "here") == here.stdout
    assert "22 draft(s) written" in there.stdout
    for name in ("drafts.mbox", "findings.csv", "recipients.csv", "rejects.csv"):
        assert (tmp_path / "there" / name).read_bytes() == (tmp_path / "here" / name).read_bytes()


@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_a_report_whose_reader_left_is_dropped_and_the_work_and_status_stand(tmp_path, unbuffered):
    """``followup draft ... | head``: the drafts are all written, the status is the run's,
    and stderr is empty (it said "followup: : Broken pipe" and exited 2)."""
    sheet = _sample_with_a_bad_row(tmp_path)  # so the status is 1
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    command = [sys.executable, "-m", "followup", "draft", str(sheet), "--sender", SENDER]
    command += [*CLOCK, "--format", "mbox", "--out", str(tmp_path / "o")]
    reader, writer = os.pipe()
    os.close(reader)  # the reader leaves before the first line
    with open(writer, "wb") as stdout:
        child = subprocess.run(
            command,
            cwd=REPO,
            env={**env, "PYTHONUNBUFFERED": unbuffered},
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert (child.returncode, child.stderr) == (1, b"")
    with closing(mailbox.mbox(tmp_path / "o" / "drafts.mbox")) as drafts:
        assert len(drafts) == 22


def test_draft_with_bad_rows_and_broken_rules_exits_1(tmp_path):
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        sheet_text := (
            "Company,Role,Start,Interviewer,Interviewer Email,Question\n"
            "Northwind,Analyst,2026-11-24 14:30,Dana,dana@nw.example,\n"
            "Northwind,Analyst,2026-11-24 14:30,Luis,not-an-email,\n"
        )
    )
    assert sheet_text
    done = run("draft", str(sheet), "--sender", SENDER, "--out", str(tmp_path / "o"), *CLOCK)
    assert done.returncode == 1
    assert "rejected rows: 1" in done.stdout
    assert (
        f"{sheet}:3: Interviewer Email = 'not-an-email': not a valid email address" in done.stdout
    )
    assert len(list((tmp_path / "o").glob("*.eml"))) == 1


def test_draft_with_every_row_rejected_does_not_say_the_drafts_follow_the_rules(tmp_path):
    """Before: 0 drafts written, then "Every draft follows the rules."."""
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "Company,Role,Start,Interviewer,Interviewer Email\n"
        "Northwind,Analyst,2026-11-24 14:30,Luis,not-an-email\n"
    )
    done = run("draft", str(sheet), "--sender", SENDER, "--out", str(tmp_path / "o"), *CLOCK)
    assert done.returncode == 1
    assert "No drafts, so nothing to check." in done.stdout
    assert "Every draft follows the rules." not in done.stdout


def test_draft_that_drops_one_interviewer_of_a_row_exits_1(tmp_path):
    """Before, a wide row whose second interviewer had no address drafted the first and
    exited 0: "rejected rows: 0 (1 error)"."""
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "Company,Role,Start,Interviewer 1,Interviewer 1 Email,Interviewer 2,Interviewer 2 Email\n"
        "Northwind,Analyst,2026-11-24 14:30,Dana,dana@nw.example,Chidi Okeke,\n"
    )
    done = run("draft", str(sheet), "--sender", SENDER, "--out", str(tmp_path / "o"), *CLOCK)
    assert done.returncode == 1, done.stdout
    assert "missing interviewer email" in done.stdout
    assert "add Chidi Okeke's email address" in done.stdout
    assert len(list((tmp_path / "o").glob("*.eml"))) == 1


def test_draft_with_a_broken_template_exits_2(tmp_path):
    template = tmp_path / "t.j2"
    template.write_text("---\nsubject: Hi\n---\n{{ nope }}\n")
    done = run(
        "draft",
        "data/interviews.csv",
        "--sender",
        SENDER,
        "--out",
        str(tmp_path / "o"),
        "--template",
        str(template),
        *CLOCK,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"followup: {template}, line 4: unknown variable `nope`")
    assert len(done.stderr.splitlines()) == 1


def test_check_reads_edited_eml_back(tmp_path):
    out = tmp_path / "out"
    run("draft", "data/interviews.csv", "--sender", SENDER, "--out", str(out), *CLOCK)
    edited = sorted(out.glob("*northwind*dana*.eml"))[0]
    message = message_from_bytes(edited.read_bytes(), policy=policy.default)
    message.set_content("Hi Dana,\n\nSee you.\n\nBest,\nAvery Quinn\n")
    edited.write_bytes(message.as_bytes())
    done = run("check", str(out), "--known-words", "dbt", *CLOCK)
    assert done.returncode == 1
    assert (
        "Findings: R1 info 3, R1 warning 16, R3 error 1, R4 error 1, R5 error 1, R7 error 1, "
        "R8 info 1"
    ) in done.stdout
    assert "22 draft(s) checked." in done.stdout


def test_check_a_sheet(tmp_path):
    done = run("check", "data/interviews.csv", "--sender", SENDER, "--known-words", "dbt", *CLOCK)
    assert done.returncode == 0
    assert "Findings: R1 info 3, R1 warning 16, R8 info 1\n" in done.stdout
    rewrite = run("check", "data/notes-to-rewrite.csv", "--sender", SENDER, *CLOCK)
    assert rewrite.returncode == 1
    assert "Findings: R3 error 4, R3 warning 1, R5 error 5, R7 error 2, R8 error 2\n" in (
        rewrite.stdout
    )


def test_due_lists_soonest_first(tmp_path):
    done = run("due", "data/interviews.csv", "--within", "12h", *CLOCK)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["due", "status", "hours", "left", "interviewer", "company", "role"]
    assert lines[1].split()[:3] == ["2026-11-13", "15:00", "overdue"]
    assert "Zoë Müller" in lines[-1]
    assert " due " in lines[-1]
    assert len(lines) == 1 + 16 + 3
    assert run("due", "data/interviews.csv", "--within", "soon").returncode == 2


def test_sample_writes_a_sheet_and_template_and_refuses_to_overwrite(tmp_path):
    done = run("sample", str(tmp_path / "start"))
    assert done.returncode == 0
    assert (tmp_path / "start" / "interviews.csv").read_bytes() == (
        REPO / "data" / "interviews.csv"
    ).read_bytes()
    drafted = run(
        "draft",
        str(tmp_path / "start" / "interviews.csv"),
        "--sender",
        SENDER,
        "--template",
        str(tmp_path / "start" / "my-template.j2"),
        "--out",
        str(tmp_path / "o"),
        "--known-words",
        "dbt",
        *CLOCK,
    )
    assert drafted.returncode == 0, drafted.stdout + drafted.stderr
    findings = pd.read_csv(tmp_path / "o" / "findings.csv")
    assert set(findings["code"]) == {"overdue", "not_yet_held", "greeting_name"}
    again = run("sample", str(tmp_path / "start"))
    assert again.returncode == 2
    assert "already exists; choose an empty folder" in again.stderr


def test_synthetic_regenerates_the_committed_career_center_sample(tmp_path):
    done = run("synthetic", str(tmp_path / "cc.csv"))
    assert done.returncode == 0
    assert done.stdout == f"Wrote 3,000 synthetic interviews to {tmp_path / 'cc.csv'}.\n"
    assert (tmp_path / "cc.csv").read_bytes() == (REPO / "data" / "career_center.csv").read_bytes()


def test_report_writes_one_html_file(tmp_path):
    out = tmp_path / "report.html"
    done = run("report", "data/career_center.csv", "--out", str(out), "--as-of", "2026-11-26")
    assert done.returncode == 0, done.stderr
    assert f"Report written to {out}" in done.stdout
    assert out.read_text().startswith("<!DOCTYPE html>")
    bad = run(
        "report",
        "data/career_center.csv",
        "--out",
        str(out),
        "--as-of",
        "2026-11-26",
        "--by",
        "programme_x",
    )
    assert bad.returncode == 2
    assert "no column 'programme_x'" in bad.stderr


def test_an_unexpected_error_is_one_line_exit_3_and_a_log_file(monkeypatch, tmp_path):
    import tempfile

    import followup.draft

    def crash(*args, **kwargs):
        raise RuntimeError("a bug in the validator")

    monkeypatch.setattr(followup.draft, "validate_sheet", crash)  # injected fault: no bug known
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    done = cli("validate", "data/interviews.csv", "--rejects", str(tmp_path / "r.csv"))
    assert done.returncode == 3
    (line,) = done.stderr.splitlines()
    assert line.startswith("followup: unexpected error (RuntimeError: a bug in the validator)")
    (log,) = tmp_path.glob("followup-error-*.log")
    assert str(log) in line
    assert "Traceback" in log.read_text()
    assert "in crash" in log.read_text()

    debug = cli("validate", "data/interviews.csv", "--debug", "--rejects", str(tmp_path / "r.csv"))
    assert debug.returncode == 3
    assert "Traceback (most recent call last)" in debug.stderr
    assert debug.stderr.rstrip().endswith("the traceback is above. Please report it.")
    assert len(list(tmp_path.glob("followup-error-*.log"))) == 1


def test_a_file_in_a_folder_that_does_not_exist_names_the_folder(tmp_path):
    """Before, the error named a temporary file the user never asked for."""
    missing = tmp_path / "no" / "such"
    done = run("validate", "data/interviews.csv", "--rejects", str(missing / "rejects.csv"))
    assert done.returncode == 2
    assert done.stderr == (
        f"followup: {missing}: no such folder to write rejects.csv in; create it first\n"
    )
