"""Work done once per distinct value: names, companies, subjects and times repeat down a
sheet, so a function of one cell runs on each distinct cell and its result is spread back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa


def per_distinct(values: pd.Series, make: Callable[[Any], str]) -> pd.Series:
    """``make`` of every value (a missing one too), called once per distinct value.

    >>> per_distinct(pd.Series(["Ana", "Bo", "Ana"], index=[7, 8, 9]), str.upper).to_dict()
    {7: 'ANA', 8: 'BO', 9: 'ANA'}
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    made = pa.array([make(value) for value in uniques.tolist()] or [""], pa.large_string())
    return pd.Series(made.take(pa.array(codes)), index=values.index, dtype="str")


def holds_per_distinct(values: pd.Series, test: Callable[[str], object]) -> pd.Series:
    """Whether ``test`` holds for each text value (never for a missing one), called once
    per distinct value: Python's ``re``, which pandas falls back to row by row for many
    patterns, on the few distinct cells of a column.

    >>> import re
    >>> cells = pd.Series(["Fri 12/4", "12/4", None, "Fri 12/4"])
    >>> holds_per_distinct(cells, re.compile("[A-Za-z]").match).tolist()
    [True, False, False, True]
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    held = [isinstance(value, str) and bool(test(value)) for value in uniques.tolist()]
    return pd.Series(np.array(held or [False])[codes], index=values.index)
