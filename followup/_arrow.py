"""Text for Arrow's string kernels: a pandas column taken out once as one ``large_string``
array (the type pandas' own strings use), and literals of the same type to join it with."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def text_array(values: pd.Series) -> pa.Array:
    """A text column as one Arrow ``large_string`` array (missing cells stay null).

    >>> text_array(pd.Series(["a", None], dtype="str")).to_pylist()
    ['a', None]
    """
    column = pa.array(values.array)
    if isinstance(column, pa.ChunkedArray):  # pandas keeps concatenated columns in chunks
        column = column.combine_chunks()
    out: pa.Array = pc.cast(column, pa.large_string())
    return out


def text_scalar(literal: str) -> pa.Scalar:
    return pa.scalar(literal, pa.large_string())
