"""The command line, run as a user runs it: a real process, real files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROW, sheet

import followup

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "followup", *args],
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        check=False,
    )


def test_version():
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout == f"followup {followup.__version__}\n"


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "followup"
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("followup ")


def test_validate_bundled_sample_is_clean(tmp_path):
    rejects = tmp_path / "rejects.csv"
    done = run("validate", "data/interviews.csv", "--rejects", str(rejects))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:3] == [
        "data/interviews.csv: 22 rows (long layout)",
        "  interviews:    12",
        "  interviewers:  22",
    ]
    assert "No problems found." in done.stdout
    assert pd.read_csv(rejects).empty
    assert done.stderr == ""


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
    assert "pass dayfirst=True or False (--dayfirst or --monthfirst" in done.stderr
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
