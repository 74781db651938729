"""Generated interview sheets for fuzzing the reader, and the invariants every read keeps.

Shared by ``tests/read/test_fuzz.py`` (a CI-sized run) and ``benchmarks/fuzz_read.py``
(the long one). A sheet is drawn as headers from the aliases, one of the three layouts,
cells from pools of plausible and hostile values, then written as delimited text in one
of four encodings.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

import followup
from followup.read import iter_interviews
from followup.schema import COLUMNS

HUGE = "x" * 1_000_001  # one cell over 1 MB
#: One plain address: no display name, no second address, no space, CR or LF.
ONE_ADDRESS = r"[^\s@<>,;\"]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,63}"

NAMES = ["Dana Whitfield", "Luis", "Zoë Müller", "O'Connor, Siobhán", "李雷", "Ayşe 😀",
         "\u202eevil\u202c", "Da\u200bna", "=HYPERLINK(\"x\")", "", " ", "Dana\x00"]  # fmt: skip
EMAILS = ["dana@nw.example", "luis@nw.example", "DANA@NW.EXAMPLE", "dana@bücher.example",
          "dana at nw", "a@b", "dana@nw.example\r\nBcc: eve@x.example", "<dana@nw.example>",
          "Dana <dana@nw.example>", "d@x.example; e@x.example", "@SUM(1)", "", "dana@nw..example",
          "dana@nw.example\u200b", "дана@почта.рф", "x" * 300 + "@nw.example"]  # fmt: skip
PACKED = ["Dana Whitfield <dana@nw.example>; Luis <luis@nw.example>",
          '"Ortega, Luis" <luis@nw.example>, dana@nw.example', "Dana <dana@nw.example",
          "Dana; Luis", "", "dana@nw.example\nluis@nw.example",
          "Zoë <zoe@bücher.example>"]  # fmt: skip
DATES = ["2026-11-24 14:30", "2026-11-24T14:30:00-05:00", "11/24/2026 2:30 PM",
         "24.11.2026 14:30", "24/11/2026 14:30", "03/04/2026 10:00", "Nov 24, 2026 2:30 PM",
         "Tuesday 24 November 2026 14:30", "46350.6041667", "46350", "2:30 PM", "14:30 CET",
         "11:00 AM PT", "2pm IST", "2026-02-30 10:00", "2026-11-24 25:00", "2026-03-08 02:30",
         "2026-11-01 01:30", "2026-03-29 02:30", "9999-12-31 23:30", "0001-01-01 00:00",
         "Nov 17", "11/18", "Tue 11/17 2pm", "soon", "", "2026-11-24", "24-11-26 9:00",
         "2026-11-24 14:30 +99:99", "12/31/9999 11 PM", "99999.9"]  # fmt: skip
TIMES = ["14:30", "2:30 PM", "2pm ET", "25:61", "", "noon", "14.30", "9"]
DURATIONS = ["45", "1h", "1h 30", "1:30", "0", "-5", "9" * 20, "1e400", "soon", "", "1441"]
ZONES = ["America/Chicago", "Europe/Berlin", "PT", "utc", "America", "Europe/", "A" * 300,
         "../etc/passwd", "zone1970.tab", "Mars/Base", "", "Asia/Kolkata\x00"]  # fmt: skip
WORDS = ["dbt", "the roadmap we discussed", "Discussed pricing experiments.", "TODO ask",
         "=cmd|' /C calc'!A0", "+1 555", "-2", "@mention", "line one\nline two", "\t tab",
         "yes", "no", "maybe", "offer", "rejected", "😀🎉", "\u200b\u200f", ""]  # fmt: skip
YES_NO = ["yes", "no", "maybe", "nope", "soon", "", "👍"]

#: Canonical column → the cells it draws from.
POOLS: dict[str, list[str]] = {
    "company": ["Northwind", "Bluefin Health", "Harbor & Pine", "", "=1+1", "Ñandú S.A."],
    "role": ["Data Analyst", "Support Engineer", "", "Analyst\r\nBcc: x@y.example"],
    "interview_start": DATES,
    "interview_date": DATES,
    "interview_end": DATES + TIMES,
    "duration": DURATIONS,
    "timezone": ZONES,
    "interviewer_name": NAMES,
    "interviewer_email": EMAILS,
    "interviewers": PACKED,
    "candidate_name": NAMES,
    "candidate_email": EMAILS,
    "interested": YES_NO,
    "outcome": ["offer", "next round", "pending", "ghosted", ""],
    "sent_at": DATES,
    "replied_at": DATES,
    "decided_at": DATES,
}
_REQUIRED = ["company", "role", "interview_start"]
_OPTIONAL = ["interview_date", "interview_end", "duration", "timezone", "candidate_name",
             "candidate_email", "interested", "talking_point", "question", "notes", "outcome",
             "sent_at", "replied_at", "decided_at", "interview_id"]  # fmt: skip
WIDE_FIELDS = ["", " Name", " Email", " - email (required)", " Talking Point", "'s title"]
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "utf-16"]
DELIMITERS = [",", ";", "\t"]


def aliases_of(column: str) -> list[str]:
    """Every header that names ``column``, as people write them."""
    (spec,) = (c for c in COLUMNS if c.name == column)
    return [spec.name, *spec.aliases]


@st.composite
def headers_and_pools(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    """The headers of one sheet and, per column, the cells to draw from."""
    layout = draw(st.sampled_from(["long", "wide", "packed"]))
    columns = _REQUIRED + draw(st.lists(st.sampled_from(_OPTIONAL), unique=True, max_size=6))
    if layout == "long":
        columns += ["interviewer_name", "interviewer_email"]
    elif layout == "packed":
        columns += ["interviewers"]
    headers = [draw(st.sampled_from(aliases_of(c))).title() for c in columns]
    pools = [POOLS.get(c, WORDS) for c in columns]
    if layout == "wide":
        for slot in range(1, draw(st.integers(1, 3)) + 1):
            for field in draw(st.lists(st.sampled_from(WIDE_FIELDS), unique=True, min_size=1)):
                headers.append(f"Interviewer {slot}{field}")
                pools.append(PACKED + EMAILS if field in ("",) else NAMES + EMAILS + WORDS)
    if draw(st.integers(0, 7)) == 0:  # a repeated or unknown header
        headers.append(draw(st.sampled_from([*headers, "Recruiter's phone #", "", "Notes 😀"])))
        pools.append(WORDS)
    return headers, pools


@dataclass(frozen=True)
class Sheet:
    """A generated sheet: its bytes, and how many rows a spreadsheet would show."""

    data: bytes
    records: int
    suffix: str
    description: str


@st.composite
def sheets(draw: st.DrawFn) -> Sheet:
    """A whole sheet as bytes: title lines, header, rows (some blank or ragged, duplicates)."""
    headers, pools = draw(headers_and_pools())
    rows: list[list[str]] = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["row", "row", "row", "blank", "duplicate", "ragged"]))
        if kind == "blank" or (kind == "duplicate" and not rows):
            rows.append([""] * len(headers))
        elif kind == "duplicate":
            rows.append(list(draw(st.sampled_from(rows))))
        else:
            row = [draw(st.sampled_from(pool)) for pool in pools]
            rows.append(row + (["extra", "cells"] if kind == "ragged" else []))
    if rows and draw(st.integers(0, 19)) == 0:  # one cell over 1 MB
        rows[draw(st.integers(0, len(rows) - 1))][draw(st.integers(0, len(headers) - 1))] = HUGE
    title = [["My interviews, autumn 2026"]] if draw(st.booleans()) else []
    delimiter = draw(st.sampled_from(DELIMITERS))
    buffer = io.StringIO()
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=ending)
    writer.writerows([*title, headers, *rows])
    encoding = draw(st.sampled_from(ENCODINGS))
    data = buffer.getvalue().encode(encoding, errors="replace")
    suffix = ".tsv" if delimiter == "\t" and draw(st.booleans()) else ".csv"
    return Sheet(data, len(title) + 1 + len(rows), suffix, f"{encoding} {delimiter!r} {headers}")


@dataclass(frozen=True)
class Outcome:
    """What reading one sheet did: None, or the class of the error it raised on purpose."""

    whole: str | None
    chunked: str | None


def check_sheet(sheet: Sheet, folder: Path) -> Outcome:
    """Read ``sheet`` whole and in chunks; assert the invariants. Exceptions other than
    :class:`~followup.FollowupError` propagate (they are the crashes fuzzing looks for)."""
    path = folder / f"sheet{sheet.suffix}"
    path.write_bytes(sheet.data)
    whole, chunked = None, None
    try:
        result = followup.read_interviews(path, tz="America/Chicago")
    except followup.FollowupError as error:
        whole = type(error).__name__
    else:
        check_result(result, sheet)
    try:
        chunks = list(iter_interviews(path, tz="America/Chicago", chunk_rows=5))
    except followup.FollowupError as error:
        chunked = type(error).__name__
    else:
        for chunk in chunks:
            check_result(chunk, sheet)
        if whole is None:
            assert sum(c.rows_read for c in chunks) == result.rows_read
    assert whole == chunked, f"read whole: {whole}; in chunks: {chunked}"
    return Outcome(whole, chunked)


def check_result(result: followup.Interviews, sheet: Sheet) -> None:
    """Accounting, one valid address per recipient, and reject rows inside the sheet."""
    assert result.rows_read == result.rows_accepted + result.rows_rejected
    emails = result.recipients["interviewer_email"]
    assert emails.notna().all()
    assert emails.str.fullmatch(ONE_ADDRESS).all(), emails.tolist()
    rows = result.rejects["row"]
    assert ((rows >= 1) & (rows <= sheet.records)).all(), (rows.tolist(), sheet.records)
    assert result.recipients["row"].between(2, sheet.records).all()
