"""The career-center cohort table: follow-up habits and results per group, small groups hidden."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from followup.analyze._stats import ADVANCED, By, by_groups, followup_delays, keys_of, per_interview
from followup.analyze._window import Moment, instant
from followup.errors import OptionError

#: Columns that identify a person; never a grouping of an aggregate report.
IDENTIFYING = (
    "candidate_name",
    "candidate_email",
    "student_id",
    "interviewer_name",
    "interviewer_email",
)
#: The smallest group shown: the threshold most US states use for education data.
MIN_CELL = 10

COUNTED = (
    "interviews",
    "students",
    "sent",
    "share_sent",
    "on_time",
    "share_on_time",
    "median_delay_h",
    "replied",
    "reply_rate",
    "decided",
    "advanced",
    "advance_rate",
)


def blank(table: pd.DataFrame, rows: pd.Series, columns: Sequence[str]) -> pd.DataFrame:
    """``table`` with ``columns`` blanked in ``rows``; whole-number columns stay whole numbers
    (nullable ``Int64``), so a count never reads 164.0."""
    whole = [c for c in columns if pd.api.types.is_integer_dtype(table[c])]
    out = table.astype(dict.fromkeys(whole, "Int64"))
    out.loc[rows.to_numpy(dtype=bool), list(columns)] = np.nan
    return out


_WHOLE = dict.fromkeys(
    ("interviews", "students", "sent", "on_time", "replied", "decided", "advanced"), "Int64"
)


def check_min_cell(min_cell: int) -> int:
    """``min_cell`` if it is a whole number of at least 1, else a one-line error."""
    if isinstance(min_cell, bool) or not isinstance(min_cell, int | np.integer) or min_cell < 1:
        raise OptionError(
            f"min_cell must be a whole number of at least 1 (10 is usual, 5 the least most "
            f"states allow), not {min_cell!r}.",
            options=("min_cell",),
        )
    return int(min_cell)


def cohort_summary(
    df: pd.DataFrame,
    *,
    by: By = ("program", "cohort"),
    min_cell: int = MIN_CELL,
    as_of: Moment | None = None,
) -> pd.DataFrame:
    """The career-center table: follow-up habits and results per group, small groups hidden.

    A group of fewer than ``min_cell`` interviews is *suppressed*: all its numbers
    are blank and ``suppressed`` is True. If that leaves a single group hidden,
    the next smallest is hidden too (``why`` says so), so the ``All`` row cannot
    give it away by subtraction. A rate whose own denominator is under
    ``min_cell`` (advancing among few decided interviews) is blanked as well.
    Groups may not be people: names, emails and student ids are refused as ``by``.

    >>> from followup.analyze.datasets import make_career_center
    >>> table = cohort_summary(make_career_center(50, seed=3), by="program")
    >>> table[["program", "interviews", "why"]]  # doctest: +NORMALIZE_WHITESPACE
           program  interviews                                                why
    0   Accounting          11
    1         Arts        <NA>                           fewer than 10 interviews
    2     Business          13
    3  Engineering          11
    4      Nursing        <NA>  hidden so the total cannot reveal a smaller group
    5          All          50
    """
    keys = keys_of(by)
    min_cell = check_min_cell(min_cell)
    if set(keys) & set(IDENTIFYING):
        raise OptionError(
            f"cohort_summary groups by {keys!r}, which identifies people; group by program, "
            "cohort or another shared attribute.",
            options=("by",),
        )
    data = per_interview(followup_delays(df))
    if as_of is not None:
        data = data[data["interview_end"] <= instant(as_of, name="as_of")]
    rows = [{**key, **_cohort_numbers(group, min_cell)} for key, group in by_groups(data, keys)]
    table = pd.DataFrame(rows, columns=[*keys, *COUNTED]).astype(_WHOLE)
    small = table["interviews"] < min_cell
    hidden = hide_alone(small, table["interviews"])
    table["suppressed"] = hidden
    table["why"] = np.where(
        small,
        f"fewer than {min_cell} interviews",
        np.where(hidden, "hidden so the total cannot reveal a smaller group", ""),
    )
    table = blank(table, hidden, COUNTED)
    # A blank rate is as recoverable as a blank group: hide a second one beside it.
    alone = hide_alone(table["advance_rate"].isna(), table["decided"].astype(float).fillna(np.inf))
    table = blank(table, alone, ["advanced", "advance_rate"])
    total = {**dict.fromkeys(keys, "All"), **_cohort_numbers(data, min_cell)}
    total_small = len(data) < min_cell
    total.update(
        suppressed=total_small, why=f"fewer than {min_cell} interviews" if total_small else ""
    )
    table = pd.concat([table, pd.DataFrame([total], columns=table.columns)], ignore_index=True)
    table = blank(table.astype(_WHOLE), table["suppressed"], COUNTED)
    return table.astype({"suppressed": bool, "why": "str"})


def hide_alone(hidden: pd.Series, size: pd.Series) -> pd.Series:
    """If exactly one row is hidden, hide the next smallest too (the total would reveal it)."""
    flags = hidden.to_numpy(dtype=bool, copy=True)
    if flags.sum() == 1 and (~flags).any():
        sizes = size.to_numpy(dtype=float, na_value=np.inf)
        flags[int(np.argmin(np.where(flags, np.inf, sizes)))] = True
    return pd.Series(flags, index=size.index)


def _cohort_numbers(group: pd.DataFrame, min_cell: int) -> dict[str, float]:
    decided = group["outcome"].notna() & (group["outcome"] != "")
    advanced = int(group.loc[decided, "outcome"].isin(ADVANCED).sum())
    delays = group["delay_hours"].dropna()
    n, n_decided = len(group), int(decided.sum())
    enough = n_decided >= min_cell
    return {
        "interviews": n,
        "students": group["student_id"].nunique() if "student_id" in group else np.nan,
        "sent": int(group["sent"].sum()),
        "share_sent": group["sent"].mean() if n else np.nan,
        "on_time": int(group["on_time"].sum()),
        "share_on_time": group["on_time"].mean() if n else np.nan,
        "median_delay_h": float(delays.median()) if len(delays) >= min_cell else np.nan,
        "replied": int(group["replied_at"].notna().sum()),
        "reply_rate": group["replied_at"].notna().mean() if n else np.nan,
        "decided": n_decided,
        "advanced": advanced if enough else np.nan,
        "advance_rate": advanced / n_decided if enough else np.nan,
    }
