"""A sheet as text: :class:`RawSheet`, and finding the header row among the first rows.

Every reader (text, Excel, DataFrame) ends here: every cell as stripped,
NFC-normalised text, each data row tagged with the row number a spreadsheet
shows (the header is row 1). Making sense of the cells is the validators' job.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from followup.errors import SourceError
from followup.read._layouts import WIDE_HEADER
from followup.schema import ALIASES, MAX_CELL_CHARS, normalize_header

DELIMITERS = (",", ";", "\t", "|")
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class RawSheet:
    """A sheet as text: headers, cells, and the sheet row of each data row.

    ``cells`` has one ``str`` column per header, labelled by position
    (0, 1, ...) so repeated headers survive. ``ragged`` lists data rows that
    have more filled cells than the header has names, as (row, extra cells).
    ``cut`` lists the cells too large to read whole, as (row, header, size in bytes):
    they hold only their first characters, and are rejected as too long.
    """

    source: str
    headers: list[str]
    cells: pd.DataFrame
    rows: np.ndarray
    ragged: list[tuple[int, list[str]]] = field(default_factory=list)
    encoding: str | None = None
    header_row: int = 1  # the row number of the header, as a spreadsheet shows it
    cut: list[tuple[int, str, int]] = field(default_factory=list)
    other_sheets: tuple[str, ...] = ()  # a workbook's other sheets, named in a columns error


def grid_of(records: list[list[str]]) -> pd.DataFrame:
    """Records of any lengths as a text grid with positional columns."""
    width = max((len(r) for r in records), default=0)
    padded = [r + [""] * (width - len(r)) for r in records]
    columns = list(zip(*padded, strict=True)) if padded else [() for _ in range(width)]
    return pd.DataFrame(
        {i: pd.array(c, dtype="str") for i, c in enumerate(columns)},
        index=pd.RangeIndex(len(records)),
    )


def from_grid(grid: pd.DataFrame, name: str, *, encoding: str | None = None) -> RawSheet:
    """Find the header among the first filled rows; the rows below are the data."""
    grid = clean(grid)
    header_at, headers = find_header(grid, name)
    body = grid.iloc[header_at + 1 :].reset_index(drop=True)
    return body_of(body, headers, header_at + 2, name, encoding, header_row=header_at + 1)


def find_header(grid: pd.DataFrame, name: str) -> tuple[int, list[str]]:
    """The header row's position (the best-scoring of the first filled rows) and names."""
    filled = np.flatnonzero((grid != "").any(axis=1).to_numpy())
    if not len(filled):
        raise SourceError(f"{name} is empty; add a header row and one row per interview.")
    candidates = filled[:HEADER_SEARCH_ROWS]
    scores = [_header_score(grid.iloc[i].tolist()) for i in candidates]
    header_at = int(candidates[int(np.argmax(scores))]) if max(scores) >= 2 else int(filled[0])
    headers = grid.iloc[header_at].tolist()
    while headers and not headers[-1]:
        headers.pop()
    return header_at, headers


def body_of(
    body: pd.DataFrame,
    headers: list[str],
    first_row: int,
    name: str,
    encoding: str | None,
    *,
    header_row: int,
) -> RawSheet:
    """Data rows (cleaned) under ``headers``; cells past the header's width are ragged."""
    width = len(headers)
    if body.shape[1] < width:  # a chunk of rows all narrower than the header
        body = body.reindex(columns=range(width), fill_value="")
    rows = np.arange(first_row, first_row + len(body))
    extra = body.iloc[:, width:]
    ragged_at = np.flatnonzero((extra != "").any(axis=1).to_numpy())
    ragged = [(int(rows[i]), [c for c in extra.iloc[i].tolist() if c]) for i in ragged_at]
    cells = body.iloc[:, :width].set_axis(range(width), axis=1)
    return RawSheet(name, headers, cells, rows, ragged, encoding, header_row)


def clean(cells: pd.DataFrame) -> pd.DataFrame:
    """Strip every cell and bring non-ASCII text to Unicode NFC. A cell over the length
    limit is cut just past it, so the check still rejects it and no copy of it is made.

    >>> clean(pd.DataFrame({0: [" Zoe\u0308 ", None], 1: ["a", "\tb"]})).to_dict("list")
    {0: ['Zoë', ''], 1: ['a', 'b']}
    >>> clean(pd.DataFrame({0: ["x" * (MAX_CELL_CHARS + 9)]}))[0].str.len().item() - MAX_CELL_CHARS
    1
    """
    out = {}
    for key, column in cells.items():
        text = pa.array(column if column.dtype == "str" else column.astype("str"))
        out[key] = pd.Series(_clean_text(text), index=cells.index, dtype="str")
    return pd.DataFrame(out, index=cells.index)


def _clean_text(text: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """One column of :func:`clean`, in Arrow kernels: pandas' own string methods cost
    more in their overhead than in their work on a chunk's few thousand cells."""
    text = pc.fill_null(text, "")  # missing cells are empty
    longest = pc.max(pc.binary_length(text)).as_py() or 0
    if not longest:  # an empty column, as the spare ones past the headers mostly are
        return text
    if longest > MAX_CELL_CHARS:  # bytes >= chars
        text = pc.utf8_slice_codeunits(text, 0, MAX_CELL_CHARS + 1)
    text = pc.utf8_trim_whitespace(text)
    wide = pc.indices_nonzero(pc.invert(pc.string_is_ascii(text))).to_numpy()
    typed = text.take(wide).to_pylist()
    normal = [unicodedata.normalize("NFC", cell) for cell in typed]  # Arrow's NFC does not compose
    changed = [i for i, (a, b) in enumerate(zip(typed, normal, strict=True)) if a != b]
    if not changed:
        return text
    mask = np.zeros(len(text), dtype=bool)
    mask[wide[changed]] = True
    fixed = pa.array([normal[i] for i in changed], type=text.type)
    return pc.replace_with_mask(text, pa.array(mask), fixed)


def _header_score(record: Sequence[object]) -> int:
    """How many cells of a record look like headers followup knows."""
    names = [normalize_header(c) for c in record]
    return sum(1 for n in names if n and (n in ALIASES or WIDE_HEADER.match(n)))


def delimiter_score(records: list[list[str]]) -> tuple[int, int]:
    """A delimiter is as good as the header it makes: known names, then field count."""
    best = max(records, key=_header_score, default=[])
    return _header_score(best), len(best)


def first_records(text: str, delimiters: Sequence[str], n: int) -> dict[str, list[list[str]]]:
    """The first ``n`` records of ``text`` as each delimiter would split them."""
    out = {}
    for delimiter in delimiters:
        records: list[list[str]] = []
        try:
            for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
                records.append(record)
                if len(records) >= n:
                    break
        except csv.Error:
            pass
        out[delimiter] = records
    return out
