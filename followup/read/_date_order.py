"""Which way a column's numeric dates read, day-first or month-first, and the evidence
for it: dates that read one way only, and weekdays that fit one reading."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import astuple, dataclass
from datetime import datetime

from followup.errors import AmbiguousDatesError

WEEKDAYS = {
    day: number for number, day in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
}


@dataclass(frozen=True)
class DateOrder:
    """What a column's numeric dates say about day/month order, with an example of each.

    A value like ``24/11/2026`` can only be day-first; ``11/24/2026`` only month-first;
    ``13/45/2026`` neither, so it says nothing (it is rejected as no such day); ``03/04/2026``
    could be either, unless a weekday before it fits one reading only
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


def order_of(dates: Iterable[Mapping[str, str]]) -> DateOrder:
    """The evidence in numeric dates, each given by its parts (``weekday``, ``a``, ``sep``,
    ``b``, ``y``: "Fri 12/4/2026" is Fri, 12, /, 4, 2026; the weekday may be None), with the
    first example of each.

    >>> order_of([{"weekday": "Fri", "a": "12", "sep": "/", "b": "4", "y": "2026"}])
    DateOrder(dayfirst=None, monthfirst=None, either='12/4/2026', weekday_dayfirst=None, \
weekday_monthfirst='12/4/2026')
    """
    examples: dict[str, str] = {}
    for date in dates:
        first, second = int(date["a"]), int(date["b"])
        shown = f"{date['a']}{date['sep']}{date['b']}{date['sep']}{date['y']}"
        if 12 < first <= 31 and second <= 12:
            examples.setdefault("dayfirst", shown)
        if 12 < second <= 31 and first <= 12:  # "13/45/2026" is no date either way: no evidence
            examples.setdefault("monthfirst", shown)
        if first != second and first <= 12 and second <= 12 and date["sep"] != ".":
            examples.setdefault("either", shown)
            day_first, month_first = _weekday_fits(date, first, second)
            if day_first != month_first:
                examples.setdefault(
                    "weekday_dayfirst" if day_first else "weekday_monthfirst", shown
                )
    return DateOrder(**examples)


def _weekday_fits(date: Mapping[str, str], first: int, second: int) -> tuple[bool, bool]:
    """Whether the weekday written before a date fits it read day-first, and month-first
    (False where none is written)."""
    written = WEEKDAYS.get((date["weekday"] or "").lower())
    if written is None:
        return False, False
    year = int(date["y"])
    year = year if year >= 100 else year + 2000

    def fits(day: int, month: int) -> bool:
        try:
            return datetime(year, month, day).weekday() == written
        except ValueError:
            return False

    return fits(first, second), fits(second, first)
