"""Which reader a source needs: a DataFrame, an Excel workbook, or delimited text."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from followup.errors import SourceError
from followup.read._excel import read_xlsx
from followup.read._frame import from_frame
from followup.read._raw import RawSheet
from followup.read._text import TextPlan, iter_text, plan_text

Source = str | os.PathLike[str] | pd.DataFrame

_XLSX_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_raw(source: Source, *, sheet: str | int | None = None) -> RawSheet:
    """Read any supported source into a :class:`RawSheet` of text cells."""
    if isinstance(source, pd.DataFrame):
        return from_frame(source)
    path = Path(source)
    name = str(source)
    if path.is_dir():
        raise SourceError(f"{name} is a folder, not a spreadsheet; pass a .csv or .xlsx file.")
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(_OLE2_MAGIC))
    except FileNotFoundError:
        raise SourceError(f"{name} does not exist; check the path.") from None
    except OSError as exc:
        raise SourceError(f"{name} cannot be read: {exc.strerror}.") from None
    if head.startswith(_XLSX_MAGIC) or path.suffix.lower() in {".xlsx", ".xlsm"}:
        return read_xlsx(path.read_bytes(), name, sheet)
    if head.startswith(_OLE2_MAGIC):
        raise SourceError(
            f"{name} is an old binary Excel (.xls) file; save it as .xlsx or CSV and retry."
        )
    return next(iter_text(plan_text(path)))  # the whole sheet: the same reader as a chunked one


def text_plan(source: Source) -> TextPlan | None:
    """How to read ``source`` in chunks of rows (delimited text), or None when it is read
    whole (a workbook or a DataFrame). Decided once, for every pass over the file."""
    return plan_text(Path(source)) if streams(source) else None  # type: ignore[arg-type]


def streams(source: Source) -> bool:
    """Whether ``source`` is read in chunks: delimited text files are."""
    if isinstance(source, pd.DataFrame) or not Path(source).is_file():
        return False
    with open(source, "rb") as handle:
        head = handle.read(8)
    return not (
        head.startswith((_XLSX_MAGIC, _OLE2_MAGIC))
        or Path(source).suffix.lower() in {".xlsx", ".xlsm"}
    )
