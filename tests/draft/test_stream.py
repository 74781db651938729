"""Drafting in chunks gives what drafting the whole sheet at once gives."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import SENDER

import followup
from followup.draft import draft_sheet, validate_sheet

NOW = "2026-11-25 15:00"


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("format", ["eml", "mbox", "csv"])
def test_small_chunks_write_the_same_files_as_one_chunk(tmp_path, format):
    options = {"format": format, "sender": SENDER, "now": NOW, "known_words": ["dbt"]}
    whole = draft_sheet("data/interviews.csv", tmp_path / "whole", **options)
    chunked = draft_sheet("data/interviews.csv", tmp_path / "chunked", chunk_rows=2, **options)
    assert files(tmp_path / "whole") == files(tmp_path / "chunked")
    assert (whole.drafts, whole.interviews, whole.rows_read) == (22, 12, 22)
    assert (chunked.drafts, chunked.interviews, chunked.rows_read) == (22, 12, 22)
    assert chunked.written == whole.written
    assert chunked.written.shown_findings.equals(whole.written.shown_findings)


def test_a_panel_cut_by_a_chunk_gets_the_letters_of_a_whole_sheet_run(tmp_path):
    """A panel that wrote "Interested: no" once, on its first row, and a ditto below a
    note: the rows past where a chunk would end get the gracious letter and the note above."""
    panel = [("Dana", "the roadmap", "no"), ("Luis", "ditto", ""), ("Ana", "the data team", "")]
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "Company,Role,Start,Interviewer,Email,Talking Point,Interested\n"
        + "".join(
            f"Co{i},Analyst,2026-11-24 14:30,{name},{name}@co{i}.example,{note},{keen}\n"
            for i in range(3)
            for name, note, keen in panel
        )
    )
    options = {"format": "csv", "sender": SENDER, "now": NOW, "tz": "UTC"}
    draft_sheet(sheet, tmp_path / "whole", **options)
    draft_sheet(sheet, tmp_path / "chunked", chunk_rows=4, **options)
    assert files(tmp_path / "chunked") == files(tmp_path / "whole")
    written = pd.read_csv(tmp_path / "chunked" / "drafts.csv")
    assert written["template"].tolist() == ["gracious"] * 9
    assert written["body"].str.contains("the roadmap").tolist() == [True, True, False] * 3


@pytest.mark.parametrize("format", ["eml", "mbox", "xlsx"])
def test_a_second_process_writes_the_same_files_and_counts(tmp_path, format):
    options = {"format": format, "sender": SENDER, "now": NOW, "chunk_rows": 5}
    alone = draft_sheet("data/interviews.csv", tmp_path / "alone", **options)
    writers = set()

    def note_writers(rows: int) -> None:
        writers.update(p.name for p in multiprocessing.active_children())

    helped = draft_sheet(
        "data/interviews.csv", tmp_path / "helped", workers=2, progress=note_writers, **options
    )
    assert writers == {"followup-writer"}
    if format == "xlsx":  # a workbook stores the moment it was saved: compare its cells
        for run in ("alone", "helped"):
            book = tmp_path / run / "drafts.xlsx"
            pd.read_excel(book, engine="calamine").to_csv(tmp_path / run / "cells.csv", index=False)
            book.unlink()
    assert files(tmp_path / "helped") == files(tmp_path / "alone")
    assert helped.written == alone.written
    assert helped.written.shown_findings.equals(alone.written.shown_findings)
    assert helped.written.drafts == 22
    assert helped.written.finding_counts
    assert (helped.rows_read, helped.interviews) == (alone.rows_read, alone.interviews)


def test_a_sheet_of_one_chunk_is_written_here_even_with_two_workers(tmp_path):
    writers = set()

    def note_writers(rows: int) -> None:
        writers.update(p.name for p in multiprocessing.active_children())

    run = draft_sheet(
        "data/interviews.csv", tmp_path, sender=SENDER, now=NOW, workers=2, progress=note_writers
    )
    assert writers == set()  # no second process to start for one chunk
    assert run.written.drafts == 22


def test_a_sheet_that_cannot_be_read_leaves_no_file_with_two_workers(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Company,Role,Start\n" + "Acme,Analyst,2026-11-24 14:30\n" * 10)
    out = tmp_path / "out"
    with pytest.raises(followup.ColumnsError, match="missing required columns"):
        draft_sheet(sheet, out, sender=SENDER, now=NOW, chunk_rows=2, workers=2)
    assert list(out.iterdir()) == []  # the writer, started first, discarded its files


def test_an_error_in_the_writing_process_is_raised_here(tmp_path):
    (tmp_path / "drafts.mbox").mkdir()  # the finished mbox cannot be moved into place
    with pytest.raises(IsADirectoryError) as raised:
        draft_sheet(
            "data/interviews.csv", tmp_path, format="mbox", sender=SENDER, now=NOW,
            chunk_rows=5, workers=2,
        )  # fmt: skip
    assert "raised in the process writing the drafts" in "".join(raised.value.__notes__)
    assert not (tmp_path / "rejects.csv").exists()
    assert not list(tmp_path.glob("*.tmp"))


def test_an_error_in_the_writing_process_stops_the_run(tmp_path):
    draft_sheet("data/interviews.csv", tmp_path / "alone", sender=SENDER, now=NOW)
    first = pd.read_csv(tmp_path / "alone" / "recipients.csv")["draft_file"].iloc[0]
    (tmp_path / "out" / first).mkdir(parents=True)  # the first draft cannot be written
    with pytest.raises(IsADirectoryError) as raised:
        draft_sheet(
            "data/interviews.csv", tmp_path / "out", sender=SENDER, now=NOW,
            chunk_rows=5, workers=2,
        )  # fmt: skip
    assert "raised in the process writing the drafts" in "".join(raised.value.__notes__)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [first]


@pytest.mark.skipif(os.name == "nt", reason="no SIGKILL")
def test_a_killed_writing_process_stops_the_run(tmp_path):
    def kill_the_writer(rows: int) -> None:
        for process in multiprocessing.active_children():
            if process.name == "followup-writer":
                os.kill(process.pid, signal.SIGKILL)

    with pytest.raises(ChildProcessError, match=r"stopped \(killed by signal 9\); run the"):
        draft_sheet(
            "data/interviews.csv", tmp_path, format="mbox", sender=SENDER, now=NOW,
            chunk_rows=5, workers=2, progress=kill_the_writer,
        )  # fmt: skip
    assert not (tmp_path / "rejects.csv").exists()


KILLED_MID_RUN = """
import multiprocessing, os, signal, time
from pathlib import Path
from followup.draft import draft_sheet

def die_once_the_writer_has_begun(rows):
    while not list(Path(OUT).glob(".drafts.mbox.*.tmp")):
        time.sleep(0.05)
    writer, = (p.pid for p in multiprocessing.active_children() if p.name == "followup-writer")
    Path(OUT + ".writer").write_text(str(writer))
    os.kill(os.getpid(), signal.SIGKILL)

if __name__ == "__main__":
    draft_sheet("data/interviews.csv", OUT, format="mbox", sender="Avery Quinn <avery@example.com>",
                now="2026-11-25 15:00", chunk_rows=5, workers=2,
                progress=die_once_the_writer_has_begun)
"""


def ended(pid: int) -> bool:
    """Gone, or a zombie nobody reaps (a container's first process may not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(sys.platform != "linux", reason="SIGKILL, and /proc to see the writer end")
def test_a_run_killed_outright_has_its_writer_discard_the_files_and_end(tmp_path):
    out = tmp_path / "out"
    script = tmp_path / "run.py"
    script.write_text(f"OUT = {str(out)!r}\n{KILLED_MID_RUN}", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], timeout=120, check=False)
    assert done.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 60

    def left() -> list[str]:  # but the killed process's own rejects.csv, never finished
        return sorted(p.name for p in out.iterdir() if not p.name.startswith(".rejects.csv."))

    writer = int((tmp_path / "out.writer").read_text())
    while (left() or not ended(writer)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert left() == []  # the writer saw its pipe close and discarded its files
    assert ended(writer)


def test_workers_are_one_or_two(tmp_path):
    with pytest.raises(followup.OptionError, match="workers=3: use 1 or 2"):
        draft_sheet("data/interviews.csv", tmp_path, sender=SENDER, now=NOW, workers=3)
    assert not list(tmp_path.iterdir())


def test_eml_drafts_match_the_library_pipeline(tmp_path):
    draft_sheet("data/interviews.csv", tmp_path, sender=SENDER, now=NOW, chunk_rows=4)
    recipients, _ = followup.read_interviews("data/interviews.csv", sender=SENDER)
    drafts = followup.render_drafts(recipients, sender=SENDER, now=NOW)
    expected = followup.write_drafts(drafts, tmp_path / "lib", now=NOW)
    for path in expected:
        assert (tmp_path / Path(path).name).read_bytes() == Path(path).read_bytes()


def test_back_to_back_interviews_at_the_end_of_a_sheet_are_drafted_together(tmp_path):
    """Back-to-back interviews at one company, the last rows of a sheet, get distinct
    letters, the ones the library pipeline gives them."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "Company,Role,Start,Interviewer,Email\n"
        + "".join(
            f"Ember Co.,Analyst,2026-11-24 {h}:00,Person {h},p{h}@ember.example\n"
            for h in (10, 11, 12)
        )
    )
    draft_sheet(sheet, tmp_path / "out", sender=SENDER, now=NOW, tz="UTC", format="csv")
    written = pd.read_csv(tmp_path / "out" / "drafts.csv")
    assert written["body"].nunique() == 3
    recipients, _ = followup.read_interviews(sheet, sender=SENDER, tz="UTC")
    drafts = followup.render_drafts(recipients, sender=SENDER, now=NOW)
    assert sorted(written["body"]) == sorted(drafts["body"])
    assert not drafts["body"].str.contains("Co..", regex=False).any()


@pytest.mark.parametrize("chunk_rows", [1, 2, 3, 5])
def test_interleaved_companies_get_the_letters_of_a_whole_sheet_run(tmp_path, chunk_rows):
    """A company's interviews for one role on one day take their places in one Latin
    square however the sheet is cut into chunks, a panel's interviewers theirs on the
    panel, and the drafts keep the sheet's order."""
    sheet = tmp_path / "sheet.csv"
    row = "{},Analyst,2026-11-24 {}:00,Person {},p{}@x.example,the roadmap\n"
    sheet.write_text(
        "Company,Role,Start,Interviewer,Email,Talking Point\n"
        + "".join(
            row.format(company, 9 + i, i, i)
            for i, company in enumerate(["Ember", "Bluefin", "Cobalt"] * 4)
        )
        + row.format("Ember", 9, "Late", "late")  # on the first panel, far down the sheet
    )
    options = {"format": "csv", "sender": SENDER, "now": NOW, "tz": "UTC"}
    draft_sheet(sheet, tmp_path / "whole", **options)
    draft_sheet(sheet, tmp_path / "chunked", chunk_rows=chunk_rows, **options)
    assert files(tmp_path / "chunked") == files(tmp_path / "whole")
    written = pd.read_csv(tmp_path / "chunked" / "drafts.csv")
    assert written.groupby("company")["body"].nunique().tolist() == [4, 4, 5]
    assert written["variant"].tolist() == [0] * 12 + [1]
    recipients, _ = followup.read_interviews(sheet, sender=SENDER, tz="UTC")
    drafts = followup.render_drafts(recipients, sender=SENDER, now=NOW)
    assert written["body"].tolist() == drafts["body"].tolist()


def test_day_month_order_comes_from_the_whole_sheet(tmp_path):
    rows = ["03/04/2026 10:00"] * 5 + ["24/11/2026 10:00"]
    sheet = pd.DataFrame(
        {
            "Company": [f"C{i}" for i in range(6)],
            "Role": "Analyst",
            "Start": rows,
            "Interviewer": "Dana",
            "Interviewer Email": "dana@x.example",
        }
    )
    path = tmp_path / "eu.csv"
    sheet.to_csv(path, index=False)
    run = draft_sheet(
        path,
        tmp_path / "out",
        format="csv",
        sender=SENDER,
        now=NOW,
        tz="Europe/Berlin",
        chunk_rows=2,
    )
    written = pd.read_csv(tmp_path / "out" / "recipients.csv")
    assert run.drafts == 6
    assert written["interview_start"].iloc[0] == "2026-04-03T10:00:00+02:00"
    # The first chunk alone reads both ways: only the whole sheet decides it.
    with pytest.raises(followup.AmbiguousDatesError, match="either day-first or month-first"):
        followup.read_interviews(sheet.head(2), tz="Europe/Berlin")


def test_repeated_interviewers_across_chunks_are_drafted_once(tmp_path):
    header = "Company,Role,Start,Interviewer,Interviewer Email,Talking Point\n"
    row = "Northwind,Analyst,2026-11-24 14:30,{n},{e},{t}\n"
    text = header + "".join(
        [
            row.format(n="Dana", e="dana@nw.example", t="dbt"),
            row.format(n="Luis", e="luis@nw.example", t="loads"),
            row.format(n="Dana", e="DANA@nw.example", t="churn"),  # next chunk, same interview
            row.format(n="Zoë", e="zoe@nw.example", t="metrics"),
            row.format(n="Other", e="o@other.example", t="x").replace("Northwind", "Bluefin"),
            row.format(n="Ann", e="a@other.example", t="y").replace("Northwind", "Bluefin"),
            row.format(n="Luis", e="luis@nw.example", t="again"),  # far away: already drafted
        ]
    )
    path = tmp_path / "s.csv"
    path.write_text(text)
    run = draft_sheet(
        path,
        tmp_path / "out",
        format="csv",
        sender=SENDER,
        now=NOW,
        tz="America/Chicago",
        chunk_rows=2,
    )
    assert run.rejects.total == 2
    rejects = pd.read_csv(tmp_path / "out" / "rejects.csv")
    assert rejects["problem"].tolist() == [
        "same interviewer twice in one interview (merged into row 2)",
        "same interviewer twice in one interview (already drafted)",
    ]
    assert rejects["row"].tolist() == [4, 8]
    drafts = pd.read_csv(tmp_path / "out" / "drafts.csv")
    assert len(drafts) == 5
    dana = pd.read_csv(tmp_path / "out" / "recipients.csv").query("interviewer_name == 'Dana'")
    assert dana["talking_point"].tolist() == ["dbt; churn"]


def test_rejected_rows_in_later_chunks_are_reported(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(
        "Company,Role,Start,Interviewer,Interviewer Email\n"
        "N,A,2026-11-24 10:00,D,d@x.example\n"
        "N,A,2026-11-24 10:00,E,e@x.example\n"
        "N,A,2026-11-24 10:00,F,not-an-email\n"
    )
    run = draft_sheet(path, tmp_path / "out", sender=SENDER, now=NOW, tz="UTC", chunk_rows=1)
    assert (run.rows_read, run.rows_rejected, run.drafts) == (3, 1, 2)
    assert pd.read_csv(tmp_path / "out" / "rejects.csv")["row"].tolist() == [4]


def test_header_only_sheet_still_checks_columns(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("Company,Role\n")
    with pytest.raises(followup.ColumnsError, match="is missing required columns"):
        draft_sheet(path, tmp_path / "out", sender=SENDER, now=NOW)


def _half_rejected(path: Path, rows: int) -> Path:
    lines = ["Company,Role,Start,Interviewer,Interviewer Email,Talking Point"]
    for i in range(rows):
        email = f"p{i}@x.example" if i % 2 else "not-an-address"
        lines.append(f"N{i // 3},A,2026-11-24 10:00,P{i},{email},the roadmap")
    path.write_text("\n".join(lines) + "\n")
    return path


def test_rejects_are_written_as_they_come_and_only_the_first_are_held(tmp_path):
    sheet = _half_rejected(tmp_path / "s.csv", 60)
    run = draft_sheet(sheet, tmp_path / "out", sender=SENDER, now=NOW, tz="UTC", chunk_rows=7)
    whole = followup.read_interviews(sheet, tz="UTC").rejects
    written = pd.read_csv(tmp_path / "out" / "rejects.csv", dtype={"value": "str"})
    pd.testing.assert_frame_equal(written, whole.astype(object), check_dtype=False)
    assert (run.rejects.total, run.rejects.errors, len(run.rejects.shown)) == (30, 30, 10)
    assert run.rejects.shown["row"].tolist() == list(range(2, 22, 2))


def test_validate_reads_in_chunks_what_draft_reads(tmp_path):
    sheet = _half_rejected(tmp_path / "s.csv", 40)
    check = validate_sheet(sheet, tmp_path / "rejects.csv", tz="UTC", chunk_rows=6)
    run = draft_sheet(sheet, tmp_path / "out", sender=SENDER, now=NOW, tz="UTC", chunk_rows=6)
    assert (tmp_path / "rejects.csv").read_bytes() == (
        tmp_path / "out" / "rejects.csv"
    ).read_bytes()
    assert (check.rows_read, check.rows_rejected, check.recipients) == (40, 20, 20)
    assert (check.interviews, check.summary()) == (run.interviews, run.summary())
    assert check.notes[["before", "after"]].to_numpy().tolist() == [["the roadmap", "the roadmap"]]
    assert check.notes["rows"].item() == [3, 5, 7, 9, 11]


def test_a_cell_over_the_limit_is_cut_on_reading_and_never_drafted(tmp_path):
    sheet = tmp_path / "s.csv"
    huge = "x" * 2_000_000
    sheet.write_text(
        "Company,Role,Start,Interviewer,Interviewer Email,Talking Point\n"
        f"N,A,2026-11-24 10:00,Dana,d@x.example,{huge}\n"
        "N,A,2026-11-24 10:00,Luis,l@x.example,dbt\n"
    )
    run = draft_sheet(sheet, tmp_path / "out", sender=SENDER, now=NOW, tz="UTC", format="csv")
    assert (run.drafts, run.rows_rejected) == (1, 1)
    assert run.rejects.shown["code"].tolist() == ["cell_too_long"]
    assert run.rejects.shown["value"].item().endswith("… (over 10,000 characters)")
    assert max(p.stat().st_size for p in (tmp_path / "out").iterdir()) < 10_000
