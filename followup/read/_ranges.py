"""Time ranges typed in a cell ("2-3pm", "10:00–11:15", "2:30 to 3:30 PM ET"): the start
stays in the cell, and the end becomes the interview's end.

"14:30-05:00" may be a range or a time at a UTC offset, as ISO writes it. It is read as:

- a time at that offset, where the row's zone has it (-05:00 in New York);
- else a range, where that makes an interview of at most 4 hours between 7 am and 9 pm
  ("10:00-11:00", "2026-12-04 09:30-10:15");
- else, after a date, a time at that offset where some zone has it ("2026-11-01
  01:30-05:00" in London);
- else a range, which may then end before it starts and be rejected ("14:30-05:00"
  alone, in London).
"""

from __future__ import annotations

import datetime
import functools
import zoneinfo

import numpy as np
import pandas as pd

#: A time range ending a cell, after a date or alone. ISO's "T14:30-05:00" is never one.
_RANGE = (
    r"^(?P<head>(?:.*[\s,])?)"
    r"(?P<h1>\d{1,2})(?:[:.h](?P<m1>\d{2}))?\s*(?:(?P<ap1>[aApP])\.?\s?[mM]\.?)?"
    r"(?P<sep>\s*[–—]\s*|\s+-\s+|\s*-(?=\d)|\s+(?i:to|until|till)\s+)"
    r"(?P<h2>\d{1,2})(?:[:.h](?P<m2>\d{2}))?\s*(?:(?P<ap2>[aApP])\.?\s?[mM]\.?)?"
    r"(?P<zone>\s+[A-Za-z]{2,8})?$"
)
#: A side without am/pm is read in the other half of the day only for a range this short.
_LONGEST_FLIPPED = 8 * 60
#: What reads as an interview rather than a time at an offset: 4 hours, 7 am to 9 pm.
_LONGEST, _EARLIEST, _LATEST = 4 * 60, 7 * 60, 21 * 60


def split_time_range(values: pd.Series, zones: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each cell without the end of a time range it holds, and that end (NA where none).

    A range needs minutes or am/pm on one side, so a date ("11-24") is none. A side
    without am/pm takes the other's, or the other half of the day where that keeps the
    start first and the range at most 8 hours ("11-1pm", "12:00-1:00").

    >>> cells = pd.Series(["Nov 24 2-3pm ET", "11-1pm", "10:00–11:15", "14:30-05:00", "11-24"])
    >>> start, end = split_time_range(cells, pd.Series(["America/New_York"] * 5))
    >>> start.tolist()
    ['Nov 24 2pm ET', '11am', '10:00', '14:30-05:00', '11-24']
    >>> end.tolist()
    ['3pm ET', '1pm', '11:15', nan, nan]
    """
    codes, uniques = pd.factorize(values)
    text = pd.Series(uniques, dtype="str")
    parts = text.str.extract(_RANGE)
    parts = parts[parts["h1"].notna() & parts[["m1", "m2", "ap1", "ap2"]].notna().any(axis=1)]
    if parts.empty:  # most sheets
        return values, pd.Series(pd.NA, index=values.index, dtype="str")
    ap1, ap2 = _half_days(parts)
    start_at = _minutes(parts["h1"], parts["m1"], ap1)
    end_at = _minutes(parts["h2"], parts["m2"], ap2)
    zone = parts["zone"].fillna("")

    def time(k: str, ap: pd.Series) -> pd.Series:
        return parts[f"h{k}"] + (":" + parts[f"m{k}"]).fillna("") + (ap + "m").fillna("")

    start = text.copy()
    start[parts.index] = parts["head"] + time("1", ap1) + zone
    end = pd.Series(pd.NA, index=text.index, dtype="str")
    end[parts.index] = time("2", ap2) + zone
    start_rows = pd.Series(start.to_numpy()[codes], index=values.index, dtype="str")
    end_rows = pd.Series(end.to_numpy()[codes], index=values.index, dtype="str")
    offset = -(parts["h2"].astype(float) * 60 + parts["m2"].astype(float).fillna(0))
    offset_like = (
        parts[["ap1", "ap2"]].isna().all(axis=1)
        & (parts["sep"].str.strip() == "-")
        & (parts["h2"].str.len() == 2)
        & parts["m2"].notna()
    )
    interview = (end_at > start_at) & (end_at - start_at <= _LONGEST)
    interview &= (start_at >= _EARLIEST) & (end_at <= _LATEST)
    some_zones = (offset >= -12 * 60) & parts["m2"].isin(["00", "30", "45"])
    code = pd.Series(codes, index=values.index)
    always = offset_like & ~interview & some_zones & (parts["head"] != "")  # after a date
    by_zone = code[code.isin(parts.index[offset_like & ~always])]
    places = zones[by_zone.index]
    known = pd.DataFrame({place: _zone_offsets(place) for place in places.unique()}).T
    seasons = known.reindex(places.to_numpy()).to_numpy()  # winter, summer: per row
    has = (seasons == offset[by_zone].to_numpy()[:, None]).any(axis=1)
    rows = code.index[code.isin(parts.index[always])].union(by_zone.index[has])
    start_rows[rows], end_rows[rows] = values[rows], pd.NA
    return start_rows, end_rows


def _half_days(parts: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The am/pm ("a", "p" or NA) of each side of each range."""
    given1, given2 = parts["ap1"].str.lower(), parts["ap2"].str.lower()
    ap1, ap2 = given1.fillna(given2), given2.fillna(given1)  # each side with the other's
    span = _minutes(parts["h2"], parts["m2"], ap2) - _minutes(parts["h1"], parts["m1"], ap1)
    flip = {"p": "a", "a": "p"}  # the start would come after the end: the other half-day
    flipped = (span <= 0) & (span + 720 <= _LONGEST_FLIPPED)
    ap1 = given1.fillna(ap1.mask(flipped, ap1.map(flip)))
    ap2 = given2.fillna(ap2.mask(flipped, ap2.map(flip)))
    # Neither has it, and the end comes first ("12:00-1:00"): a start in the morning (or
    # at noon) and an end in the afternoon, if that is a range of at most 8 hours.
    morning = pd.Series(np.where(parts["h1"].astype(int) == 12, "p", "a"), index=parts.index)
    afternoon = pd.Series("p", index=parts.index)
    daytime = _minutes(parts["h2"], parts["m2"], afternoon) - _minutes(
        parts["h1"], parts["m1"], morning
    )
    by_day = given1.isna() & given2.isna() & (span <= 0) & (parts["h2"].astype(int) <= 12)
    by_day &= (parts["h1"].astype(int) <= 12) & (daytime > 0) & (daytime <= _LONGEST_FLIPPED)
    return ap1.mask(by_day, morning), ap2.mask(by_day, afternoon)


@functools.cache
def _zone_offsets(zone: str) -> tuple[float, float]:
    """The UTC offsets, in minutes, a zone has this year in winter and in summer (NaN for
    a zone that does not exist)."""
    try:
        place = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # rejected elsewhere
        return float("nan"), float("nan")
    year = datetime.date.today().year
    winter, summer = (
        (datetime.datetime(year, month, 1, tzinfo=place).utcoffset() or datetime.timedelta())
        for month in (1, 7)
    )
    return winter.total_seconds() / 60, summer.total_seconds() / 60


def _minutes(hour: pd.Series, minute: pd.Series, ap: pd.Series) -> pd.Series:
    """Minutes since midnight of an hour, its minutes (or NA) and "a", "p" or NA."""
    hours = hour.astype(float)
    hours = hours.where(ap.isna(), hours % 12 + (ap == "p") * 12)
    return hours * 60 + minute.astype(float).fillna(0)
