"""Which way a column's numeric dates read, day-first or month-first, and the evidence
for it: dates that read one way only, and weekdays that fit one reading."""

from __future__ import annotations

from dataclasses import astuple, dataclass

import pandas as pd

from followup.errors import AmbiguousDatesError

WEEKDAYS = {
    day: number for number, day in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
}


@dataclass(frozen=True)
class DateOrder:
    """What a column's numeric dates say about day/month order, with an example of each.

    A value like ``24/11/2026`` can only be day-first; ``11/24/2026`` only month-first;
    ``03/04/2026`` could be either, unless a weekday before it fits one reading only
    (``Fri 12/4/2026``: December 4th), which counts where no date settles the order (a
    mistyped weekday must not unsettle it). Dates written with dots (``04.12.2026``) follow
    the column's order, and are day-first by convention where nothing settles it, so they
    never leave it in doubt. Evidence from several chunks of a long sheet adds up with ``|``.
    """

    dayfirst: str | None = None
    monthfirst: str | None = None
    either: str | None = None
    weekday_dayfirst: str | None = None
    weekday_monthfirst: str | None = None

    def __or__(self, other: DateOrder) -> DateOrder:
        return DateOrder(*(a or b for a, b in zip(astuple(self), astuple(other), strict=True)))

    def decide(self, column: str) -> bool | None:
        """True for day-first, None where nothing tells; raises when the evidence conflicts
        or is missing."""
        if self.dayfirst and self.monthfirst:
            raise AmbiguousDatesError(
                f"Column {column!r} mixes day-first and month-first dates "
                f"('{self.dayfirst}' and '{self.monthfirst}'); make them consistent, "
                "or pass dayfirst=True or False.",
                options=("dayfirst",),
            )
        if self.dayfirst or self.monthfirst:
            return bool(self.dayfirst)
        if bool(self.weekday_dayfirst) != bool(self.weekday_monthfirst):
            return bool(self.weekday_dayfirst)
        if self.either:
            raise AmbiguousDatesError(
                f"Column {column!r} has dates such as '{self.either}' that read "
                "either day-first or month-first; pass dayfirst=True or False.",
                options=("dayfirst",),
            )
        return None


def order_of(parts: pd.DataFrame) -> DateOrder:
    first, second = parts["a"].astype(int), parts["b"].astype(int)
    shown = parts["a"] + parts["sep"] + parts["b"] + parts["sep"] + parts["y"]

    def example(mask: pd.Series) -> str | None:
        return str(shown[mask].iloc[0]) if mask.any() else None

    either = (first != second) & (first <= 12) & (second <= 12) & (parts["sep"] != ".")
    day_first, month_first = _weekday_fits(parts, first, second)
    return DateOrder(
        example(first > 12),
        example(second > 12),
        example(either),
        example(either & day_first & ~month_first),
        example(either & month_first & ~day_first),
    )


def _weekday_fits(
    parts: pd.DataFrame, first: pd.Series, second: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """Whether the weekday written before each date fits it read day-first, and month-first
    (False where none is written)."""
    written = parts["weekday"].str.lower().map(WEEKDAYS)
    year = parts["y"].astype(int)
    year = year.where(year >= 100, year + 2000)

    def fits(day: pd.Series, month: pd.Series) -> pd.Series:
        date = pd.to_datetime(
            pd.DataFrame({"year": year, "month": month, "day": day}), errors="coerce"
        )
        return (date.dt.day_of_week == written).fillna(False).astype(bool)

    return fits(first, second), fits(second, first)
