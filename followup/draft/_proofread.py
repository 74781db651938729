"""Proofreading (rule R8) on unique text, not draft by draft: spelling, repeated words, style.

The spelling of each distinct note (talking points, questions, fits, as the
letter carries them) is checked once, and so is the template text of each
distinct draft shape; with ``whole_bodies`` (drafts edited by hand) every body
is read in full. That keeps 100,000 drafts fast while still catching a typo
wherever it came from. Style is proselint's, run the same way
(:mod:`~followup.draft._style`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from followup.draft._names import goes_by, greeting

if TYPE_CHECKING:
    from spellchecker import SpellChecker


_SMALL_WORDS = (
    "the",
    "a",
    "an",
    "and",
    "or",
    "to",
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "is",
    "it",
    "i",
    "you",
    "your",
    "my",
    "me",
    "we",
    "our",
    "that",
    "this",
    "be",
)


_DOUBLED = re.compile(r"\b(\w+)\s+(\1)\b", re.IGNORECASE)


_DOUBLED_SMALL_WORDS = r"(?i)\b(?:" + "|".join(f"{w}\\s+{w}" for w in _SMALL_WORDS) + r")\b"


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


#: Columns whose words count as known: names of people, places and things.
_PROPER = (
    "candidate_name",
    "interviewer_name",
    "preferred_name",
    "company",
    "role",
    "interviewer_title",
)


def objects(values: pd.Series) -> list[str]:
    """Plain Python strings: much faster to loop over than an Arrow-backed Series."""
    out: list[str] = values.to_numpy(dtype=object).tolist()
    return out


def matches(text: pa.Array, pattern: str, where: np.ndarray | None = None) -> np.ndarray:
    """Which texts contain ``pattern``, searched with RE2 in Arrow; only those ``where``
    is true, when given (the rest are False).

    pandas hands any pattern with ``\\b`` or ``\\s`` to Python's ``re`` once the
    text holds non-ASCII letters (RE2's classes are ASCII-only), one body at a time.
    Our patterns look for ASCII words, where RE2 answers the same, much faster.

    >>> matches(pa.array(["so keen", "keen", "calm"]), r"\\bkeen\\b", np.array([False, True, True]))
    array([False,  True, False])
    """
    if where is not None:
        found = np.zeros(len(text), dtype=bool)
        at = np.flatnonzero(where)
        if len(at):
            found[at] = matches(text.take(pa.array(at)), pattern)
        return found
    searched = pc.match_substring_regex(text, pattern).to_numpy(zero_copy_only=False)
    return np.asarray(searched, dtype=bool)


def doubled_words(
    drafts: pd.DataFrame, body: pd.Series, arrow: pa.Array, texts: dict[str, pd.Series]
) -> tuple[pd.Series, str, str, pd.Series]:
    """R8: the same word twice in a row ("the the").

    A back-reference regex is slow over 100,000 bodies, so it runs on the distinct
    texts bodies are made of (one sample body per template shape, each distinct
    note); joins of template and note text are searched for the small words that
    get doubled there ("about the" + "the roadmap").
    """
    samples, values = _distinct_texts(drafts, body, texts)
    doubled = {t for t in samples + values if _doubled(t)}
    suspects = matches(arrow, _DOUBLED_SMALL_WORDS) | body.isin(doubled).to_numpy()
    for column in texts.values():
        suspects |= column.isin(doubled).to_numpy()
    bodies = objects(body)
    messages = [""] * len(bodies)
    for i in np.flatnonzero(suspects).tolist():
        twice = _doubled(bodies[i])
        messages[i] = f"repeated word: {twice!r}" if twice else ""
    found = pd.Series(messages, index=drafts.index, dtype="str")
    return found != "", "repeated_word", "error", found


def _doubled(text: str) -> str | None:
    """The first word written twice in a row, if any. An acronym beside the same word in
    lower case is two words ("Vestfold Kraft AS as an analyst", "the IT it runs").

    >>> _doubled("Vestfold Kraft AS as an analyst"), _doubled("I liked The the office")
    (None, 'The the')
    """
    for match in _DOUBLED.finditer(text):
        first, second = match.group(1, 2)
        if len(first) > 1 and {first, second} == {first.upper(), first.lower()}:
            continue  # one in capitals, the other in small letters
        return match.group(0)
    return None


def _distinct_texts(
    drafts: pd.DataFrame, body: pd.Series, texts: dict[str, pd.Series]
) -> tuple[list[str], list[str]]:
    """One sample body per template shape, and every distinct note put into bodies."""
    shape = [drafts["template"], drafts["variant"]] + [t == "" for t in texts.values()]
    samples = body.groupby(shape, sort=False).head(1).unique().tolist()
    values = pd.concat(list(texts.values()) or [pd.Series(dtype="str")])
    return samples, [v for v in values.unique().tolist() if v]


@cache
def workplace_words() -> frozenset[str]:
    """Common workplace and technology words the dictionary lacks (``known_words.txt``)."""
    text = (resources.files("followup.draft") / "data" / "known_words.txt").read_text("utf-8")
    return frozenset(w for w in text.split() if not w.startswith("#") and w.isalpha())


@cache
def spellchecker() -> SpellChecker:
    """pyspellchecker's English dictionary, loaded once per run (0.15-0.4 s, 36 MB)."""
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


def _words(texts: pd.Series | list[str]) -> set[str]:
    """Lower-cased words; ALL-CAPS words (SQL, TODO, PMs) are acronyms or markers, not checked."""
    out: set[str] = set()
    for text in texts:
        out.update(
            w.lower().replace("’", "'")
            for w in _WORD.findall(text)
            if not w.isupper() and not (w.endswith("s") and w[:-1].isupper())  # PMs, APIs
        )
    return out


def misspellings(
    drafts: pd.DataFrame,
    body: pd.Series,
    arrow: pa.Array,
    known_words: tuple[str, ...] | list[str],
    texts: dict[str, pd.Series],
) -> tuple[pd.Series, str, str, pd.Series]:
    """R8: unknown words, looked up once per distinct text, with a suggestion."""
    known = _words([str(w) for w in known_words]) | workplace_words()
    for column in _PROPER:  # in small letters: "ÉLODIE MARCHAND" is greeted as Élodie
        if column in drafts:
            known |= _words(drafts[column].dropna().astype("str").str.lower().unique().tolist())
    if "interviewer_name" in drafts:  # the name greeted, as the letter spells it ("Mª": María)
        names = drafts["interviewer_name"].dropna().astype("str").unique().tolist()
        known |= _words([greeting(name)[0].lower() for name in names])
    if "notes" in drafts:  # the name a private note says they go by ("goes by Inga")
        known |= _words(goes_by(drafts["notes"]).unique().tolist())
    samples, values = _distinct_texts(drafts, body, texts)
    found = _words(samples + values) - known
    unknown = _unknown({w for w in found if w.removesuffix("'s") not in known})  # "Priya's"
    per_draft: defaultdict[int, set[str]] = defaultdict(set)  # only the drafts with some
    # Sheet values: each draft gets the unknown words of its own values.
    in_value = {v: found for v in values if (found := _words([v]) & unknown)}
    for sheet_values in texts.values():
        cells = objects(sheet_values)
        for i in np.flatnonzero(sheet_values.isin(in_value).to_numpy()).tolist():
            per_draft[i] |= in_value[cells[i]]
    # Template text: its unknown words are searched for in every body, in one fast pass.
    in_template = unknown - set().union(*in_value.values())
    if in_template:
        alternatives = "|".join(map(re.escape, sorted(in_template, key=len, reverse=True)))
        pattern = rf"(?i)(?:^|[^\p{{L}}'’])(?:{alternatives})(?:$|[^\p{{L}}'’])"
        bodies = objects(body)
        for i in np.flatnonzero(matches(arrow, pattern)).tolist():
            per_draft[i] |= _words([bodies[i]]) & in_template
    described = {w: _describe(w) for w in unknown}
    messages = np.full(len(drafts), "", dtype=object)
    for i, found in per_draft.items():
        if found:
            messages[i] = "unknown word(s): " + ", ".join(described[w] for w in sorted(found))
    said = pd.Series(messages, index=drafts.index, dtype="str")
    return said != "", "unknown_word", "warning", said


def _describe(word: str) -> str:
    """The word, with a likely correction: one of its length ("recieve" → "receive"), for a
    word of five letters or more; a shorter one ("dbt" → "debt") is more often a name."""
    suggestion = spellchecker().correction(word) if len(word) >= 5 else None
    likely = suggestion not in (None, word) and len(suggestion or "") == len(word)
    return f"{word!r}" + (f" (did you mean {suggestion!r}?)" if likely else "")


def _unknown(words: set[str]) -> set[str]:
    """Words the dictionary does not know; possessives, contractions and plurals are judged
    by stem ("readmissions" is known when "readmission" is).

    >>> sorted(_unknown({"readmissions", "policies", "prioritise", "teh"}))
    ['teh']
    """
    checker = spellchecker()
    stems = {w: re.sub(r"'(?:s|t|re|ve|ll|d|m)$", "", w) for w in words}
    missing = checker.unknown({s for s in stems.values() if len(s) > 1})
    bases = {s: _base_forms(s) for s in missing}
    known = checker.known({form for forms in bases.values() for form in forms})
    missing = {s for s in missing if not known.intersection(bases[s])}
    return {w for w, s in stems.items() if s in missing}


def _base_forms(word: str) -> tuple[str, ...]:
    """The words a plural or a British spelling may come from: "policies" → "policy",
    "boxes" → "box", "prioritise" → "prioritize", "colour" → "color"."""
    american = re.sub(r"is(e[sd]?|ing|ation)$", r"iz\1", re.sub(r"our(s?)$", r"or\1", word))
    forms = (american,) if american != word else ()
    if word.endswith("ies"):
        return (*forms, word[:-3] + "y")
    if word.endswith("es"):
        return (*forms, word[:-2], word[:-1])
    return (*forms, word[:-1]) if word.endswith("s") and not word.endswith("ss") else forms
