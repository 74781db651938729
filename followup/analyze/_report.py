"""The career-center report: one self-contained HTML file an adviser can send on.

Plots are embedded as PNG data, so the file needs no network and no other file.
Every grouped number goes through :func:`~followup.analyze.cohort_summary`'s rule: a
group under ``min_cell`` interviews (or a second group that would give it away)
is shown as suppressed, never with its numbers; no names, emails or student ids
appear anywhere.
"""

from __future__ import annotations

import base64
import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from followup._files import atomic_write
from followup.analyze import plots
from followup.analyze._cohorts import cohort_summary
from followup.analyze._stats import (
    advance_effect,
    followup_delays,
    outcome_rates,
    response_times,
    timeliness,
)


def career_center_report(
    df: pd.DataFrame,
    *,
    by: Sequence[str] = ("program", "cohort"),
    min_cell: int = 5,
    as_of: str | pd.Timestamp,
    title: str = "Interview follow-up report",
) -> str:
    """The report as HTML text: headline, timeliness, replies, outcomes, cohorts, method."""
    data = followup_delays(df)
    moment = pd.Timestamp(as_of)
    overall = cohort_summary(data, by=[], min_cell=min_cell).iloc[-1] if len(data) else None
    program = by[0]
    shown = cohort_summary(data, by=[program], min_cell=min_cell)
    visible = shown.loc[~shown["suppressed"] & (shown[program] != "All"), program]
    on_time = timeliness(data[data[program].isin(visible)], by=program)
    replies = response_times(data, by="on_time", as_of=moment)
    small = replies.summary["interviews"].lt(min_cell).any() if len(replies.summary) else True
    rates = outcome_rates(data, by="on_time")
    rates = rates[rates["decided"] >= min_cell]
    effect = advance_effect(data, strata=program) if len(rates) else pd.DataFrame()
    cohorts = cohort_summary(data, by=list(by), min_cell=min_cell)

    figures = {}
    if len(on_time):
        figures["on_time"] = _png(lambda ax: plots.on_time_share(on_time, by=program, ax=ax))
    figures["delays"] = _png(lambda ax: plots.delay_histogram(data, ax=ax))
    if not small and len(replies.curves):
        figures["replies"] = _png(lambda ax: plots.reply_curves(replies, by="on_time", ax=ax))
    if len(rates):
        figures["advance"] = _png(
            lambda ax: plots.outcome_bars(rates, by="on_time", outcome="next_round", ax=ax)
        )
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("followup.analyze", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("report.html.j2").render(
        title=title,
        as_of=moment.strftime("%Y-%m-%d"),
        min_cell=min_cell,
        overall=overall,
        on_time=_html(on_time),
        replies=None if small else _html(replies.summary),
        logrank=_html(replies.logrank) if not small else None,
        rates=_html(rates),
        effect=_html(effect),
        cohorts=_html(_show_suppressed(cohorts)),
        figures=figures,
        program=program,
    )


def write_report(
    df: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    by: Sequence[str] = ("program", "cohort"),
    min_cell: int = 5,
    as_of: str | pd.Timestamp,
) -> Path:
    """Write :func:`career_center_report` to ``path``, atomically."""
    page = career_center_report(df, by=by, min_cell=min_cell, as_of=as_of)
    return atomic_write(Path(path), page.encode("utf-8"))


def _png(draw: Callable[[Axes], object]) -> str:
    """A figure drawn by ``draw(ax)`` as base64 PNG text, without machine-specific metadata."""
    figure = Figure(figsize=(7, 3.6), dpi=90)
    draw(figure.add_subplot())
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _html(table: pd.DataFrame) -> str:
    return table.to_html(index=False, na_rep="", border=0, classes="table") if len(table) else ""


def _show_suppressed(table: pd.DataFrame) -> pd.DataFrame:
    """Suppressed rows say so in every number's place."""
    numbers = table.select_dtypes("number").columns
    out = table.astype({c: object for c in numbers})
    out.loc[out["suppressed"], numbers] = "suppressed"
    return out.drop(columns="suppressed")
