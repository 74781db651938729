"""The report's tables as people read them: words for names, percentages with their counts.

Only here do numbers get rounded; the tables from
:func:`~followup.analyze.report_tables` stay raw.

>>> share_text(72, 177)
'41% (72 of 177)'
>>> interval_text(0.3412, 0.4871)
'34% to 49%'
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

Row = Mapping[Any, Any]
Column = tuple[str, Callable[[Row], str]]


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def share_text(count: float, of: float, share: float | None = None) -> str:
    """``41% (72 of 177)``; the share is ``count / of`` unless given (a Kaplan–Meier one)."""
    value = count / of if share is None else share
    return f"{value:.0%} ({count:,.0f} of {of:,.0f})"


def interval_text(low: float, high: float) -> str:
    """A 95% interval of shares, in percent."""
    if _missing(low) or _missing(high):
        return "not estimable"
    return f"{low:.0%} to {high:.0%}"


def number_text(value: float, unit: str = "", *, digits: int = 0) -> str:
    """``1,234`` or ``3.5 days``."""
    return f"{value:,.{digits}f}{unit}"


def cell(row: Row, column: str, show: Callable[[Any], str], *, blank: str) -> str:
    """``show(row[column])``, or why there is no number: hidden, or ``blank``."""
    if row.get("suppressed"):
        return "hidden" if str(row.get("why", "")).startswith("hidden") else "fewer than N"
    value = row[column]
    return blank if _missing(value) else show(value)


def styled(frame: pd.DataFrame, name: str) -> str:
    """A display table as HTML through a pandas Styler: text escaped, no index, no ids."""
    styler = Styler(frame, uuid=name).hide(axis="index").format(escape="html")
    table = styler.to_html(exclude_styles=True)
    return f'<div class="scroll" role="region" aria-label="{name} table" tabindex="0">{table}</div>'


def display(table: pd.DataFrame, columns: list[Column], min_cell: int) -> pd.DataFrame:
    """A display frame: one column per (header, function of a row); "fewer than N" filled in."""
    rows = table.to_dict("records")
    shown = {header: [show(r) for r in rows] for header, show in columns}
    frame = pd.DataFrame(shown, columns=[h for h, _ in columns], dtype="str")
    return frame.replace("fewer than N", f"fewer than {min_cell}")


def share_of(count: str, of: str, *, blank: str = "none yet") -> Callable[[Row], str]:
    """A column showing ``row[count]`` of ``row[of]`` as a share with its counts."""

    def show(row: Row) -> str:
        if row.get("suppressed"):
            return cell(row, count, str, blank=blank)
        n, total = row[count], row[of]
        return blank if _missing(n) or _missing(total) or not total else share_text(n, total)

    return show


def ci_of(low: str, high: str) -> Callable[[Row], str]:
    """A column showing a 95% interval of shares."""

    def show(row: Row) -> str:
        if row.get("suppressed"):
            return cell(row, low, str, blank="")
        return interval_text(row[low], row[high])

    return show


def plain_of(
    column: str, unit: str = "", *, digits: int = 0, blank: str = ""
) -> Callable[[Row], str]:
    """A column showing a number (a count, hours, days)."""
    return lambda row: cell(row, column, lambda v: number_text(v, unit, digits=digits), blank=blank)


def text_of(column: str) -> Callable[[Row], str]:
    """A column showing text as it is (names of groups, notes)."""
    return lambda row: str(row[column])
