"""Parsing the dates, times and durations people type into spreadsheets.

Every parser reads the *distinct* values of a text column, one at a time in plain
Python (a pandas call costs more than reading a few dozen cells), then maps the
results back, so a 100,000-row sheet with a few thousand distinct times costs a
few thousand parses; read in chunks, a chunk whose values were all read before
takes their readings (:mod:`._readings`).

Accepted forms:

- ISO: ``2026-11-24``, ``2026-11-24 14:30``, ``2026-11-24T14:30:00-05:00``;
- numeric: ``11/24/2026 2:30 PM``, ``24.11.2026 14:30``, ``24-11-26``; the
  day/month order is inferred per column from values that read only one way;
- month names: ``Nov 24, 2026 2:30 PM``, ``Tuesday 24 November 2026 14:30``;
- Excel serial numbers: ``46350.6041667`` (days since 1899-12-30);
- a time of day alone (``2:30 PM``, ``14:30``), to combine with a date column;
- a time with a zone's abbreviation (``11:00 AM PT``, ``2pm ET``, ``14:00 CET``).

>>> parse_moments(pd.Series(["24.11.2026 14:30", "2:30 PM PT"]), column="Start").frame
        date            time  offset zone problem note
0 2026-11-24 0 days 14:30:00    <NA>  NaN     NaN  NaN
1        NaT 0 days 14:30:00    <NA>   PT     NaN  NaN
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd

from followup._clock import CELL_ZONES
from followup.read._date_order import WEEKDAYS, DateOrder, order_of
from followup.read._readings import keep, kept

_TIME = (
    r"(?P<h>\d{1,2})(?:[:.h](?P<mi>\d{2}))?(?::(?P<s>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<ampm>[aApP]\.?\s?[mM]\.?)?"
    r"\s*(?:(?P<off>Z|UTC|GMT|[+-]\d{2}:?\d{2})|(?P<zone>[A-Za-z]{2,8}))?"
)
_ISO = r"^(?P<y>\d{4})[-/](?P<b>\d{1,2})[-/](?P<a>\d{1,2})(?:[T ]\s*(?P<time>.+))?$"
#: A weekday before a date: "Tue 11/24/2026", "Tuesday, 11/24".
_WEEKDAY = rf"(?:(?P<weekday>(?i:{'|'.join(WEEKDAYS)}))(?i:[a-z]{{0,6}})\.?,?\s+)?"
_NUMERIC = (
    rf"^{_WEEKDAY}"
    r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"(?:[ ,T]+(?P<time>.+))?$"
)
_MONTH_NAMES = (
    r"^(?:[A-Za-z]+\.?,?\s+)?"
    r"(?:(?P<mon1>[A-Za-z]{3,9})\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\.?(?:\s+|-)(?P<mon2>[A-Za-z]{3,9})\.?(?:,?\s+|-)"
    r"(?P<y2>\d{4}|(?<=-)\d{2}(?=$|[\s,T])))"  # "03-Dec-26", as Excel writes it in a CSV
    r"(?:,?\s+(?:at\s+)?(?P<time>.+))?$"
)
#: A day and month with no year ("Nov 17", "Fri Nov 20", "11/18", "Tue 11/17 2pm").
_NO_YEAR_NUMERIC = rf"^{_WEEKDAY}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})(?:[ ,T]+(?P<time>.+))?$"
_NO_YEAR_NAMED = (
    r"^(?:[A-Za-z]+\.?,?\s+)?"
    r"(?:(?P<mon1>[A-Za-z]{3,9})\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\.?(?:\s+|-)(?P<mon2>[A-Za-z]{3,9})\b\.?)"
    r"(?:,?\s+(?:at\s+)?(?P<time>.+))?$"
)
_SERIAL = r"^\d{5}(?:\.\d+)?$"
_MONTHS = {
    m: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for m in names
}  # fmt: skip
_EXCEL_EPOCH = datetime(1899, 12, 30)
_UNREADABLE = "not a date or time followup can read"
_NO_SUCH_DAY = "impossible date (no such day)"
_NO_SUCH_TIME = "impossible time of day"
_UNKNOWN_ZONE = "unknown time zone abbreviation"
_OUT_OF_RANGE = "date before 1900 or after 2199"
#: Years followup reads: wide enough for any interview, narrow enough to place in any zone.
YEARS = (1900, 2199)
#: The reject code of each problem :func:`parse_moments` reports.
PROBLEM_CODES = {
    _UNREADABLE: "bad_date",
    _NO_SUCH_DAY: "impossible_date",
    _NO_SUCH_TIME: "impossible_time",
    _UNKNOWN_ZONE: "unknown_zone",
    _OUT_OF_RANGE: "date_out_of_range",
}

#: Day/month order: for every date column, per column, or None to infer it.
DayFirst = bool | None | Mapping[str, bool | None]
_NOON = re.compile(r"(?i)\b(?:12\s*)?(?:noon|midday)\b")  # "11/20 noon", "12 noon ET": 12:00 PM
_SPACED_AT = re.compile(r"\s+@\s*")
_NEAR = timedelta(days=31)  # a date this far outside the column's others is "near" no more
_ISO_RE, _NUMERIC_RE, _MONTH_NAMES_RE, _NO_YEAR_NUMERIC_RE, _NO_YEAR_NAMED_RE, _SERIAL_RE = map(
    re.compile, (_ISO, _NUMERIC, _MONTH_NAMES, _NO_YEAR_NUMERIC, _NO_YEAR_NAMED, _SERIAL)
)
_TIME_RE, _TIME_ALONE = re.compile(_TIME), re.compile(f"^{_TIME}$")
_TIME_MARK = re.compile(r"[:.h]|[aApP]\.?\s?[mM]")  # "14.30", "2pm": a time alone, not "14"
_CLOCK_MARK = re.compile(r"\d[:.]\d|[aApP]\.?\s?[mM]\b")


@dataclass(frozen=True)
class Moments:
    """Parsed values of one column, aligned with its rows: ``frame`` has ``date`` (midnight,
    naive; NaT if the value had no date), ``time`` (since midnight; NaT if none), ``offset``
    (minutes east of UTC when the value carried one), ``zone`` (an abbreviation the time
    carried: "2pm ET", "14:00 CET"), ``problem`` (text, NA when fine) and ``note`` (why a
    dotted date was read against the column's order, NA mostly)."""

    frame: pd.DataFrame
    dayfirst: bool | None


def parse_moments(values: pd.Series, *, column: str, dayfirst: bool | None = None) -> Moments:
    """Parse a text column of dates, datetimes or times of day. Empty cells give NaT and no
    problem (the caller decides if they are required); ``dayfirst=None`` infers the order.

    Raises
    ------
    AmbiguousDatesError
        ``dayfirst`` is None and the numeric dates read both ways.
    """
    codes, uniques = pd.factorize(values)
    cells = pd.Series(uniques, dtype="str")
    out, order = kept(cells, dayfirst), dayfirst
    if out is None:  # a value not read before: read them all, as a whole read would
        readings = [_Reading(_plain(cell)) for cell in cells.tolist()]
        order = _read_forms(readings, column=column, dayfirst=dayfirst)
        for reading in readings:
            reading.read_time()
        out = _frame(readings)
        anchored = out.pop("anchored")
        keep(cells, out, alone=~anchored, dayfirst=dayfirst)
    frame = out.take(codes).reset_index(drop=True)
    frame.index = values.index
    return Moments(frame, order)


def _plain(cell: str) -> str:
    """A cell with "noon" as 12:00 PM and no "@" before its time ("Thu, Dec 3 @ 10am")."""
    return _SPACED_AT.sub(" ", _NOON.sub("12:00 PM", cell))


@dataclass
class _Reading:
    """What one distinct cell reads as, filled in form by form: its date (midnight), its time
    of day in seconds, the UTC offset in minutes or the zone abbreviation it carried, the
    problem, and whether its date is a guess of the year (``anchored``)."""

    text: str
    date: datetime | None = None
    seconds: int | None = None
    offset: int | None = None
    zone: str | None = None
    problem: str | None = None
    anchored: bool = False
    time_text: str | None = None
    other: datetime | None = None  # a dotted date in the other day/month order
    note: str | None = None  # why it was read that other way

    def set_date(self, year: int, month: int, day: int) -> None:
        """The date, or the problem with it: out of range, or no such day."""
        if not YEARS[0] <= year <= YEARS[1]:
            self.problem = _OUT_OF_RANGE
            return
        try:
            self.date = datetime(year, month, day)
        except ValueError:
            self.problem = _NO_SUCH_DAY

    def read_time(self) -> None:
        """The time, offset and zone from the time part of the cell, or the problem with it."""
        if not self.time_text:
            return
        parts = _TIME_ALONE.search(self.time_text.strip())
        if parts is None:
            self.problem = _UNREADABLE
            return
        hour = int(parts["h"])
        minute, second = int(parts["mi"] or 0), int(parts["s"] or 0)
        ampm = parts["ampm"][0].lower() if parts["ampm"] else None
        if parts["mi"] is None and ampm is None:  # "14" alone is not a time
            self.problem = _UNREADABLE
            return
        offset = _offset_minutes(parts["off"])
        if (
            minute > 59
            or second > 59
            or ((hour < 1 or hour > 12) if ampm else hour > 23)
            or (offset is not None and abs(offset) > 14 * 60)  # no zone is -15:00
        ):
            self.problem = _NO_SUCH_TIME
            return
        if ampm:
            hour = hour % 12 + (12 if ampm == "p" else 0)
        self.seconds, self.offset = hour * 3600 + minute * 60 + second, offset
        if parts["zone"]:
            self.zone = parts["zone"].upper()
            if self.zone.lower() not in CELL_ZONES:
                self.problem = _UNKNOWN_ZONE


def _read_forms(readings: list[_Reading], *, column: str, dayfirst: bool | None) -> bool | None:
    """Read the date of each cell in the first form it matches, noting the time part to read;
    return the day/month order used."""
    numeric, left = [], []
    for reading in (r for r in readings if r.text):
        if iso := _ISO_RE.search(reading.text):
            reading.set_date(int(iso["y"]), int(iso["b"]), int(iso["a"]))
            reading.time_text = iso["time"]
        elif number := _NUMERIC_RE.search(reading.text):
            numeric.append((reading, number))
        else:
            left.append(reading)
    if numeric and dayfirst is None:
        dayfirst = order_of(number.groupdict() for _, number in numeric).decide(column)
    for reading, number in numeric:
        first, second, year = int(number["a"]), int(number["b"]), int(number["y"])
        # dots: day-first by convention where the column and the user say nothing
        day_first = (number["sep"] == "." and dayfirst is None) or bool(dayfirst)
        day, month = (first, second) if day_first else (second, first)
        reading.set_date(year if year >= 100 else year + 2000, month, day)
        reading.time_text = number["time"]
        if number["sep"] == "." and dayfirst is not None and reading.date:
            reading.other = _date_or_none(reading.date.year, day, month)
    if left:  # the forms below cost time, so each is tried only on what is left
        _other_forms(readings, left, dayfirst)
    _near_the_others(readings)
    return dayfirst


def _near_the_others(readings: list[_Reading]) -> None:
    """Dots follow the column's day/month order, but a dotted date that order puts months
    from the column's other dates, and the other order among them, reads the other way, and
    says so: "5.12.2026" among December's dates under ``--monthfirst`` is December 5."""
    dated = [r.date for r in readings if r.date is not None and r.other is None]
    if not dated:
        return
    low, high = min(dated) - _NEAR, max(dated) + _NEAR
    for reading in readings:
        near, date = reading.other, reading.date
        if near and date and not low <= date <= high and low <= near <= high:
            reading.date = near
            reading.note = (
                f"read as {near:%B} {near.day}, not {date:%B} {date.day}: "
                "the column's other dates are near it"
            )


def _other_forms(readings: list[_Reading], todo: list[_Reading], dayfirst: bool | None) -> None:
    """Month names, dates without a year, Excel serial numbers and times of day; what is
    still left is unreadable."""
    left = []
    for reading in todo:
        named = _MONTH_NAMES_RE.search(reading.text)
        month = _MONTHS.get((named["mon1"] or named["mon2"]).lower()) if named else None
        if named is None or month is None:
            left.append(reading)
            continue
        year = int(named["y1"] or named["y2"])
        reading.set_date(
            year if year >= 100 else year + 2000, month, int(named["d1"] or named["d2"])
        )
        reading.time_text = named["time"]

    left = _without_year(readings, left, dayfirst)

    for reading in left:
        text = reading.text
        if _SERIAL_RE.fullmatch(text):
            days, seconds = divmod(round(float(text) * 86_400), 86_400)
            reading.date = _EXCEL_EPOCH + timedelta(days=days)
            if not text.isdigit():
                reading.seconds = seconds
        elif _TIME_RE.fullmatch(text) and _TIME_MARK.search(text):
            reading.time_text = text
        else:
            reading.problem = _UNREADABLE


def _without_year(
    readings: list[_Reading], todo: list[_Reading], dayfirst: bool | None
) -> list[_Reading]:
    """Dates written without a year ("Nov 17", "11/18"): each gets the year that puts it
    nearest the column's dated values (their middle), or the clock when none has a year.
    Returns the cells still left."""
    numbers = {id(r): m for r in readings if (m := _NO_YEAR_NUMERIC_RE.search(r.text))}
    found: list[tuple[_Reading, int, int, str | None]] = []  # cell, month, day, time part
    left = []
    day_first = (
        bool(dayfirst) if dayfirst is not None else any(int(m["a"]) > 12 for m in numbers.values())
    )
    for reading in todo:
        named = _NO_YEAR_NAMED_RE.search(reading.text)
        month = _MONTHS.get((named["mon1"] or named["mon2"]).lower()) if named else None
        number = numbers.get(id(reading))
        if named and month is not None and not _is_a_time(reading.text):
            found.append((reading, month, int(named["d1"] or named["d2"]), named["time"]))
        elif number is not None:
            first, second = int(number["a"]), int(number["b"])
            month, day = (second, first) if day_first else (first, second)
            found.append((reading, month, day, number["time"]))
        else:
            left.append(reading)
    if not found:
        return left
    dated = sorted(r.date for r in readings if r.date is not None)
    anchor = dated[len(dated) // 2] if dated else pd.Timestamp.now().to_pydatetime()
    for reading, month, day, time_text in found:
        year = anchor.year
        for shift in (-1, 1):  # the year that brings the date nearest the anchor
            nearer = _date_or_none(anchor.year + shift, month, day)
            current = _date_or_none(year, month, day)
            if nearer and current and abs(nearer - anchor) < abs(current - anchor):
                year = anchor.year + shift
        reading.set_date(year, month, day)
        reading.anchored = True
        reading.time_text = time_text
    return left


def _is_a_time(text: str) -> bool:
    """ "2pm", "10:30": a time, though it may read as a day and a month ("10 Mar")."""
    return bool(_TIME_RE.fullmatch(text) and _CLOCK_MARK.search(text))


def _date_or_none(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day)
    except ValueError:
        return None


def _frame(readings: list[_Reading]) -> pd.DataFrame:
    """The readings as the columns of :class:`Moments`, plus ``anchored``."""
    times = [None if r.seconds is None else timedelta(seconds=r.seconds) for r in readings]
    return pd.DataFrame(
        {
            "date": pd.Series([r.date for r in readings], dtype="datetime64[us]"),
            "time": pd.Series(times, dtype="timedelta64[us]"),
            "offset": pd.Series([r.offset for r in readings], dtype="Int64"),
            "zone": pd.Series([r.zone for r in readings], dtype="str"),
            "problem": pd.Series([r.problem for r in readings], dtype="str"),
            "note": pd.Series([r.note for r in readings], dtype="str"),
            "anchored": pd.Series([r.anchored for r in readings], dtype=bool),
        }
    )


def date_order(values: pd.Series) -> DateOrder:
    """The day/month evidence in a text column's numeric dates.

    >>> date_order(pd.Series(["03/04/2026", "24/11/2026 10:00", ""])).decide("Date")
    True
    >>> date_order(pd.Series(["Fri 12/4/2026", "04.12.2026"])).decide("Date")  # December 4th
    False
    """
    matches = (_NUMERIC_RE.search(text) for text in values.unique() if isinstance(text, str))
    return order_of(match.groupdict() for match in matches if match)


def _offset_minutes(text: str | None) -> int | None:
    """``Z``/``UTC`` → 0, ``+05:30`` → 330, missing → None.

    >>> _offset_minutes("-04:00"), _offset_minutes("Z"), _offset_minutes(None)
    (-240, 0, None)
    """
    if text is None:
        return None
    if text in ("Z", "UTC", "GMT"):
        return 0
    digits = text.replace(":", "")
    sign = -1 if digits[0] == "-" else 1
    return sign * (int(digits[1:3]) * 60 + int(digits[3:5]))


def column_order(dayfirst: DayFirst, column: str) -> bool | None:
    """The day/month order for one date column: given for all, per column, or inferred.

    >>> column_order({"interview_date": True}, "interview_date"), column_order(None, "sent_at")
    (True, None)
    """
    return dayfirst.get(column) if isinstance(dayfirst, Mapping) else dayfirst
