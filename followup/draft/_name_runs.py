"""A reader's name found in a note as a pattern of the name's words would find it, but
with no pattern compiled for each name.

A letter speaks to its reader where a note names them ("Maria has 2 kids", "Hannah -
audits"), so each distinct note is searched for its reader's name, and for the names of
the panel. A pattern per name, ``(?i:Maria|Lopez)(?:\\s+(?i:Maria|Lopez))*\\b``, costs about a
millisecond to compile, and Python keeps 512: 30,000 rows whose panels share notes took 90
s so. Here one fixed pattern finds where a name may start, and the name's words are looked
up at that place in the order the pattern would try them.

>>> words = name_words("Dr. Maria Lopez")
>>> sorted(words), named_at("Prof. MARIA: the rota", 0, words)
(['Lopez', 'Maria'], True)
>>> list(runs("Maria Lopez has", 0, words))  # each place the name may end, as tried
[11, 5]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

TITLE = r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Miss)\.?\s+)?"
#: Words that go with a name but are no part of it.
NOT_NAMES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss",
                        "phd", "md", "jr", "sr", "ii", "iii"})  # fmt: skip
NAME_WORD = re.compile(r"[^\W\d_][\w'’-]+")
#: What may come before a name, and between and after its words.
TITLED = re.compile(rf"\s*{TITLE}")
_SPACE = re.compile(r"\s+")
_EDGE = re.compile(r"\b")


@lru_cache(maxsize=1 << 12)
def name_words(name: str) -> frozenset[str]:
    """The words of a name as written, titles dropped; empty for a name without one."""
    return frozenset(w for w in NAME_WORD.findall(name) if w.lower() not in NOT_NAMES)


def runs(text: str, at: int, words: frozenset[str], *, edge: bool = True) -> Iterator[int]:
    """Where a run of ``words`` (one or more, apart by spaces) that starts at ``at`` may
    end (at a word's edge, unless ``edge`` is false), in the order the pattern of them as
    alternatives, longest first, tries them: ``(?i:w1|w2)(?:\\s+(?i:w1|w2))*\\b``.

    >>> list(runs("Ana Li Ana-Maria wrote", 0, frozenset({"Ana", "Li"})))
    [10, 6, 3]
    """
    # Depth first, as the pattern backtracks; a stack, not recursion: a run may be long.
    stack: list[tuple[Iterator[int], int | None]] = [(iter(_word_ends(text, at, words)), None)]
    while stack:
        ends, tried = stack[-1]
        if tried is not None:  # the runs going on past ``tried`` are all given: now itself
            stack[-1] = (ends, None)
            if not edge or _EDGE.match(text, tried):
                yield tried
            continue
        end = next(ends, None)
        if end is None:
            stack.pop()
            continue
        stack[-1] = (ends, end)
        space = _SPACE.match(text, end)
        if space:
            stack.append((iter(_word_ends(text, space.end(), words)), None))


def named_at(text: str, at: int, words: frozenset[str]) -> bool:
    """Whether ``text`` names one of ``words`` at ``at``, after spaces and a title."""
    start = TITLED.match(text, at).end()  # type: ignore[union-attr]
    return any(_EDGE.match(text, end) for end in _word_ends(text, start, words))


def _word_ends(text: str, at: int, words: frozenset[str]) -> list[int]:
    """Where each of ``words`` found at ``at``, ignoring case, ends, longest first. ASCII
    words in ASCII text are looked up in lower case; others are matched by Python's ``re``,
    for which "I" and "ı" are both "i", as "İ" is."""
    token = NAME_WORD.match(text, at)
    if token is None:
        return []
    lower, sizes, ascii_only = _lookup(words)
    if ascii_only and token[0].isascii():
        found = token[0].lower()
        return [at + size for size in sizes if size <= len(found) and found[:size] in lower]
    return [m.end() for word in _one_by_one(words) if (m := word.match(text, at))]


@lru_cache(maxsize=1 << 12)
def _lookup(words: frozenset[str]) -> tuple[frozenset[str], list[int], bool]:
    """``words`` in lower case, their lengths (longest first), and whether all are ASCII."""
    lower = frozenset(w.lower() for w in words)
    return lower, sorted({len(w) for w in lower}, reverse=True), all(w.isascii() for w in words)


@lru_cache(maxsize=1 << 12)
def _one_by_one(words: frozenset[str]) -> list[re.Pattern[str]]:
    """A pattern for each of ``words``, ignoring case, in the order alternatives of them,
    longest first, would be tried."""
    ordered = sorted(words, key=lambda w: len(re.escape(w)), reverse=True)
    return [_word_pattern(word) for word in ordered]


@lru_cache(maxsize=1 << 14)
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(re.escape(word), re.IGNORECASE)
