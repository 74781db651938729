"""Checking drafts against the follow-up rules R1–R8 of DESIGN.md.

:func:`check_drafts` returns *findings*: one row per rule a draft breaks,
with a severity (``error`` must be fixed before sending; ``warning`` is
worth a look) and a message that names the interviewer.

Proofreading (R8) works on unique text, not draft by draft: the spelling of
each distinct sheet value (talking points, questions, roles, ...) is checked
once, and so is the template text of each distinct draft shape. That keeps
100,000 drafts fast while still catching a typo wherever it came from.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from followup.schedule import resolve_now

if TYPE_CHECKING:
    from spellchecker import SpellChecker

FINDING_COLUMNS = ("draft_id", "rule", "severity", "message")
RULES = {
    "R1": "timely",
    "R2": "individual",
    "R3": "personal",
    "R4": "grateful",
    "R5": "interested",
    "R6": "short",
    "R7": "curious",
    "R8": "proofread",
}
MAX_PARAGRAPHS = 3
MAX_WORDS = 150

_GRATITUDE = r"(?i)\b(?:thank|thanks|grateful|appreciated?|gratitude)\b"
_INTEREST = (
    r"(?i)\b(?:interest(?:ed)?|excited|eager|keen|glad to|look forward|hope to|"
    r"join|contribute|opportunity)\b"
)
_ENTHUSIASM = r"(?i)\b(?:excited|eager|thrilled|keen|can't wait|cannot wait|dream job)\b"
_PLACEHOLDER = (
    r"\{\{|\}\}|\{%|%\}|\[(?:[A-Z][A-Za-z ]{0,30})\]|\bTODO\b|\bTBD\b|\bXXX\b|"
    r"<(?:insert|name|company)[^>]*>|(?i:lorem ipsum)"
)
_DOUBLED = r"\b(\w+)\s+\1\b"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SPLIT_SENTENCES = r"[.!?]\s+"
#: Columns whose values are typed by people and inserted into bodies.
_FREE_TEXT = ("talking_point", "question", "fit")
#: Columns whose words count as known: names of people, places and things.
_PROPER = ("candidate_name", "interviewer_name", "company", "role", "interviewer_title")


def check_drafts(
    drafts: pd.DataFrame,
    *,
    now: pd.Timestamp | str | None = None,
    known_words: tuple[str, ...] | list[str] = (),
) -> pd.DataFrame:
    """Findings for every rule each draft breaks.

    Parameters
    ----------
    drafts
        From :func:`~followup.render_drafts`.
    now
        The moment for R1 (default: the clock).
    known_words
        Extra words to accept as spelled right (jargon, product names).

    Returns
    -------
    DataFrame
        ``draft_id``, ``rule`` (R1–R8), ``severity`` (``error``/``warning``)
        and ``message``; empty when every draft passes.

    Examples
    --------
    >>> import followup
    >>> recipients, _ = followup.read_interviews("data/interviews.csv")
    >>> drafts = followup.render_drafts(recipients, sender="Avery Quinn <avery@example.com>")
    >>> findings = check_drafts(drafts, now="2026-11-26 12:00", known_words=["dbt"])
    >>> findings.groupby(["rule", "severity"]).size()
    rule  severity
    R1    warning     19
    dtype: int64
    """
    moment = resolve_now(now)
    body = drafts["body"].astype("str")
    who = drafts["interviewer_name"].fillna(drafts["interviewer_email"]).astype("str")
    text = {c: drafts[c].fillna("").astype("str") for c in ("talking_point", "question")}
    found: list[pd.DataFrame] = []

    def add(
        mask: pd.Series | np.ndarray | list[bool],
        rule: str,
        severity: str,
        message: pd.Series | np.ndarray | str,
    ) -> None:
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            messages = np.broadcast_to(np.asarray(message, dtype=object), mask.shape)
            found.append(
                pd.DataFrame(
                    {
                        "_at": np.flatnonzero(mask),
                        "draft_id": drafts["draft_id"].to_numpy()[mask],
                        "rule": rule,
                        "severity": severity,
                        "message": messages[mask],
                    }
                )
            )

    late = (moment - drafts["due_at"]).dt.total_seconds() / 3600
    amount = np.where(late < 48, late, late / 24).round(0).clip(min=1).astype("int64")
    unit = np.where(late < 48, " hour", " day") + np.where(amount == 1, "", "s")
    lateness = amount.astype("str") + unit
    add(late > 0, "R1", "warning", "overdue by " + lateness + "; send it today (late beats never)")

    recipients = drafts["interviewer_email"].fillna("").astype("str")
    add(
        recipients.str.contains(r"[,;]|\s", regex=True) | (recipients == ""),
        "R2",
        "error",
        "the To field must hold exactly one address: " + recipients,
    )
    repeated = drafts.duplicated(["interview_id", "interviewer_email"], keep="first")
    add(repeated, "R2", "error", "a second draft to " + who + " for the same interview")

    add(
        text["talking_point"] == "",
        "R3",
        "warning",
        "no talking point for " + who + ": add what you discussed with them",
    )
    absent = [bool(t) and t not in b for t, b in zip(text["talking_point"], body, strict=True)]
    add(absent, "R3", "error", "the talking point for " + who + " is not in the body")
    add(*_shared_wording(drafts, body, who))

    add(
        ~body.str.contains(_GRATITUDE, regex=True),
        "R4",
        "error",
        "no thanks to " + who + ": thank them for their time",
    )

    interested = drafts["interested"].astype(bool)
    lower = body.str.lower()
    names_role = np.array(
        [
            r.lower() in b and c.lower() in b
            for r, c, b in zip(
                drafts["role"].astype("str"), drafts["company"].astype("str"), lower, strict=True
            )
        ]
    )
    add(
        interested & ~(names_role & body.str.contains(_INTEREST, regex=True)),
        "R5",
        "error",
        "does not restate interest in the "
        + drafts["role"].astype("str")
        + " role at "
        + drafts["company"].astype("str"),
    )
    add(
        ~interested & body.str.contains(_ENTHUSIASM, regex=True),
        "R5",
        "error",
        "sounds eager although you are no longer interested; keep it to gratitude",
    )

    paragraphs, words = _paragraphs_and_words(body)
    add(
        paragraphs > MAX_PARAGRAPHS,
        "R6",
        "error",
        paragraphs.astype("str") + f" paragraphs; keep it to {MAX_PARAGRAPHS} short ones",
    )
    add(
        words > MAX_WORDS,
        "R6",
        "warning",
        words.astype("str") + f" words; aim for {MAX_WORDS} at most",
    )

    asked = [not q or q in b for q, b in zip(text["question"], body, strict=True)]
    add(
        ~np.array(asked, dtype=bool),
        "R7",
        "error",
        "the question for " + who + " is not asked: " + text["question"],
    )

    placeholder = body.str.extract(f"({_PLACEHOLDER})", expand=False)
    add(placeholder.notna(), "R8", "error", "leftover placeholder " + placeholder.fillna(""))
    add(*_doubled_words(drafts, body))
    add(*_misspellings(drafts, body, known_words))

    if not found:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in FINDING_COLUMNS})
    findings = pd.concat(found, ignore_index=True).sort_values(["_at", "rule"], kind="stable")
    return findings.drop(columns="_at").reset_index(drop=True).astype("str")


def _paragraphs_and_words(body: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Body paragraphs (greeting and sign-off not counted) and their words."""
    blocks = body.str.strip().str.split(r"\n\s*\n", regex=True)
    count = blocks.map(len)
    greeting = blocks.str[0].str.fullmatch(r"[^\n]{1,80}[,:!]")
    signoff = blocks.str[-1].str.contains(r"\A[^\n]{1,40},\n", regex=True)
    paragraphs = count - greeting.astype(int) - signoff.astype(int)
    total_words = body.str.count(r"\S+")
    edges = blocks.str[0].str.count(r"\S+").where(greeting, 0) + blocks.str[-1].str.count(
        r"\S+"
    ).where(signoff, 0)
    return paragraphs.astype("int64"), (total_words - edges).astype("int64")


def _shared_wording(
    drafts: pd.DataFrame, body: pd.Series, who: pd.Series
) -> tuple[pd.Series, str, str, pd.Series]:
    """R3: sentences one draft shares with another draft of the same panel."""
    panel = drafts.groupby("interview_id", sort=False)["draft_id"].transform("size") > 1
    sentences = (
        body[panel]
        .str.split("\n\n", n=1)
        .str[1]  # past the greeting
        .str.rsplit("\n\n", n=1)
        .str[0]  # before the sign-off
        .str.split(_SPLIT_SENTENCES, regex=True)
        .explode()
    )
    pairs = pd.DataFrame(
        {
            "interview_id": drafts["interview_id"][panel].reindex(sentences.index),
            "sentence": sentences,
        }
    ).dropna()
    pairs = pairs[pairs["sentence"].str.len() > 20].rename_axis("at").reset_index()
    pairs = pairs.drop_duplicates(["at", "sentence"])
    shared = pairs.duplicated(["interview_id", "sentence"], keep=False)
    counts = shared.groupby(pairs["at"]).sum().reindex(drafts.index, fill_value=0)
    message = (
        "shares " + counts.astype("str") + " sentence(s) with another draft to this panel; "
        "the panel is larger than the " + "phrasings available, so vary the wording for " + who
    )
    return counts > 0, "R3", "warning", message


def _doubled_words(drafts: pd.DataFrame, body: pd.Series) -> tuple[pd.Series, str, str, pd.Series]:
    """R8: the same word twice in a row ("the the")."""
    pattern = re.compile(_DOUBLED, re.IGNORECASE)
    hits = [pattern.search(b) for b in body]
    mask = pd.Series([h is not None for h in hits], index=drafts.index)
    message = pd.Series(
        [f"repeated word: {h.group(0)!r}" if h else "" for h in hits], index=drafts.index
    )
    return mask, "R8", "error", message


@cache
def _workplace_words() -> frozenset[str]:
    """Common workplace and technology words the dictionary lacks (``known_words.txt``)."""
    text = (resources.files("followup") / "known_words.txt").read_text("utf-8")
    return frozenset(w for w in text.split() if not w.startswith("#") and w.isalpha())


@cache
def _spellchecker() -> SpellChecker:
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


def _words(texts: pd.Series | list[str]) -> set[str]:
    """Lower-cased words; ALL-CAPS words (SQL, TODO) are acronyms or markers, not checked."""
    out: set[str] = set()
    for text in texts:
        out.update(w.lower().replace("’", "'") for w in _WORD.findall(text) if not w.isupper())
    return out


def _misspellings(
    drafts: pd.DataFrame, body: pd.Series, known_words: tuple[str, ...] | list[str]
) -> tuple[pd.Series, str, str, pd.Series]:
    """R8: unknown words, checked once per distinct text, with a suggestion."""
    known = _words([str(w) for w in known_words]) | _workplace_words()
    for column in _PROPER:
        if column in drafts:
            known |= _words(drafts[column].dropna().astype("str").unique().tolist())
    # Template text: one representative draft per shape (template, variant, optional parts).
    shape = [drafts["template"], drafts["variant"]] + [
        drafts[c].isna() for c in _FREE_TEXT if c in drafts
    ]
    texts = [body.groupby(shape, sort=False).head(1)]
    texts += [drafts[c].fillna("").astype("str") for c in _FREE_TEXT if c in drafts]
    unknown = _unknown(_words(pd.concat(texts).unique().tolist()) - known)
    if not unknown:
        return pd.Series(False, index=drafts.index), "R8", "warning", pd.Series("")
    checker = _spellchecker()
    described = {}
    for word in unknown:
        suggestion = checker.correction(word)
        hint = f" (did you mean {suggestion!r}?)" if suggestion and suggestion != word else ""
        described[word] = f"{word!r}{hint}"
    alternatives = "|".join(map(re.escape, sorted(unknown, key=len, reverse=True)))
    pattern = re.compile(rf"(?i)(?<![\w'’])(?:{alternatives})(?![\w'’])")
    bad = body.str.contains(pattern.pattern, regex=True)
    messages = pd.Series("", index=drafts.index, dtype="str")
    for at in bad[bad].index:
        words = sorted({m.lower() for m in pattern.findall(body[at])})
        messages[at] = "unknown word(s): " + ", ".join(described[w] for w in words)
    return bad, "R8", "warning", messages


def _unknown(words: set[str]) -> set[str]:
    """Words the dictionary does not know; possessives and contractions are judged by stem."""
    checker = _spellchecker()
    stems = {w: re.sub(r"'(?:s|t|re|ve|ll|d|m)$", "", w) for w in words}
    missing = checker.unknown({s for s in stems.values() if len(s) > 1})
    return {w for w, s in stems.items() if s in missing}
