"""Delimited text: any common encoding and delimiter, whole or in chunks of rows."""

from __future__ import annotations

import codecs
import contextlib
import csv
import dataclasses
import itertools
import sys
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from followup.errors import SourceError
from followup.read._oversized import Cut, open_cut, survey
from followup.read._raw import (
    DELIMITERS,
    HEADER_SEARCH_ROWS,
    RawSheet,
    body_of,
    clean,
    delimiter_score,
    find_header,
    first_records,
    grid_of,
)

_SNIFF_CHARS = 1 << 16
_SPARE_COLUMNS = 16
_WHOLE = 1 << 40  # records: a chunk size that means the whole file


#: pandas' C parser as followup reads text: every cell as text, one record per sheet row.
_CSV_OPTIONS: dict[str, Any] = {
    "header": None,
    "dtype": "str",
    "na_filter": False,
    "skip_blank_lines": False,
    "encoding_errors": "replace",
    "quoting": csv.QUOTE_MINIMAL,
    "engine": "c",
}


_PANDAS_CODEC = {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "utf-8": "utf-8", "cp1252": "cp1252"}


def _encoding_of(path: Path, name: str) -> str:
    """The file's encoding, checked over the whole file without holding it in memory."""
    with open(path, "rb") as handle:
        marked = _marked_encoding(handle.read(4096), name)
        if marked:
            return marked
        decoder = codecs.getincrementaldecoder("utf-8")()
        handle.seek(0)
        try:
            while block := handle.read(1 << 20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _marked_encoding(first: bytes, name: str) -> str | None:
    """The encoding a byte-order mark announces; binary files are refused here."""
    if first.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = first[:4096]
    controls = sum(head.count(c) for c in range(32) if c not in b"\t\n\r")
    # A NUL in a cell is that row's problem; a head full of control bytes is not text.
    if b"\x00" in head and controls > len(head) / 20:
        raise SourceError(f"{name} is a binary file, not a spreadsheet; export it as CSV or .xlsx.")
    return None


@dataclasses.dataclass(frozen=True)
class TextPlan:
    """How to read one delimited text file, decided once for every pass over it: the
    encoding (checked over the whole file), the delimiter, where the header is, and
    which cells are too large to read whole (:mod:`followup.read._oversized`)."""

    path: Path
    encoding: str
    delimiter: str
    header_at: int  # the header's record, counted from 0
    headers: list[str]
    width: int  # fields the C parser expects in a record
    cuts: tuple[Cut, ...] = ()
    records_at_most: int = 0

    @property
    def name(self) -> str:
        return str(self.path)

    @property
    def bytes_per_record(self) -> int:
        """The file's size over its records (at least 1): how long a row is on average."""
        return max(1, self.path.stat().st_size // max(1, self.records_at_most))

    def header_only(self) -> RawSheet:
        """The sheet's header and no rows: what a header check needs."""
        empty = pd.DataFrame({i: pd.Series(dtype="str") for i in range(len(self.headers))})
        return RawSheet(
            self.name,
            self.headers,
            empty,
            np.arange(0),
            encoding=self.encoding,
            header_row=self.header_at + 1,
        )


def plan_text(path: Path) -> TextPlan:
    """Read what every pass over ``path`` needs: its encoding, delimiter and header, and
    the cells too large to read whole."""
    name = str(path)
    encoding = _encoding_of(path, name)
    with open(path, "rb") as handle:
        prefix = handle.read(_SNIFF_CHARS).decode(_PANDAS_CODEC[encoding], errors="ignore")
    if not prefix.strip():
        raise SourceError(f"{name} is empty; add a header row and one row per interview.")
    head = first_records(prefix, DELIMITERS, HEADER_SEARCH_ROWS)
    delimiter = (
        "\t"
        if path.suffix.lower() == ".tsv"
        else max(DELIMITERS, key=lambda d: delimiter_score(head[d]))
    )
    header_at, headers = find_header(clean(grid_of(head[delimiter])), name)
    width = max(len(r) for r in head[delimiter]) + _SPARE_COLUMNS
    found = survey(path, delimiter, encoding)
    return TextPlan(
        path, encoding, delimiter, header_at, headers, width, found.cuts, found.records_at_most
    )


def iter_text(
    plan: TextPlan, *, chunk_rows: int | None = None, columns: Sequence[int] | None = None
) -> Generator[RawSheet, None, None]:
    """Delimited text, whole (``chunk_rows=None``) or in chunks of ``chunk_rows`` rows.

    One path for both, so a sheet read whole (the library) and one read in chunks
    (``validate``, ``draft``) are read alike. pandas' C parser reads it; a row wider
    than it expects sends the rest of the file to the standard library's parser, which
    has no limit on width. ``columns`` keeps only those column positions. Row numbers
    continue across chunks.
    """
    name, encoding, header_at, headers = plan.name, plan.encoding, plan.header_at, plan.headers
    seen = 0  # records read before this chunk
    for grid in _grids(plan, chunk_rows, columns):
        skip = min(len(grid), max(0, header_at + 1 - seen))  # the header and rows above it
        first_row = seen + skip + 1  # a record's row number is its position + 1
        seen += len(grid)
        body = grid.iloc[skip:].reset_index(drop=True)
        if body.empty:
            continue
        if columns is None:
            raw = body_of(clean(body), headers, first_row, name, encoding, header_row=header_at + 1)
            cut = list(_cut_cells(plan, first_row, first_row + len(body)))
            yield dataclasses.replace(raw, cut=cut) if cut else raw
        else:
            wanted = clean(body.reindex(columns=list(columns), fill_value=""))
            rows = np.arange(first_row, first_row + len(body))
            yield RawSheet(name, headers, wanted, rows, encoding=encoding, header_row=header_at + 1)
    if seen <= header_at + 1:  # a header and no rows: still a sheet, with columns to check
        yield plan.header_only()


def _cut_cells(plan: TextPlan, first: int, stop: int) -> Iterator[tuple[int, str, int]]:
    """(row, header, size) of the cells cut on reading in rows ``first`` to ``stop - 1``;
    a cell past the last header is reported with the row's extra cells instead."""
    for cut in plan.cuts:
        if first <= cut.record + 1 < stop and cut.field < len(plan.headers):
            yield cut.record + 1, plan.headers[cut.field], cut.size


def _grids(
    plan: TextPlan, chunk_rows: int | None, columns: Sequence[int] | None = None
) -> Iterator[pd.DataFrame]:
    """The file's records as text grids: the C parser, then the standard library's from
    the first record the C parser could not take (a row wider than ``plan.width``).

    Given ``columns``, the C parser makes text of those alone, five times faster; it
    then takes no record wider than the sniffed lines, and leaves wider ones to the
    standard library's.

    The first grid also holds the header and the lines above it, so that each grid
    holds ``chunk_rows`` sheet rows: 20,000 rows in chunks of 10,000 are two chunks,
    not two and a one-row third.
    """
    size = chunk_rows or _WHOLE
    sizes = itertools.chain([size + plan.header_at + 1], itertools.repeat(size))
    n, done = next(sizes), 0
    try:
        with (
            _parser_input(plan) as text,
            pd.read_csv(
                text,
                sep=plan.delimiter,
                names=range(plan.width if columns is None else plan.width - _SPARE_COLUMNS),
                usecols=None if columns is None else list(columns),
                encoding=_PANDAS_CODEC[plan.encoding],
                chunksize=size,
                **_CSV_OPTIONS,
            ) as reader,
        ):
            while True:
                try:
                    grid = reader.get_chunk(n)
                except StopIteration:
                    return
                done += len(grid)
                yield grid
                n = next(sizes)
    except (pd.errors.ParserError, ValueError):
        pass
    with _parser_input(plan, python=True) as handle:
        records = csv.reader(handle, delimiter=plan.delimiter)
        while batch := _python_records(records, done, n, plan.name):  # the same chunks
            yield grid_of(batch)
            done, n = 0, next(sizes)


def _parser_input(
    plan: TextPlan, *, python: bool = False
) -> contextlib.AbstractContextManager[Any]:
    """What the parser reads: the file itself (pandas reads its path fastest), or its
    text with each cell too large to read replaced by its first characters."""
    codec = _PANDAS_CODEC[plan.encoding]
    if plan.cuts:
        return open_cut(plan.path, plan.cuts, plan.encoding)
    if python:
        return open(plan.path, encoding=codec, errors="replace", newline="")
    return contextlib.nullcontext(plan.path)


def _python_records(records: Iterator[list[str]], skip: int, n: int, name: str) -> list[list[str]]:
    """Up to ``n`` records after skipping ``skip``; long cells are rejected per row, not fatal."""
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)
    try:
        for _ in itertools.islice(records, skip):
            pass
        return list(itertools.islice(records, n))
    except csv.Error as exc:
        raise SourceError(f"{name} is not readable as delimited text: {exc}.") from None
    finally:
        csv.field_size_limit(limit)
