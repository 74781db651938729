"""Tracking columns for the analyses: follow-up sent, first reply, outcome and its date."""

from __future__ import annotations

import pandas as pd

from followup.read._dates import DayFirst, column_order, parse_moments
from followup.read._rejects import Problems
from followup.read._zones import localize
from followup.schema import OUTCOMES, normalize_header

#: Tracking cells that say whether, not when: the first say it happened ("Yes", "sent"),
#: the others that it has not ("No", "pending"), which is what an empty cell says.
_HAPPENED = frozenset(("yes", "y", "yep", "sent", "done", "replied", "heard back", "true",
                       "x", "✓", "✔", "positive", "negative", "got one"))  # fmt: skip
_NOT_YET = frozenset(("no", "n", "not yet", "none yet", "none", "nothing yet", "pending",
                      "waiting", "todo", "to do", "tbd", "n/a", "na", "-", "–", "false",
                      "no reply", "no response", "not sent", "unsent"))  # fmt: skip


def parse_tracking(
    long: pd.DataFrame,
    problems: Problems,
    zones: pd.Series,
    dayfirst: DayFirst,
    start: pd.Series,
    end: pd.Series,
) -> dict[str, pd.Series]:
    """Follow-up sent, first reply, outcome and its date, checked against the interview."""
    hint = "write e.g. 2026-11-25 09:10; leave it empty if it has not happened"
    out: dict[str, pd.Series] = {}
    for column in ("sent_at", "replied_at", "decided_at"):
        text = _without_whether(long[column], column, problems)
        if not (text != "").any():  # no follow-ups sent or replies yet: nothing to read
            out[column] = pd.Series(pd.NaT, index=long.index, dtype="datetime64[us, UTC]")
            continue
        moment = parse_moments(
            text,
            column=problems.headers.get(column, column),
            dayfirst=column_order(dayfirst, column),
        ).frame
        problems.add_unreadable(moment, column, hint)
        # A date alone (a reply "on the 3rd") counts from that day's midnight.
        naive = moment["date"] + moment["time"].fillna(pd.Timedelta(0))
        instant, problem, code = localize(naive, moment["offset"], zones)
        problems.add(problem.notna(), column, problem, hint, code=code)
        out[column] = instant
    problems.add(
        out["sent_at"] < end,
        "sent_at",
        "follow-up sent before the interview ended",
        "check the date and time it was sent",
        code="sent_before_end",
    )
    problems.add(
        out["replied_at"] < start,
        "replied_at",
        "reply before the interview",
        "the first reply after the interview goes here; check the date",
        code="reply_before_interview",
    )
    problems.add(
        out["decided_at"] < start,
        "decided_at",
        "decision before the interview",
        "check the decision date",
        code="decision_before_interview",
    )
    label = long["outcome"].map({v: normalize_header(v) for v in long["outcome"].unique()})
    outcome = label.map(OUTCOMES)
    # The letter does not depend on the outcome: a row whose outcome the analyses cannot
    # use is drafted, and counted as still pending.
    problems.add(
        outcome.isna(),
        "outcome",
        "unknown outcome: the analyses count it as pending",
        "write offer, next round, rejected or withdrew; leave it empty while pending",
        code="unknown_outcome",
        severity="warning",
    )
    undated = outcome.notna() & (outcome != "") & out["decided_at"].isna()
    problems.add(
        undated,
        "outcome",
        "outcome without a date: the analyses count it as pending",
        "add when you heard it in a 'Decided At' column",
        code="outcome_without_date",
        severity="warning",
    )
    out["outcome"] = outcome.fillna("").mask(undated, "")
    return out


def _without_whether(text: pd.Series, column: str, problems: Problems) -> pd.Series:
    """``text`` with the cells that say whether, not when, emptied. One that says a reply
    or decision came is warned of: the analyses need its date. One that says the thank-you
    was sent is an error, which leaves its row out: empty, it would be drafted again."""
    said = text.str.lower().str.strip(" .!")
    happened, not_yet = said.isin(_HAPPENED), said.isin(_NOT_YET)
    sent = column == "sent_at"
    problems.add(
        happened,
        column,
        "says it was sent, but not when"
        if sent
        else "says it happened, but not when: the analyses leave it out",
        "write the date (e.g. 2026-11-25); the row is left out so it is not drafted twice"
        if sent
        else "write the date (e.g. 2026-11-25), or leave it empty",
        code="tracking_without_date",
        severity="error" if sent else "warning",
    )
    return text.mask(happened | not_yet, "")
