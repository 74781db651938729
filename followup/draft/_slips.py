"""The slips a proofreader catches in a letter (rule R8), whoever wrote it.

Each check is a regular expression run over every body at once with RE2 in
Arrow; only the few bodies it flags are read again in Python, to quote the
sentence in the finding's message. The checks work on edited drafts as well as
rendered ones, and none of them fires on the built-in phrase book.

>>> slips = find_slips(pd.DataFrame({
...     "body": ["Hi Dana,\\n\\nI enjoyed hearing about I asked!.\\n\\nBest,\\nA\\n"],
...     "interview_id": ["i"], "interviewer_name": ["Dana"]}))
>>> for message in slips["message"]:
...     print(message)
a sentence pasted after a preposition ("about I asked"): "I enjoyed hearing about I asked!."
doubled end punctuation ("!."): "I enjoyed hearing about I asked!."
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from followup._arrow import text_array
from followup.draft import _lexicon as words
from followup.draft._phrases import phrase_book

_GREETING = r"\A[^\n]{1,80}[,:!][ \t]*\n"
_SIGN_OFF = r"\n[ \t]*\n[^\n]{1,40},[ \t]*\n[^\n]*\s*\z"
_PREPOSITION = r"(?:about|of|regarding|re|on|with|for|into)"
_CLAUSE_WORD = r"(?:I|We|He|She|They|It|You|My|Our|Their|His|Her|The|A|An|This|These|Those)"
_SHORTHAND_WORDS = "|".join(re.escape(w) for w in sorted(words.SHORTHAND, key=len, reverse=True))
#: Words after "about" that open a noun clause, not a pasted sentence ("about what is next").
_NOUN_CLAUSE = frozenset(
    [
        "what",
        "how",
        "why",
        "who",
        "whom",
        "where",
        "when",
        "which",
        "whether",
        "that",
        "this",
        "it",
        "there",
    ]
)

#: code, severity, pattern (RE2 and Python alike: scoped flags only), and how to describe it.
CHECKS: tuple[tuple[str, str, str, str], ...] = (
    (
        "pasted_sentence",
        "error",
        rf"\b{_PREPOSITION}\s+{_CLAUSE_WORD}\s+\w+|\b{_PREPOSITION}\s+[A-Z][a-z]+ed\s+\w+|"
        r"\b(?i:about|regarding|of)\s+(?i:i|we|he|she|they)\s+\w+|"
        r"\b(?i:about|regarding)\s+(?:(?i:the|a|an|our|your|their)\s+)?(?:[^\W\d_]+\s+)?"
        r"(?i:is|are|was|were|has|have)\b",
        "a sentence pasted after a preposition ({match})",
    ),
    (
        "doubled_punctuation",
        "error",
        r"[!?][.!?]|\.[!?]|[,;:][.!?]|(?:^|[^.])\.\.(?:[^.]|$)",
        "doubled end punctuation ({match})",
    ),
    ("lowercase_start", "error", r"(?:^|\n|[.!?]\s+)[a-z][a-z]", "a sentence starts in lower case"),
    (
        "he_or_she",
        "error",
        r"\b(?i:he|she|him|his|her|hers|himself|herself)\b",
        "the reader is called {match}",
    ),
    (
        "note_left_in",
        "error",
        r"(?:^|[.!?]\s+|\n)(?i:ask\s+(?:him|her|them|about|re)|find out\s+(?:about|if|whether)|"
        r"follow up re)\b|\b(?i:todo|note to self|remember to|fyi)\b|(?:^|\s)Q:\s",
        "a note to self left in: {match}",
    ),
    (
        "shorthand",
        "warning",
        rf"(?:^|[^\w/])(?:{_SHORTHAND_WORDS})(?:$|[^\w/])",
        "shorthand ({match}); spell it out",
    ),
    (
        "private_words",
        "error",
        r"\b(?i:"
        + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in words.PRIVATE)
        + r")\b|[$€£]\s?\d",
        "words that sound private: {match}",
    ),
)
_ABBREVIATION_BEFORE = re.compile(
    r"\b(?:e\.g|i\.e|etc|vs|approx|a\.m|p\.m|no|cf|co|inc|ltd|corp|bros|jr|sr|st|dr|mr|mrs|ms)\.\s+$",
    re.I,
)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|$)")


def letter_core(bodies: pa.Array) -> pa.Array:
    """Bodies without the greeting line and the sign-off block."""
    core = pc.replace_substring_regex(bodies, _GREETING, "")
    core = pc.replace_substring_regex(core, _SIGN_OFF, "")
    return pc.utf8_trim_whitespace(core)


def letter_cores(bodies: pa.Array) -> pa.DictionaryArray:
    """:func:`letter_core` of each body, each distinct core once (``dictionary``) with where
    each body's is (``indices``): letters differ most in the greeting and the sign-off,
    which hold the names, so a check that reads only the core runs once per distinct core.

    >>> cores = letter_cores(pa.array(["Hi Dana,\\nThanks.\\n\\nBest,\\nA\\n",
    ...                                "Hi Luis,\\nThanks.\\n\\nBest,\\nA\\n"]))
    >>> cores.dictionary.to_pylist(), cores.indices.to_pylist()
    (['Thanks.'], [0, 0])
    """
    encoded: pa.DictionaryArray = pc.dictionary_encode(letter_core(bodies), null_encoding="encode")
    return encoded


def find_slips(drafts: pd.DataFrame, cores: pa.DictionaryArray | None = None) -> pd.DataFrame:
    """One row per slip: ``at`` (the draft's position), ``code``, ``severity``, ``message``.

    ``cores`` is :func:`letter_cores` of the bodies, when the caller has it already. One
    pass with every check over each distinct core finds the bodies with a slip; each check
    then reads only those.
    """
    if cores is None:
        cores = letter_cores(text_array(drafts["body"].astype("str")))
    any_check = "|".join(f"(?:{pattern})" for _, _, pattern, _ in CHECKS)
    screened = cores.dictionary
    for tail in _frame_tails():  # the letter's own words are no suspects
        screened = pc.replace_substring(screened, tail, "")
    flagged = pc.match_substring_regex(screened, any_check).to_numpy(zero_copy_only=False)
    suspects = np.flatnonzero(flagged[cores.indices.to_numpy()])
    found = []
    if len(suspects):
        texts = cores.take(pa.array(suspects)).to_pylist()
        for code, severity, pattern, describe in CHECKS:
            python = re.compile(pattern)
            for at, text in zip(suspects.tolist(), texts, strict=True):
                if python.search(text):
                    message = _describe(text, python, describe, code, drafts, at)
                    if message:
                        found.append((at, code, severity, message))
    return pd.DataFrame(found, columns=["at", "code", "severity", "message"])


@cache
def _frame_tails() -> tuple[str, ...]:
    """The phrase book's words that follow a note's slot with a verb (" was a highlight of
    the day for me"): where a pasted-clause pattern meets them, the verb is the letter's."""
    tails = {
        tail.split("{")[0].rstrip(".")
        for name in ("thank-you", "short", "gracious")
        for frames in phrase_book(name).frames.values()
        for frame in frames
        for tail in re.findall(r"\}( (?:is|are|was|were|has|have)\b[^{]*)", frame)
    }
    return tuple(sorted(tails))


def _describe(
    text: str, pattern: re.Pattern[str], describe: str, code: str, drafts: pd.DataFrame, at: int
) -> str:
    """The message for the first real hit in ``text``, quoting its sentence; "" if none is."""
    for match in pattern.finditer(text):
        if code == "lowercase_start" and _ABBREVIATION_BEFORE.search(text[: match.end() - 2]):
            continue
        if code == "pasted_sentence" and match.group(0).split()[1].lower() in _NOUN_CLAUSE:
            continue
        verb_at = match.end() - len(match.group(0).split()[-1]) - 1
        if code == "pasted_sentence" and text.startswith(_frame_tails(), verb_at):
            continue  # "Hearing about the roadmap was a highlight ...": the letter's own verb
        found = match.group(0)
        # The end of the sentence before, where the pattern starts there ("... ok. ask about").
        starts = code in ("lowercase_start", "note_left_in")
        lead = len(found) - len(found.lstrip(".!?\n\t ")) if starts else 0
        sentence = _sentence_at(text, match.start() + lead)
        if code == "he_or_she" and _names_someone_else(sentence, drafts, at):
            continue
        shown = f'"{found[lead:].strip()}"' if "{match}" in describe else ""
        return describe.format(match=shown) + f': "{sentence}"'
    return ""


def _sentence_at(text: str, position: int) -> str:
    for match in _SENTENCE.finditer(text):
        if match.start() <= position < max(match.end(), match.start() + 1):
            return match.group(0).strip()
    return text.strip()[:120]


def _names_someone_else(sentence: str, drafts: pd.DataFrame, at: int) -> bool:
    """Whether a he or she in ``sentence`` can point at a colleague named in it."""
    panel = drafts.loc[
        drafts["interview_id"] == drafts["interview_id"].iloc[at], "interviewer_name"
    ]
    reader = str(drafts["interviewer_name"].iloc[at])
    others = {w for name in panel.dropna().astype("str") if name != reader for w in name.split()}
    return any(re.search(rf"\b{re.escape(w)}\b", sentence) for w in others if len(w) > 1)
