"""The career-center cohort table: follow-up habits and results per group, small groups hidden."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from followup.analyze._stats import ADVANCED, by_groups, followup_delays, moment_in, per_interview
from followup.errors import OptionError

#: Columns that identify a person; never a grouping of an aggregate report.
IDENTIFYING = (
    "candidate_name",
    "candidate_email",
    "student_id",
    "interviewer_name",
    "interviewer_email",
)


_COUNTED = (
    "interviews",
    "students",
    "share_sent",
    "share_on_time",
    "median_delay_h",
    "reply_rate",
    "decided",
    "advance_rate",
)


def cohort_summary(
    df: pd.DataFrame,
    *,
    by: Sequence[str] = ("program", "cohort"),
    min_cell: int = 5,
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """The career-center table: follow-up habits and results per group, small groups hidden.

    A group of fewer than ``min_cell`` interviews is *suppressed*: all its numbers
    are blank and ``suppressed`` is True. If that leaves a single group hidden,
    the next smallest is hidden too, so the ``All`` row cannot give it away by
    subtraction. A rate whose own denominator is under ``min_cell`` (advancing
    among few decided interviews) is blanked as well. Groups may not be people:
    names, emails and student ids are refused as ``by``.
    """
    keys = list(by)
    if set(keys) & set(IDENTIFYING):
        raise OptionError(
            f"cohort_summary groups by {keys!r}, which identifies people; group by program, "
            "cohort or another shared attribute.",
            options=("by",),
        )
    data = per_interview(followup_delays(df))
    if as_of is not None:
        data = data[data["interview_end"] <= moment_in(as_of, data["interview_end"])]
    rows = [{**key, **_cohort_numbers(group, min_cell)} for key, group in by_groups(data, keys)]
    table = pd.DataFrame(rows, columns=[*keys, *_COUNTED])
    table["suppressed"] = _hide_alone(table["interviews"] < min_cell, table["interviews"])
    table.loc[table["suppressed"], list(_COUNTED)] = np.nan
    # A blank rate is as recoverable as a blank group: hide a second one beside it.
    blank = _hide_alone(table["advance_rate"].isna(), table["decided"].fillna(np.inf))
    table.loc[blank, "advance_rate"] = np.nan
    total = {
        **dict.fromkeys(keys, "All"),
        **_cohort_numbers(data, min_cell),
        "suppressed": len(data) < min_cell,
    }
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    table.loc[table["suppressed"], list(_COUNTED)] = np.nan
    return table


def _hide_alone(hidden: pd.Series, size: pd.Series) -> pd.Series:
    """If exactly one row is hidden, hide the next smallest too (the total would reveal it)."""
    flags = hidden.to_numpy(dtype=bool, copy=True)
    if flags.sum() == 1 and (~flags).any():
        flags[int(np.argmin(np.where(flags, np.inf, size.to_numpy(dtype=float))))] = True
    return pd.Series(flags, index=size.index)


def _cohort_numbers(group: pd.DataFrame, min_cell: int) -> dict[str, float]:
    decided = group["outcome"].notna() & (group["outcome"] != "")
    advanced = group.loc[decided, "outcome"].isin(ADVANCED)
    delays = group["delay_hours"].dropna()
    return {
        "interviews": len(group),
        "students": group["student_id"].nunique() if "student_id" in group else np.nan,
        "share_sent": round(group["sent"].mean(), 3),
        "share_on_time": round(group["on_time"].mean(), 3),
        "median_delay_h": round(float(delays.median()), 1) if len(delays) >= min_cell else np.nan,
        "reply_rate": round(group["replied_at"].notna().mean(), 3),
        "decided": int(decided.sum()),
        "advance_rate": round(advanced.mean(), 3) if decided.sum() >= min_cell else np.nan,
    }
