"""When the interview was, as the letter says it: "today", "yesterday", "on Wednesday".

The day is counted in the interview's own zone, from ``now``: the same day is
"today" (never "on Wednesday" for this Wednesday's interview), the day before
"yesterday", a day within the last week its weekday ("on Monday" earlier this week,
"last Friday" in the one before, not to be read as the coming one), and anything older
its date. A letter drafted before the interview is sent after it, on its day:
"today".

>>> import pandas as pd
>>> starts = pd.Series(pd.to_datetime(["2026-11-25 15:00", "2026-11-24 23:30",
...     "2026-11-23 10:00", "2026-11-20 10:00", "2026-11-02 10:00", "2026-11-27 10:00"],
...     utc=True))
>>> zones = pd.Series(["UTC"] * 6)
>>> interview_when(starts, zones, now=pd.Timestamp("2026-11-25 16:00", tz="UTC")).tolist()
['today', 'yesterday', 'on Monday', 'last Friday', 'on November 2', 'today']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from followup._clock import resolve_now, wall_clock

WEEK = 7


def interview_when(
    starts: pd.Series, zones: pd.Series, *, now: pd.Timestamp | str | None = None
) -> pd.Series:
    """The day of each interview, relative to ``now`` in the interview's zone."""
    local, today = _local_days(starts, zones, now)
    days = (local.dt.normalize() - today).dt.days
    # "on Tuesday" said on a Monday reads as tomorrow: a day of last week is "last Tuesday"
    earlier = np.where(local.dt.day_of_week < today.dt.day_of_week, "on ", "last ")
    weekday = earlier + local.dt.day_name()
    date = "on " + local.dt.month_name() + " " + local.dt.day.astype("Int64").astype("str")
    other_year = local.dt.year != today.dt.year
    date = date.where(~other_year, date + ", " + local.dt.year.astype("Int64").astype("str"))
    phrase = np.select(
        [days >= 0, days == -1, days > -WEEK],
        ["today", "yesterday", weekday],
        default=date,
    )
    return pd.Series(phrase, index=starts.index, dtype="str").where(starts.notna(), "")


def days_ahead(
    starts: pd.Series, zones: pd.Series, *, now: pd.Timestamp | str | None = None
) -> pd.Series:
    """Days from ``now``'s day to each interview's, in the interview's zone (0: today).

    >>> starts = pd.Series(pd.to_datetime(["2026-11-25 23:30", "2026-11-26 01:00"], utc=True))
    >>> days_ahead(starts, pd.Series(["UTC", "America/Chicago"]), now="2026-11-25 16:00").tolist()
    [0, 0]
    """
    local, today = _local_days(starts, zones, now)
    days: pd.Series = (local.dt.normalize() - today).dt.days
    return days


def _local_days(
    starts: pd.Series, zones: pd.Series, now: pd.Timestamp | str | None
) -> tuple[pd.Series, pd.Series]:
    """The interviews' wall-clock times, and ``now``'s day, each in the interview's zone."""
    moment = resolve_now(now)
    today = wall_clock(pd.Series(moment, index=starts.index), zones).dt.normalize()
    return wall_clock(starts, zones), today
