"""Tracking columns: when the note went out, the first reply, the outcome."""

from __future__ import annotations

import pandas as pd
from conftest import problems, read, ts


def sheet(**columns) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    return pd.DataFrame(
        {
            "Company": [f"C{i}" for i in range(n)],
            "Role": "Analyst",
            "Start": "2026-11-02 10:00",
            "Interviewer": "Dana",
            "Email": "dana@x.example",
            **columns,
        }
    )


def test_tracking_columns_are_read_as_moments_and_labels():
    result = read(
        sheet(
            **{
                "Thank-you sent": ["2026-11-02 18:30", ""],
                "First reply": ["11/19/2026", ""],
                "Outcome": ["Next round", ""],
                "Decision date": ["2026-11-16 09:00", ""],
            }
        )
    )
    assert result.rejects.empty, result.rejects
    r = result.recipients
    assert r["sent_at"].tolist()[0] == ts("2026-11-02 18:30")
    assert r["replied_at"].tolist()[0] == ts("2026-11-19 00:00")
    assert r["outcome"].iloc[0] == "next_round"
    assert pd.isna(r["outcome"].iloc[1])
    assert r["decided_at"].iloc[0] == ts("2026-11-16 09:00")
    assert r[["sent_at", "replied_at", "decided_at"]].iloc[1].isna().all()


def test_sample_has_empty_tracking_columns():
    result = read("data/interviews.csv")
    assert result.recipients[["sent_at", "replied_at", "decided_at"]].isna().all().all()
    assert result.recipients["outcome"].isna().all()


def test_impossible_tracking_values_are_rejected_with_hints():
    result = read(
        sheet(
            **{
                "Sent": ["2026-11-02 09:00", "", "", "", "2026-13-40"],
                "Reply": ["", "2026-11-01 12:00", "", "", ""],
                "Outcome": ["", "", "maybe", "offer", ""],
                "Decided At": ["", "", "2026-11-20", "", ""],
            }
        )
    )
    assert problems(result) == [
        (2, "Sent", "follow-up sent before the interview ended"),
        (3, "Reply", "reply before the interview"),
        (4, "Outcome", "unknown outcome: the analyses count it as pending"),
        (5, "Outcome", "outcome without a date: the analyses count it as pending"),
        (6, "Sent", "impossible date (no such day)"),
    ]
    assert "offer, next round, rejected or withdrew" in result.rejects["hint"].iloc[2]
    # The letter does not depend on the outcome: those rows are drafted, without it.
    assert result.rejects["severity"].tolist()[2:4] == ["warning", "warning"]
    assert result.recipients["row"].tolist() == [4, 5]
    assert result.recipients["outcome"].isna().all()


def test_outcomes_as_trackers_write_them():
    outcomes = [
        "Final round",
        "3rd round",
        "not moving forward",
        "ghosted",
        "In progress",
        "Offer!",
    ]
    decided = ["2026-11-20"] * len(outcomes)
    result = read(sheet(**{"Outcome": outcomes, "Decided At": decided}))
    assert result.rejects.empty, result.rejects
    assert result.recipients["outcome"].fillna("").tolist() == [
        *("next_round", "next_round", "rejected", "", "", "offer")
    ]


def test_a_yes_or_no_in_a_sent_or_reply_column_reads_as_whether():
    """Before, "Follow-up sent?: No" rejected the very row that needed a letter. A "Yes" with
    no date leaves its row out, so the letter is not drafted twice."""
    result = read(
        sheet(
            **{
                "Follow-up sent?": ["Yes", "No", "✓", "not yet", "2026-11-03 09:00", "soon", ""],
                "Heard back?": ["", "", "", "N/A", "No", "", "Positive"],
            }
        )
    )
    assert result.recipients["row"].tolist() == [3, 5, 6, 8]
    assert result.recipients["sent_at"].tolist()[2] == ts("2026-11-03 09:00")
    assert result.recipients["replied_at"].isna().all()
    sent = "says it was sent, but not when"
    assert problems(result) == [
        (2, "Follow-up sent?", sent),
        (4, "Follow-up sent?", sent),
        (7, "Follow-up sent?", "not a date or time followup can read"),
        (8, "Heard back?", "says it happened, but not when: the analyses leave it out"),
    ]
    assert result.rejects["severity"].tolist() == ["error", "error", "error", "warning"]
