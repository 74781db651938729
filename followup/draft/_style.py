"""Style (rule R8) by proselint's checks, run on each distinct text once.

proselint runs every one of its ~120 checks on every text, and most of them search
for a list of words ("irregardless", "utilize", ...): on a short note almost none
finds anything, yet each costs a few dozen microseconds. Here the words of all such
checks are searched at once, in one RE2 set per regex option, and a check runs
only on texts where one of its own patterns matches; two that run on Python's ``re``
(the preferred forms, the repeated phrases), only on texts a cheap test lets through. The
findings are the ones proselint's own ``LintFile.lint`` gives, in its order.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, cast

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from proselint.registry.checks import Check

_LETTERS = re.compile("[a-z]+")
_PLAIN = re.compile("[A-Za-z' -]+")  # letters, spaces, apostrophes, hyphens: no pattern
_DIGIT_OR_UNDERSCORE = re.compile(r"[\d_]")
_WORDS = re.compile(r"\w+")

#: proselint checks left out: typographic conventions a letter may choose freely.
_STYLE_OFF = ("typography.symbols.curly_quotes", "weasel_words.very", "typography.symbols")
#: proselint's checks for stock phrases ("at the end of the day", "think outside the box"),
#: not its list of wordy ones ("in the long run", "if and when").
_STOCK = ("cliches.hell", "cliches.misc.garner", "cliches.misc.write_good",
          "industrial_language.corporate_speak")  # fmt: skip
#: Stock phrases that also name real work ("the SQL crash course", "out of pocket costs").
_NAMES_OF_WORK = frozenset({"acid test", "ballpark figure", "bird's eye view", "crash course",
    "cutting edge", "decision-making process", "divide and conquer", "give and take",
    "ivory tower", "keep an eye on", "out of pocket", "quantum jump", "quantum leap",
    "rank and file", "red herring", "sea change", "trial and error"})  # fmt: skip

Lint = Callable[[str], tuple[tuple[str, str], ...]]


def style(
    drafts: pd.DataFrame, body: pd.Series, texts: dict[str, pd.Series], *, whole_bodies: bool
) -> tuple[pd.Series, str, str, pd.Series]:
    """R8 style, by proselint: clichés, jargon, hedging, redundancy, ... in each distinct
    note (and in every whole body with ``whole_bodies``), once per distinct text."""
    lint = linter()
    columns = [*texts.values(), body] if whole_bodies else list(texts.values())
    messages = pd.Series("", index=drafts.index, dtype="str")
    for column in columns:
        codes, uniques = pd.factorize(column.fillna(""))
        found = np.array(
            ["; ".join(m for _, m in lint(t)) if t else "" for t in uniques.tolist()] or [""],
            dtype=object,
        )
        said = pd.Series(found[codes] if len(uniques) else "", index=drafts.index, dtype="str")
        messages = messages.where(messages != "", said)
    return messages != "", "style", "warning", "style: " + messages


def stock_phrase(text: str) -> str:
    """The first cliché or catchphrase of two or more words in ``text``, as written there,
    or "". A note that says one cannot be carried into a letter: it reads as filler. A
    single word of jargon ("synergy", "drill-down"), or a phrase that also names real
    work ("crash course"), is left to the style warning.

    >>> stock_phrase("think outside the box about cost dashboards")
    'think outside the box'
    >>> stock_phrase("their synergy push with sales")
    ''
    """
    spans = sorted(
        result.span for check in _stock_checks()(text) for result in check.check_with_flags(text)
    )
    phrases = (text[start:end].strip() for start, end in spans)
    return next((p for p in phrases if len(p.split()) >= 2 and p.lower() not in _NAMES_OF_WORK), "")


@cache
def _stock_checks() -> Callable[[str], list[Check]]:
    return _triggers(tuple(c for c in _enabled_checks() if c.path.startswith(_STOCK)))


@cache
def _enabled_checks() -> tuple[Check, ...]:
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry

    registry = CheckRegistry()
    if not registry.checks:
        registry.register_many(__register__)
    return tuple(registry.get_all_enabled(DEFAULT["checks"]))


@cache
def linter() -> Lint:
    """proselint's checks as one function: text → (check, message) pairs.

    What :meth:`proselint.tools.LintFile.lint` does, with its list of enabled checks
    worked out once, not once per text, and each check run only where it can find
    something (:func:`_triggers`). Results come in the order of their position, as
    the line and column it sorts by give it.

    >>> for check, message in linter()("It was very unique, irregardless."):
    ...     print(check, "|", message)
    uncomparables | Comparison of an uncomparable: 'very unique' is not comparable.
    nonwords | Nonword - try 'regardless'.
    """
    from proselint.config import DEFAULT
    from proselint.tools import LintFile

    triggered = _triggers(_enabled_checks())

    @lru_cache(maxsize=1 << 12)  # the same notes recur chunk after chunk
    def lint(text: str) -> tuple[tuple[str, str], ...]:
        file = LintFile("draft", text)
        found = itertools.islice(
            (
                result
                for check in triggered(file.content)
                for result in check.check_with_flags(file.content)
                if check.flags.allow_quotes or not file.is_quoted_pos(result.span[0])
            ),
            DEFAULT["max_errors"],
        )
        return tuple(
            (r.check_path, r.message)
            for r in sorted(found, key=lambda r: r.span[0])
            if not r.check_path.startswith(_STYLE_OFF)
        )

    return lint


def _triggers(checks: tuple[Check, ...]) -> Callable[[str], list[Check]]:
    """The checks, in their order, that can find something in a text.

    A check whose findings are matches of its patterns (proselint's existence,
    preferred-form and consistency checks on its RE2 engine, and the uncomparables)
    can only find something where one of those patterns matches: its patterns go into
    one RE2 set per regex option, searched once per text. A check that Python's ``re``
    runs on a list of words, and the repeated phrases ("the the"), run on the texts that
    may hold them (:func:`_may_find`). Any other check runs on every text.
    """
    import re2

    sets: dict[object, tuple[re2.Set, list[int]]] = {}
    always: list[int] = []
    maybe: list[tuple[int, Callable[[str], bool]]] = []
    for at, check in enumerate(checks):
        patterns = _patterns(check)
        if not patterns:
            may_find = _may_find(check)
            if may_find is None:
                always.append(at)
            else:
                maybe.append((at, may_find))
            continue
        options = check.engine.opts
        if options not in sets:
            sets[options] = (re2.Set.SearchSet(options.re2_opts), [])
        found, owners = sets[options]
        try:
            for pattern in patterns:
                found.Add(pattern)
                owners.append(at)
        except re2.error:  # a pattern its set cannot hold: the check runs on every text
            always.append(at)
    for found, _ in sets.values():
        found.Compile()

    def triggered(text: str) -> list[Check]:
        chosen = set(always)
        chosen.update(at for at, may_find in maybe if may_find(text))
        for found, owners in sets.values():
            matched = cast("list[int] | None", found.Match(text))  # as proselint reads it
            chosen.update(owners[i] for i in matched or ())
        return [checks[at] for at in sorted(chosen)]

    return triggered


def _patterns(check: Check) -> tuple[str, ...] | None:
    """Patterns (RE2's) one of which matches wherever the check finds something; None
    for a check that finds things another way."""
    from proselint.checks import uncomparables
    from proselint.checks.misc import greylist
    from proselint.registry.checks import types
    from proselint.registry.checks.engine import Fast

    kind = check.check_type
    if callable(kind) and kind.__module__ == uncomparables.__name__:
        # "very unique", "most perfect": the slowest check (Python's re), and every
        # finding ends in one of its words
        return tuple(uncomparables.UNCOMPARABLES)
    if callable(kind) and kind.__module__ == greylist.__name__:  # each term on RE2 alone
        return tuple(greylist.GREYLISTED_TERMS)
    if not isinstance(check.engine, Fast):
        return None
    if isinstance(kind, types.ExistenceSimple):
        return (kind.pattern,)
    if isinstance(kind, types.Existence | types.PreferredForms | types.PreferredFormsSimple):
        return tuple(map(kind.padding.format, kind.items))
    if isinstance(kind, types.Consistency):
        return tuple(term for pair in kind.term_pairs for term in pair)
    return None


def _may_find(check: Check) -> Callable[[str], bool] | None:
    """A cheap test that ``check`` can find something in a text; None if there is none.

    Both tests pass any text that is not ASCII, where ignoring case, "K" and "ſ" match
    "k" and "s".

    - A phrase repeated ("the the", "in the in the"): in ASCII text without digits or
      "_", its words are words of the text, twice over.
    - Preferred forms, as whole words (on Python's ``re``): each run of letters of one of
      them is a run of letters of the text.
    """
    from proselint.checks import lexical_illusions
    from proselint.registry.checks import types
    from proselint.registry.checks.engine import Padding

    kind = check.check_type
    if check is lexical_illusions.check:  # as long as its pattern is the one _may_repeat reads
        repeated = Padding.STRICT_WORDS_IN_TEXT.format(r"(\w+(?:\s+\w+){0,3})(\s+\1)+")
        return _may_repeat if getattr(kind, "pattern", None) == repeated else None
    if (
        not isinstance(kind, types.PreferredFormsSimple)
        or kind.padding != Padding.STRICT_WORDS_IN_TEXT
    ):
        return None
    runs = [_LETTERS.findall(item.lower()) for item in kind.items]
    if not all(runs) or not all(_PLAIN.fullmatch(item) for item in kind.items):
        return None
    by_key: dict[str, list[frozenset[str]]] = {}
    for each in runs:
        by_key.setdefault(max(each, key=len), []).append(frozenset(each))

    def may_hold(text: str) -> bool:
        if not text.isascii():
            return True
        held = set(_LETTERS.findall(text.lower()))
        return any(words <= held for key in held & by_key.keys() for words in by_key[key])

    return may_hold


def _may_repeat(text: str) -> bool:
    """Whether a phrase of one to four words may be repeated in ``text`` (see
    :func:`_may_find`).

    >>> _may_repeat("the roadmap and the the pricing"), _may_repeat("the roadmap and the pricing")
    (True, False)
    """
    if not text.isascii() or _DIGIT_OR_UNDERSCORE.search(text):
        return True
    words = _WORDS.findall(text.lower())
    return any(
        words[at : at + size] == words[at + size : at + 2 * size]
        for size in range(1, 5)
        for at in range(len(words) - 2 * size + 1)
    )
