"""Plots of the analyses: each takes its table (and an optional ``ax``) and returns the Axes.

Nothing here displays a figure itself: notebooks show it inline, the report
embeds it. Pair every plot with the table it draws: the table is the record.
Labels that come from the data are drawn as plain text (a ``$`` is a dollar
sign, never mathtext), and ``on_time`` groups read as words.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from followup.analyze.datasets import make_career_center
>>> from followup.analyze import timeliness
>>> table = timeliness(make_career_center(500, seed=1, as_of="2026-11-26"), by="program")
>>> ax = on_time_share(table, by="program")
>>> [bar.get_height() for bar in ax.patches] == table["share_on_time"].tolist()
True
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from followup.analyze._stats import ON_TIME_WORDS, TARGET_HOURS, ResponseTimes, followup_delays


def _axes(ax: Axes | None) -> Axes:
    if ax is not None:
        return ax
    _, new = plt.subplots(figsize=(7, 4))
    return new


def plain(value: object) -> str:
    r"""``value`` as text matplotlib draws as written: each ``$`` escaped, so no mathtext.

    >>> plain("$\\frac{$")
    '\\$\\frac{\\$'
    """
    return str(value).replace("$", r"\$")


def group_label(by: str, key: object) -> str:
    """How a group reads: ``on_time`` in words, anything else as its value.

    >>> group_label("on_time", True), group_label("program", "Arts")
    ('Sent within 24 h', 'Arts')
    """
    if by == "on_time" and isinstance(key, bool | np.bool_):
        return ON_TIME_WORDS[bool(key)]
    return str(key)


def delay_histogram(
    df: pd.DataFrame,
    *,
    ax: Axes | None = None,
    target_hours: float = TARGET_HOURS,
    max_hours: float = 7 * 24,
    bin_hours: float = 6,
) -> Axes:
    """How long after the interview the notes went out, with the target as a line."""
    ax = _axes(ax)
    delays = followup_delays(df)["delay_hours"].dropna().clip(upper=max_hours)
    edges = np.arange(0, max_hours + bin_hours, bin_hours).tolist()
    ax.hist(delays, bins=edges, color="#4c72b0")
    ax.axvline(target_hours, color="#c44e52", linestyle="--", label=f"{target_hours:g}-hour target")
    ax.set(
        xlabel=f"hours after the interview (capped at {max_hours:g})",
        ylabel="follow-ups sent",
        title="When the follow-ups went out",
    )
    ax.legend()
    return ax


def on_time_share(table: pd.DataFrame, *, by: str, ax: Axes | None = None) -> Axes:
    """Share of interviews followed up on time per group, with 95% intervals
    (a :func:`~followup.timeliness` table)."""
    return _bars(
        table,
        by=by,
        value="share_on_time",
        ax=ax,
        ylabel="share followed up within 24 h",
        title="On-time follow-up",
    )


def outcome_bars(
    rates: pd.DataFrame, *, by: str, outcome: str = "advanced", ax: Axes | None = None
) -> Axes:
    """Rate of one outcome per group, with 95% intervals (an :func:`~followup.outcome_rates`
    table); by default ``advanced``, an offer or a next round."""
    chosen = rates[rates["outcome"] == outcome]
    words = "advanced (offer or next round)" if outcome == "advanced" else plain(outcome)
    return _bars(
        chosen,
        by=by,
        value="rate",
        ax=ax,
        ylabel=f"share {words}",
        title=f"Share {words}, of decided interviews",
    )


def _bars(table: pd.DataFrame, *, by: str, value: str, ax: Axes | None, **labels: Any) -> Axes:
    ax = _axes(ax)
    heights = table[value].to_numpy(dtype=float)
    errors = np.vstack([heights - table["ci_low"], table["ci_high"] - heights])
    names = [plain(group_label(by, key)) for key in table[by]]
    ax.bar(names, heights, yerr=errors, capsize=4, color="#4c72b0")
    ax.set(xlabel=plain(by).replace("_", " "), ylim=(0, 1), **labels)
    return ax


def reply_curves(
    result: ResponseTimes, *, by: str, ax: Axes | None = None, max_days: float = 60
) -> Axes:
    """Share of interviews with no reply yet, by days since the interview, per group,
    with 95% bands (a :func:`~followup.response_times` result)."""
    ax = _axes(ax)
    for key, curve in result.curves.groupby(by, sort=True):
        shown = curve[curve["days"] <= max_days]
        days = np.concatenate([[0.0], shown["days"]])
        line = ax.step(
            days,
            np.concatenate([[1.0], shown["no_reply_yet"]]),
            where="post",
            label=plain(group_label(by, key)),
        )[0]
        ax.fill_between(
            shown["days"],
            shown["ci_low"],
            shown["ci_high"],
            step="post",
            alpha=0.2,
            color=line.get_color(),
        )
    ax.set(
        xlabel="days since the interview",
        ylabel="share with no reply yet",
        ylim=(0, 1.02),
        xlim=(0, max_days),
        title="Time to the employer's first reply",
    )
    ax.legend()
    return ax
