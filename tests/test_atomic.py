"""An error in the middle of a write leaves the old file (or none) and no temporary file."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pandas as pd
import pytest
from conftest import SENDER

from followup._files import atomic_file, atomic_write, atomic_write_many, write_csv
from followup.draft import DraftSink, draft_sheet

NOW = "2026-11-25 15:00"
OLD = b"the file from the last run\n"


class Interrupted(Exception):
    """Raised by a test in the middle of a write."""


def interrupt(rows_done: int) -> None:
    if rows_done >= 10:
        raise Interrupted(f"stopped after {rows_done} rows")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))


@pytest.mark.parametrize(
    ("format", "workers"), [("mbox", 1), ("csv", 1), ("xlsx", 1), ("mbox", 2), ("xlsx", 2)]
)
def test_an_interrupted_draft_run_leaves_every_old_file_untouched(tmp_path, format, workers):
    outputs = [f"drafts.{format}", "findings.csv", "recipients.csv", "rejects.csv"]
    for name in outputs:
        (tmp_path / name).write_bytes(OLD)
    with pytest.raises(Interrupted):
        draft_sheet(
            "data/interviews.csv",
            tmp_path,
            format=format,
            sender=SENDER,
            now=NOW,
            chunk_rows=2,
            progress=interrupt,
            workers=workers,
        )
    assert {name: (tmp_path / name).read_bytes() for name in outputs} == dict.fromkeys(outputs, OLD)
    assert leftovers(tmp_path) == []


def test_an_interrupted_eml_run_leaves_only_whole_drafts(tmp_path):
    with pytest.raises(Interrupted):
        draft_sheet(
            "data/interviews.csv",
            tmp_path,
            sender=SENDER,
            now=NOW,
            chunk_rows=2,
            progress=interrupt,
        )
    written = sorted(tmp_path.glob("*.eml"))
    assert 0 < len(written) < 22
    for path in written:
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert message["To"]
        assert message.get_content().rstrip().endswith("Avery Quinn")
    assert not (tmp_path / "findings.csv").exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("format", ["eml", "mbox", "csv", "xlsx"])
def test_a_draft_that_fails_mid_sink_leaves_the_old_output(sample_drafts, tmp_path, format):
    target = tmp_path / ("out" if format == "eml" else f"drafts.{format}")
    if format != "eml":
        target.write_bytes(OLD)

    def write_then_fail() -> None:
        with DraftSink(target, format=format, now=NOW) as sink:
            sink.write(sample_drafts.head(5))
            raise Interrupted("the next chunk failed to render")

    with pytest.raises(Interrupted):
        write_then_fail()
    if format == "eml":
        assert len(list(target.glob("*.eml"))) == 5
    else:
        assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_atomic_write_keeps_the_old_file_when_the_writer_raises(tmp_path):
    path = tmp_path / "report.html"
    path.write_bytes(OLD)

    def half_then_fail(tmp: Path) -> None:
        tmp.write_text("<html><body>half")
        raise Interrupted("renderer crashed")

    with pytest.raises(Interrupted):
        atomic_write(path, half_then_fail)

    def fail_while_open() -> None:
        with atomic_file(path, "w") as handle:
            handle.write("half")
            raise Interrupted("disk full")

    with pytest.raises(Interrupted):
        fail_while_open()
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []
    assert atomic_write(path, b"new").read_bytes() == b"new"


def test_csv_tables_are_written_whole_or_not_at_all(tmp_path):
    class Unwritable:
        """A cell whose text cannot be made: the CSV writer raises partway through."""

        def __str__(self) -> str:
            raise Interrupted("cannot format this cell")

    path = tmp_path / "rejects.csv"
    path.write_bytes(OLD)
    frame = pd.DataFrame({"row": range(3), "value": ["a", "b", Unwritable()]})
    with pytest.raises(Interrupted):
        write_csv(frame, path)
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_many_files_are_written_all_or_none_of_the_batch(tmp_path):
    def files():
        yield tmp_path / "a.eml", b"a"
        yield tmp_path / "b.eml", b"b"
        raise Interrupted("the third message could not be built")

    with pytest.raises(Interrupted):
        atomic_write_many(files())
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    atomic_write_many([(tmp_path / "a.eml", b"a"), (tmp_path / "b.eml", b"b")])
    assert [p.read_bytes() for p in sorted(tmp_path.iterdir())] == [b"a", b"b"]
