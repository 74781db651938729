"""Reading spreadsheets: CSV/TSV text of any common dialect, Excel, or a DataFrame.

:func:`read_interviews` is the public entry point; the readers here only turn
a source into a :class:`RawSheet`: every cell as stripped, NFC-normalised
text, each data row tagged with the row number a spreadsheet shows (the
header is row 1). Making sense of the cells is :mod:`followup.validate`'s job.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import math
import os
import sys
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from followup.errors import SheetNotFoundError, SourceError
from followup.layouts import WIDE_HEADER
from followup.schema import ALIASES, normalize_header
from followup.validate import Interviews, to_recipients

Source = str | os.PathLike[str] | pd.DataFrame

_DELIMITERS = (",", ";", "\t", "|")
_HEADER_SEARCH_ROWS = 10
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
_XLSX_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class RawSheet:
    """A sheet as text: headers, cells, and the sheet row of each data row.

    ``cells`` has one ``str`` column per header, labelled by position
    (0, 1, ...) so repeated headers survive. ``ragged`` lists data rows that
    have more filled cells than the header has names, as (row, extra cells).
    """

    source: str
    headers: list[str]
    cells: pd.DataFrame
    rows: np.ndarray
    ragged: list[tuple[int, list[str]]] = field(default_factory=list)
    encoding: str | None = None


def read_interviews(
    source: Source,
    *,
    sheet: str | int | None = None,
    tz: str | None = None,
    dayfirst: bool | None = None,
    sender: str | None = None,
) -> Interviews:
    """Read an interview spreadsheet into a tidy recipients table and its rejects.

    Parameters
    ----------
    source
        A path to a ``.csv``, ``.tsv``, ``.txt`` or ``.xlsx`` file, or a DataFrame.
        CSV text may be UTF-8 (with or without BOM) or Windows-1252, delimited
        by ``,`` ``;`` tab or ``|``; the delimiter is chosen by which one makes
        the best header, not by a peek at the first kilobyte.
    sheet
        Workbook sheet name or 0-based position (default: the first sheet).
    tz
        IANA time zone for rows without a ``timezone`` cell (default: the
        machine's local zone).
    dayfirst
        Force day/month order of numeric dates. By default it is inferred per
        column from values such as ``24/11/2026`` that can only be read one way.
    sender
        ``"Name <email>"`` of the candidate, filling ``candidate_name`` and
        ``candidate_email`` where the sheet has none (a personal sheet).

    Returns
    -------
    Interviews
        ``.recipients`` (one row per interviewer per interview), ``.rejects``
        (one row per input problem) and counts; unpack as
        ``recipients, rejects = read_interviews(...)``.

    Raises
    ------
    SourceError
        The file is missing, unreadable, empty, or not a spreadsheet.
    SheetNotFoundError
        ``sheet`` names no sheet of the workbook.
    ColumnsError
        Required columns are missing; the message lists those found.
    AmbiguousDatesError
        A date column reads both ways; pass ``dayfirst``.

    Examples
    --------
    >>> import pandas as pd
    >>> sheet = pd.DataFrame({
    ...     "Company": ["Northwind"], "Position": ["Data Analyst"],
    ...     "Date": ["2026-11-24"], "Time": ["2:30 PM"],
    ...     "Interviewers": ["Dana Whitfield <dana@nw.example>; Luis <luis@nw.example>"],
    ... })
    >>> recipients, rejects = read_interviews(sheet, tz="America/Chicago")
    >>> recipients[["interviewer_name", "interview_start"]]
      interviewer_name           interview_start
    0   Dana Whitfield 2026-11-24 14:30:00-06:00
    1             Luis 2026-11-24 14:30:00-06:00
    >>> len(rejects)
    0
    """
    raw = read_raw(source, sheet=sheet)
    return to_recipients(raw, tz=tz, dayfirst=dayfirst, sender=sender)


def read_raw(source: Source, *, sheet: str | int | None = None) -> RawSheet:
    """Read any supported source into a :class:`RawSheet` of text cells."""
    if isinstance(source, pd.DataFrame):
        return _from_frame(source)
    path = Path(source)
    name = str(source)
    if path.is_dir():
        raise SourceError(f"{name} is a folder, not a spreadsheet; pass a .csv or .xlsx file.")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{name} does not exist; check the path.") from None
    except OSError as exc:
        raise SourceError(f"{name} cannot be read: {exc.strerror}.") from None
    if data.startswith(_XLSX_MAGIC) or path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _read_xlsx(data, name, sheet)
    if data.startswith(_OLE2_MAGIC):
        raise SourceError(
            f"{name} is an old binary Excel (.xls) file; save it as .xlsx or CSV and retry."
        )
    return _read_text(data, name, tab=path.suffix.lower() == ".tsv")


def iter_raw(
    source: Source,
    *,
    sheet: str | int | None = None,
    chunk_rows: int = 50_000,
    columns: Sequence[int] | None = None,
) -> Generator[RawSheet, None, None]:
    """A sheet as consecutive chunks of rows, so memory does not grow with its length.

    Delimited text streams through pandas' C parser ``chunk_rows`` records at a
    time; workbooks and DataFrames come whole, as one chunk. ``columns`` keeps
    only those column positions (text only). Row numbers continue across chunks.
    """
    if not streams(source):
        yield read_raw(source, sheet=sheet)
        return
    path = Path(source)  # type: ignore[arg-type]
    name = str(source)
    encoding = _encoding_of(path, name)
    with open(path, "rb") as handle:
        prefix = handle.read(_SNIFF_CHARS).decode(_PANDAS_CODEC[encoding], errors="ignore")
    if not prefix.strip():
        raise SourceError(f"{name} is empty; add a header row and one row per interview.")
    head = _first_records(prefix, _DELIMITERS, _HEADER_SEARCH_ROWS)
    delimiter = (
        "\t"
        if path.suffix.lower() == ".tsv"
        else max(_DELIMITERS, key=lambda d: _delimiter_score(head[d]))
    )
    header_at, headers = _find_header(_clean(_grid(head[delimiter])), name)
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
                body = _clean(grid.iloc[skip:].reset_index(drop=True))
                first_row = seen + skip + 1  # a record's row number is its position + 1
                seen += len(grid)
                if body.empty:
                    continue
                yielded = True
                if columns is None:
                    yield _body(body, headers, first_row, name, encoding)
                else:
                    rows = np.arange(first_row, first_row + len(body))
                    yield RawSheet(name, headers, body, rows, encoding=encoding)
        except pd.errors.ParserError as exc:
            raise SourceError(
                f"{name} has a row with more than {width} cells ({exc}); quote values that "
                "contain the delimiter."
            ) from None
    if not yielded:  # a header and no rows: still a sheet, with columns to check
        empty = pd.DataFrame({i: pd.Series(dtype="str") for i in range(len(headers))})
        yield RawSheet(name, headers, empty, np.arange(0), encoding=encoding)


def streams(source: Source) -> bool:
    """Whether :func:`iter_raw` reads ``source`` in chunks: delimited text files do."""
    if isinstance(source, pd.DataFrame) or not Path(source).is_file():
        return False
    with open(source, "rb") as handle:
        head = handle.read(8)
    return not (
        head.startswith((_XLSX_MAGIC, _OLE2_MAGIC))
        or Path(source).suffix.lower() in {".xlsx", ".xlsm"}
    )


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


# --- text -------------------------------------------------------------------------------------


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


def _read_text(data: bytes, name: str, *, tab: bool) -> RawSheet:
    text, encoding = _decode(data, name)
    if not text.strip():
        raise SourceError(f"{name} is empty; add a header row and one row per interview.")
    head = _first_records(text[:_SNIFF_CHARS], _DELIMITERS, _HEADER_SEARCH_ROWS)
    delimiter = "\t" if tab else max(_DELIMITERS, key=lambda d: _delimiter_score(head[d]))
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
        grid = _grid(_python_records(text, delimiter, name))
    return _from_grid(grid, name, encoding=encoding)


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


def _delimiter_score(records: list[list[str]]) -> tuple[int, int]:
    """A delimiter is as good as the header it makes: known names, then field count."""
    best = max(records, key=_header_score, default=[])
    return _header_score(best), len(best)


def _first_records(text: str, delimiters: Sequence[str], n: int) -> dict[str, list[list[str]]]:
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


def _header_score(record: Sequence[object]) -> int:
    """How many cells of a record look like headers followup knows."""
    names = [normalize_header(c) for c in record]
    return sum(1 for n in names if n and (n in ALIASES or WIDE_HEADER.match(n)))


# --- Excel ------------------------------------------------------------------------------------


def _read_xlsx(data: bytes, name: str, sheet: str | int | None) -> RawSheet:
    """Read a workbook with calamine (Rust; tens of times faster than openpyxl)."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = book.sheet_names
    except Exception as exc:  # calamine raises its own error types for every damage
        raise SourceError(f"{name} is not a readable Excel workbook ({exc}).") from None
    if sheet is None:
        sheet = 0
    if isinstance(sheet, int) and not 0 <= sheet < len(names):
        raise SheetNotFoundError(
            f"{name} has {len(names)} sheet(s), so there is no sheet number {sheet}; "
            f"sheets: {', '.join(repr(n) for n in names)}."
        )
    if isinstance(sheet, str) and sheet not in names:
        raise SheetNotFoundError(
            f"{name} has no sheet named {sheet!r}; sheets: {', '.join(repr(n) for n in names)}."
        )
    target = names[sheet] if isinstance(sheet, int) else sheet
    try:
        values = book.get_sheet_by_name(target).to_python(skip_empty_area=False)
    except Exception as exc:
        raise SourceError(f"{name}: sheet {target!r} cannot be read ({exc}).") from None
    return _from_grid(_grid([[_excel_text(v) for v in row] for row in values]), name)


def _excel_text(value: object) -> str:
    """Excel cell value as text; date cells become ISO strings."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return f"{value.total_seconds() / 60:g}"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value)


# --- DataFrames -------------------------------------------------------------------------------


def _from_frame(frame: pd.DataFrame) -> RawSheet:
    """A DataFrame as text cells; its rows are numbered as if it were a sheet."""
    columns = {}
    for i, (_, values) in enumerate(frame.items()):
        if isinstance(values.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(
            values.dtype
        ):
            text = values.map(lambda t: "" if pd.isna(t) else t.isoformat(sep=" "))
        else:
            text = values.map(lambda v: "" if _is_missing(v) else _excel_text(v))
        columns[i] = text.astype("str").to_numpy()
    cells = _clean(pd.DataFrame(columns, index=pd.RangeIndex(len(frame)), dtype="str"))
    headers = [str(c).strip() for c in frame.columns]
    if not any(headers):
        raise SourceError("The DataFrame has no column names; name its columns.")
    return RawSheet("DataFrame", headers, cells, np.arange(2, len(frame) + 2))


def _is_missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# --- shared -----------------------------------------------------------------------------------


def _grid(records: list[list[str]]) -> pd.DataFrame:
    """Records of any lengths as a text grid with positional columns."""
    width = max((len(r) for r in records), default=0)
    padded = [r + [""] * (width - len(r)) for r in records]
    columns = list(zip(*padded, strict=True)) if padded else [() for _ in range(width)]
    return pd.DataFrame(
        {i: pd.array(c, dtype="str") for i, c in enumerate(columns)},
        index=pd.RangeIndex(len(records)),
    )


def _from_grid(grid: pd.DataFrame, name: str, *, encoding: str | None = None) -> RawSheet:
    """Find the header among the first filled rows; the rows below are the data."""
    grid = _clean(grid)
    header_at, headers = _find_header(grid, name)
    body = grid.iloc[header_at + 1 :].reset_index(drop=True)
    return _body(body, headers, header_at + 2, name, encoding)


def _find_header(grid: pd.DataFrame, name: str) -> tuple[int, list[str]]:
    """The header row's position (the best-scoring of the first filled rows) and names."""
    filled = np.flatnonzero((grid != "").any(axis=1).to_numpy())
    if not len(filled):
        raise SourceError(f"{name} is empty; add a header row and one row per interview.")
    candidates = filled[:_HEADER_SEARCH_ROWS]
    scores = [_header_score(grid.iloc[i].tolist()) for i in candidates]
    header_at = int(candidates[int(np.argmax(scores))]) if max(scores) >= 2 else int(filled[0])
    headers = grid.iloc[header_at].tolist()
    while headers and not headers[-1]:
        headers.pop()
    return header_at, headers


def _body(
    body: pd.DataFrame, headers: list[str], first_row: int, name: str, encoding: str | None
) -> RawSheet:
    """Data rows (cleaned) under ``headers``; cells past the header's width are ragged."""
    width = len(headers)
    rows = np.arange(first_row, first_row + len(body))
    extra = body.iloc[:, width:]
    ragged_at = np.flatnonzero((extra != "").any(axis=1).to_numpy())
    ragged = [(int(rows[i]), [c for c in extra.iloc[i].tolist() if c]) for i in ragged_at]
    cells = body.iloc[:, :width].set_axis(range(width), axis=1)
    return RawSheet(name, headers, cells, rows, ragged, encoding)


def _clean(cells: pd.DataFrame) -> pd.DataFrame:
    """Strip every cell and bring non-ASCII text to Unicode NFC."""
    out = {}
    for key, column in cells.items():
        text = column.fillna("").astype("str").str.strip()
        wide = ~text.str.isascii()
        if wide.any():
            text = text.where(~wide, text[wide].str.normalize("NFC"))
        out[key] = text
    return pd.DataFrame(out, index=cells.index)
