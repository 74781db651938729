"""Reading a long sheet in chunks of rows, so memory stays flat however long it is.

Day/month order is the one thing a chunk cannot decide alone: it is decided
from every row of the sheet in a first, light pass over the date columns, so
every chunk reads dates the way a whole-sheet read would. A sheet that fits in one
chunk needs no such pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from followup.read._dates import DateOrder, DayFirst, date_order
from followup.read._headers import map_headers
from followup.read._interviews import Interviews
from followup.read._recipients import to_recipients
from followup.read._sources import Source, read_raw, text_plan
from followup.read._text import TextPlan, iter_text

_DATE_COLUMNS = (
    "interview_start",
    "interview_date",
    "interview_end",
    "sent_at",
    "replied_at",
    "decided_at",
)


def iter_interviews(
    source: Source,
    *,
    sheet: str | int | None = None,
    tz: str | None = None,
    dayfirst: bool | None = None,
    sender: str | None = None,
    chunk_rows: int = 10_000,
    chunk_bytes: int | None = None,
) -> Iterator[Interviews]:
    """:func:`~followup.read_interviews`, one chunk of ``chunk_rows`` sheet rows at a
    time, or fewer: as many as fill ``chunk_bytes`` of the file, when given, so a sheet
    of long notes comes in smaller chunks. Delimited text streams; workbooks and
    DataFrames come as one chunk."""
    plan = text_plan(source)
    if plan is None:
        raw = read_raw(source, sheet=sheet)
        yield to_recipients(raw, tz=tz, dayfirst=dayfirst, sender=sender)
        return
    if chunk_bytes is not None:
        chunk_rows = min(chunk_rows, max(1, chunk_bytes // plan.bytes_per_record))
    orders: DayFirst = dayfirst
    if dayfirst is None and plan.records_at_most > plan.header_at + 1 + chunk_rows:
        orders = _date_orders(plan, chunk_rows)  # one chunk decides for itself, as a whole read
    for number, raw in enumerate(iter_text(plan, chunk_rows=chunk_rows)):
        yield to_recipients(raw, tz=tz, dayfirst=orders, sender=sender, first_chunk=number == 0)


def _date_orders(plan: TextPlan, chunk_rows: int) -> dict[str, bool]:
    """Day/month order per date column, decided from every row (a first, light pass)."""
    names, headers, _ = map_headers(plan.header_only())
    positions = {n: i for i, n in enumerate(names) if n in _DATE_COLUMNS}
    if not positions:
        return {}
    evidence = dict.fromkeys(positions, DateOrder())
    for raw in iter_text(plan, chunk_rows=chunk_rows, columns=sorted(positions.values())):
        for name, at in positions.items():
            evidence[name] = evidence[name] | date_order(raw.cells[at])
    return {name: order.decide(headers[name]) for name, order in evidence.items()}
