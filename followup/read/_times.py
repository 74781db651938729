"""When each interview started and ended: a start cell or date and time columns, then an
end cell or a duration."""

from __future__ import annotations

import re

import pandas as pd

from followup._clock import CELL_ZONES, US_ONLY, ZONES_OF
from followup._distinct import holds_per_distinct, per_distinct
from followup.read._dates import DayFirst, column_order, parse_moments
from followup.read._ranges import split_time_range
from followup.read._rejects import Problems
from followup.read._two_zones import check_second_zones, split_two_zones
from followup.read._weekdays import warn_of_wrong_weekdays
from followup.read._zones import localize, zone_named

#: A duration: "45", "45 min", "1h", "1h30", "1 h 30", "1:30", "1:30:00".
_DURATION = (
    r"^(?:(?P<hm_h>\d{1,2}):(?P<hm_m>\d{2})(?::00)?"
    r"|(?:(?P<h>\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hour|hours)(?![a-z])\.?)?\s*"
    r"(?:(?P<m>\d+(?:[.,]\d+)?)\s*(?:m|min|mins|minute|minutes)?\.?)?)$"
)

_BARE_NUMBER = re.compile(r"\s*\d+(?:[.,]\d+)?\s*")  # "1.5" under "Duration"

#: A start before 7 written with a one-digit hour and no am or pm ("1:30") is read as in
#: the night, and warned of: it more often meant the afternoon. "01:30" means the night.
_MORNING = pd.Timedelta(hours=7)
_ONE_DIGIT_HOUR = r"(?:^|[\s,])(?P<hour>[1-6])[:.h](?P<minute>\d\d)(?!\d)"
_HALF_DAY = r"(?i)[ap]\.?\s?m\b|\bnoon\b|\bmidday\b|\bmidnight\b"

#: Abbreviations only a sheet about the US uses.
US_ABBREVIATIONS = ("et", "est", "edt", "pt", "pst", "pdt", "mt", "mst", "mdt", "akst", "hst")


#: How an interview was held, in brackets after its time: "10am ET (virtual)", "2pm [zoom]".
_ASIDE = re.compile(
    r"\s*[(\[](?i:virtual|video|zoom|teams|google meet|meet|webex|on-?site|on site|in[- ]person|"
    r"phone|call|remote|hybrid|tbc|tbd|tentative|approx\.?|rescheduled|confirmed)[)\]]"
)


def without_asides(cells: pd.Series) -> pd.Series:
    """Date and time cells without a bracketed word on how the interview was held.

    >>> without_asides(pd.Series(["10am ET (virtual)", "2pm (PT)"], dtype="str")).tolist()
    ['10am ET', '2pm (PT)']
    """
    bracketed = cells.str.contains("(", regex=False) | cells.str.contains("[", regex=False)
    if not bracketed.fillna(False).any():  # most sheets: no cell to look at again
        return cells
    return cells.mask(bracketed, per_distinct(cells[bracketed], lambda c: _ASIDE.sub("", c)))


#: A zone in brackets at the end of a time: "8:30am (London)", "2pm (ET)" (not "(8am ET)").
_BRACKETED = re.compile(r"\s*[(\[]\s*([A-Za-z][A-Za-z ./_-]{0,30}?)\s*[)\]]\s*$")


def bracketed_zones(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Cells with a zone named in brackets at their end taken out, and that zone ("" where
    none); an abbreviation stays in the cell, unbracketed, to be read as any other.

    >>> cells, zones = bracketed_zones(pd.Series(["8:30am (London)", "2pm (ET)", "9am"]))
    >>> cells.tolist(), zones.tolist()
    (['8:30am', '2pm ET', '9am'], ['Europe/London', '', ''])
    """
    closed = cells.str.endswith(")") | cells.str.endswith("]")
    if not closed.fillna(False).any():  # most sheets: no zone in brackets
        return cells, pd.Series("", index=cells.index, dtype="str")
    codes, uniques = pd.factorize(cells.fillna(""))
    read = [_bracketed(cell) for cell in uniques.tolist()] or [("", "")]
    texts, zones = (pd.Series([r[i] for r in read], dtype="str").take(codes) for i in (0, 1))
    return texts.set_axis(cells.index), zones.set_axis(cells.index)


def _bracketed(cell: str) -> tuple[str, str]:
    found = _BRACKETED.search(cell) if cell.endswith((")", "]")) else None
    if found is None:
        return cell, ""
    if found[1].lower() in CELL_ZONES:
        return f"{cell[: found.start()]} {found[1]}", ""
    zone = zone_named(found[1])
    return (cell[: found.start()], zone) if zone else (cell, "")


def parse_times(
    long: pd.DataFrame, problems: Problems, zones: pd.Series, dayfirst: DayFirst
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Start and end as UTC instants (NaT where a problem was reported), and each row's zone:
    the one its start time names ("2pm ET"), else the one it had."""
    has_start = "interview_start" in long.columns
    start_text = long["interview_start"] if has_start else pd.Series("", index=long.index)
    when = "interview_start" if has_start else "interview_date"
    start_text, start_zone = bracketed_zones(without_asides(start_text))
    day_text, day_zone = bracketed_zones(without_asides(long["interview_date"]))
    named = start_zone.where(start_zone != "", day_zone)  # "8:30am (London)"
    zones = zones.where(named == "", named)
    # "10am PT / 1pm ET": the first is the start; the second is checked against it
    start_text, start_second = split_two_zones(start_text)
    day_text, day_second = split_two_zones(day_text)
    # "2-3pm": the end of a time range, in either cell, is the interview's end
    start_text, start_range_end = split_time_range(start_text, zones)
    day_text, day_range_end = split_time_range(day_text, zones)
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
    for second, column in ((start_second, when), (day_second, "interview_date")):
        check_second_zones(second, date, begin, zones, problems, column)
    early = begin.notna() & offset.isna() & (time < _MORNING)
    _warn_of_night_starts(long, early, start["time"].notna(), problems)
    for cells, frame, column in ((start_text, start, when), (day_text, day, "interview_date")):
        warn_of_wrong_weekdays(cells, frame["date"].where(~unread), column, problems)

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

    minutes = _durations(long["duration"], problems)
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


def _durations(cells: pd.Series, problems: Problems) -> pd.Series:
    """The interviews' lengths in minutes. A number alone is in hours under a header that
    says so ("Duration (hrs)"), and under 9 it is read as hours, with a warning: no
    interview takes 1.5 minutes."""
    minutes, unreadable = parse_minutes(cells)
    problems.add(
        unreadable,
        "duration",
        "not a duration",
        "write minutes (45), hours (1h, 1h 30) or h:mm (1:30)",
        code="bad_duration",
    )
    bare = holds_per_distinct(cells, _BARE_NUMBER.fullmatch) & minutes.notna()
    if not bare.any():
        return minutes
    header = problems.headers.get("duration", "")
    if re.search(r"(?i)(?:^|[^a-z])(?:h|hrs?|hours?)(?:$|[^a-z:])", header):  # not "(h:mm)"
        return minutes.mask(bare, minutes * 60)
    small = bare & (minutes > 0) & (minutes < 9)
    if not small.any():
        return minutes
    shown = (minutes[small] * 60).round().astype("int64").astype("str")
    problems.add(
        small,
        "duration",
        ("read as hours: " + shown + " minutes").reindex(cells.index),
        "write 1.5h or 90 min to say which",
        code="duration_in_hours",
        severity="warning",
    )
    return minutes.mask(small, minutes * 60)


def _warn_of_night_starts(
    long: pd.DataFrame, early: pd.Series, in_start: pd.Series, problems: Problems
) -> None:
    """Warn of the starts read as before 7 in the morning from a one-digit hour without am
    or pm ("1:30"), in the cell the time was in; they are kept."""
    for rows, column in (
        (early & in_start, "interview_start"),
        (early & ~in_start, "interview_date"),
    ):
        if not rows.any():
            continue
        written = long[column][rows]
        clock = written.str.extract(_ONE_DIGIT_HOUR)
        night = clock["hour"].notna() & ~written.str.contains(_HALF_DAY)
        problems.add(
            night.reindex(long.index, fill_value=False),
            column,
            "read as a time before 7 in the morning: it has no am or pm",
            _night_hint(clock["hour"][night], clock["minute"][night]).reindex(long.index),
            code="night_start",
            severity="warning",
        )


def _night_hint(hour: pd.Series, minute: pd.Series) -> pd.Series:
    """The fix for a start read as before 7 in the morning, in its own time.

    >>> _night_hint(pd.Series(["3"]), pd.Series(["05"])).item()
    'if it was in the afternoon, write 3:05 PM or 15:05; write 3:05 AM to keep it'
    """
    minute = ":" + minute
    afternoon = (hour.astype("int64") + 12).astype("str")
    return (
        "if it was in the afternoon, write " + hour + minute + " PM or " + afternoon + minute
        + "; write " + hour + minute + " AM to keep it"
    )  # fmt: skip


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
        "write the zone's name instead, e.g. " + given.map(ZONES_OF).fillna("Europe/Berlin"),
        code="ambiguous_zone",
    )
    return named.where(named.notna() & (named != ""), zones).astype("str")


def parse_minutes(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse durations (``45``, ``45 min``, ``1h``, ``1 h 30``, ``1:30``) to minutes; an
    aside in brackets, words after the unit, and "about" or "~" are ignored ("2 hrs (panel)",
    "20 min video call", "~45 min").

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
    # what the time was spent on, after its unit: "20 min video call", "1 hour panel"
    text = text.str.replace(
        r"\b(h|hrs?|hours?|m|mins?|minutes?)\.?\s+[a-z][a-z\s/&-]*$", r"\1", regex=True
    )
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
