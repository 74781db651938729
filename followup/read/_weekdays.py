"""A weekday written before a date ("Wed 11/24/2026") that the date is not: one of the
two was mistyped, and the deadline counts from the date."""

from __future__ import annotations

import re

import pandas as pd

from followup._distinct import holds_per_distinct
from followup.read._rejects import Problems

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Each spelling of a weekday people type: its first three letters or more ("Thurs"), or "Weds".
_SPELLINGS = {
    day[:n].lower(): number for number, day in enumerate(_DAYS) for n in range(3, len(day) + 1)
} | {"weds": 2}
_LETTER_FIRST = re.compile(r"\s*[A-Za-z]")
_FIRST_WORD = re.compile(r"^\s*([A-Za-z]+)\.?,?\s+\S")


def written_weekdays(cells: pd.Series) -> pd.Series:
    """The weekday (0 for Monday) each cell begins with, or NA.

    >>> written_weekdays(pd.Series(["Tue 11/24/2026 2pm", "weds. Nov 25", "11/24", "Monkey 1"]))
    0       1
    1       2
    2    <NA>
    3    <NA>
    dtype: Int64
    """
    codes, uniques = pd.factorize(cells, use_na_sentinel=False)
    days = [_weekday(cell) for cell in uniques.tolist()]
    return pd.Series(pd.array(days or [None], dtype="Int64")[codes], index=cells.index)


def _weekday(cell: object) -> int | None:
    first = _FIRST_WORD.match(cell) if isinstance(cell, str) else None
    return _SPELLINGS.get(first[1].lower()) if first else None


def warn_of_wrong_weekdays(
    cells: pd.Series, dates: pd.Series, column: str, problems: Problems
) -> None:
    """Warn of the cells whose weekday is not their date's (read from the same cell); the
    date is kept."""
    if not holds_per_distinct(cells, _LETTER_FIRST.match).any():
        return
    written = written_weekdays(cells)
    wrong = written.notna() & dates.notna() & (dates.dt.day_of_week != written)
    if not wrong.any():
        return
    said = written[wrong].map(lambda n: _DAYS[n])
    date = dates[wrong]
    actual = date.dt.strftime("%a %d %b %Y") + " is a " + date.dt.day_name()
    problems.add(
        wrong,
        column,
        ("written as a " + said + ", but " + actual).reindex(cells.index),
        "correct the weekday or the date; the date was kept, and the deadline counts from it",
        code="wrong_weekday",
        severity="warning",
    )
