"""Deadlines and what is due."""

from __future__ import annotations

import pandas as pd
import pytest

from followup._clock import resolve_now
from followup.draft import add_deadlines, due


@pytest.fixture
def table() -> pd.DataFrame:
    end = pd.to_datetime(
        ["2026-11-24 09:00", "2026-11-25 09:00", "2026-11-27 10:00", "2026-11-20 10:00"]
    ).tz_localize("America/Chicago")
    return pd.DataFrame(
        {
            "interviewer_name": ["A", "B", "C", "D"],
            "interview_end": end,
            "sent_at": [pd.NaT, pd.NaT, pd.NaT, end[3] + pd.Timedelta(hours=2)],
        }
    )


def test_statuses_hours_left_and_due_at_in_the_interview_zone(table):
    before = table.copy(deep=True)
    out = add_deadlines(table, now="2026-11-25 18:00")  # UTC: 12:00 in Chicago
    pd.testing.assert_frame_equal(table, before)
    assert out["status"].astype("str").tolist() == ["overdue", "due", "upcoming", "sent"]
    assert out["hours_left"].tolist() == [-3.0, 21.0, 70.0, -98.0]
    assert str(out["due_at"].dt.tz) == "America/Chicago"
    assert out["due_at"].iloc[0] == pd.Timestamp("2026-11-25 09:00", tz="America/Chicago")


def test_custom_window(table):
    out = add_deadlines(table, hours=48, now="2026-11-25 18:00")
    assert out["status"].astype("str").tolist()[:2] == ["due", "due"]


def test_due_sorts_soonest_first_skips_sent_and_keeps_overdue_in_any_window(table):
    out = due(table, within=1, now="2026-11-25 18:00")
    assert out["interviewer_name"].tolist() == ["A"]
    assert due(table, now="2026-11-25 18:00")["interviewer_name"].tolist() == ["A", "B", "C"]


def test_resolve_now():
    assert resolve_now("2026-11-25 18:00") == pd.Timestamp("2026-11-25 18:00", tz="UTC")
    assert resolve_now(pd.Timestamp("2026-11-25 12:00", tz="America/Chicago")) == pd.Timestamp(
        "2026-11-25 18:00", tz="UTC"
    )
    assert resolve_now(None).tzinfo is not None
