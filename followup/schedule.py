"""Deadlines: a thank-you is due 24 hours after the interview ends (rule R1).

>>> import pandas as pd
>>> df = pd.DataFrame({"interview_end": pd.to_datetime(
...     ["2026-11-24 07:30", "2026-11-25 09:00", "2026-11-27 10:00"]).tz_localize("UTC")})
>>> add_deadlines(df, now=pd.Timestamp("2026-11-25 12:00", tz="UTC"))[["status", "hours_left"]]
     status  hours_left
0   overdue        -4.5
1       due        21.0
2  upcoming        70.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

STATUSES = ("upcoming", "due", "overdue", "sent")


def resolve_now(now: pd.Timestamp | str | None) -> pd.Timestamp:
    """``now`` as a UTC timestamp; the clock if None (pass one for reproducible runs)."""
    stamp = pd.Timestamp.now(tz="UTC") if now is None else pd.Timestamp(now)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def wall_clock(stamps: pd.Series, zones: pd.Series) -> pd.Series:
    """Instants as naive wall-clock times, each in its own row's zone.

    >>> stamps = pd.Series(pd.to_datetime(["2026-11-24 20:30", "2026-11-24 20:30"], utc=True))
    >>> wall_clock(stamps, pd.Series(["America/Chicago", "Europe/Berlin"])).tolist()
    [Timestamp('2026-11-24 14:30:00'), Timestamp('2026-11-24 21:30:00')]
    """
    out = pd.Series(pd.NaT, index=stamps.index, dtype="datetime64[us]")
    for zone, index in stamps.groupby(zones).groups.items():
        out[index] = stamps[index].dt.tz_convert(zone).dt.tz_localize(None)
    return out


def local_iso(stamps: pd.Series, zones: pd.Series) -> pd.Series:
    """Instants as ISO 8601 text with the offset of each row's own zone."""
    out = pd.Series("", index=stamps.index, dtype="str")
    for zone, index in stamps.groupby(zones).groups.items():
        local = stamps[index].dt.tz_convert(zone)
        out[index] = local.map(lambda t: t.isoformat() if pd.notna(t) else "")
    return out


def add_deadlines(
    df: pd.DataFrame, *, hours: float = 24, now: pd.Timestamp | str | None = None
) -> pd.DataFrame:
    """Add ``due_at``, ``status`` and ``hours_left`` to a recipients table.

    Parameters
    ----------
    df
        Needs ``interview_end``; ``sent_at`` is used when present.
    hours
        Hours after the interview's end within which to send.
    now
        The moment to judge against (default: the clock). A naive value is UTC.

    Returns
    -------
    DataFrame
        A new frame. ``due_at`` is in the zone of ``interview_end``. ``status``
        is ``sent`` when ``sent_at`` is filled, else ``upcoming`` (the
        interview has not ended), ``due`` (inside the window) or ``overdue``
        (late, but a draft is still made: late beats never). ``hours_left`` is
        negative when overdue.
    """
    moment = resolve_now(now)
    due_at = df["interview_end"] + pd.Timedelta(hours=hours)
    status = np.select(
        [df["interview_end"] > moment, due_at >= moment],
        ["upcoming", "due"],
        default="overdue",
    )
    if "sent_at" in df.columns:
        status = np.where(df["sent_at"].notna(), "sent", status)
    hours_left = (due_at - moment).dt.total_seconds() / 3600
    return df.assign(
        due_at=due_at,
        status=pd.Categorical(status, categories=STATUSES),
        hours_left=hours_left.round(2),
    )


def due(
    df: pd.DataFrame,
    *,
    within: float | None = None,
    hours: float = 24,
    now: pd.Timestamp | str | None = None,
) -> pd.DataFrame:
    """What to send next: not yet sent, soonest deadline first.

    ``within`` keeps only deadlines in the next that many hours (overdue ones
    always stay: late beats never).
    """
    table = df if "due_at" in df.columns else add_deadlines(df, hours=hours, now=now)
    todo = table[table["status"] != "sent"]
    if within is not None:
        todo = todo[todo["hours_left"] <= within]
    return todo.sort_values(["due_at", "interviewer_name"], kind="stable")
