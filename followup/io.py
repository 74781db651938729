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
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from followup.errors import SheetNotFoundError, SourceError
from followup.schema import ALIASES, normalize_header
from followup.layouts import WIDE_HEADER
from followup.validate import Interviews, to_recipients

Source = str | os.PathLike[str] | pd.DataFrame

_DELIMITERS = (",", ";", "\t", "|")
_HEADER_SEARCH_ROWS = 10
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
    ...     "Interviewers": ["Dana Whitfield <dana@northwind.example>; Luis <luis@northwind.example>"],
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
    if data.startswith(_XLSX_MAGIC):
        return _read_xlsx(data, name, sheet)
    if data.startswith(_OLE2_MAGIC):
        raise SourceError(
            f"{name} is an old binary Excel (.xls) file; save it as .xlsx or CSV and retry."
        )
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        raise SourceError(f"{name} is not a valid Excel workbook (it is not a zip archive).")
    return _read_text(data, name, tab=path.suffix.lower() == ".tsv")


# --- text -------------------------------------------------------------------------------------


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise SourceError(f"{name} is a binary file, not a spreadsheet; export it as CSV or .xlsx.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # The five bytes cp1252 leaves undefined: Latin-1 maps every byte.
        return data.decode("latin-1"), "latin-1"


def _read_text(data: bytes, name: str, *, tab: bool) -> RawSheet:
    text, encoding = _decode(data, name)
    if not text.strip():
        raise SourceError(f"{name} is empty; add a header row and one row per interview.")
    delimiter = "\t" if tab else _choose_delimiter(text)
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)  # long cells are rejected per row, not fatal
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise SourceError(f"{name} is not readable as delimited text: {exc}.") from None
    finally:
        csv.field_size_limit(limit)
    return _from_records(records, name, encoding=encoding)


def _choose_delimiter(text: str) -> str:
    """Pick the delimiter whose first rows hold the most recognisable header.

    Each candidate parses the first records with the real CSV parser, so
    quoted fields with delimiters or newlines cannot fool it; ties go to the
    candidate that splits the header into more fields.
    """

    def score(delimiter: str) -> tuple[int, int]:
        head = _first_records(text, delimiter, _HEADER_SEARCH_ROWS)
        best = max(head, key=_header_score, default=[])
        return _header_score(best), len(best)

    return max(_DELIMITERS, key=score)


def _first_records(text: str, delimiter: str, n: int) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
            if len(records) >= n:
                break
    except csv.Error:
        pass
    return records


def _header_score(record: Sequence[object]) -> int:
    """How many cells of a record look like headers followup knows."""
    names = [normalize_header(c) for c in record]
    return sum(1 for n in names if n and (n in ALIASES or WIDE_HEADER.match(n)))


# --- Excel ------------------------------------------------------------------------------------


def _read_xlsx(data: bytes, name: str, sheet: str | int | None) -> RawSheet:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SourceError(f"{name} is not a readable Excel workbook ({exc}).") from None
    try:
        names = book.sheetnames
        if sheet is None:
            ws = book.worksheets[0]
        elif isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise SheetNotFoundError(
                    f"{name} has {len(names)} sheet(s), so there is no sheet number {sheet}; "
                    f"sheets: {', '.join(repr(n) for n in names)}."
                )
            ws = book.worksheets[sheet]
        elif sheet in names:
            ws = book[sheet]
        else:
            raise SheetNotFoundError(
                f"{name} has no sheet named {sheet!r}; sheets: {', '.join(repr(n) for n in names)}."
            )
        records = [[_excel_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    finally:
        book.close()
    return _from_records(records, name)


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
    cells = pd.DataFrame(columns, index=pd.RangeIndex(len(frame)), dtype="str")
    headers = [str(c) for c in frame.columns]
    return _finish(cells, headers, np.arange(2, len(frame) + 2), "DataFrame")


def _is_missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# --- writing --------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells a spreadsheet would run as formulas with an apostrophe.

    >>> neutralize_formulas(pd.DataFrame({"v": ["=HYPERLINK(1)", "ok", "-3"]}))["v"].tolist()
    ["'=HYPERLINK(1)", 'ok', "'-3"]
    """
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column].dtype):
            text = out[column]
            risky = text.str.startswith(_FORMULA_START).fillna(False).astype(bool)
            out[column] = text.where(~risky, "'" + text)
    return out


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a table as UTF-8 CSV, atomically, with formulas neutralised."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        neutralize_formulas(frame).to_csv(tmp, index=False, lineterminator="\n")
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


# --- shared -----------------------------------------------------------------------------------


def _from_records(records: list[list[str]], name: str, *, encoding: str | None = None) -> RawSheet:
    """Find the header among the first rows, then build the cell table."""
    filled = [i for i, r in enumerate(records) if any(c.strip() for c in r)]
    if not filled:
        raise SourceError(f"{name} is empty; add a header row and one row per interview.")
    candidates = filled[:_HEADER_SEARCH_ROWS]
    header_at = max(candidates, key=lambda i: (_header_score(records[i]) >= 2, -i))
    if _header_score(records[header_at]) < 2:
        header_at = filled[0]
    headers = [h.strip() for h in records[header_at]]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    body = records[header_at + 1 :]
    rows = np.arange(header_at + 2, header_at + 2 + len(body))
    ragged = [
        (int(row), [c for c in rec[width:] if c.strip()])
        for row, rec in zip(rows, body, strict=True)
        if len(rec) > width and any(c.strip() for c in rec[width:])
    ]
    columns = _columns(body, width)
    cells = pd.DataFrame(
        {i: pd.array(col, dtype="str") for i, col in enumerate(columns)},
        index=pd.RangeIndex(len(body)),
    )
    return _finish(cells, headers, rows, name, ragged=ragged, encoding=encoding)


def _columns(body: Iterable[list[str]], width: int) -> list[list[str]]:
    """Transpose records into ``width`` columns, padding short records."""
    padded = (rec[:width] if len(rec) >= width else rec + [""] * (width - len(rec)) for rec in body)
    columns = [list(col) for col in zip(*padded, strict=True)]
    return columns or [[] for _ in range(width)]


def _finish(
    cells: pd.DataFrame,
    headers: list[str],
    rows: np.ndarray,
    name: str,
    *,
    ragged: list[tuple[int, list[str]]] | None = None,
    encoding: str | None = None,
) -> RawSheet:
    if not any(headers):
        raise SourceError(f"{name} has no header row; put column names in the first row.")
    cells = cells.apply(lambda col: col.str.strip().str.normalize("NFC"))
    return RawSheet(name, headers, cells, rows, ragged or [], encoding)
