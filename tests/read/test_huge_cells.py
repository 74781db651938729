"""Cells too large to read whole: each is a reject with its row, column and size, the other
rows are read, and the cell is never held in memory whole (issue 11)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import problems, read

from followup.read import iter_interviews

HEADER = ["Company", "Role", "Start", "Interviewer", "Interviewer Email", "Talking Point"]
PLAIN = "x" * 2_000_000
# Delimiters, line breaks and quotes all through it: only the quoting says it is one cell.
QUOTED = '"' + 'said ""yes"", then; left,\n' * 8_000 + '"'


def rows(delimiter: str, big: str = PLAIN) -> list[str]:
    cells = [
        ["N", "A", "2026-11-24 10:00", "Dana", "d@x.example", '"the roadmap,\nand the team"'],
        ["N", "A", "2026-11-24 10:00", "Luis", "l@x.example", big],
        ["N", "A", "2026-11-24 10:00", "Ana", "a@x.example", QUOTED],
        ["N", "A", "2026-11-24 10:00", "Zoë", "z@x.example", "dbt"],
    ]
    return [delimiter.join(r) for r in [HEADER, *cells]]


def too_long(size: int) -> str:
    return f"cell is longer than 10,000 characters ({size:,} bytes)"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_huge_cell_is_a_reject_with_its_row_column_and_size(write, encoding, delimiter):
    text = "\r\n".join(rows(delimiter)) + "\r\n"
    result = read(write(text, encoding=encoding))
    unit = 2 if encoding == "utf-16" else 1  # bytes a letter takes here
    assert result.recipients["row"].tolist() == [2, 5]
    assert result.recipients["talking_point"].iloc[0] == "the roadmap,\nand the team"
    assert problems(result) == [
        (3, "Talking Point", too_long(len(PLAIN) * unit)),
        (4, "Talking Point", too_long(len(QUOTED) * unit)),
    ]
    assert result.rejects["value"].str.endswith("… (over 10,000 characters)").all()
    assert result.rejects["hint"].str.startswith("shorten it").all()
    assert (result.rows_read, result.rows_rejected) == (4, 2)


def test_a_huge_cell_read_in_chunks_is_rejected_in_its_chunk(write):
    header, dana, *rest = rows(",")
    more = [dana.replace("d@", f"d{i}@") for i in range(3)]
    text = "\n".join([header, dana, *more, *rest]) + "\n"  # the huge cell is at row 6
    chunks = list(iter_interviews(write(text), tz="UTC", chunk_rows=2))
    assert [c.last_row for c in chunks] == [3, 5, 7, 8]
    assert [problems(c) for c in chunks] == [
        [],
        [],
        [(6, "Talking Point", too_long(len(PLAIN))), (7, "Talking Point", too_long(len(QUOTED)))],
        [],
    ]
    assert sum(len(c.recipients) for c in chunks) == 5


def _kib(key: str) -> int:
    return int(re.search(rf"{key}:\s+(\d+)", Path("/proc/self/status").read_text())[1])


def test_a_huge_cell_is_never_held_whole(write):
    mb = 20
    path = write("\n".join(rows(",", big="x" * (mb << 20))) + "\n")
    read(write("\n".join(rows(",", big="dbt")), "small.csv"))  # imports and caches, first
    try:
        Path("/proc/self/clear_refs").write_text("5")  # the peak (VmHWM) from now on
    except OSError:
        pytest.skip("measuring the peak needs Linux's /proc/self/clear_refs")
    before = _kib("VmRSS")
    result = read(path)
    grown = (_kib("VmHWM") - before) / 1024
    assert result.rows_rejected == 2
    assert grown < mb / 2, f"reading a {mb} MB cell took {grown:.0f} MB more"
