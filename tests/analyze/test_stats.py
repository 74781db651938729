"""Analyses against values worked out by hand, and against the synthetic data's known effect."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from followup.analyze import (
    advance_effect,
    cohort_summary,
    followup_delays,
    outcome_rates,
    response_times,
    timeliness,
    wilson,
)
from followup.analyze.datasets import PROGRAMS, TIMELY_EFFECT, make_career_center
from followup.errors import FollowupError

END = pd.Timestamp("2026-11-02 11:00", tz="UTC")


def frame(delays_h, *, replies_d=None, outcomes=None, groups=None, ends=None) -> pd.DataFrame:
    n = len(delays_h)
    end = pd.Series(ends if ends is not None else [END] * n)
    return pd.DataFrame(
        {
            "interview_id": [f"i{i}" for i in range(n)],
            "interview_end": end,
            "sent_at": [
                e + pd.Timedelta(hours=h) if h is not None else pd.NaT
                for e, h in zip(end, delays_h, strict=True)
            ],
            "replied_at": [
                e + pd.Timedelta(days=d) if d is not None else pd.NaT
                for e, d in zip(end, replies_d or [None] * n, strict=True)
            ],
            "outcome": pd.array(outcomes or [None] * n, dtype="str"),
            "group": groups or ["all"] * n,
        }
    )


def test_delays_and_on_time():
    out = followup_delays(frame([2, 24, 30, None]))
    assert out["delay_hours"].tolist()[:3] == [2, 24, 30]
    assert out["on_time"].tolist() == [True, True, False, False]
    assert out["sent"].tolist() == [True, True, True, False]


def test_timeliness_by_hand():
    # 10 interviews: 3 on time (1, 5, 20 h), 4 late (30, 40, 50, 100 h), 3 never sent.
    table = timeliness(frame([1, 5, 20, 30, 40, 50, 100, None, None, None]))
    row = table.iloc[0]
    assert (row["interviews"], row["sent"], row["on_time"]) == (10, 7, 3)
    assert row["share_on_time"] == 0.3
    # Wilson: (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.959964.
    z, n, p = 1.959963985, 10, 0.3
    centre, half = p + z**2 / (2 * n), z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    assert row["ci_low"] == pytest.approx((centre - half) / (1 + z**2 / n), abs=1e-8)
    assert row["ci_high"] == pytest.approx((centre + half) / (1 + z**2 / n), abs=1e-8)
    assert row["median_delay_h"] == 30.0
    # numpy's linear quantile: 50 + 0.4 * (100 - 50)
    assert row["p90_delay_h"] == pytest.approx(70.0)
    assert row["share_never_sent"] == pytest.approx(0.3)
    assert wilson(0, 0) != wilson(0, 0)  # nan for no trials


def test_kaplan_meier_by_hand():
    # Replies after 1, 2, 3 and 5 days; two interviews still waiting at 4 and 6 days.
    as_of = END + pd.Timedelta(days=10)
    ends = [END] * 4 + [as_of - pd.Timedelta(days=4), as_of - pd.Timedelta(days=6)]
    data = frame([1] * 6, replies_d=[1, 2, 3, 5, None, None], ends=ends)
    result = response_times(data, as_of=as_of)
    curve = result.curves
    at = dict(zip(curve["days"].round(6), curve["no_reply_yet"], strict=True))
    # S(1)=5/6, S(2)=5/6·4/5, S(3)=·3/4, S(5)=·1/2 (two at risk after the censoring at 4).
    assert at[1.0] == pytest.approx(5 / 6)
    assert at[2.0] == pytest.approx(4 / 6)
    assert at[3.0] == pytest.approx(3 / 6)
    assert at[5.0] == pytest.approx(3 / 6 * 1 / 2)
    summary = result.summary.iloc[0]
    assert (summary["interviews"], summary["replies"], summary["median_days"]) == (6, 4, 3.0)


def test_logrank_by_hand():
    # A replies at 1 and 3 days; B at 2 days and is still waiting at 4.
    as_of = END + pd.Timedelta(days=10)
    ends = [END, END, END, as_of - pd.Timedelta(days=4)]
    data = frame([1] * 4, replies_d=[1, 3, 2, None], groups=["A", "A", "B", "B"], ends=ends)
    test = response_times(data, by="group", as_of=as_of).logrank.iloc[0]
    # O_A = 2; E_A = 2/4 + 1/3 + 1/2; V = 1/4 + 2/9 + 1/4 (hypergeometric variances).
    expected = (2 - (0.5 + 1 / 3 + 0.5)) / math.sqrt(0.25 + 2 / 9 + 0.25)
    assert abs(test["statistic"]) == pytest.approx(expected, abs=1e-3)
    assert test["groups"] == "A vs B"


def test_outcome_rates_leave_pending_out_of_the_denominator():
    data = frame([1] * 5, outcomes=["offer", "rejected", "rejected", "next_round", None])
    rates = outcome_rates(data).set_index("outcome")
    assert rates.loc["rejected", ["decided", "pending", "count", "rate"]].tolist() == [4, 1, 2, 0.5]
    assert rates.loc["offer", "rate"] == 0.25
    assert rates.loc["advanced", ["count", "rate"]].tolist() == [2, 0.5]  # offer or next round
    assert (rates.loc["withdrew", "count"], rates.loc["withdrew", "ci_low"]) == (0, 0.0)


def test_mantel_haenszel_by_hand():
    # Stratum X: on time 8/10 advance, late 6/10; stratum Y: on time 2/10, late 1/10.
    rows = []
    for stratum, a, c in (("X", 8, 6), ("Y", 2, 1)):
        rows += [(stratum, 1, "offer")] * a + [(stratum, 1, "rejected")] * (10 - a)
        rows += [(stratum, 100, "offer")] * c + [(stratum, 100, "rejected")] * (10 - c)
    data = frame([h for _, h, _ in rows], outcomes=[o for *_, o in rows])
    data["program"] = [s for s, *_ in rows]
    effect = advance_effect(data).set_index("comparison")
    # Equal strata sizes: MH difference = mean of (0.8-0.6, 0.2-0.1) = 0.15.
    assert effect.loc["within program", "difference"] == pytest.approx(0.15, abs=1e-12)
    assert effect.loc["naive", "difference"] == pytest.approx(10 / 20 - 7 / 20, abs=1e-12)
    assert effect.loc["within program", "smallest_group"] == 10


def test_synthetic_data_is_seeded_and_within_the_public_figures():
    a = make_career_center(3_000, seed=7, as_of="2026-11-26")
    b = make_career_center(3_000, seed=7, as_of="2026-11-26")
    pd.testing.assert_frame_equal(a, b)
    sent_share = a.groupby("program")["sent_at"].apply(lambda s: s.notna().mean())
    assert sent_share.between(0.15, 0.60).all()
    decided = a.dropna(subset=["decided_at"])
    days = (decided["decided_at"] - decided["interview_end"]).dt.total_seconds() / 86_400
    assert days.mean() == pytest.approx(20, abs=5)  # 24 on average, the late ones still pending
    assert a["replied_at"].isna().mean() > 0.3
    assert a["replied_at"].dropna().le(pd.Timestamp("2026-11-26", tz="America/New_York")).all()


def test_the_stratified_estimate_recovers_the_known_effect_and_the_naive_one_does_not():
    data = make_career_center(40_000, seed=11, as_of="2026-11-26")
    effect = advance_effect(data).set_index("comparison")
    within = effect.loc["within program"]
    assert within["ci_low"] <= TIMELY_EFFECT <= within["ci_high"]
    assert effect.loc["naive", "ci_low"] > TIMELY_EFFECT  # confounded by program
    assert set(data["program"]) == set(PROGRAMS)
    assert np.isfinite(within["difference"])


def test_cohort_summary_suppresses_small_groups_and_what_would_reveal_them():
    data = make_career_center(400, seed=5, as_of="2026-11-26")
    arts_rows = data.index[data["program"] == "Arts"]
    small = data.drop(index=arts_rows[3:])  # Arts keeps three interviews
    arts = int((small["program"] == "Arts").sum())
    assert 0 < arts < 5
    table = cohort_summary(small, by=["program"], min_cell=5).set_index("program")
    assert table.loc["Arts", "suppressed"]
    assert table.loc["Arts"].drop(["suppressed", "why"]).isna().all()
    assert table.loc["Arts", "why"] == "fewer than 5 interviews"
    hidden = table.index[table["suppressed"]].tolist()
    assert len(hidden) == 2  # a second group hides with it: the All row cannot reveal Arts
    shown = table.drop(index=[*hidden, "All"])
    assert table.loc["All", "interviews"] - shown["interviews"].sum() >= 5
    assert table.loc["All", "interviews"] == len(small)
    rates = table["advance_rate"].drop("All")
    assert rates.isna().sum() != 1


def test_cohort_summary_never_groups_by_people():
    data = make_career_center(50, seed=5, as_of="2026-11-26")
    with pytest.raises(FollowupError, match="identifies people"):
        cohort_summary(data, by=["student_id"])
    table = cohort_summary(data)
    assert not set(table.columns) & {"candidate_name", "candidate_email", "student_id"}
    assert not table.astype("str").apply(lambda c: c.str.contains("@")).any().any()


def test_the_committed_sample_reads_back_to_the_generated_data():
    import followup

    result = followup.read_interviews("data/career_center.csv")
    assert result.rejects.empty
    generated = make_career_center(3_000, seed=2026, as_of="2026-11-26")
    pd.testing.assert_frame_equal(
        timeliness(result.recipients, by="program"), timeliness(generated, by="program")
    )


# Issue 12: raw numbers, intervals that match statsmodels, `by` as a string or a list.

statsmodels = pytest.importorskip("statsmodels.stats.proportion")


@pytest.mark.parametrize(("k", "n"), [(0, 1), (3, 10), (72, 177), (595, 2000), (10, 10)])
def test_wilson_matches_statsmodels_to_1e6(k, n):
    expected = statsmodels.proportion_confint(k, n, alpha=0.05, method="wilson")
    assert wilson(k, n) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize(("a", "n1", "c", "n0"), [(3, 3, 1, 7), (40, 90, 20, 80), (0, 12, 5, 9)])
def test_newcombe_matches_statsmodels_and_stays_within_minus_one_to_one(a, n1, c, n0):
    from followup.analyze import newcombe

    low, high = statsmodels.confint_proportions_2indep(a, n1, c, n0, method="newcomb")
    assert newcombe(a, n1, c, n0) == pytest.approx((low, high), abs=1e-6)
    assert -1 <= low <= high <= 1


def test_a_tiny_window_gives_an_effect_interval_within_minus_one_to_one():
    # The two-week window: 10 decided interviews, 3 of them timely (all advanced).
    outcomes = ["offer"] * 3 + ["offer"] + ["rejected"] * 6
    data = frame([1, 2, 3, 30, 30, 30, 30, 30, 30, 30], outcomes=outcomes)
    data["program"] = "Nursing"
    effect = advance_effect(data, by="program")
    assert effect[["ci_low", "ci_high"]].ge(-1).all().all()
    assert effect[["ci_low", "ci_high"]].le(1).all().all()
    assert effect.loc[0, "smallest_group"] == 3


def test_analyses_return_full_precision():
    data = frame(
        [1, 5, 20, 30, 40, 50, 100], outcomes=["offer", "rejected", "rejected"] * 2 + [None]
    )
    table = timeliness(data)
    assert table.loc[0, "share_on_time"] == 3 / 7  # not 0.429
    assert table.loc[0, "ci_low"] == wilson(3, 7)[0]
    assert outcome_rates(data).set_index("outcome").loc["offer", "rate"] == 2 / 6


def test_by_is_a_string_or_a_list_everywhere():
    data = make_career_center(300, seed=5, as_of="2026-11-26")
    for function in (timeliness, outcome_rates, cohort_summary):
        pd.testing.assert_frame_equal(function(data, by="program"), function(data, by=["program"]))
    pd.testing.assert_frame_equal(
        advance_effect(data, by="program"), advance_effect(data, by=["program"])
    )
    result = response_times(data, by="program", as_of="2026-11-26")
    pd.testing.assert_frame_equal(
        result.summary, response_times(data, by=["program"], as_of="2026-11-26").summary
    )
    assert (
        "within program and cohort"
        in advance_effect(data, by=["program", "cohort"])["comparison"].tolist()
    )
    with pytest.raises(TypeError, match="strata"):
        advance_effect(data, strata="program")  # renamed: by=, as everywhere else


def test_kaplan_meier_heard_back_within_14_days():
    as_of = END + pd.Timedelta(days=30)
    data = frame([1] * 4, replies_d=[1, 2, 20, None])
    row = response_times(data, as_of=as_of, within_days=14).summary.iloc[0]
    assert row["heard_back"] == pytest.approx(0.5)
    assert 0 <= row["heard_back_low"] <= 0.5 <= row["heard_back_high"] <= 1
