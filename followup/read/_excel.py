"""Excel workbooks, read with calamine (Rust; tens of times faster than openpyxl)."""

from __future__ import annotations

import datetime as dt
import io
import math
from typing import TypeVar

from followup.errors import SheetNotFoundError, SourceError
from followup.read._raw import RawSheet, from_grid, grid_of


def read_xlsx(data: bytes, name: str, sheet: str | int | None) -> RawSheet:
    """Read a workbook with calamine (Rust; tens of times faster than openpyxl)."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = book.sheet_names
    except Exception as exc:  # calamine raises its own error types for every damage
        raise SourceError(f"{name} is not a readable Excel workbook ({exc}).") from None
    if sheet is None:
        sheet = 0
    if isinstance(sheet, int) and not 0 <= sheet < len(names):
        raise SheetNotFoundError(
            f"{name} has {len(names)} sheet(s), so there is no sheet number {sheet}; "
            f"sheets: {', '.join(repr(n) for n in names)}."
        )
    if isinstance(sheet, str) and sheet not in names:
        raise SheetNotFoundError(
            f"{name} has no sheet named {sheet!r}; sheets: {', '.join(repr(n) for n in names)}."
        )
    target = names[sheet] if isinstance(sheet, int) else sheet
    try:
        found = book.get_sheet_by_name(target)
        values = _filled_down(found.to_python(skip_empty_area=False), found.merged_cell_ranges)
    except Exception as exc:
        raise SourceError(f"{name}: sheet {target!r} cannot be read ({exc}).") from None
    return from_grid(grid_of([[excel_text(v) for v in row] for row in values]), name)


Cell = tuple[int, int]
T = TypeVar("T")


def _filled_down(values: list[list[T]], merged: list[tuple[Cell, Cell]] | None) -> list[list[T]]:
    """Cells merged down a column show their top cell's value, which only the top cell
    holds: a company written once beside the rows of its panel, each with its own time.

    >>> _filled_down([["Acme", 1], ["", 2]], [((0, 0), (1, 0))])
    [['Acme', 1], ['Acme', 2]]
    """
    for (top, column), (bottom, right) in merged or ():
        if column != right:  # merged across columns: one value, not one per column
            continue
        for row in values[top + 1 : bottom + 1]:
            if column < len(row):
                row[column] = values[top][column]
    return values


def excel_text(value: object) -> str:
    """Excel cell value as text; date cells become ISO strings, and a time in whole minutes
    is written as Excel shows it, "2:30" (what was typed, and read as a CSV's "2:30" is).

    >>> excel_text(dt.time(2, 30)), excel_text(dt.datetime(2026, 11, 24, 14, 5))
    ('2:30', '2026-11-24 14:05')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime | dt.time) and not (value.second or value.microsecond):
        time = f"{value.hour}:{value.minute:02d}"
        return f"{value.date().isoformat()} {time}" if isinstance(value, dt.datetime) else time
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return f"{value.total_seconds() / 60:g}"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value)
