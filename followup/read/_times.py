"""When each interview started and ended: a start cell or date and time columns, then an
end cell or a duration."""

from __future__ import annotations

import datetime
import functools
import zoneinfo

import pandas as pd

from followup._clock import CELL_ZONES, US_ONLY
from followup.read._dates import DayFirst, column_order, parse_moments
from followup.read._rejects import Problems
from followup.read._zones import localize

#: A duration: "45", "45 min", "1h", "1 h 30", "1:30".
_DURATION = (
    r"^(?:(?P<hm_h>\d{1,2}):(?P<hm_m>\d{2})"
    r"|(?:(?P<h>\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hour|hours)\b\.?)?\s*"
    r"(?:(?P<m>\d+(?:[.,]\d+)?)\s*(?:m|min|mins|minute|minutes)?\.?)?)$"
)

#: A time range ending a cell, after a date or alone: "2-3pm", "14:30–15:15 CET",
#: "10:00 to 11:00". ISO's "T14:30-05:00" is a time with its UTC offset, never a range.
_RANGE = (
    r"^(?P<head>(?:.*[\s,])?)"
    r"(?P<h1>\d{1,2})(?:[:.h](?P<m1>\d{2}))?\s*(?:(?P<ap1>[aApP])\.?\s?[mM]\.?)?"
    r"(?P<sep>\s*[–—]\s*|\s+-\s+|\s*-(?=\d)|\s+(?i:to|until|till)\s+)"
    r"(?P<h2>\d{1,2})(?:[:.h](?P<m2>\d{2}))?\s*(?:(?P<ap2>[aApP])\.?\s?[mM]\.?)?"
    r"(?P<zone>\s+[A-Za-z]{2,5})?$"
)
#: Before this, a start written without am or pm is warned of ("1:30": in the night?).
_MORNING = pd.Timedelta(hours=7)
_HALF_DAY = r"(?i)[ap]\.?\s?m\b|\bnoon\b|\bmidday\b|\bmidnight\b"
#: The longest range whose am/pm one side is read from the other's opposite ("11-1pm").
_LONGEST_FLIPPED = 8 * 60

#: Abbreviations only a sheet about the US uses.
US_ABBREVIATIONS = ("et", "est", "edt", "pt", "pst", "pdt", "mt", "mst", "mdt", "akst", "hst")


def parse_times(
    long: pd.DataFrame, problems: Problems, zones: pd.Series, dayfirst: DayFirst
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Start and end as UTC instants (NaT where a problem was reported), and each row's zone:
    the one its start time names ("2pm ET"), else the one it had."""
    has_start = "interview_start" in long.columns
    start_text = long["interview_start"] if has_start else pd.Series("", index=long.index)
    when = "interview_start" if has_start else "interview_date"
    # "2-3pm": the end of a time range, in either cell, is the interview's end
    start_text, start_range_end = split_time_range(start_text, zones)
    day_text, day_range_end = split_time_range(long["interview_date"], zones)
    start = parse_moments(
        start_text,
        column=problems.headers.get("interview_start", ""),
        dayfirst=column_order(dayfirst, "interview_start"),
    ).frame
    day = parse_moments(
        day_text,
        column=problems.headers.get("interview_date", ""),
        dayfirst=column_order(dayfirst, "interview_date"),
    ).frame
    hint = "write e.g. 2026-11-24 14:30, 11/24/2026 2:30 PM or 24.11.2026 14:30"
    for frame, column in ((start, "interview_start"), (day, "interview_date")):
        problems.add_unreadable(frame, column, hint)
    # A start cell may hold just the time, and a date cell the whole moment.
    date = start["date"].fillna(day["date"])
    time = start["time"].fillna(day["time"])
    offset = start["offset"].fillna(day["offset"])
    unread = start["problem"].notna() | day["problem"].notna()
    empty = (start_text == "") & (day_text == "")
    problems.add(
        empty,
        when,
        "missing interview date and time",
        "add when the interview started; the deadline counts from it",
        code="missing_start",
    )
    no_date = ~unread & ~empty & date.isna()
    problems.add(
        no_date,
        when,
        "time of day without a date",
        "add the interview date, in this cell or an 'Interview Date' column",
        code="time_without_date",
    )
    no_time = ~unread & ~empty & date.notna() & time.isna()
    problems.add(
        no_time,
        when,
        "date without a time of day",
        "add the start time, e.g. 14:30; the 24-hour deadline counts from the end",
        code="date_without_time",
    )
    zones = _cell_zones(start["zone"].fillna(day["zone"]), zones, problems, when)
    naive = date + time
    begin, zone_problem, zone_code = localize(naive, offset, zones)
    problems.add(
        zone_problem.notna(),
        when,
        zone_problem,
        "give the time with its UTC offset (e.g. 01:30 -04:00), or check the date",
        code=zone_code,
    )
    _warn_of_night_starts(long, begin.notna() & offset.isna() & (time < _MORNING), problems, when)

    end_cell = long["interview_end"] != ""  # an end cell comes before a range's end
    in_start = ~end_cell & start_range_end.notna()
    in_day = ~end_cell & ~in_start & day_range_end.notna()
    end_text = long["interview_end"].mask(in_start, start_range_end).mask(in_day, day_range_end)
    end = parse_moments(
        end_text,
        column=problems.headers.get("interview_end", ""),
        dayfirst=column_order(dayfirst, "interview_end"),
    ).frame
    written_in = (
        (~in_start & ~in_day, "interview_end"),
        (in_start, "interview_start"),
        (in_day, "interview_date"),
    )
    for rows, column in written_in:
        problems.add_unreadable(end, column, hint, rows=rows)
    problems.add(
        (end_text != "") & end["problem"].isna() & end["time"].isna(),
        "interview_end",
        "end date without a time of day",
        "add the end time, e.g. 15:30",
        code="end_without_time",
    )
    end_naive = end["date"].fillna(date) + end["time"]
    finish = begin + (end_naive - naive)
    own_zone = end["zone"].notna() & (end["zone"] != start["zone"].fillna(day["zone"]))
    if own_zone.any():  # "3:30 PM ET" after a start in another zone
        end_zones = end["zone"][own_zone].str.lower().map(CELL_ZONES).fillna("")
        finish[own_zone] = localize(end_naive[own_zone], end["offset"][own_zone], end_zones)[0]
    with_offset = end["offset"].notna()
    finish[with_offset] = (
        end_naive[with_offset] - pd.to_timedelta(end["offset"][with_offset].astype(float), unit="m")
    ).dt.tz_localize("UTC")

    minutes, unreadable = parse_minutes(long["duration"])
    problems.add(
        unreadable,
        "duration",
        "not a duration",
        "write minutes (45), hours (1h, 1h 30) or h:mm (1:30)",
        code="bad_duration",
    )
    out_of_range = (minutes <= 0) | (minutes > 24 * 60)
    problems.add(
        out_of_range,
        "duration",
        "duration must be between 1 minute and 24 hours",
        "write the interview's length in minutes",
        code="duration_out_of_range",
    )
    # Out-of-range minutes are rejected above; they must not overflow the sum below.
    by_duration = begin + pd.to_timedelta(minutes.where(~out_of_range).fillna(60), unit="m")
    finish = finish.where(end_text != "", by_duration)
    backwards = (end_text != "") & begin.notna() & finish.notna() & (finish <= begin)
    for rows, column in written_in:
        problems.add(
            backwards & rows,
            column,
            "interview ends before it starts",
            "check the end time (and its date, for interviews past midnight)",
            code="ends_before_start",
        )
    return begin, finish, zones


def _warn_of_night_starts(
    long: pd.DataFrame, early: pd.Series, problems: Problems, column: str
) -> None:
    """A start read as before 7 in the morning from a time without am or pm ("1:30"),
    which more often meant the afternoon: kept, with a warning."""
    if not early.any():
        return
    written = long.get("interview_start", pd.Series("", index=long.index))[early]
    written = written.str.cat(long["interview_date"][early], sep=" ")
    problems.add(
        early & ~written.str.contains(_HALF_DAY).reindex(early.index, fill_value=False),
        column,
        "read as a time before 7 in the morning: it has no am or pm",
        "if it was in the afternoon, write 1:30 PM or 13:30; write 1:30 AM to keep it",
        code="night_start",
        severity="warning",
    )


def split_time_range(values: pd.Series, zones: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each cell without the end of a time range it holds, and that end (NA where none).

    A range needs minutes or am/pm on one side, so a date ("11-24") is none. A side
    without am/pm takes the other's, or its opposite where that keeps the start first
    and the range under 8 hours ("11-1pm"). A time followed by "-" and a two-digit time
    ("14:30-05:00") is that time at a UTC offset if the row's zone has the offset (New
    York's -05:00), else a range ("12:00-13:00", and "12:00-01:00", which ends too soon).

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
    given1, given2 = parts["ap1"].str.lower(), parts["ap2"].str.lower()
    ap1, ap2 = given1.fillna(given2), given2.fillna(given1)  # each side with the other's
    span = _minutes(parts["h2"], parts["m2"], ap2) - _minutes(parts["h1"], parts["m1"], ap1)
    flip = {"p": "a", "a": "p"}  # the start would come after the end: the other half-day
    flipped = (span <= 0) & (span + 720 <= _LONGEST_FLIPPED)
    ap1 = given1.fillna(ap1.mask(flipped, ap1.map(flip)))
    ap2 = given2.fillna(ap2.mask(flipped, ap2.map(flip)))
    zone = parts["zone"].fillna("")

    def time(k: str, ap: pd.Series) -> pd.Series:
        return parts[f"h{k}"] + (":" + parts[f"m{k}"]).fillna("") + (ap + "m").fillna("")

    start = text.copy()
    start[parts.index] = parts["head"] + time("1", ap1) + zone
    end = pd.Series(pd.NA, index=text.index, dtype="str")
    end[parts.index] = time("2", ap2) + zone
    start_rows = pd.Series(start.to_numpy()[codes], index=values.index, dtype="str")
    end_rows = pd.Series(end.to_numpy()[codes], index=values.index, dtype="str")
    offset_like = (
        given1.isna()
        & given2.isna()
        & (parts["sep"].str.strip() == "-")
        & (parts["h2"].str.len() == 2)
        & parts["m2"].notna()
    )
    if offset_like.any():  # "14:30-05:00": a UTC offset where the row's zone has it
        offset = -_minutes(parts["h2"], parts["m2"], ap2)[offset_like]
        code = pd.Series(codes, index=values.index)
        code = code[code.isin(offset.index)]
        is_offset = [
            int(minutes) in _zone_offsets(place)
            for minutes, place in zip(offset[code].to_numpy(), zones[code.index], strict=True)
        ]
        rows = code.index[is_offset]
        start_rows[rows], end_rows[rows] = values[rows], pd.NA
    return start_rows, end_rows


@functools.cache
def _zone_offsets(zone: str) -> frozenset[int]:
    """The UTC offsets, in minutes, a zone has this year, in winter and in summer."""
    try:
        place = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # rejected elsewhere
        return frozenset()
    year = datetime.date.today().year
    winter, summer = (datetime.datetime(year, month, 1, tzinfo=place) for month in (1, 7))
    return frozenset(
        int((moment.utcoffset() or datetime.timedelta()).total_seconds()) // 60
        for moment in (winter, summer)
    )


def _minutes(hour: pd.Series, minute: pd.Series, ap: pd.Series) -> pd.Series:
    """Minutes since midnight of an hour, its minutes (or NA) and "a", "p" or NA."""
    hours = hour.astype(float)
    hours = hours.where(ap.isna(), hours % 12 + (ap == "p") * 12)
    return hours * 60 + minute.astype(float).fillna(0)


def _cell_zones(
    abbreviations: pd.Series, zones: pd.Series, problems: Problems, column: str
) -> pd.Series:
    """Each row's zone, the one its time cell names replacing the sheet's.

    CST and CDT are US Central in a sheet about the US (an American zone, or another
    US abbreviation, appears in it), else ambiguous; IST, AST, ... are always ambiguous.
    """
    given = abbreviations.str.lower()
    if given.isna().all():
        return zones
    named = given.map(CELL_ZONES)
    us_sheet = zones.str.startswith("America/").any() or given.isin(US_ABBREVIATIONS).any()
    if not us_sheet:
        named = named.where(~given.isin(list(US_ONLY)), "")
    problems.add(
        named == "",
        column,
        abbreviations.where(named == "", "").str.upper() + " could mean more than one time zone",
        "write the zone's name instead, e.g. America/Chicago, Asia/Shanghai or Asia/Kolkata",
        code="ambiguous_zone",
    )
    return named.where(named.notna() & (named != ""), zones).astype("str")


def parse_minutes(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse durations (``45``, ``45 min``, ``1h``, ``1 h 30``, ``1:30``) to minutes; an
    aside in brackets and "about" or "~" are ignored ("2 hrs (panel)", "~45 min").

    Returns the minutes (float, NaN where empty or unreadable) and a mask of
    unreadable values.

    >>> minutes, bad = parse_minutes(pd.Series(["45", "1h 30", "1:15", "", "soon", "2h (panel)"]))
    >>> minutes.tolist(), bad.tolist()
    ([45.0, 90.0, 75.0, nan, nan, 120.0], [False, False, False, False, True, False])
    """
    codes, uniques = pd.factorize(values)
    text = pd.Series(uniques, dtype="str").str.lower()
    text = text.str.replace(
        r"\([^)]*\)|~|\b(?:about|approx\.?|around)\s", "", regex=True
    ).str.strip()
    parts = text.str.extract(_DURATION)
    as_float = {k: parts[k].str.replace(",", ".").astype(float) for k in ("h", "m")}
    minutes = (parts["hm_h"].astype(float) * 60 + parts["hm_m"].astype(float)).fillna(
        as_float["h"].fillna(0) * 60 + as_float["m"].fillna(0)
    )
    readable = parts[["hm_h", "h", "m"]].notna().any(axis=1)
    empty = text == ""
    minutes = minutes.where(readable & ~empty)
    unreadable = ~readable & ~empty
    return (
        pd.Series(minutes.to_numpy()[codes], index=values.index),
        pd.Series(unreadable.to_numpy()[codes], index=values.index),
    )
