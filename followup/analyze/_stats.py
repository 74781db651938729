"""What happens after the follow-up: delays, timeliness, replies and outcomes.

Every function takes a recipients table with tracking columns (``sent_at``,
``replied_at``, ``outcome``, ``decided_at``) and returns a new table. Intervals
are 95%: Wilson for shares (``scipy.stats.binomtest``), Kaplan–Meier with
pending cases censored for reply times (``scipy.stats.ecdf``), log-rank tests
between two groups (``scipy.stats.logrank``).

>>> from followup.analyze.datasets import make_career_center
>>> df = make_career_center(2_000, seed=3, as_of="2026-11-26")
>>> timeliness(df)[["interviews", "on_time", "share_on_time"]]
   interviews  on_time  share_on_time
0        2000      595          0.297
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

TARGET_HOURS = 24
ADVANCED = ("offer", "next_round")
OUTCOME_LABELS = ("offer", "next_round", "rejected", "withdrew")

By = str | Sequence[str] | None


def followup_delays(df: pd.DataFrame, *, target_hours: float = TARGET_HOURS) -> pd.DataFrame:
    """Add ``delay_hours`` (interview end to follow-up; NaN if never sent), ``sent``
    and ``on_time`` (sent within ``target_hours``)."""
    delay = (df["sent_at"] - df["interview_end"]).dt.total_seconds() / 3600
    return df.assign(
        delay_hours=delay, sent=delay.notna(), on_time=delay.le(target_hours).fillna(False)
    )


def wilson(successes: int, trials: int) -> tuple[float, float]:
    """The 95% Wilson interval of a share; (nan, nan) for no trials.

    >>> [round(x, 4) for x in wilson(3, 10)]
    [0.1078, 0.6032]
    """
    if trials == 0:
        return float("nan"), float("nan")
    interval = stats.binomtest(int(successes), int(trials)).proportion_ci(method="wilson")
    return float(interval.low), float(interval.high)


def timeliness(
    df: pd.DataFrame, *, by: By = None, target_hours: float = TARGET_HOURS
) -> pd.DataFrame:
    """Per group: interviews, notes sent, share on time (Wilson 95%), median and 90th
    percentile delay of the notes sent, and the share never sent."""
    data = per_interview(followup_delays(df, target_hours=target_hours))
    rows = []
    for key, group in by_groups(data, by):
        n, on_time = len(group), int(group["on_time"].sum())
        low, high = wilson(on_time, n)
        delays = group["delay_hours"].dropna()
        rows.append(
            {
                **key,
                "interviews": n,
                "sent": int(group["sent"].sum()),
                "on_time": on_time,
                "share_on_time": round(on_time / n, 3),
                "ci_low": round(low, 3),
                "ci_high": round(high, 3),
                "median_delay_h": round(float(delays.median()), 1) if len(delays) else np.nan,
                "p90_delay_h": round(float(delays.quantile(0.9)), 1) if len(delays) else np.nan,
                "share_never_sent": round(1 - group["sent"].mean(), 3),
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class ResponseTimes:
    """Kaplan–Meier curves of the time to the employer's first reply.

    ``curves``: per group, ``days`` and ``no_reply_yet`` (the survival function)
    with its 95% band. ``summary``: per group, interviews, replies seen, and the
    median days to a reply with its interval (NaN when the curve never falls to
    one half). ``logrank``: statistic and p-value when there are two groups.
    """

    curves: pd.DataFrame
    summary: pd.DataFrame
    logrank: pd.DataFrame


def response_times(df: pd.DataFrame, *, by: By = None, as_of: str | pd.Timestamp) -> ResponseTimes:
    """Days from the interview's end to the first reply; no reply yet is censored at ``as_of``."""
    data = per_interview(followup_delays(df))
    moment = moment_in(as_of, data["interview_end"])
    waited = (data["replied_at"].fillna(moment) - data["interview_end"]).dt.total_seconds()
    data = data.assign(days=waited / 86_400, replied=data["replied_at"].notna())
    data = data[data["days"] > 0]
    curves, summary, samples = [], [], {}
    for key, group in by_groups(data, by):
        sample = stats.CensoredData(
            uncensored=group.loc[group["replied"], "days"].to_numpy(),
            right=group.loc[~group["replied"], "days"].to_numpy(),
        )
        samples[_label(key)] = sample
        if not group["replied"].any():
            continue
        curve = stats.ecdf(sample).sf
        with warnings.catch_warnings():
            # Past the last reply the band is undefined (NaN); scipy says so each time.
            warnings.simplefilter("ignore", RuntimeWarning)
            band = curve.confidence_interval()
        curves.append(
            pd.DataFrame(
                {
                    **{k: v for k, v in key.items()},
                    "days": curve.quantiles,
                    "no_reply_yet": curve.probabilities,
                    "ci_low": band.low.probabilities,
                    "ci_high": band.high.probabilities,
                }
            )
        )
        summary.append(
            {
                **key,
                "interviews": len(group),
                "replies": int(group["replied"].sum()),
                "median_days": _first_below_half(curve.quantiles, curve.probabilities),
                "median_ci_low": _first_below_half(curve.quantiles, band.low.probabilities),
                "median_ci_high": _first_below_half(curve.quantiles, band.high.probabilities),
            }
        )
    tests = []
    if len(samples) == 2:
        (a, x), (b, y) = samples.items()
        result = stats.logrank(x, y)
        tests.append(
            {
                "groups": f"{a} vs {b}",
                "statistic": round(float(result.statistic), 3),
                "pvalue": float(result.pvalue),
            }
        )
    return ResponseTimes(
        pd.concat(curves, ignore_index=True) if curves else pd.DataFrame(),
        pd.DataFrame(summary),
        pd.DataFrame(tests),
    )


def outcome_rates(df: pd.DataFrame, *, by: By = None) -> pd.DataFrame:
    """Per group and outcome: the share of decided interviews (Wilson 95%); pending
    interviews are counted apart, not in the denominator."""
    data = per_interview(followup_delays(df))
    rows = []
    for key, group in by_groups(data, by):
        decided = group["outcome"].notna() & (group["outcome"] != "")
        n = int(decided.sum())
        for label in OUTCOME_LABELS:
            count = int((group["outcome"] == label).sum())
            low, high = wilson(count, n)
            rows.append(
                {
                    **key,
                    "outcome": label,
                    "decided": n,
                    "pending": int((~decided).sum()),
                    "count": count,
                    "rate": round(count / n, 3) if n else np.nan,
                    "ci_low": round(low, 3),
                    "ci_high": round(high, 3),
                }
            )
    return pd.DataFrame(rows)


def advance_effect(df: pd.DataFrame, *, strata: str = "program") -> pd.DataFrame:
    """How much more often timely senders advance: naive, and within ``strata``.

    The naive row compares all decided interviews; the stratified row is the
    Mantel–Haenszel risk difference across strata, with Sato's variance, so a
    stratum where timely senders are common and advancing is easy does not
    masquerade as an effect of timeliness.
    """
    data = per_interview(followup_delays(df))
    data = data[data["outcome"].notna() & (data["outcome"] != "")]
    advanced = data["outcome"].isin(ADVANCED)
    naive = _risk_difference(advanced, data["on_time"])
    table = (
        pd.DataFrame(
            {
                "stratum": data[strata],
                "a": advanced & data["on_time"],
                "n1": data["on_time"],
                "c": advanced & ~data["on_time"],
                "n0": ~data["on_time"],
            }
        )
        .groupby("stratum")
        .sum()
    )
    table = table[(table["n1"] > 0) & (table["n0"] > 0)]
    total = table["n1"] + table["n0"]
    weight = (table["n1"] * table["n0"] / total).sum()
    rd = ((table["a"] * table["n0"] - table["c"] * table["n1"]) / total).sum() / weight
    p = (
        (
            table["n1"] ** 2 * table["c"]
            - table["n0"] ** 2 * table["a"]
            + table["n1"] * table["n0"] * (table["n0"] - table["n1"]) / 2
        )
        / total**2
    ).sum()
    q = (
        (table["a"] * (table["n0"] - table["c"]) + table["c"] * (table["n1"] - table["a"]))
        / (2 * total)
    ).sum()
    se = float(np.sqrt((rd * p + q) / weight**2))
    return pd.DataFrame(
        [
            {"comparison": "naive", **naive},
            {
                "comparison": f"within {strata}",
                "difference": round(float(rd), 3),
                "ci_low": round(float(rd) - 1.96 * se, 3),
                "ci_high": round(float(rd) + 1.96 * se, 3),
                "decided": int(total.sum()),
            },
        ]
    )


def _risk_difference(advanced: pd.Series, on_time: pd.Series) -> dict[str, float]:
    p1, p0 = advanced[on_time].mean(), advanced[~on_time].mean()
    n1, n0 = int(on_time.sum()), int((~on_time).sum())
    se = np.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0)
    d = float(p1 - p0)
    return {
        "difference": round(d, 3),
        "ci_low": round(d - 1.96 * se, 3),
        "ci_high": round(d + 1.96 * se, 3),
        "decided": n1 + n0,
    }


def per_interview(df: pd.DataFrame) -> pd.DataFrame:
    """One row per interview: its first follow-up, and the interview's reply and outcome."""
    if not df["interview_id"].duplicated().any():
        return df
    first = df.sort_values("sent_at", kind="stable", na_position="last")
    return first.drop_duplicates("interview_id").sort_index()


def by_groups(data: pd.DataFrame, by: By) -> list[tuple[dict[str, object], pd.DataFrame]]:
    if by is None or (not isinstance(by, str) and not list(by)):
        return [({}, data)]
    keys = [by] if isinstance(by, str) else list(by)
    return [
        (dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True)), group)
        for key, group in data.groupby(keys, sort=True, dropna=False)
    ]


def _label(key: dict[str, object]) -> str:
    return ", ".join(str(v) for v in key.values()) or "all"


def moment_in(as_of: str | pd.Timestamp, like: pd.Series) -> pd.Timestamp:
    stamp = pd.Timestamp(as_of)
    zone = like.dt.tz
    return stamp.tz_localize(zone) if stamp.tzinfo is None else stamp.tz_convert(zone)


def _first_below_half(days: np.ndarray, survival: np.ndarray) -> float:
    below = np.flatnonzero(np.asarray(survival) <= 0.5)
    return round(float(days[below[0]]), 1) if len(below) else float("nan")
