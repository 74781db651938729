"""What happens after the follow-up: delays, timeliness, replies and outcomes.

Every function takes a recipients table with tracking columns (``sent_at``,
``replied_at``, ``outcome``, ``decided_at``) and returns a new table of raw,
unrounded numbers; ``by`` is a column name or a list of them. Intervals are
95%: Wilson for shares (``scipy.stats.binomtest``), Newcombe's hybrid score
interval for a difference of two shares, Kaplan–Meier with pending cases
censored for reply times (``scipy.stats.ecdf``), log-rank tests between two
groups (``scipy.stats.logrank``). Only displays round:

>>> from followup.analyze.datasets import make_career_center
>>> df = make_career_center(2_000, seed=3, as_of="2026-11-26")
>>> timeliness(df)[["interviews", "on_time", "share_on_time"]].round(3)
   interviews  on_time  share_on_time
0        2000      595          0.298
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from followup.analyze._window import Moment, instant

TARGET_HOURS = 24
ADVANCED = ("offer", "next_round")
OUTCOME_LABELS = ("offer", "next_round", "rejected", "withdrew")
#: How the ``on_time`` groups read in tables and plots.
ON_TIME_WORDS = {True: "Sent within 24 h", False: "Later or never"}
HEARD_BACK_DAYS = 14

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


def newcombe(a: int, n1: int, c: int, n0: int) -> tuple[float, float]:
    """Newcombe's hybrid score 95% interval for ``a/n1 - c/n0``: always within [-1, 1].

    >>> [round(x, 4) for x in newcombe(3, 3, 1, 7)]
    [0.1846, 0.9743]
    """
    (l1, u1), (l0, u0) = wilson(a, n1), wilson(c, n0)
    p1, p0 = a / n1 if n1 else np.nan, c / n0 if n0 else np.nan
    d = p1 - p0
    return float(d - np.hypot(p1 - l1, u0 - p0)), float(d + np.hypot(u1 - p1, p0 - l0))


def timeliness(
    df: pd.DataFrame, *, by: By = None, target_hours: float = TARGET_HOURS
) -> pd.DataFrame:
    """Per group: interviews, notes sent, share on time (Wilson 95%), median and 90th
    percentile delay of the notes sent (hours), and the share never sent."""
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
                "share_on_time": on_time / n if n else np.nan,
                "ci_low": low,
                "ci_high": high,
                "median_delay_h": float(delays.median()) if len(delays) else np.nan,
                "p90_delay_h": float(delays.quantile(0.9)) if len(delays) else np.nan,
                "share_never_sent": 1 - group["sent"].mean() if n else np.nan,
            }
        )
    return pd.DataFrame(rows, columns=[*keys_of(by), *_TIMELINESS])


_TIMELINESS = (
    "interviews",
    "sent",
    "on_time",
    "share_on_time",
    "ci_low",
    "ci_high",
    "median_delay_h",
    "p90_delay_h",
    "share_never_sent",
)


@dataclass(frozen=True)
class ResponseTimes:
    """Kaplan–Meier curves of the time to the employer's first reply.

    ``curves``: per group, ``days`` and ``no_reply_yet`` (the survival function)
    with its 95% band. ``summary``: per group, interviews, replies seen, the
    share that heard back within ``within_days`` (one minus the curve there,
    with its band) and the median days to a reply with its interval (NaN when
    the curve never falls to one half). ``logrank``: statistic and p-value when
    there are two groups.
    """

    curves: pd.DataFrame
    summary: pd.DataFrame
    logrank: pd.DataFrame


def response_times(
    df: pd.DataFrame, *, by: By = None, as_of: Moment, within_days: float = HEARD_BACK_DAYS
) -> ResponseTimes:
    """Days from the interview's end to the first reply; no reply yet is censored at ``as_of``
    (UTC if it names no zone)."""
    data = per_interview(followup_delays(df))
    moment = instant(as_of, name="as_of")
    waited = (data["replied_at"].fillna(moment) - data["interview_end"]).dt.total_seconds()
    data = data.assign(days=waited / 86_400, replied=data["replied_at"].notna())
    data = data[data["days"] > 0]
    curves, summary, samples = [], [], {}
    for key, group in by_groups(data, by):
        sample = stats.CensoredData(
            uncensored=group.loc[group["replied"], "days"].to_numpy(),
            right=group.loc[~group["replied"], "days"].to_numpy(),
        )
        samples[_label(key)] = (sample, len(group))
        row = {**key, "interviews": len(group), "replies": int(group["replied"].sum())}
        if not group["replied"].any():
            summary.append({**row, **_km_numbers(None, group["days"].max(), within_days)})
            continue
        curve = stats.ecdf(sample).sf
        with warnings.catch_warnings():
            # Past the last reply the band is undefined (NaN); scipy says so each time.
            warnings.simplefilter("ignore", RuntimeWarning)
            band = curve.confidence_interval(method="log-log")
        curves.append(
            pd.DataFrame(
                {
                    **key,
                    "days": curve.quantiles,
                    "no_reply_yet": curve.probabilities,
                    "ci_low": band.low.probabilities,
                    "ci_high": band.high.probabilities,
                }
            )
        )
        summary.append({**row, **_km_numbers((curve, band), group["days"].max(), within_days)})
    tests = []
    if len(samples) == 2 and data["replied"].any() and all(n for _, n in samples.values()):
        (a, (x, _)), (b, (y, _)) = samples.items()
        result = stats.logrank(x, y)
        tests.append(
            {
                "groups": f"{a} vs {b}",
                "statistic": float(result.statistic),
                "pvalue": float(result.pvalue),
            }
        )
    keys = keys_of(by)
    return ResponseTimes(
        pd.concat(curves, ignore_index=True)
        if curves
        else pd.DataFrame(columns=[*keys, "days", "no_reply_yet", "ci_low", "ci_high"]),
        pd.DataFrame(summary, columns=[*keys, "interviews", "replies", *_KM]),
        pd.DataFrame(tests, columns=["groups", "statistic", "pvalue"]),
    )


_KM = (
    "heard_back",
    "heard_back_low",
    "heard_back_high",
    "median_days",
    "median_low",
    "median_high",
)


def _km_numbers(fit: tuple[Any, Any] | None, longest: float, within: float) -> dict[str, float]:
    nan = float("nan")
    if fit is None:  # nobody replied: the curve stays at 1 while anyone is watched
        shown = 0.0 if longest >= within else nan
        return dict(zip(_KM, (shown, nan, nan, nan, nan, nan), strict=True))
    curve, band = fit
    seen = longest >= within  # past the longest wait the curve says nothing
    at = [1 - float(f.evaluate(within)) if seen else nan for f in (curve, band.high, band.low)]
    medians = [
        _first_below_half(curve.quantiles, f.probabilities) for f in (curve, band.low, band.high)
    ]
    return dict(zip(_KM, (*at, *medians), strict=True))


def outcome_rates(df: pd.DataFrame, *, by: By = None) -> pd.DataFrame:
    """Per group and outcome: the share of decided interviews (Wilson 95%); pending
    interviews are counted apart, not in the denominator. The outcome ``advanced``
    counts an offer or a next round together."""
    data = per_interview(followup_delays(df))
    rows = []
    for key, group in by_groups(data, by):
        decided = group["outcome"].notna() & (group["outcome"] != "")
        n = int(decided.sum())
        for label in ("advanced", *OUTCOME_LABELS):
            chosen = ADVANCED if label == "advanced" else (label,)
            count = int(group["outcome"].isin(chosen).sum())
            low, high = wilson(count, n)
            rows.append(
                {
                    **key,
                    "outcome": label,
                    "decided": n,
                    "pending": int((~decided).sum()),
                    "count": count,
                    "rate": count / n if n else np.nan,
                    "ci_low": low,
                    "ci_high": high,
                }
            )
    columns = ["outcome", "decided", "pending", "count", "rate", "ci_low", "ci_high"]
    return pd.DataFrame(rows, columns=[*keys_of(by), *columns])


def advance_effect(df: pd.DataFrame, *, by: By = "program") -> pd.DataFrame:
    """How much more often timely senders advance: naive, and within groups of ``by``.

    The naive row compares all decided interviews (Newcombe's hybrid score
    interval). The stratified row is the Mantel–Haenszel risk difference across
    strata, with Sato's variance, so a stratum where timely senders are common
    and advancing is easy does not masquerade as an effect of timeliness; its
    Wald interval is clipped to [-1, 1]. ``smallest_group`` is the fewest decided
    interviews on either side (timely, later) of any stratum: a report hides an
    estimate whose smallest group is under its ``min_cell``.
    """
    keys = keys_of(by)
    data = per_interview(followup_delays(df))
    data = data[data["outcome"].notna() & (data["outcome"] != "")]
    advanced = data["outcome"].isin(ADVANCED)
    on_time = data["on_time"]
    a, n1 = int((advanced & on_time).sum()), int(on_time.sum())
    c, n0 = int((advanced & ~on_time).sum()), int((~on_time).sum())
    naive = {
        "comparison": "naive",
        "difference": a / n1 - c / n0 if n1 and n0 else np.nan,
        **dict(zip(("ci_low", "ci_high"), newcombe(a, n1, c, n0), strict=True)),
        "decided": n1 + n0,
        "smallest_group": min(n1, n0),
    }
    cells = pd.DataFrame(
        {"a": advanced & on_time, "n1": on_time, "c": advanced & ~on_time, "n0": ~on_time}
    )
    table = cells.groupby([data[k] for k in keys] or np.zeros(len(data)), dropna=False).sum()
    smallest = int(table[["n1", "n0"]].min().min()) if len(table) else 0
    table = table[(table["n1"] > 0) & (table["n0"] > 0)]
    rd, low, high = _mantel_haenszel(table)
    within = {
        "comparison": "within " + " and ".join(keys),
        "difference": rd,
        "ci_low": low,
        "ci_high": high,
        "decided": int(table["n1"].sum() + table["n0"].sum()),
        "smallest_group": smallest,
    }
    return pd.DataFrame([naive, within])


def _mantel_haenszel(table: pd.DataFrame) -> tuple[float, float, float]:
    """The MH risk difference and its 95% interval (Sato's variance), clipped to [-1, 1]."""
    total = table["n1"] + table["n0"]
    weight = (table["n1"] * table["n0"] / total).sum()
    if not weight:
        return np.nan, np.nan, np.nan
    rd = float(((table["a"] * table["n0"] - table["c"] * table["n1"]) / total).sum() / weight)
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
    return rd, max(rd - 1.959964 * se, -1.0), min(rd + 1.959964 * se, 1.0)


def per_interview(df: pd.DataFrame) -> pd.DataFrame:
    """One row per interview: its first follow-up, and the interview's reply and outcome."""
    if not df["interview_id"].duplicated().any():
        return df
    first = df.sort_values("sent_at", kind="stable", na_position="last")
    return first.drop_duplicates("interview_id").sort_index()


def keys_of(by: By) -> list[str]:
    """``by`` as a list of column names.

    >>> keys_of("program"), keys_of(("program", "cohort")), keys_of(None)
    (['program'], ['program', 'cohort'], [])
    """
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def by_groups(data: pd.DataFrame, by: By) -> list[tuple[dict[str, object], pd.DataFrame]]:
    """(key, rows) per group of ``by``, in sorted order; one group of everything without ``by``."""
    keys = keys_of(by)
    if not keys:
        return [({}, data)]
    return [
        (dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True)), group)
        for key, group in data.groupby(keys, sort=True, dropna=False)
    ]


def _label(key: dict[str, object]) -> str:
    return ", ".join(str(v) for v in key.values()) or "all"


def _first_below_half(days: np.ndarray, survival: np.ndarray) -> float:
    below = np.flatnonzero(np.asarray(survival) <= 0.5)
    return float(days[below[0]]) if len(below) else float("nan")
