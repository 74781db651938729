"""Dates, times, durations and time zones, through the public reader."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import problems, read, ts

import followup
from followup.read import parse_minutes, parse_moments


def frame(starts, **extra) -> pd.DataFrame:
    n = len(starts)
    data = {
        "Company": ["Northwind"] * n,
        "Role": ["Analyst"] * n,
        "Start": starts,
        "Interviewer": [f"P{i}" for i in range(n)],
        "Interviewer Email": [f"p{i}@nw.example" for i in range(n)],
    }
    data.update(extra)
    return pd.DataFrame(data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-24 14:30", "2026-11-24 14:30"),
        ("2026-11-24T14:30:00", "2026-11-24 14:30"),
        ("2026-11-24T14:30:00.000", "2026-11-24 14:30"),
        ("11/24/2026 2:30 PM", "2026-11-24 14:30"),
        ("11/24/2026 2:30 p.m.", "2026-11-24 14:30"),
        ("11/24/26 2:30PM", "2026-11-24 14:30"),
        ("24.11.2026 14:30", "2026-11-24 14:30"),
        ("24.11.2026 14.30", "2026-11-24 14:30"),
        ("Nov 24, 2026 2:30 PM", "2026-11-24 14:30"),
        ("Tuesday, November 24, 2026 at 2:30 pm", "2026-11-24 14:30"),
        ("24 November 2026 14:30", "2026-11-24 14:30"),
        ("46350.604166666664", "2026-11-24 14:30"),
        ("11/24/2026 12:05 AM", "2026-11-24 00:05"),
        ("11/24/2026 12:05 PM", "2026-11-24 12:05"),
        ("2026/11/24 14:30", "2026-11-24 14:30"),
        ("24-Nov-26 2:30 PM", "2026-11-24 14:30"),  # as Excel writes a date into a CSV
        ("24-Nov-2026 14:30", "2026-11-24 14:30"),
        ("Tue, Nov 24, 2026 @ 2:30pm", "2026-11-24 14:30"),
        ("11/24/2026 @ 2:30 PM", "2026-11-24 14:30"),
        ("11/24/2026 3:30 PM Eastern", "2026-11-24 14:30"),
    ],
)
def test_date_forms(text, expected):
    result = read(frame([text]))
    assert result.rejects.empty, result.rejects
    assert result.recipients["interview_start"].iloc[0] == ts(expected)


def test_explicit_offsets_are_instants_shown_in_the_row_zone():
    result = read(frame(["2026-11-24T14:30:00-05:00", "2026-11-24 19:30Z"]))
    assert result.recipients["interview_start"].tolist() == [ts("2026-11-24 13:30")] * 2


def test_separate_date_and_time_columns_with_end_time():
    result = read(
        frame(
            ["2:30 PM", "09:00"],
            Date=["11/24/2026", "11/25/2026"],
            End=["3:15 PM", "2026-11-25 10:30"],
        )
    )
    assert result.rejects.empty, result.rejects
    r = result.recipients
    assert r["interview_start"].tolist() == [ts("2026-11-24 14:30"), ts("2026-11-25 09:00")]
    assert r["interview_end"].tolist() == [ts("2026-11-24 15:15"), ts("2026-11-25 10:30")]


@pytest.mark.parametrize(
    ("time", "start", "end"),
    [
        ("2:30-3:30pm", "14:30", "15:30"),
        ("10:00-11:00", "10:00", "11:00"),  # was read as 10:00 at UTC-11:00
        ("10.00 - 11.15", "10:00", "11:15"),
        ("14:30–15:15", "14:30", "15:15"),
        ("10-11am", "10:00", "11:00"),
        ("11-1pm", "11:00", "13:00"),
        ("11:30-12:30pm", "11:30", "12:30"),
        ("2pm - 3:15pm", "14:00", "15:15"),
        ("2:30 to 3:30 PM", "14:30", "15:30"),
        ("2-3pm ET", "13:00", "14:00"),  # the zone named at the end is the start's too
        ("10:00 -11:00", "10:00", "11:00"),  # -11:00 is no offset of Chicago's
        ("2 TO 3PM", "14:00", "15:00"),
        ("12:00-1:00", "12:00", "13:00"),  # the end first: a morning or noon, an afternoon
        ("11:30-01:30", "11:30", "13:30"),
    ],
)
def test_a_time_range_gives_the_start_and_the_end(time, start, end):
    result = read(frame([time], Date=["11/24/2026"], Minutes=["90"]))
    assert result.rejects.empty, result.rejects
    r = result.recipients
    assert r["interview_start"].tolist() == [ts(f"2026-11-24 {start}")]
    assert r["interview_end"].tolist() == [ts(f"2026-11-24 {end}")]


def test_a_time_range_is_read_whole_only_where_it_is_one():
    result = read(
        frame(
            [
                *("Tue 11/24 2-3pm", "11/24/2026 2-3pm", "11/24 9-10"),
                *("11/24/2026 14:30-05:00", "2026-11-24 01:30-05:00", "11/24/2026 01:30 -05:00"),
                "2026-11-24 10:00-11:00",  # no offset of Chicago's: a range
                "Tue 11/24/2026 2-3pm",
                "2026-11-24T14:30-15:30",  # an ISO time at an offset no zone has
            ],
            End=["", "4:30 PM", "", "", "", "", "", "", ""],  # an end cell says when it ended
        )
    )
    r = result.recipients
    assert r["interview_start"].tolist() == [
        ts("2026-11-24 14:00"),
        ts("2026-11-24 14:00"),
        ts("2026-11-24 13:30"),  # times with their UTC offset
        ts("2026-11-24 00:30"),
        ts("2026-11-24 00:30"),
        ts("2026-11-24 10:00"),
        ts("2026-11-24 14:00"),
    ]
    assert r["interview_end"].tolist() == [
        ts("2026-11-24 15:00"),
        ts("2026-11-24 16:30"),
        ts("2026-11-24 14:30"),
        ts("2026-11-24 01:30"),
        ts("2026-11-24 01:30"),
        ts("2026-11-24 11:00"),
        ts("2026-11-24 15:00"),
    ]
    assert problems(result) == [
        (4, "Start", "not a date or time followup can read"),
        (10, "Start", "impossible time of day"),
    ]


def test_a_bad_end_of_a_time_range_is_reported_in_its_cell():
    cells = ["14:30-25:00", "3pm-2pm", "2:30-2pm", "20:00-19:00"]
    result = read(frame(cells, Date=["11/24/2026"] * 4, End=[""] * 4))
    assert result.recipients.empty
    assert result.rejects[["row", "column", "value", "problem"]].to_numpy().tolist() == [
        [2, "Start", "14:30-25:00", "impossible time of day"],
        *([row, "Start", cell, "interview ends before it starts"] for row, cell in (
            (3, "3pm-2pm"), (4, "2:30-2pm"), (5, "20:00-19:00")
        )),
    ]  # fmt: skip


def test_a_start_in_the_night_without_am_or_pm_is_kept_with_a_warning():
    starts = ["11/24/2026 1:30", "1:30-2:30", "11/24/2026 1:30 AM", "11/24/2026 13:30"]
    starts += ["11/24/2026 01:30", "2026-11-24T01:30:00", ""]  # "01:30" is the night's
    result = read(frame(starts, Date=["", "11/24/2026", "", "", "", "", "11/24/2026 6:15"]))
    assert result.recipients["interview_start"].tolist() == [
        ts(f"2026-11-24 {time}")
        for time in ("01:30", "01:30", "01:30", "13:30", "01:30", "01:30", "06:15")
    ]
    warned = "read as a time before 7 in the morning: it has no am or pm"
    assert problems(result) == [(2, "Start", warned), (3, "Start", warned), (8, "Date", warned)]
    assert set(result.rejects["severity"]) == {"warning"}
    # the fix names the cell's own time (before, "1:30 PM or 13:30" for every cell)
    assert result.rejects["hint"].iloc[-1] == (
        "if it was in the afternoon, write 6:15 PM or 18:15; write 6:15 AM to keep it"
    )


def test_a_time_at_an_offset_another_zone_has_is_that_time():
    result = read(
        frame(["2026-11-01 01:30-05:00", "11/24/2026 14:30-05:00", "2026-12-04 09:30-10:15"]),
        tz="Europe/London",
    )
    r = result.recipients
    assert r["interview_start"].tolist() == [
        ts("2026-11-01 06:30", "UTC"),
        ts("2026-11-24 19:30", "UTC"),
        ts("2026-12-04 09:30", "Europe/London"),  # no zone is at -10:15: a range
    ]
    assert r["interview_end"].iloc[2] == ts("2026-12-04 10:15", "Europe/London")


def test_only_a_weekday_may_come_before_a_date():
    result = read(frame(["Tue. 11/24/2026 2:00 PM", "Thurs 11/26 2pm", "Cancelled 11/24/2026 2pm"]))
    assert result.recipients["interview_start"].tolist() == [
        ts("2026-11-24 14:00"),
        ts("2026-11-26 14:00"),
    ]
    assert problems(result) == [(4, "Start", "not a date or time followup can read")]


def test_a_weekday_the_date_is_not_is_warned_of_and_the_date_kept():
    starts = ["Wed 11/24/2026 2:00 PM", "Tuesday, November 24, 2026 at 3pm", "weds. 11/25 9am"]
    starts += ["Fri 11/24/2026 25:00", "9am", "9am", "mon 11/30/2026 10:00"]
    dates = ["", "", "", "", "Sun 24 Nov 2026", "Thu 26.11.2026", ""]
    result = read(frame(starts, Date=dates))
    assert result.recipients["interview_start"].tolist() == [
        ts(f"2026-11-{day}") for day in ("24 14:00", "24 15:00", "25 09:00", "24 09:00")
    ] + [ts("2026-11-26 09:00"), ts("2026-11-30 10:00")]
    assert problems(result) == [
        (2, "Start", "written as a Wednesday, but Tue 24 Nov 2026 is a Tuesday"),
        (5, "Start", "impossible time of day"),  # an unread date is not compared
        (6, "Date", "written as a Sunday, but Tue 24 Nov 2026 is a Tuesday"),
    ]
    assert result.rejects["code"].tolist() == ["wrong_weekday", "impossible_time", "wrong_weekday"]


def test_a_date_column_may_hold_the_whole_moment():
    sheet = frame(["2026-11-24 14:30"]).drop(columns="Start").assign(Date=["11/24/2026 2:30 PM"])
    result = read(sheet)
    assert result.recipients["interview_start"].tolist() == [ts("2026-11-24 14:30")]


def test_a_date_column_beside_a_time_column_may_hold_a_time_range():
    sheet = frame(["", "", "14:30"]).assign(
        Date=["2026-11-24 09:30-10:15", "11/24/2026 2-3 PM", "11/24/2026 9:30-25:00"]
    )
    result = read(sheet)
    r = result.recipients
    assert r["interview_start"].tolist() == [ts("2026-11-24 09:30"), ts("2026-11-24 14:00")]
    assert r["interview_end"].tolist() == [ts("2026-11-24 10:15"), ts("2026-11-24 15:00")]
    assert problems(result) == [(4, "Date", "impossible time of day")]


def test_duration_forms_and_default():
    result = read(frame(["2026-11-24 14:00"] * 5, Duration=["45", "1h 30", "1:15", "", "20 min"]))
    ends = result.recipients["interview_end"] - result.recipients["interview_start"]
    assert (ends.dt.total_seconds() / 60).tolist() == [45, 90, 75, 60, 20]


@pytest.mark.parametrize(
    ("header", "cells", "minutes", "warned"),
    [
        (
            "Duration",
            ["0:45:00", "1:00:00", "1h30", "45", "1.5", "2"],
            [45, 60, 90, 45, 90, 120],
            2,
        ),
        ("Duration (hrs)", ["1", "1.5", "0.5", "45 min"], [60, 90, 30, 45], 0),
        ("Length (h:mm)", ["1:30", "45"], [90, 45], 0),
    ],
)
def test_durations_as_spreadsheets_write_them(header, cells, minutes, warned):
    """Before, "Duration (hrs): 1" was a one-minute interview, without a word, and an
    exported "0:45:00" was rejected."""
    result = read(frame(["2026-11-24 14:00"] * len(cells), **{header: cells}))
    ends = result.recipients["interview_end"] - result.recipients["interview_start"]
    assert (ends.dt.total_seconds() / 60).tolist() == minutes
    assert result.rejects["code"].tolist() == ["duration_in_hours"] * warned
    assert (
        result.rejects["problem"].tolist()[:warned]
        == [
            "read as hours: 90 minutes",
            "read as hours: 120 minutes",
        ][:warned]
    )


@pytest.mark.parametrize(
    ("dates", "order"),
    [
        (["11/24/2026 10:00", "12/01/2026 10:00"], "month"),
        (["24/11/2026 10:00", "01/12/2026 10:00"], "day"),
        (["05.05.2026 10:00", "05/05/2026 11:00"], "either"),
    ],
)
def test_day_month_order_is_inferred_per_column(dates, order):
    result = read(frame(dates))
    second = result.recipients["interview_start"].iloc[1]
    expected = {
        "month": ts("2026-12-01 10:00"),
        "day": ts("2026-12-01 10:00"),
        "either": ts("2026-05-05 11:00"),
    }[order]
    assert second == expected


def test_ambiguous_column_asks_for_dayfirst():
    with pytest.raises(
        followup.AmbiguousDatesError,
        match=r"Column 'Start' has dates such as '03/04/2026'.*dayfirst",
    ):
        read(frame(["03/04/2026 10:00", "05/06/2026 10:00"]))
    result = read(frame(["03/04/2026 10:00"]), dayfirst=True)
    assert result.recipients["interview_start"].iloc[0] == ts("2026-04-03 10:00")
    result = read(frame(["03/04/2026 10:00"]), dayfirst=False)
    assert result.recipients["interview_start"].iloc[0] == ts("2026-03-04 10:00")


def test_dates_written_with_dots_read_day_first_unless_the_column_says_otherwise():
    """Before, one '04.12.2026' in a US column turned its yearless '12/03' into March 12th:
    dots now follow the column's order, and only decide it for themselves."""
    result = read(frame(["04.12.2026 10:00", "05.12.2026 10:00"]))
    assert result.recipients["interview_start"].iloc[0] == ts("2026-12-04 10:00")
    # a slash date that reads both ways still needs dayfirst, dots beside it or not
    with pytest.raises(followup.AmbiguousDatesError, match="'03/04/2026'"):
        read(frame(["04.12.2026 10:00", "03/04/2026 10:00"]))
    # month-first evidence in the column, or the user's word, wins over the convention...
    result = read(frame(["04.12.2026 10:00", "11/24/2026 10:00", "04/13/2026 10:00"]))
    assert result.recipients["interview_start"].iloc[0] == ts("2026-04-12 10:00")
    result = read(frame(["11.24.2026 10:00", "12.03.2026 10:00"]))
    assert result.recipients["interview_start"].iloc[1] == ts("2026-12-03 10:00")
    result = read(frame(["04.12.2026 10:00"]), dayfirst=False)
    assert result.recipients["interview_start"].iloc[0] == ts("2026-04-12 10:00")
    result = read(frame(["04.12.2026 10:00", "12/03 2pm", "Wed 12/2 9am"]))
    assert result.rejects.empty, result.rejects
    assert result.recipients["interview_start"].dt.day.tolist() == [4, 3, 2]


@pytest.mark.parametrize(("first", "dayfirst"), [("12/3/2026", False), ("11/30/2026", None)])
def test_a_dotted_date_reads_the_way_that_puts_it_among_the_columns_dates_and_says_so(
    first, dayfirst
):
    """...unless it puts the date months from every other one. Before, '5.12.2026' among
    December's dates under --monthfirst was May 12, and the letter thanked for 'May 12'."""
    cells = [f"{first} 10:00", "12/4/2026 10:00", "5.12.2026 10:00", "11/24/2026 9:00"]
    result = read(frame(cells), dayfirst=dayfirst)
    assert result.recipients["interview_start"].dt.strftime("%m-%d").tolist()[1:] == [
        "12-04", "12-05", "11-24"
    ]  # fmt: skip
    said = result.rejects[result.rejects["code"] == "date_read_other_way"]
    assert said[["value", "severity"]].to_numpy().tolist() == [["5.12.2026 10:00", "warning"]]
    assert said["problem"].tolist() == [
        "read as December 5, not May 12: the column's other dates are near it"
    ]
    # a date that is months away either way keeps the column's order
    result = read(frame([f"{first} 10:00", "8.7.2026 10:00"]), dayfirst=dayfirst)
    assert result.recipients["interview_start"].iloc[1] == ts("2026-08-07 10:00")
    assert result.rejects.empty


def test_a_weekday_tells_which_way_a_date_reads():
    """Before, each of these stopped the sheet to ask for --dayfirst or --monthfirst."""
    result = read(frame(["Fri 12/4/2026 10:00", "12/01/2026 10:00"]))
    assert result.recipients["interview_start"].dt.month.tolist() == [12, 12]
    result = read(frame(["Sun 12/4/2026 10:00", "12/01/2026 10:00"]))  # April 12th
    assert result.recipients["interview_start"].dt.month.tolist() == [4, 1]
    with pytest.raises(followup.AmbiguousDatesError, match="either day-first or month-first"):
        read(frame(["Mon 12/4/2026 10:00", "12/01/2026 10:00"]))  # neither fits
    result = read(frame(["FRIDAY 12/4/2026 10:00", "12/01/2026 10:00"]))  # in capitals too
    assert result.recipients["interview_start"].dt.month.tolist() == [12, 12]
    # a mistyped weekday does not unsettle what the dates settle: it is warned of
    result = read(frame(["Tue 11/24/2026 10:00", "Mon 11/2/2026 10:00", "Mon 11/5/2026 10:00"]))
    assert result.recipients["interview_start"].dt.month.tolist() == [11, 11, 11]
    assert [p[2][:10] for p in problems(result)] == ["written as"]


def test_contradictory_column_is_an_error_then_rows_are_rejected_with_dayfirst():
    with pytest.raises(followup.AmbiguousDatesError, match="mixes day-first and month-first"):
        read(frame(["24/11/2026 10:00", "11/24/2026 10:00"]))
    result = read(frame(["24/11/2026 10:00", "11/24/2026 10:00"]), dayfirst=True)
    assert problems(result) == [(3, "Start", "impossible date (no such day)")]


def test_a_date_impossible_either_way_is_no_evidence_of_the_order():
    """Before, one '13/45/2026' stopped the sheet: "mixes day-first and month-first dates
    ('13/45/2026' and '13/45/2026')"."""
    result = read(frame(["11/24/2026 10:00", "13/45/2026 10:00", "45/11/2026 9:00"]))
    assert result.recipients["interview_start"].tolist() == [ts("2026-11-24 10:00")]
    assert [p[2] for p in problems(result)] == ["impossible date (no such day)"] * 2


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2026-02-30 10:00", "impossible date (no such day)"),
        ("2026-11-24 25:00", "impossible time of day"),
        ("2026-11-24 10:75", "impossible time of day"),
        ("11/24/2026 13:00 PM", "impossible time of day"),
        ("next tuesday", "not a date or time followup can read"),
        ("2026-11-24", "date without a time of day"),
        ("2:30 PM", "time of day without a date"),
        ("", "missing interview date and time"),
    ],
)
def test_bad_dates_are_rejected_and_the_rest_kept(text, problem):
    result = read(frame(["2026-11-24 10:00", text]))
    assert result.recipients["row"].tolist() == [2]
    assert problems(result) == [(3, "Start", problem)]
    assert result.rejects["value"].iloc[0] == text


def test_bad_end_and_duration_are_rejected():
    result = read(
        frame(["2026-11-24 10:00"] * 3, End=["09:00", "later", ""], Duration=["", "", "0"])
    )
    assert problems(result) == [
        (2, "End", "interview ends before it starts"),
        (3, "End", "not a date or time followup can read"),
        (4, "Duration", "duration must be between 1 minute and 24 hours"),
    ]


def test_timezone_column_overrides_tz_and_unknown_zone_is_rejected():
    result = read(frame(["2026-11-24 10:00"] * 3, TZ=["Europe/Berlin", "PST", "Mars/Olympus"]))
    r = result.recipients
    assert r["timezone"].tolist() == ["Europe/Berlin", "America/Los_Angeles"]
    assert r["interview_start"].tolist() == [
        pd.Timestamp("2026-11-24 09:00", tz="UTC"),
        pd.Timestamp("2026-11-24 18:00", tz="UTC"),
    ]
    assert problems(result) == [(4, "TZ", "unknown time zone")]


def test_a_zone_may_be_named_as_people_name_it():
    """Before, each of these was an 'unknown time zone' that rejected its row."""
    named = ["Eastern", "Pacific Time", "Central Time (US & Canada)", "New York", "São Paulo"]
    named += ["UTC-5", "Central European Time", "UTC+05:30"]
    result = read(frame(["2026-11-24 10:00"] * len(named), **{"Time zone": named}))
    assert result.recipients["timezone"].tolist() == [
        *("America/New_York", "America/Los_Angeles", "America/Chicago", "America/New_York"),
        *("America/Sao_Paulo", "Etc/GMT+5", "Europe/Berlin"),
    ]
    assert result.recipients["interview_start"].dt.tz_convert("UTC").dt.hour.tolist() == [
        15, 18, 16, 15, 13, 15, 9
    ]  # fmt: skip
    assert problems(result) == [(9, "Time zone", "unknown time zone")]  # no such whole hour


def test_a_time_in_two_zones_starts_at_the_first():
    """As invitations across zones write it; before, each rejected its row as unreadable."""
    cells = ["10am PT / 1pm ET", "10-11am PT (1-2pm ET)", "14:00 CET (8am ET)"]
    cells += ["11pm PT / 2am ET", "10:00 PT | 13:00 ET"]
    result = read(frame(cells, Date=["2026-12-01"] * len(cells)), tz="America/Chicago")
    assert result.rejects.empty, result.rejects
    r = result.recipients
    assert r["interview_start"].dt.tz_convert("UTC").tolist() == [
        *(ts("2026-12-01 18:00", "UTC"), ts("2026-12-01 18:00", "UTC")),
        *(ts("2026-12-01 13:00", "UTC"), ts("2026-12-02 07:00", "UTC")),
        ts("2026-12-01 18:00", "UTC"),
    ]
    assert r["interview_end"].iloc[1] == ts("2026-12-01 19:00", "UTC")
    assert r["timezone"].tolist()[:3] == ["America/Los_Angeles"] * 2 + ["Europe/Berlin"]


def test_a_time_in_two_zones_that_differ_is_rejected_with_the_right_one():
    result = read(frame(["Tue Dec 1, 2026 10am PT / 2pm ET", "2026-12-01 10am PT / 1pm ET"]))
    assert problems(result) == [(2, "Start", "the two times in this cell are not the same moment")]
    assert result.rejects["hint"].iloc[0].startswith("the first is 1:00 PM ET;")
    assert len(result.recipients) == 1


def test_a_zone_cell_may_hold_a_zone_abbreviation_a_time_cell_takes():
    result = read(frame(["2026-11-24 10:00"] * 3, TZ=["JST", "cet", "GST"]))
    assert result.recipients["timezone"].tolist() == ["Asia/Tokyo", "Europe/Berlin"]
    assert problems(result) == [(4, "TZ", "unknown time zone")]
    assert result.rejects["hint"].iloc[0].startswith("GST could mean more than one zone")
    assert result.rejects["hint"].iloc[0].endswith("e.g. Asia/Dubai or Atlantic/South_Georgia")


def test_dst_gap_and_overlap_are_reported_not_guessed():
    result = read(
        frame(["2026-03-08 02:30", "2026-11-01 01:30", "2026-11-01 01:30-05:00"]),
        tz="America/New_York",
    )
    assert problems(result) == [
        (2, "Start", "this time does not exist in America/New_York (clocks spring forward)"),
        (3, "Start", "this time happens twice in America/New_York (clocks fall back)"),
    ]
    assert result.recipients["interview_start"].tolist() == [
        pd.Timestamp("2026-11-01 06:30", tz="UTC").tz_convert("America/New_York")
    ]


def test_tz_argument_must_be_a_zone():
    with pytest.raises(followup.FollowupError, match="Unknown time zone 'Mars/Base'"):
        read(frame(["2026-11-24 10:00"]), tz="Mars/Base")


def test_local_zone_is_the_default():
    result = followup.read_interviews(frame(["2026-11-24 10:00"]))
    assert result.timezone
    assert result.recipients["timezone"].iloc[0] == result.timezone


def test_parse_moments_works_on_unique_values_and_keeps_the_index():
    values = pd.Series(["2026-11-24 10:00"] * 3 + ["bad"], index=[10, 11, 12, 13])
    out = parse_moments(values, column="x").frame
    assert out.index.tolist() == [10, 11, 12, 13]
    assert out["problem"].isna().tolist() == [True, True, True, False]


def test_values_read_before_read_the_same_and_a_date_without_a_year_is_read_again():
    cells = ["03/04/2026 9:30 AM", "11:00 CET", "bad", "2 PM ET", "", "31/02/2026"]
    for dayfirst, month in ((True, 4), (False, 3), (True, 4), (False, 3)):  # then all known
        first = parse_moments(pd.Series(cells), column="x", dayfirst=dayfirst).frame
        again = parse_moments(pd.Series(cells[::-1] * 2), column="x", dayfirst=dayfirst).frame
        pd.testing.assert_frame_equal(again.iloc[:6].iloc[::-1].reset_index(drop=True), first)
        assert first["date"].iloc[0].month == again["date"].iloc[5].month == month
    near_2025 = pd.Series(["Nov 17", "2025-11-20"])
    assert parse_moments(near_2025, column="x", dayfirst=False).frame["date"].iloc[0].year == 2025
    alone = pd.Series(["Nov 17"])  # read near the clock now, not near 2025 as before
    pd.testing.assert_frame_equal(
        parse_moments(alone, column="x", dayfirst=False).frame,
        parse_moments(alone, column="x").frame,  # no order given: nothing kept or taken
    )


def test_parse_minutes_rejects_words():
    minutes, bad = parse_minutes(pd.Series(["1.5 h", "90 minutes", "an hour"]))
    assert minutes.tolist()[:2] == [90.0, 90.0]
    assert bad.tolist() == [False, False, True]


def test_words_after_a_durations_unit_say_what_the_time_was_spent_on():
    """Before, "20 min video call" was no duration, and the interview was rejected."""
    minutes, bad = parse_minutes(
        pd.Series(
            ["20 min video call", "1 hour panel interview", "1 h 30", "2 hours and 30 minutes"]
        )
    )
    assert minutes.tolist()[:3] == [20.0, 60.0, 90.0]
    assert bad.tolist() == [False, False, False, True]
