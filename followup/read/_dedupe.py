"""De-duplication: one row per interviewer per interview; repeats are merged and reported."""

from __future__ import annotations

import pandas as pd

from followup.read._rejects import empty_rejects


def merge_repeated_interviewers(
    recipients: pd.DataFrame, *, column: str | pd.Series = "interviewer_email"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per interviewer per interview: repeats are merged, their notes joined.

    Returns the merged recipients and one warning reject per repeated row;
    ``column`` is the sheet header to name in them (per row, or one for all).
    """
    key = recipients["interview_id"] + "|" + recipients["interviewer_email"].str.lower()
    dup = key.duplicated(keep=False)
    if not dup.any():
        return recipients, empty_rejects()
    first_row = recipients["row"].groupby(key).transform("first")
    later = key.duplicated(keep="first")
    warnings = pd.DataFrame(
        {
            "row": recipients["row"][later],
            "column": column[later] if isinstance(column, pd.Series) else column,
            "value": recipients["interviewer_email"][later],
            "code": "repeated_interviewer",
            "problem": "same interviewer twice in one interview (merged into row "
            + first_row[later].astype("str")
            + ")",
            "hint": "delete the repeated row, or give each interviewer once per interview",
            "severity": "warning",
        }
    )
    merged = recipients.copy()
    for name in ("talking_point", "question", "interviewer_title"):
        joined = recipients[name][dup].groupby(key[dup]).transform(_join_distinct)
        merged.loc[dup, name] = joined.replace("", pd.NA)
    return merged[~later], warnings


def _join_distinct(values: pd.Series) -> str:
    return "; ".join(dict.fromkeys(v for v in values.dropna() if v))
