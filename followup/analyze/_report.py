"""The career-center report: one self-contained HTML file an adviser can send on.

Plots are embedded as PNG data, so the file needs no network and no other file.
Every figure goes through :func:`~followup.analyze.report_tables`' rule: a group
under ``min_cell`` interviews (or a second group that would give it away) is
shown as "fewer than N" or "hidden", never with its numbers; no names, emails or
student ids appear anywhere. :func:`write_tables` writes the same tables to a
workbook or to CSV files.
"""

from __future__ import annotations

import base64
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from followup._files import atomic_write, neutralize_formulas, write_csv
from followup.analyze import _sections, plots
from followup.analyze._cohorts import MIN_CELL
from followup.analyze._stats import HEARD_BACK_DAYS, By, ResponseTimes, keys_of
from followup.analyze._tables import report_tables
from followup.analyze._window import Between, Moment, instant
from followup.errors import OptionError

_NONE = pd.DataFrame()

if TYPE_CHECKING:
    from followup.read import Interviews


def career_center_report(
    df: pd.DataFrame | Interviews,
    *,
    by: By = ("program", "cohort"),
    min_cell: int = MIN_CELL,
    as_of: Moment,
    between: Between = None,
    title: str = "Interview follow-up report",
) -> str:
    """The report as HTML text: headline, definitions, timeliness, replies, outcomes,
    trends, employers, cohorts, data quality and method.

    ``df`` is a recipients table, or what :func:`~followup.read_interviews` returns
    (then the data-quality line counts its rejects). See :func:`report_tables`
    for ``between``, ``as_of`` and ``min_cell``.
    """
    return _page(
        report_tables(df, by=by, min_cell=min_cell, as_of=as_of, between=between),
        by=by,
        min_cell=min_cell,
        as_of=as_of,
        between=between,
        title=title,
    )


def write_report(
    df: pd.DataFrame | Interviews,
    path: str | os.PathLike[str],
    *,
    by: By = ("program", "cohort"),
    min_cell: int = MIN_CELL,
    as_of: Moment,
    between: Between = None,
    tables: str | os.PathLike[str] | None = None,
) -> Path:
    """Write :func:`career_center_report` to ``path``, atomically; with ``tables``, write
    its tables there too (see :func:`write_tables`)."""
    options: dict[str, Any] = {"by": by, "min_cell": min_cell, "as_of": as_of, "between": between}
    found = report_tables(df, **options)
    if tables is not None:
        write_tables(found, tables)
    page = _page(found, title="Interview follow-up report", **options)
    return atomic_write(Path(path), page.encode("utf-8"))


def _page(
    tables: dict[str, pd.DataFrame],
    *,
    by: By,
    min_cell: int,
    as_of: Moment,
    between: Between,
    title: str,
) -> str:
    first = keys_of(by)[0]
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("followup.analyze", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("report.html.j2").render(
        title=title,
        as_of=f"{instant(as_of, name='as_of'):%Y-%m-%d %H:%M} UTC",
        window=_window_words(between),
        min_cell=min_cell,
        days=HEARD_BACK_DAYS,
        first=first.replace("_", " "),
        figures=_figures(tables, first, min_cell),
        **_sections.render(tables, first=first, by=keys_of(by), min_cell=min_cell),
    )


def write_tables(tables: dict[str, pd.DataFrame], path: str | os.PathLike[str]) -> list[Path]:
    """Write each table to its own sheet of an ``.xlsx`` workbook, or, for a ``.csv`` path,
    to ``NAME-TABLE.csv`` files beside it; formulas neutralized. Returns the paths written."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        return [
            write_csv(table, target.with_name(f"{target.stem}-{name}.csv"))
            for name, table in tables.items()
        ]
    if suffix != ".xlsx":
        raise OptionError(
            f"tables {str(target)!r}: write to a .xlsx workbook or .csv files.",
            options=("tables",),
        )

    def workbook(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, table in tables.items():
                neutralize_formulas(table).to_excel(writer, sheet_name=name, index=False)

    return [atomic_write(target, workbook)]


def _window_words(between: Between) -> str:
    since, until = between if between is not None else (None, None)
    if since is None and until is None:
        return "all interviews"
    if until is None:
        return f"interviews from {since}"
    return f"interviews up to {until}" if since is None else f"interviews from {since} to {until}"


def _figures(
    tables: dict[str, pd.DataFrame], first: str, min_cell: int
) -> dict[str, tuple[str, str]]:
    """The report's charts, each (base64 PNG, alt text), drawn from its shown rows only."""
    figures = {}
    on_time = tables["timeliness"][~tables["timeliness"]["suppressed"]]
    if len(on_time):
        figures["on_time"] = (
            _png(lambda ax: plots.on_time_share(on_time, by=first, ax=ax)),
            "Bar chart of the share followed up within 24 hours, by "
            + first.replace("_", " ")
            + ": "
            + "; ".join(
                f"{k} {v:.0%}"
                for k, v in zip(on_time[first], on_time["share_on_time"], strict=True)
            )
            + ".",
        )
    curves, replies = tables["reply_curves"], tables["replies"]
    if len(curves):
        seen = replies[~replies["suppressed"]]
        figures["replies"] = (
            _png(
                lambda ax: plots.reply_curves(
                    ResponseTimes(curves, _NONE, _NONE), by="follow_up", ax=ax
                )
            ),
            "Step chart of the share still waiting for a first reply, by days since the "
            "interview; heard back within 14 days: "
            + "; ".join(
                f"{k} {v:.0%}" if v == v else f"{k} not yet known"
                for k, v in zip(seen["follow_up"], seen["heard_back"], strict=True)
            )
            + ".",
        )
    rates = tables["outcomes"]
    shown = rates[(rates["outcome"] == "advanced") & ~rates["suppressed"] & (rates["decided"] > 0)]
    if len(shown):
        figures["advanced"] = (
            _png(lambda ax: plots.outcome_bars(shown, by="follow_up", ax=ax)),
            "Bar chart of the share of decided interviews that advanced (offer or next round): "
            + "; ".join(
                f"{k} {v:.0%}" for k, v in zip(shown["follow_up"], shown["rate"], strict=True)
            )
            + ".",
        )
    return figures


def _png(draw: Callable[[Axes], object]) -> str:
    """A figure drawn by ``draw(ax)`` as base64 PNG text, without machine-specific metadata."""
    figure = Figure(figsize=(7, 3.6), dpi=90)
    draw(figure.add_subplot())
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")
