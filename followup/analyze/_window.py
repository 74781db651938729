"""The window an analysis describes: the interviews between two dates, as known on a date.

A time without a zone means UTC here, as everywhere in followup's library
(:func:`~followup.add_deadlines` and the drafts read ``now`` the same way).
A date alone as the end of ``between`` means the whole of that day.

>>> instant("2026-11-26", name="as_of")
Timestamp('2026-11-26 00:00:00+0000', tz='UTC')
>>> instant("2026-11-26T09:00-05:00", name="as_of")
Timestamp('2026-11-26 14:00:00+0000', tz='UTC')
>>> instant("last friday", name="as_of")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
followup.errors.OptionError: as_of 'last friday' is not a date or time; write e.g. 2026-11-26 ...
"""

from __future__ import annotations

import re

import pandas as pd

from followup.errors import OptionError

Moment = str | pd.Timestamp
Between = tuple[Moment | None, Moment | None] | None

_DATE_ONLY = re.compile(r"\s*\d{4}-\d{2}-\d{2}\s*")
#: What becomes unknown before ``as_of``: a column, and the columns that go with it.
_LATER = {"sent_at": (), "replied_at": (), "decided_at": ("outcome",)}


def instant(value: Moment, *, name: str) -> pd.Timestamp:
    """``value`` as a UTC timestamp (UTC if it names no zone); a one-line error if unreadable."""
    try:
        stamp = pd.Timestamp(value)
        readable = not pd.isna(stamp)
    except (ValueError, TypeError):
        readable = False
    if not readable:
        raise OptionError(
            f"{name} {value!r} is not a date or time; write e.g. 2026-11-26 "
            "or 2026-11-26T17:00-05:00.",
            options=(name,),
        )
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def select_window(
    df: pd.DataFrame, *, as_of: Moment, between: Between = None
) -> tuple[pd.DataFrame, pd.Timestamp]:
    """The interviews that started within ``between`` (since, until; either may be None),
    with what happened after ``as_of`` blanked as not yet known; and ``as_of`` itself.

    Raises :class:`~followup.errors.OptionError` if ``as_of`` is before the latest
    interview's end in the window, or ``between`` is reversed.
    """
    moment = instant(as_of, name="as_of")
    since, until = between if between is not None else (None, None)
    start = df["interview_start"] if len(df) else pd.Series(dtype="datetime64[us, UTC]")
    keep = pd.Series(True, index=df.index)
    low = instant(since, name="between") if since is not None else None
    high = instant(until, name="between") if until is not None else None
    if high is not None and isinstance(until, str) and _DATE_ONLY.fullmatch(until):
        high += pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
    if low is not None and high is not None and low > high:
        raise OptionError(
            f"between starts on {low:%Y-%m-%d %H:%M} UTC, after it ends ({high:%Y-%m-%d %H:%M} "
            "UTC); swap the two.",
            options=("between",),
        )
    if low is not None:
        keep &= start >= low
    if high is not None:
        keep &= start <= high
    window = df[keep]
    if len(window) and window["interview_end"].max() > moment:
        latest = window["interview_end"].max().tz_convert("UTC")
        raise OptionError(
            f"as_of {moment:%Y-%m-%d %H:%M} UTC is before the latest interview, which ended "
            f"{latest:%Y-%m-%d %H:%M} UTC; pass a later as_of, or end the window before it.",
            options=("as_of",),
        )
    return _as_known(window, moment), moment


def _as_known(df: pd.DataFrame, moment: pd.Timestamp) -> pd.DataFrame:
    """Blank what was recorded after ``moment``: a report as of a date knows no later news."""
    changes = {}
    for column, followers in _LATER.items():
        if column not in df.columns:
            continue
        later = df[column] > moment
        if later.any():
            for name in (column, *followers):
                if name in df.columns:
                    changes[name] = df[name].where(~later)
    return df.assign(**changes) if changes else df
