"""The rejects table: one row per input problem, with the sheet row, column, value and a fix.

:class:`Problems` collects them while a sheet is validated, and knows which
interviewer rows each problem knocks out; only the affected interviewer is
dropped, never the whole sheet.

>>> empty_rejects().columns.tolist()
['row', 'column', 'value', 'code', 'problem', 'hint', 'severity']
"""

from __future__ import annotations

import pandas as pd

from followup.read._dates import PROBLEM_CODES
from followup.read._headers import Unused
from followup.schema import BY_CODE, MAX_CELL_CHARS, REJECT_COLUMNS


class Problems:
    """Collects reject rows and which interviewer rows they knock out."""

    def __init__(self, long: pd.DataFrame, headers: dict[str, str]) -> None:
        self.long = long
        self.headers = headers
        self.bad = pd.Series(False, index=long.index)
        self.parts: list[pd.DataFrame] = []
        self.sizes: dict[tuple[int, str], int] = {}

    def header(self, column: str) -> pd.Series | str:
        if f"source_{column}" in self.long.columns:
            return self.long[f"source_{column}"]
        return self.headers.get(column, column)

    def add(
        self,
        mask: pd.Series,
        column: str,
        problem: str | pd.Series,
        hint: str | pd.Series,
        *,
        code: str | pd.Series,
        value: pd.Series | None = None,
        severity: str = "error",
    ) -> None:
        """Report ``problem`` for the rows in ``mask``; errors knock those rows out.

        ``code`` is one of :data:`~followup.schema.CODES` (or a Series of them).
        """
        if mask.dtype != bool:  # a boolean mask (the most) has no NA to fill
            mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        values = self.long[column] if value is None else value
        header = self.header(column)
        part = pd.DataFrame(
            {
                "row": self.long["row"][mask],
                "column": header[mask] if isinstance(header, pd.Series) else header,
                "value": values[mask].astype("str").map(_shorten),
                "code": code[mask] if isinstance(code, pd.Series) else code,
                "problem": problem[mask] if isinstance(problem, pd.Series) else problem,
                "hint": hint[mask] if isinstance(hint, pd.Series) else hint,
                "severity": severity,
            }
        )
        self.parts.append(part)
        if severity == "error":
            self.bad |= mask

    def add_unreadable(
        self, moments: pd.DataFrame, column: str, hint: str, *, rows: pd.Series | None = None
    ) -> None:
        """Report the values :func:`~followup.read._dates.parse_moments` could not read, and
        warn of those it read against the column's day/month order (of ``rows`` only, if
        given)."""
        problem, note = moments["problem"], moments["note"]
        chosen = True if rows is None else rows
        self.add(problem.notna() & chosen, column, problem, hint, code=problem.map(PROBLEM_CODES))
        self.add(
            note.notna() & chosen,
            column,
            note,
            "write dates year first (2026-12-05) to be sure",
            code="date_read_other_way",
            severity="warning",
        )

    def add_unused(self, unused: list[Unused], header_row: int) -> None:
        """Report the columns not used, at the header's row; no interviewer is dropped."""
        if unused:
            self.parts.append(
                pd.DataFrame(
                    {
                        "row": header_row,
                        "column": [u.header for u in unused],
                        "value": [u.header for u in unused],
                        "code": [u.code for u in unused],
                        "problem": [u.problem for u in unused],
                        "hint": [u.hint for u in unused],
                        "severity": [u.severity for u in unused],
                    }
                )
            )

    def add_ragged(self, ragged: list[tuple[int, list[str]]], *, text: bool = True) -> None:
        """Report the rows with cells past the last column. In a text file an unquoted
        delimiter shifted the row's cells: an error. A workbook's cells stay in place: only
        the cells under no header are not read, with a warning."""
        for row, extra in ragged:
            self.parts.append(
                pd.DataFrame(
                    {
                        "row": [row],
                        "column": ["(past the last column)"],
                        "value": [_shorten(" | ".join(extra))],
                        "code": ["extra_cells"],
                        "problem": [f"row has {len(extra)} more filled cell(s) than the header"],
                        "hint": [
                            "a value probably holds an unquoted delimiter; quote it or "
                            "remove the extra cells"
                            if text
                            else "not read: give the column a header to use it"
                        ],
                        "severity": ["error" if text else "warning"],
                    }
                )
            )
            if text:
                self.bad |= self.long["row"] == row

    def add_sizes(self, cut: list[tuple[int, str, int]]) -> None:
        """Say how large each cell cut on reading was, as (row, header, bytes): it holds
        only its first characters, and is rejected as too long like any long cell."""
        self.sizes.update(((row, header), size) for row, header, size in cut)

    def table(self) -> pd.DataFrame:
        if not self.parts:
            return empty_rejects()
        table = pd.concat(self.parts, ignore_index=True)
        unknown = set(table["code"]) - set(BY_CODE)
        assert not unknown, f"reject codes missing from schema.CODES: {unknown}"
        if self.sizes:
            table = _with_sizes(table, self.sizes)
        table = table.drop_duplicates(["row", "column", "value", "problem"])
        table = table.sort_values(["row", "column"], kind="stable", ignore_index=True)
        return table.astype(
            {
                "row": "int64",
                "column": "str",
                "value": "str",
                "code": "str",
                "problem": "str",
                "hint": "str",
                "severity": "str",
            }
        )[list(REJECT_COLUMNS)]


def empty_rejects() -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series(dtype="int64" if c == "row" else "str") for c in REJECT_COLUMNS}
    )


def _with_sizes(table: pd.DataFrame, sizes: dict[tuple[int, str], int]) -> pd.DataFrame:
    """The too-long rejects of cells cut on reading, with each cell's size."""
    size = pd.Series(
        [sizes.get(key) for key in zip(table["row"], table["column"], strict=True)],
        index=table.index,
        dtype="Int64",
    )
    hit = (table["code"] == "cell_too_long") & size.notna()
    problem = f"cell is longer than {MAX_CELL_CHARS:,} characters (" + size.map("{:,}".format)
    return table.assign(problem=table["problem"].where(~hit, problem + " bytes)"))


def _shorten(text: str, limit: int = 80) -> str:
    if len(text) <= limit:
        return text
    size = f"over {MAX_CELL_CHARS:,}" if len(text) > MAX_CELL_CHARS else f"{len(text):,}"
    return f"{text[: limit - 1]}… ({size} characters)"  # cells over the limit are cut on reading
