"""Patterns spelled so that pyarrow runs them: pandas runs ``\\s``, ``\\w`` and ``\\d`` (on
text that is not ASCII) in Python, one row at a time, because RE2 reads them differently.
And a test before a pattern of many phrases: Python's ``re`` tries each phrase at each
place in a text, where a set of one word of each rules most texts out at once.

>>> import pandas as pd
>>> names = pd.Series(["Dana \\u00a0 Whitfield"], dtype="str")
>>> names.str.replace(WHITESPACE, " ", regex=True).tolist()
['Dana Whitfield']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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


_WORD = re.compile(r"\w+")


def key_words(phrases: Iterable[str]) -> frozenset[str]:
    """The longest word of each phrase, lower case: what :func:`rules_out` looks for.

    >>> sorted(key_words(["off the record", "don't mention", "lol"]))
    ['lol', 'mention', 'record']
    """
    words = [_WORD.findall(phrase.lower()) for phrase in phrases]
    if not all(words):
        raise ValueError("each phrase must have a letter or digit")
    return frozenset(max(each, key=len) for each in words)


def rules_out(keys: frozenset[str], text: str) -> bool:
    """Whether ``text`` cannot hold any phrase whose :func:`key_words` are ``keys``, as a
    pattern finds them: as whole words, ignoring case. A text that holds a phrase so holds
    each of its words as a word; so it cannot where it is ASCII and none of its words is a
    key. (Text that is not ASCII is never ruled out: ignoring case, "K" and "ſ" match "k"
    and "s".)

    >>> keys = key_words(["red flag", "lol"])
    >>> rules_out(keys, "the roadmap"), rules_out(keys, "Red  FLAG"), rules_out(keys, "café")
    (True, False, False)
    """
    return text.isascii() and keys.isdisjoint(_WORD.findall(text.lower()))
