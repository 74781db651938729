"""Delimited text: any common encoding and delimiter, whole or in chunks of rows."""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from followup.errors import SourceError
from followup.read._raw import (
    DELIMITERS,
    HEADER_SEARCH_ROWS,
    RawSheet,
    body_of,
    clean,
    delimiter_score,
    find_header,
    first_records,
    from_grid,
    grid_of,
)

_SNIFF_CHARS = 1 << 16
_SPARE_COLUMNS = 16


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
    if b"\x00" in first[:4096]:
        raise SourceError(f"{name} is a binary file, not a spreadsheet; export it as CSV or .xlsx.")
    return None


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252."""
    marked = _marked_encoding(data, name)
    if marked:
        return data.decode(marked, errors="replace"), marked
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def read_text(data: bytes, name: str, *, tab: bool) -> RawSheet:
    text, encoding = _decode(data, name)
    if not text.strip():
        raise SourceError(f"{name} is empty; add a header row and one row per interview.")
    head = first_records(text[:_SNIFF_CHARS], DELIMITERS, HEADER_SEARCH_ROWS)
    delimiter = "\t" if tab else max(DELIMITERS, key=lambda d: delimiter_score(head[d]))
    width = max((len(r) for r in head[delimiter]), default=1) + _SPARE_COLUMNS
    try:
        # pandas' C parser: one record per spreadsheet row, blank rows kept,
        # quoted delimiters, quotes and newlines handled; spare columns catch
        # rows longer than the header so they can be reported.
        grid = pd.read_csv(
            io.BytesIO(data),
            sep=delimiter,
            names=range(width),
            encoding=_PANDAS_CODEC[encoding],
            **_CSV_OPTIONS,
        )
    except (pd.errors.ParserError, ValueError):
        grid = grid_of(_python_records(text, delimiter, name))
    return from_grid(grid, name, encoding=encoding)


def _python_records(text: str, delimiter: str, name: str) -> list[list[str]]:
    """The standard library's parser: slower, but no limit on row width."""
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)  # long cells are rejected per row, not fatal
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise SourceError(f"{name} is not readable as delimited text: {exc}.") from None
    finally:
        csv.field_size_limit(limit)


def iter_text(
    path: Path, *, chunk_rows: int, columns: Sequence[int] | None = None
) -> Generator[RawSheet, None, None]:
    """Delimited text in chunks of ``chunk_rows`` records, through pandas' C parser.

    ``columns`` keeps only those column positions. Row numbers continue across chunks.
    """
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
    # Spare names catch rows longer than the header; a column subset needs no names.
    names = range(width) if columns is None else None
    with pd.read_csv(
        path,
        sep=delimiter,
        names=names,
        usecols=list(columns) if columns is not None else None,
        encoding=_PANDAS_CODEC[encoding],
        chunksize=chunk_rows,
        **_CSV_OPTIONS,
    ) as reader:
        seen = 0  # records read before this chunk
        yielded = False
        try:
            for grid in reader:
                skip = min(len(grid), max(0, header_at + 1 - seen))  # the header and rows above it
                body = clean(grid.iloc[skip:].reset_index(drop=True))
                first_row = seen + skip + 1  # a record's row number is its position + 1
                seen += len(grid)
                if body.empty:
                    continue
                yielded = True
                if columns is None:
                    yield body_of(
                        body, headers, first_row, name, encoding, header_row=header_at + 1
                    )
                else:
                    rows = np.arange(first_row, first_row + len(body))
                    yield RawSheet(
                        name, headers, body, rows, encoding=encoding, header_row=header_at + 1
                    )
        except pd.errors.ParserError as exc:
            raise SourceError(
                f"{name} has a row with more than {width} cells ({exc}); quote values that "
                "contain the delimiter."
            ) from None
    if not yielded:  # a header and no rows: still a sheet, with columns to check
        empty = pd.DataFrame({i: pd.Series(dtype="str") for i in range(len(headers))})
        yield RawSheet(
            name, headers, empty, np.arange(0), encoding=encoding, header_row=header_at + 1
        )
