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

from followup._clock import resolve_now

STATUSES = ("upcoming", "due", "overdue", "sent")


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
