"""Reading a long sheet in chunks of rows, so memory stays flat however long it is.

Two things a chunk cannot decide alone. Day/month order is decided from every row
of the sheet in a first, light pass over the date columns, so every chunk reads
dates the way a whole-sheet read would (a sheet that fits in one chunk needs no
such pass). And a chunk ends where an interview's rows do: the rows of the one it
would cut go on to the next chunk, so a panel's cells are read together.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import numpy as np
import pandas as pd

from followup.read._date_order import DateOrder
from followup.read._dates import DayFirst, date_order
from followup.read._headers import map_headers
from followup.read._interviews import Interviews
from followup.read._raw import RawSheet
from followup.read._recipients import to_recipients
from followup.read._sources import Source, read_raw, text_plan
from followup.read._text import TextPlan, iter_text
from followup.read._values import INTERVIEW_CELLS, interview_key, names_an_interview

#: Rows per chunk of the first pass, which reads the date columns alone: 100,000 rows take
#: 85 ms in one chunk and 150-220 ms in chunks of 15,000.
_DATE_PASS_ROWS = 100_000
_DATE_COLUMNS = (
    "interview_start",
    "interview_date",
    "interview_end",
    "sent_at",
    "replied_at",
    "decided_at",
)


class SheetChunks(Iterator[Interviews]):
    """What :func:`iter_interviews` returns: the chunks, one at a time; whether there may
    be ``several`` (a delimited text file of more records than one chunk holds); and
    which chunk ends the sheet."""

    def __init__(
        self, chunks: Iterator[Interviews], *, several: bool, last_row: int | None = None
    ) -> None:
        self._chunks = chunks
        self.several = several
        self._last_row = last_row  # the last row the file can have; None: read whole

    def __next__(self) -> Interviews:
        return next(self._chunks)

    def ends_sheet(self, chunk: Interviews) -> bool:
        """Whether no rows come after ``chunk``: it was read whole, or reaches the last row
        the file can have (a file of cells on several lines may end sooner, unseen)."""
        return self._last_row is None or chunk.last_row >= self._last_row


def iter_interviews(
    source: Source,
    *,
    sheet: str | int | None = None,
    tz: str | None = None,
    dayfirst: bool | None = None,
    sender: str | None = None,
    chunk_rows: int = 10_000,
    chunk_bytes: int | None = None,
) -> SheetChunks:
    """:func:`~followup.read_interviews`, one chunk of ``chunk_rows`` sheet rows at a
    time, or fewer: as many as fill ``chunk_bytes`` of the file, when given, so a sheet
    of long notes comes in smaller chunks. Delimited text streams; workbooks and
    DataFrames come as one chunk. A text file is surveyed here (how many records it may
    hold); its rows are read, and a sheet that cannot be drafted fails, at the first chunk."""
    plan = text_plan(source)
    if plan is None:
        return SheetChunks(
            _whole(source, sheet, tz=tz, dayfirst=dayfirst, sender=sender), several=False
        )
    if chunk_bytes is not None:
        chunk_rows = min(chunk_rows, max(1, chunk_bytes // plan.bytes_per_record))
    several = plan.records_at_most > plan.header_at + 1 + chunk_rows
    chunks = _chunks(
        plan, tz=tz, dayfirst=dayfirst, sender=sender, chunk_rows=chunk_rows, several=several
    )
    return SheetChunks(chunks, several=several, last_row=plan.records_at_most)


def _whole(
    source: Source,
    sheet: str | int | None,
    *,
    tz: str | None,
    dayfirst: DayFirst,
    sender: str | None,
) -> Iterator[Interviews]:
    yield to_recipients(read_raw(source, sheet=sheet), tz=tz, dayfirst=dayfirst, sender=sender)


def _chunks(
    plan: TextPlan,
    *,
    tz: str | None,
    dayfirst: bool | None,
    sender: str | None,
    chunk_rows: int,
    several: bool,
) -> Iterator[Interviews]:
    orders: DayFirst = dayfirst
    if dayfirst is None and several:
        orders = _date_orders(plan)  # one chunk decides for itself, as a whole read
    raws = _whole_panels(iter_text(plan, chunk_rows=chunk_rows), plan.records_at_most)
    for number, raw in enumerate(raws):
        yield to_recipients(raw, tz=tz, dayfirst=orders, sender=sender, first_chunk=number == 0)


def _whole_panels(raws: Iterator[RawSheet], last_row: int) -> Iterator[RawSheet]:
    """The chunks, each cut where an interview's rows end: the rows of the interview a chunk
    ends with go to the next chunk, so what a panel writes once ("Interested: no" on its
    first row, "ditto" below a note, the interview itself above rows that leave it empty)
    reaches all its rows. A chunk that is one interview throughout, or that ends on row
    ``last_row`` (the last the file can have), is kept whole."""
    held: RawSheet | None = None
    columns: dict[int, str] | None = None  # the interview's cells: position, name
    for raw in raws:
        if columns is None:
            names = map_headers(raw)[0]
            columns = {i: n for i, n in enumerate(names) if n in INTERVIEW_CELLS}
        if held is not None:
            raw = _joined(held, raw)
        held = None
        if len(raw.rows) and raw.rows[-1] < last_row:
            raw, held = _cut_before_last_interview(raw, columns)
        yield raw
    if held is not None:
        yield held


def _cut_before_last_interview(
    raw: RawSheet, columns: dict[int, str]
) -> tuple[RawSheet, RawSheet | None]:
    """``raw`` without the rows of its last interview, and those rows (None when it has
    no other); blank rows, and rows that leave the interview's name empty, go with the
    interview above them."""
    interview = raw.cells[list(columns)].set_axis(list(columns.values()), axis=1)
    starts = np.flatnonzero(names_an_interview(interview).to_numpy())
    if not len(starts):
        return raw, None
    key = interview_key(interview).iloc[starts]
    other = starts[(key != key.iloc[-1]).to_numpy()]
    if not len(other):
        return raw, None
    cut = starts[starts > other[-1]][0]
    return _rows(raw, slice(0, cut)), _rows(raw, slice(cut, None))


def _rows(raw: RawSheet, at: slice) -> RawSheet:
    """Some adjacent rows of ``raw`` (never none), with the ragged and cut cells in them."""
    rows = raw.rows[at]
    first, last = rows[0], rows[-1]
    return dataclasses.replace(
        raw,
        cells=raw.cells.iloc[at].reset_index(drop=True),
        rows=rows,
        ragged=[r for r in raw.ragged if first <= r[0] <= last],
        cut=[c for c in raw.cut if first <= c[0] <= last],
    )


def _joined(first: RawSheet, then: RawSheet) -> RawSheet:
    return dataclasses.replace(
        then,
        cells=pd.concat([first.cells, then.cells], ignore_index=True),
        rows=np.concatenate([first.rows, then.rows]),
        ragged=first.ragged + then.ragged,
        cut=first.cut + then.cut,
    )


def _date_orders(plan: TextPlan) -> dict[str, bool | None]:
    """Day/month order per date column, decided from every row (a first, light pass over
    the date columns alone, so in larger chunks)."""
    names, headers, _ = map_headers(plan.header_only())
    positions = {n: i for i, n in enumerate(names) if n in _DATE_COLUMNS}
    if not positions:
        return {}
    evidence = dict.fromkeys(positions, DateOrder())
    columns = sorted(positions.values())
    for raw in iter_text(plan, chunk_rows=_DATE_PASS_ROWS, columns=columns):
        for name, at in positions.items():
            evidence[name] = evidence[name] | date_order(raw.cells[at])
    return {name: order.decide(headers[name]) for name, order in evidence.items()}
