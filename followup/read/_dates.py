"""Parsing the dates, times and durations people type into spreadsheets.

Every parser works on the *unique* values of a text column with vectorised
regular expressions, then maps the results back, so a 100,000-row sheet with
a few thousand distinct times costs a few thousand parses; read in chunks, a
chunk whose values were all read before takes their readings (:mod:`._readings`).

Accepted forms:

- ISO: ``2026-11-24``, ``2026-11-24 14:30``, ``2026-11-24T14:30:00-05:00``;
- numeric: ``11/24/2026 2:30 PM``, ``24.11.2026 14:30``, ``24-11-26``; the
  day/month order is inferred per column from values that read only one way;
- month names: ``Nov 24, 2026 2:30 PM``, ``Tuesday 24 November 2026 14:30``;
- Excel serial numbers: ``46350.6041667`` (days since 1899-12-30);
- a time of day alone (``2:30 PM``, ``14:30``), to combine with a date column;
- a time with a zone's abbreviation (``11:00 AM PT``, ``2pm ET``, ``14:00 CET``).

>>> parse_moments(pd.Series(["24.11.2026 14:30", "2:30 PM PT"]), column="Start").frame
        date            time  offset zone problem
0 2026-11-24 0 days 14:30:00    <NA>  NaN     NaN
1        NaT 0 days 14:30:00    <NA>   PT     NaN
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
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
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
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
_NOON = r"(?i)\b(?:12\s*)?(?:noon|midday)\b"  # "11/20 noon", "12 noon ET": 12:00 PM


@dataclass(frozen=True)
class Moments:
    """Parsed values of one column, aligned with its rows: ``frame`` has ``date`` (midnight,
    naive; NaT if the value had no date), ``time`` (since midnight; NaT if none), ``offset``
    (minutes east of UTC when the value carried one), ``zone`` (an abbreviation the time
    carried: "2pm ET", "14:00 CET") and ``problem`` (text, NA when fine)."""

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
        text = cells.str.replace(_NOON, "12:00 PM", regex=True)
        text = text.str.replace(r"\s+@\s*", " ", regex=True)  # "Thu, Dec 3 @ 10am"
        out = pd.DataFrame(
            {
                "date": pd.Series(pd.NaT, index=text.index, dtype="datetime64[us]"),
                "time": pd.Series(pd.NaT, index=text.index, dtype="timedelta64[us]"),
                "offset": pd.Series(pd.NA, index=text.index, dtype="Int64"),
                "zone": pd.Series(pd.NA, index=text.index, dtype="str"),
                "problem": pd.Series(pd.NA, index=text.index, dtype="str"),
                "anchored": False,  # a date without a year, read near the others
            }
        )
        todo = text != ""
        if todo.any():  # a column of empty cells (no replies yet) needs no parsing
            order = _parse_forms(out, text, todo, column=column, dayfirst=dayfirst)
        anchored = out.pop("anchored")
        keep(cells, out, alone=~anchored, dayfirst=dayfirst)
    frame = out.take(codes).reset_index(drop=True)
    frame.index = values.index
    return Moments(frame, order)


def _parse_forms(
    out: pd.DataFrame, text: pd.Series, todo: pd.Series, *, column: str, dayfirst: bool | None
) -> bool | None:
    """Fill ``out`` from the first form each value matches; return the day/month order used."""
    time_text = pd.Series(pd.NA, index=text.index, dtype="str")

    iso = text.str.extract(_ISO)
    hit = todo & iso["y"].notna()
    _set_date(out, hit, iso["y"], iso["b"], iso["a"])
    time_text[hit] = iso["time"][hit]
    todo &= ~hit

    numeric = text.str.extract(_NUMERIC)
    hit = todo & numeric["y"].notna()
    if hit.any():
        if dayfirst is None:
            dayfirst = order_of(numeric[hit]).decide(column)
        first, second = numeric["a"][hit].astype(int), numeric["b"][hit].astype(int)
        # dots: day-first by convention where the column and the user say nothing
        dotted = (numeric["sep"][hit] == ".") & (dayfirst is None)
        day_first = dotted | bool(dayfirst)
        day, month = first.where(day_first, second), second.where(day_first, first)
        year = numeric["y"][hit].astype(int)
        year = year.where(year >= 100, year + 2000)
        _set_date(out, hit, year, month, day)
        time_text[hit] = numeric["time"][hit]
    todo &= ~hit

    if todo.any():  # the forms below cost time, so each is tried only on what is left
        _other_forms(out, text, todo, time_text, dayfirst)
    _parse_times(out, time_text)
    return dayfirst


def _other_forms(
    out: pd.DataFrame, text: pd.Series, todo: pd.Series, time_text: pd.Series, dayfirst: bool | None
) -> None:
    """Month names, dates without a year, Excel serial numbers and times of day; what is
    still left is unreadable."""
    named = text.str.extract(_MONTH_NAMES)
    month_name = named["mon1"].fillna(named["mon2"]).str.lower()
    month = month_name.map(_MONTHS)
    hit = todo & month.notna()
    year = named["y1"].fillna(named["y2"]).astype(float)
    _set_date(
        out, hit, year.where(year >= 100, year + 2000), month, named["d1"].fillna(named["d2"])
    )
    time_text[hit] = named["time"][hit]
    todo &= ~hit

    _without_year(out, text, todo, time_text, dayfirst)
    todo &= out["date"].isna() & out["problem"].isna()

    serial = todo & text.str.fullmatch(_SERIAL)
    if serial.any():
        moment = _EXCEL_EPOCH + pd.to_timedelta(
            text[serial].astype(float).mul(86_400).round(), unit="s"
        )
        out.loc[serial, "date"] = moment.dt.normalize()
        with_time = serial & ~text.str.fullmatch(r"\d+")
        out.loc[with_time, "time"] = (moment - moment.dt.normalize())[with_time]
    todo &= ~serial

    time_only = todo & text.str.fullmatch(_TIME) & text.str.contains(r"[:.h]|[aApP]\.?\s?[mM]")
    time_text[time_only] = text[time_only]
    todo &= ~time_only

    out.loc[todo, "problem"] = _UNREADABLE


def _without_year(
    out: pd.DataFrame, text: pd.Series, todo: pd.Series, time_text: pd.Series, dayfirst: bool | None
) -> None:
    """Dates written without a year ("Nov 17", "11/18"): each gets the year that puts it
    nearest the column's dated values (their middle), or the clock when none has a year."""
    numeric = text.str.extract(_NO_YEAR_NUMERIC)
    named = text.str.extract(_NO_YEAR_NAMED)
    month = named["mon1"].fillna(named["mon2"]).str.lower().map(_MONTHS).astype(float)
    a_time = text.str.fullmatch(_TIME) & text.str.contains(r"\d[:.]\d|[aApP]\.?\s?[mM]\b")
    by_name = todo & month.notna() & ~a_time
    by_number = todo & numeric["a"].notna() & ~by_name
    if not (by_name.any() or by_number.any()):
        return
    dated = out["date"].dropna()
    anchor = dated.sort_values().iloc[len(dated) // 2] if len(dated) else pd.Timestamp.now()
    first = numeric["a"].astype(float)
    second = numeric["b"].astype(float)
    day_first = bool(dayfirst) if dayfirst is not None else bool((first > 12).any())
    months = month.where(by_name, (first if not day_first else second).where(by_number))
    days = (
        named["d1"]
        .fillna(named["d2"])
        .astype(float)
        .where(by_name, (second if not day_first else first).where(by_number))
    )
    hit = by_name | by_number
    years = pd.Series(anchor.year, index=text.index)
    for shift in (-1, 1):  # the year that brings the date nearest the anchor
        nearer = pd.to_datetime(
            pd.DataFrame({"year": anchor.year + shift, "month": months, "day": days})[hit],
            errors="coerce",
        )
        current = pd.to_datetime(
            pd.DataFrame({"year": years, "month": months, "day": days})[hit], errors="coerce"
        )
        closer = (nearer - anchor).abs() < (current - anchor).abs()
        years[closer[closer].index] = anchor.year + shift
    _set_date(out, hit, years, months, days)
    out.loc[hit, "anchored"] = True
    time_text[by_name] = named["time"][by_name]
    time_text[by_number] = numeric["time"][by_number]


def _set_date(
    out: pd.DataFrame, hit: pd.Series, year: pd.Series, month: pd.Series, day: pd.Series
) -> None:
    """Write dates for rows in ``hit``; impossible ones become problems."""
    if not hit.any():
        return
    parts = pd.DataFrame(
        {
            "year": year[hit].astype(int),
            "month": month[hit].astype(int),
            "day": day[hit].astype(int),
        }
    )
    date = pd.to_datetime(parts, errors="coerce")
    far = (parts["year"] < YEARS[0]) | (parts["year"] > YEARS[1])
    out.loc[hit, "date"] = date.where(~far)
    bad = date.isna() & ~far
    out.loc[bad[bad].index, "problem"] = _NO_SUCH_DAY
    out.loc[far[far].index, "problem"] = _OUT_OF_RANGE


def date_order(values: pd.Series) -> DateOrder:
    """The day/month evidence in a text column's numeric dates.

    >>> date_order(pd.Series(["03/04/2026", "24/11/2026 10:00", ""])).decide("Date")
    True
    >>> date_order(pd.Series(["Fri 12/4/2026", "04.12.2026"])).decide("Date")  # December 4th
    False
    """
    text = pd.Series(values.unique(), dtype="str")
    return order_of(text.str.extract(_NUMERIC).dropna(subset=["y"]))


def _parse_times(out: pd.DataFrame, time_text: pd.Series) -> None:
    """Fill ``time`` and ``offset`` from the time part of each value."""
    has = time_text.notna() & (time_text != "")
    if not has.any():
        return
    parts = time_text[has].str.strip().str.extract(f"^{_TIME}$")
    unread = parts["h"].isna()
    hour = parts["h"].astype(float)
    minute = parts["mi"].astype(float).fillna(0)
    second = parts["s"].astype(float).fillna(0)
    ampm = parts["ampm"].str.lower().str[0]
    unread |= parts["mi"].isna() & ampm.isna()  # "14" alone is not a time
    with_ampm, offset = ampm.notna(), _offset_minutes(parts["off"])
    bad = unread | (minute > 59) | (second > 59) | with_ampm & ((hour < 1) | (hour > 12))
    bad |= (~with_ampm & (hour > 23)) | (offset.abs() > 14 * 60).fillna(False)  # no zone: -15:00
    hour = hour.where(~with_ampm, hour % 12 + np.where(ampm == "p", 12, 0))
    good = has.copy()
    good[has] = ~bad.to_numpy()
    seconds = (hour * 3600 + minute * 60 + second)[~bad]
    out.loc[good, "time"] = pd.to_timedelta(seconds, unit="s").to_numpy()
    out.loc[good, "offset"] = offset[~bad].to_numpy()
    zone = parts["zone"].str.upper()
    out.loc[good, "zone"] = zone[~bad].to_numpy()
    unknown = zone.notna() & ~zone.str.lower().isin(list(CELL_ZONES)) & ~bad
    out.loc[unknown[unknown].index, "problem"] = _UNKNOWN_ZONE
    out.loc[unread[unread].index, "problem"] = _UNREADABLE
    impossible = bad & ~unread
    out.loc[impossible[impossible].index, "problem"] = _NO_SUCH_TIME


def _offset_minutes(text: pd.Series) -> pd.Series:
    """``Z``/``UTC`` → 0, ``+05:30`` → 330, missing → NA."""
    t = text.str.replace(":", "", regex=False)
    utc = t.isin(["Z", "UTC", "GMT"])
    sign = np.where(t.str[0] == "-", -1, 1)
    numeric = t.str.fullmatch(r"[+-]\d{4}").fillna(False).astype(bool)
    minutes = pd.Series(pd.NA, index=t.index, dtype="Int64")
    hh = t[numeric].str[1:3].astype(int)
    mm = t[numeric].str[3:5].astype(int)
    minutes[numeric] = (sign[numeric.to_numpy()] * (hh * 60 + mm)).astype("Int64")
    minutes[utc.fillna(False).astype(bool)] = 0
    return minutes


def column_order(dayfirst: DayFirst, column: str) -> bool | None:
    """The day/month order for one date column: given for all, per column, or inferred.

    >>> column_order({"interview_date": True}, "interview_date"), column_order(None, "sent_at")
    (True, None)
    """
    return dayfirst.get(column) if isinstance(dayfirst, Mapping) else dayfirst
