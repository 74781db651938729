"""Patterns spelled so that pyarrow runs them: pandas runs ``\\s``, ``\\w`` and ``\\d`` (on
text that is not ASCII) in Python, one row at a time, because RE2 reads them differently.

>>> import pandas as pd
>>> names = pd.Series(["Dana \\u00a0 Whitfield"], dtype="str")
>>> names.str.replace(WHITESPACE, " ", regex=True).tolist()
['Dana Whitfield']
"""

from __future__ import annotations

import pandas as pd

#: A run of whitespace, as Python's ``\s+`` finds it in text.
WHITESPACE = "[ \t\n\r\f\v\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"
#: Whitespace that ``WHITESPACE`` → " " would change: two spaces, or any other kind.
UNTIDY_SPACE = "  |[\t\n\r\f\v\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


def one_space(text: pd.Series) -> pd.Series:
    """Each run of whitespace as one space, rewriting only the values with ``UNTIDY_SPACE``:
    finding them is cheap, where replacing every single space copies every value.

    >>> one_space(pd.Series(["Thank you", "Thank\tyou,  Dana"], dtype="str")).tolist()
    ['Thank you', 'Thank you, Dana']
    """
    untidy = text.str.contains(UNTIDY_SPACE, regex=True)
    if not untidy.any():
        return text
    return text.mask(untidy, text[untidy].str.replace(WHITESPACE, " ", regex=True))
