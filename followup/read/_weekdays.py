"""A weekday written before a date ("Wed 11/24/2026") that the date is not: one of the
two was mistyped, and the deadline counts from the date."""

from __future__ import annotations

import pandas as pd

from followup.read._rejects import Problems

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Each spelling of a weekday people type: its first three letters or more ("Thurs"), or "Weds".
_SPELLINGS = {
    day[:n].lower(): number for number, day in enumerate(_DAYS) for n in range(3, len(day) + 1)
} | {"weds": 2}
_FIRST_WORD = r"^\s*([A-Za-z]+)\.?,?\s+\S"


def written_weekdays(cells: pd.Series) -> pd.Series:
    """The weekday (0 for Monday) each cell begins with, or NA.

    >>> written_weekdays(pd.Series(["Tue 11/24/2026 2pm", "weds. Nov 25", "11/24", "Monkey 1"]))
    0       1
    1       2
    2    <NA>
    3    <NA>
    dtype: Int64
    """
    first = cells.str.extract(_FIRST_WORD, expand=False).str.lower()
    return first.map(_SPELLINGS).astype("Int64")


def warn_of_wrong_weekdays(
    cells: pd.Series, dates: pd.Series, column: str, problems: Problems
) -> None:
    """Warn of the cells whose weekday is not their date's (read from the same cell); the
    date is kept."""
    if not cells.str.match(r"\s*[A-Za-z]").any():
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
