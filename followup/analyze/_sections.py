"""The report's sections as HTML and sentences, from the raw tables of :func:`report_tables`."""

from __future__ import annotations

from typing import Any

import pandas as pd

from followup.analyze._display import (
    Column,
    Row,
    ci_of,
    display,
    interval_text,
    plain_of,
    share_of,
    share_text,
    styled,
    text_of,
)
from followup.analyze._stats import HEARD_BACK_DAYS

_OUTCOME_WORDS = {
    "advanced": "Advanced (offer or next round)",
    "offer": "Offer",
    "next_round": "Next round",
    "rejected": "Rejected",
    "withdrew": "Withdrew",
}


def render(
    tables: dict[str, pd.DataFrame], *, first: str, by: list[str], min_cell: int
) -> dict[str, Any]:
    """Everything the template shows besides the charts: headline cards, tables, sentences."""
    words = first.replace("_", " ").capitalize()
    habits: list[Column] = [
        ("Interviews", plain_of("interviews")),
        ("Sent a thank-you", share_of("sent", "interviews")),
        ("Sent within 24 h", share_of("on_time", "interviews")),
        (
            "Median delay of notes sent",
            plain_of("median_delay_h", " h", digits=1, blank=f"fewer than {min_cell} sent"),
        ),
        ("Replied so far", share_of("replied", "interviews")),
        ("Decided", plain_of("decided")),
        (
            "Advanced, of decided",
            share_of("advanced", "decided", blank=f"fewer than {min_cell} decided"),
        ),
        ("Note", text_of("why")),
    ]
    cohort_keys: list[Column] = [(k.replace("_", " ").capitalize(), text_of(k)) for k in by]
    return {
        "headline": _headline(tables["headline"], min_cell),
        "timeliness": _table(
            tables["timeliness"],
            "timeliness",
            min_cell,
            [
                (words, text_of(first)),
                ("Interviews", plain_of("interviews")),
                ("Sent a thank-you", share_of("sent", "interviews")),
                ("Sent within 24 h", share_of("on_time", "interviews")),
                ("95% CI", ci_of("ci_low", "ci_high")),
                (
                    "Median delay of notes sent",
                    plain_of("median_delay_h", " h", digits=1, blank="none sent"),
                ),
                ("90% sent within", plain_of("p90_delay_h", " h", digits=1, blank="none sent")),
                ("Note", text_of("why")),
            ],
        ),
        "replies": _table(
            tables["replies"], "replies", min_cell, _reply_columns("Follow-up", "follow_up")
        ),
        "logrank": _logrank(tables["reply_test"], tables["replies"], min_cell),
        "outcomes": _outcomes(tables["outcomes"], min_cell),
        "effect": _table(
            tables["effect"],
            "effect",
            min_cell,
            [
                (
                    "Comparison",
                    lambda r: (
                        "All decided interviews"
                        if r["comparison"] == "naive"
                        else f"Within each {first.replace('_', ' ')} (Mantel–Haenszel)"
                    ),
                ),
                ("Timely minus later, in points", _points),
                ("95% CI, in points", _ci_points),
                ("Decided interviews", plain_of("decided")),
                ("Note", text_of("why")),
            ],
        )
        if tables["effect"]["decided"].fillna(0).sum()
        else "",
        "cohorts": _table(tables["cohorts"], "cohorts", min_cell, [*cohort_keys, *habits]),
        "by_month": _table(
            tables["by_month"], "by month", min_cell, [("Month", text_of("month")), *habits]
        ),
        "by_term": _table(
            tables["by_term"], "by term", min_cell, [("Term", text_of("term")), *habits]
        ),
        "employers": _table(
            tables["employers"], "employers", min_cell, _reply_columns("Employer", "company")
        ),
        "quality": _quality(tables["quality"]),
        "decided": int(tables["headline"]["of"].iloc[-1])
        if not tables["headline"]["suppressed"].iloc[-1]
        else None,
    }


def _table(table: pd.DataFrame, name: str, min_cell: int, columns: list[Column]) -> str:
    if table.empty:
        return ""
    return styled(display(table, columns, min_cell), name)


def _points(row: Row) -> str:
    """A difference of shares in percentage points, signed."""
    if row.get("suppressed"):
        return "fewer than N"
    value = row["difference"]
    return "not estimable" if value != value else f"{100 * value:+.0f}"


def _ci_points(row: Row) -> str:
    """The 95% interval of a difference, in signed percentage points."""
    if row.get("suppressed"):
        return "fewer than N"
    if row["ci_low"] != row["ci_low"]:
        return "not estimable"
    return f"{100 * row['ci_low']:+.0f} to {100 * row['ci_high']:+.0f}"


def _reply_columns(header: str, key: str) -> list[Column]:
    return [
        (header, text_of(key)),
        ("Interviews", plain_of("interviews")),
        ("Replies seen", plain_of("replies")),
        (f"Heard back within {HEARD_BACK_DAYS} days (Kaplan–Meier)", _km),
        ("95% CI", ci_of("heard_back_low", "heard_back_high")),
        (
            "Median days to a reply",
            plain_of("median_days", " days", digits=1, blank="over half still waiting"),
        ),
        ("Note", lambda r: str(r.get("why", ""))),
    ]


def _km(row: Row) -> str:
    if row.get("suppressed"):
        return "fewer than N"
    value = row["heard_back"]
    return "not yet known" if value != value else f"{value:.0%}"


def _headline(table: pd.DataFrame, min_cell: int) -> list[dict[str, str]]:
    cards = []
    for row in table.to_dict("records"):
        figure = row["figure"]
        if row["suppressed"]:
            value, detail = f"fewer than {min_cell}", row["why"]
        elif figure == "interviews":
            value, detail = f"{row['count']:,.0f}", ""
        elif not row["of"]:
            value, detail = (
                "none yet",
                "no decided interviews yet" if figure.startswith("advanced") else "",
            )
        elif figure.startswith("heard back"):
            value = "not yet known" if row["share"] != row["share"] else f"{row['share']:.0%}"
            detail = (
                f"95% CI {interval_text(row['ci_low'], row['ci_high'])}; Kaplan–Meier, "
                f"{row['count']:,.0f} replies seen among {row['of']:,.0f}"
            )
        else:
            value = share_text(row["count"], row["of"])
            detail = f"95% CI {interval_text(row['ci_low'], row['ci_high'])}"
        label = f"{figure}, of decided" if figure.startswith("advanced") else figure
        cards.append({"value": value, "label": label, "detail": detail})
    return cards


def _logrank(test: pd.DataFrame, replies: pd.DataFrame, min_cell: int) -> str:
    if test.empty:
        if replies["suppressed"].any():
            return f"Not compared: a group has fewer than {min_cell} interviews."
        return "Not compared: there are not two groups with replies to compare."
    p = float(test["pvalue"].iloc[0])
    shown = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    if p < 0.05:
        return (
            "Timely and later senders' reply times differ by more than chance alone would "
            f"usually produce (log-rank test, {shown}); this is an association, not proof that "
            "the note caused it."
        )
    return (
        "The difference between the two reply curves is not statistically significant "
        f"(log-rank test, {shown}): it could well be chance."
    )


def _outcomes(rates: pd.DataFrame, min_cell: int) -> str:
    if rates.empty or not rates["decided"].fillna(1).sum():
        return ""
    groups = rates.drop_duplicates("follow_up").set_index("follow_up")
    wide = groups[["decided", "pending", "suppressed", "why"]].reset_index()
    columns: list[Column] = [
        ("Follow-up", text_of("follow_up")),
        ("Decided", plain_of("decided")),
        ("Pending", plain_of("pending")),
    ]
    for outcome, words in _OUTCOME_WORDS.items():
        counts = rates[rates["outcome"] == outcome].set_index("follow_up")["count"]
        wide[outcome] = wide["follow_up"].map(counts)
        columns.append((words, share_of(outcome, "decided", blank="no decided interviews yet")))
    columns.append(("Note", text_of("why")))
    return styled(display(wide, columns, min_cell), "outcomes")


def _quality(table: pd.DataFrame) -> str:
    read = int(table["count"].iloc[0])
    if len(table) == 1:
        return (
            f"{read:,} rows given as a table (not read from a sheet here, so no rows were "
            "checked or left out)."
        )
    left = int(table["count"].iloc[1])
    if not left:
        return f"{read:,} rows read; none left out."
    reasons = "; ".join(
        f"{r['detail']} ({r['count']:,})" for r in table.iloc[2:].to_dict("records")
    )
    return f"{read:,} rows read; {left:,} left out: {reasons}."
