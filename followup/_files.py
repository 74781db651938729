"""Writing files every stage shares: atomic writes, and CSV safe to open in a spreadsheet.

>>> neutralize_formulas(pd.DataFrame({"v": ["=HYPERLINK(1)", "ok", "-3"]}))["v"].tolist()
["'=HYPERLINK(1)", 'ok', "'-3"]
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def atomic_write(path: Path, content: bytes | Callable[[Path], None]) -> Path:
    """Write ``content`` (bytes, or a function that writes a file) to a temporary name
    beside ``path``, then rename it into place: readers never see half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if isinstance(content, bytes):
            tmp.write_bytes(content)
        else:
            content(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def neutralize_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells a spreadsheet would run as formulas with an apostrophe."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if isinstance(values.dtype, pd.StringDtype):
            risky = values.str.startswith(_FORMULA_START).fillna(False).astype(bool)
        elif values.dtype == object:
            risky = values.map(lambda v: isinstance(v, str) and v.startswith(_FORMULA_START))
        else:
            continue
        out[column] = values.where(~risky.astype(bool), "'" + values.astype("str"))
    return out


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a table as UTF-8 CSV, atomically, with formulas neutralised."""
    table = neutralize_formulas(frame)
    return atomic_write(Path(path), lambda tmp: table.to_csv(tmp, index=False, lineterminator="\n"))
