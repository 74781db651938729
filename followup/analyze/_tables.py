"""Every table of the career-center report, with small groups hidden: the API's view of it.

Numbers stay raw; a hidden figure is NaN, with ``suppressed`` True and ``why``
saying so. :func:`~followup.analyze.write_report` draws these same tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from followup.analyze._cohorts import (
    MIN_CELL,
    blank,
    check_min_cell,
    cohort_summary,
    hide_alone,
)
from followup.analyze._stats import (
    ADVANCED,
    HEARD_BACK_DAYS,
    ON_TIME_WORDS,
    By,
    ResponseTimes,
    advance_effect,
    followup_delays,
    keys_of,
    outcome_rates,
    per_interview,
    response_times,
    timeliness,
    wilson,
)
from followup.analyze._window import Between, Moment, select_window
from followup.errors import OptionError

if TYPE_CHECKING:
    from followup.read import Interviews


_USED = (
    "interview_id",
    "student_id",
    "company",
    "interview_start",
    "interview_end",
    "sent_at",
    "replied_at",
    "outcome",
    "decided_at",
)


def report_tables(
    df: pd.DataFrame | Interviews,
    *,
    by: By = ("program", "cohort"),
    min_cell: int = MIN_CELL,
    as_of: Moment,
    between: Between = None,
) -> dict[str, pd.DataFrame]:
    """The report's tables, by name: ``headline``, ``timeliness``, ``replies``,
    ``reply_curves``, ``reply_test``, ``outcomes``, ``effect``, ``cohorts``, ``by_month``,
    ``by_term``, ``employers`` and ``quality``.

    ``between`` (since, until) keeps the interviews that started in it; ``as_of``
    (UTC if it names no zone) must not be before the latest of them. The first
    column of ``by`` groups the timeliness table and stratifies the effect.
    ``df`` is a recipients table, or what :func:`~followup.read_interviews` returns:
    then the ``quality`` table counts the rows it read and left out, and why.

    >>> from followup.analyze.datasets import make_career_center
    >>> tables = report_tables(make_career_center(300, seed=2), as_of="2026-11-26")
    >>> tables["headline"][["figure", "count", "of", "share"]].round(3)
                               figure  count    of  share
    0                      interviews    300  <NA>    NaN
    1                sent a thank-you    115   300  0.383
    2                 within 24 hours     75   300  0.250
    3       heard back within 14 days    180   300  0.587
    4  advanced (offer or next round)     60   161  0.373
    """
    read = None if isinstance(df, pd.DataFrame) else df
    given = df if isinstance(df, pd.DataFrame) else df.recipients
    keys = keys_of(by)
    min_cell = check_min_cell(min_cell)
    if not keys:
        raise OptionError("by names no column; pass e.g. by='program'.", options=("by",))
    missing = [k for k in keys if k not in given.columns]
    if missing:
        raise OptionError(
            f"by names {missing[0]!r}, which is not a column; the columns are "
            f"{', '.join(map(str, given.columns))}.",
            options=("by",),
        )
    window, moment = select_window(given, as_of=as_of, between=between)
    # Only the columns the tables use: every group below is a copy of its rows.
    used = [c for c in given.columns if c in {*_USED, *keys}]
    data = _periods(per_interview(followup_delays(window[used])))
    data = data.assign(follow_up=data["on_time"].map(ON_TIME_WORDS).astype("str"))
    replies = response_times(data, by="follow_up", as_of=moment)
    overall = response_times(data, as_of=moment).summary
    first = keys[0]
    summary = _hidden(replies.summary, "interviews", min_cell)
    shown = summary.loc[~summary["suppressed"], "follow_up"]
    return {
        "headline": _headline(data, overall, min_cell),
        "timeliness": _hidden(timeliness(data, by=first), "interviews", min_cell),
        "replies": summary,
        "reply_curves": replies.curves[replies.curves["follow_up"].isin(shown)],
        "reply_test": _reply_test(replies, min_cell),
        "outcomes": _outcomes(data, min_cell),
        "effect": _effect(data, first, min_cell),
        "cohorts": cohort_summary(data, by=keys, min_cell=min_cell),
        "by_month": cohort_summary(data, by="month", min_cell=min_cell),
        "by_term": cohort_summary(data, by="term", min_cell=min_cell),
        "employers": _employers(data, moment, min_cell),
        "quality": _quality(len(given), read),
    }


def _headline(data: pd.DataFrame, overall: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    n = len(data)
    decided = data["outcome"].notna() & (data["outcome"] != "")
    advanced = int(data.loc[decided, "outcome"].isin(ADVANCED).sum())
    km = overall.iloc[0] if len(overall) else None
    rows = [
        ("interviews", n, np.nan, np.nan, np.nan, np.nan),
        ("sent a thank-you", int(data["sent"].sum()), n),
        ("within 24 hours", int(data["on_time"].sum()), n),
        (
            f"heard back within {HEARD_BACK_DAYS} days",
            int(data["replied_at"].notna().sum()),
            n,
            *(
                (km["heard_back"], km["heard_back_low"], km["heard_back_high"])
                if km is not None
                else (np.nan,) * 3
            ),
        ),
        ("advanced (offer or next round)", advanced, int(decided.sum())),
    ]
    table = pd.DataFrame(
        [
            r if len(r) == 6 else (*r, r[1] / r[2] if r[2] else np.nan, *wilson(r[1], r[2]))
            for r in rows
        ],
        columns=["figure", "count", "of", "share", "ci_low", "ci_high"],
    )
    base = table["of"].fillna(table["count"])
    table["suppressed"] = (base < min_cell) & (base > 0)  # none at all hides no one
    advanced_row = table["figure"].str.startswith("advanced")
    table["why"] = np.select(
        [table["suppressed"] & advanced_row, table["suppressed"], advanced_row & (base == 0)],
        [
            f"fewer than {min_cell} decided interviews",
            f"fewer than {min_cell} interviews",
            "no decided interviews yet",
        ],
        "",
    )
    table = table.astype({"count": "Int64", "of": "Int64", "why": "str"})
    return blank(table, table["suppressed"], ["count", "of", "share", "ci_low", "ci_high"])


def _hidden(table: pd.DataFrame, size: str, min_cell: int) -> pd.DataFrame:
    """Rows under ``min_cell`` in ``size`` blanked, with a second one if one alone is hidden."""
    small = table[size] < min_cell
    hidden = hide_alone(small, table[size])
    out = blank(table, hidden, list(table.select_dtypes("number").columns))
    why = np.where(
        small,
        f"fewer than {min_cell} {'decided ' if size == 'decided' else ''}interviews",
        np.where(hidden, "hidden so the total cannot reveal a smaller group", ""),
    )
    return out.assign(suppressed=hidden.to_numpy(), why=pd.array(why, dtype="str"))


def _reply_test(replies: ResponseTimes, min_cell: int) -> pd.DataFrame:
    test = replies.logrank
    if len(test) and replies.summary["interviews"].min() >= min_cell:
        return test
    return test.iloc[0:0]


def _outcomes(data: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    rates = outcome_rates(data, by="follow_up")
    groups = rates.drop_duplicates("follow_up")
    hidden = _hidden(groups, "decided", min_cell).set_index("follow_up")
    flags = rates["follow_up"].map(hidden["suppressed"]).astype(bool)
    out = blank(rates, flags, list(rates.select_dtypes("number").columns))
    return out.assign(suppressed=flags, why=out["follow_up"].map(hidden["why"]).astype("str"))


def _effect(data: pd.DataFrame, first: str, min_cell: int) -> pd.DataFrame:
    effect = advance_effect(data, by=first)
    small = effect["smallest_group"] < min_cell
    out = blank(effect, small, ["difference", "ci_low", "ci_high", "smallest_group"])
    why = np.where(
        small,
        np.where(
            out["comparison"] == "naive",
            f"fewer than {min_cell} decided interviews on one side",
            f"a {first} has fewer than {min_cell} decided interviews on one side",
        ),
        "",
    )
    return out.assign(suppressed=small.to_numpy(), why=pd.array(why, dtype="str"))


def _periods(data: pd.DataFrame) -> pd.DataFrame:
    """``month`` (2026-11) and ``term`` (2026 fall) of each interview's start, in UTC."""
    start = data["interview_start"].dt.tz_convert("UTC")
    month = start.dt.month.to_numpy()
    season = np.select([month <= 5, month <= 8], ["spring", "summer"], "fall")
    term = start.dt.year.astype("str") + pd.Series(season, index=data.index, dtype="str").radd(" ")
    seasons = ["spring", "summer", "fall"]
    order = sorted(term.unique(), key=lambda t: (t[:4], seasons.index(t[5:])))
    return data.assign(
        month=start.dt.strftime("%Y-%m").astype("str"),
        term=pd.Categorical(term, categories=order, ordered=True),
    )


def _employers(data: pd.DataFrame, moment: pd.Timestamp, min_cell: int) -> pd.DataFrame:
    """Reply times per employer with ``min_cell`` interviews or more; if a single employer is
    left out, the next smallest is hidden too (the headline's total would reveal it)."""
    summary = _hidden(
        response_times(data, by="company", as_of=moment).summary, "interviews", min_cell
    )
    return summary[~summary["why"].str.startswith("fewer")].reset_index(drop=True)


def _quality(given: int, read: Interviews | None) -> pd.DataFrame:
    """Rows read and left out, and why (the first message of each reject code)."""
    if read is None:
        rows = [("rows read", given, "")]
    else:
        errors = read.rejects[read.rejects["severity"] == "error"]
        rows = [("rows read", read.rows_read, ""), ("rows left out", read.rows_rejected, "")]
        for code, group in errors.groupby("code", sort=True):
            rows.append((f"left out: {code}", len(group), str(group["problem"].iloc[0])))
    table = pd.DataFrame(rows, columns=["what", "count", "detail"])
    return table.astype({"what": "str", "detail": "str"})
