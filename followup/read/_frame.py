"""A pandas DataFrame read as if it were a sheet."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from followup.errors import SourceError
from followup.read._excel import excel_text
from followup.read._raw import RawSheet, clean


def from_frame(frame: pd.DataFrame) -> RawSheet:
    """A DataFrame as text cells; its rows are numbered as if it were a sheet."""
    columns = {}
    for i, (_, values) in enumerate(frame.items()):
        if isinstance(values.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(
            values.dtype
        ):
            text = values.map(lambda t: "" if pd.isna(t) else t.isoformat(sep=" "))
        else:
            text = values.map(lambda v: "" if _is_missing(v) else excel_text(v))
        columns[i] = text.astype("str").to_numpy()
    cells = clean(pd.DataFrame(columns, index=pd.RangeIndex(len(frame)), dtype="str"))
    headers = [str(c).strip() for c in frame.columns]
    if not any(headers):
        raise SourceError("The DataFrame has no column names; name its columns.")
    return RawSheet("DataFrame", headers, cells, np.arange(2, len(frame) + 2))


def _is_missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
