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
import pyarrow as pa
import pyarrow.compute as pc

from followup.schedule import resolve_now

if TYPE_CHECKING:
    from spellchecker import SpellChecker

FINDING_COLUMNS = ("draft_id", "rule", "severity", "message")
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
_DOUBLED_SMALL_WORDS = r"(?i)\b(?:" + "|".join(f"{w}\\s+{w}" for w in _SMALL_WORDS) + r")\b"
_GREETING = r"\A[^\n]{1,80}[,:!][ \t]*\n"
_SIGN_OFF = r"\n[ \t]*\n[^\n]{1,40},[ \t]*\n[^\n]*\s*\z"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SPLIT_SENTENCES = r"[.!?][ \t\n]+"
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
    arrow = pa.array(body.array)  # searched with RE2 directly: see _matches
    core = _core(arrow)
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
        recipients.str.contains(r"[,; \t]", regex=True) | (recipients == ""),
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
    bodies = body.to_numpy(dtype=object)  # plain str objects: fast to loop over
    absent = [
        bool(t) and t not in b for t, b in zip(_objects(text["talking_point"]), bodies, strict=True)
    ]
    add(absent, "R3", "error", "the talking point for " + who + " is not in the body")
    add(*_shared_wording(drafts, core, who))

    add(
        ~_matches(arrow, _GRATITUDE),
        "R4",
        "error",
        "no thanks to " + who + ": thank them for their time",
    )

    interested = drafts["interested"].astype(bool)
    lower = _objects(body.str.lower())
    role, company = (_objects(drafts[c].astype("str").str.lower()) for c in ("role", "company"))
    names_role = np.array([r in b and c in b for r, c, b in zip(role, company, lower, strict=True)])
    add(
        interested & ~(names_role & _matches(arrow, _INTEREST)),
        "R5",
        "error",
        "does not restate interest in the "
        + drafts["role"].astype("str")
        + " role at "
        + drafts["company"].astype("str"),
    )
    add(
        ~interested & _matches(arrow, _ENTHUSIASM),
        "R5",
        "error",
        "sounds eager although you are no longer interested; keep it to gratitude",
    )

    paragraphs, words = _paragraphs_and_words(core, body.index)
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

    asked = [not q or q in b for q, b in zip(_objects(text["question"]), bodies, strict=True)]
    add(
        ~np.array(asked, dtype=bool),
        "R7",
        "error",
        "the question for " + who + " is not asked: " + text["question"],
    )

    suspects = _matches(arrow, _PLACEHOLDER)
    placeholder = body[suspects].str.extract(f"({_PLACEHOLDER})", expand=False)
    add(
        suspects,
        "R8",
        "error",
        "leftover placeholder " + placeholder.reindex(body.index).fillna(""),
    )
    add(*_doubled_words(drafts, body, arrow))
    add(*_misspellings(drafts, body, arrow, known_words))

    if not found:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in FINDING_COLUMNS})
    findings = pd.concat(found, ignore_index=True).sort_values(["_at", "rule"], kind="stable")
    return findings.drop(columns="_at").reset_index(drop=True).astype("str")


def finding_counts(findings: pd.DataFrame) -> dict[tuple[str, str], int]:
    """How many findings per (rule, severity).

    >>> finding_counts(pd.DataFrame({"rule": ["R1", "R1", "R8"],
    ...                              "severity": ["warning", "warning", "error"]}))
    {('R1', 'warning'): 2, ('R8', 'error'): 1}
    """
    counts = findings.groupby(["rule", "severity"]).size().reset_index(name="n")
    return {(str(r), str(s)): int(n) for r, s, n in counts.to_numpy().tolist()}


def _objects(values: pd.Series) -> list[str]:
    """Plain Python strings: much faster to loop over than an Arrow-backed Series."""
    out: list[str] = values.to_numpy(dtype=object).tolist()
    return out


def _matches(text: pa.Array, pattern: str) -> np.ndarray:
    """Which texts contain ``pattern``, searched with RE2 in Arrow.

    pandas hands any pattern with ``\\b`` or ``\\s`` to Python's ``re`` once the
    text holds non-ASCII letters (RE2's classes are ASCII-only), one body at a time.
    Our patterns look for ASCII words, where RE2 answers the same, much faster.
    """
    found = pc.match_substring_regex(text, pattern).to_numpy(zero_copy_only=False)
    return np.asarray(found, dtype=bool)


def _core(text: pa.Array) -> pa.Array:
    """Bodies without the greeting line and the sign-off block."""
    core = pc.replace_substring_regex(text, _GREETING, "")
    core = pc.replace_substring_regex(core, _SIGN_OFF, "")
    return pc.utf8_trim_whitespace(core)


def _paragraphs_and_words(core: pa.Array, index: pd.Index) -> tuple[pd.Series, pd.Series]:
    """Paragraph and word counts of the bodies' cores."""
    breaks = pc.count_substring_regex(core, r"\n[ \t]*\n[ \t\n]*").to_numpy()
    empty = pc.equal(core, "").to_numpy(zero_copy_only=False)
    paragraphs = np.where(empty, 0, breaks + 1)
    words = pc.list_value_length(pc.utf8_split_whitespace(core)).to_numpy()
    return (
        pd.Series(paragraphs, index=index, dtype="int64"),
        pd.Series(words, index=index, dtype="int64"),
    )


def _shared_wording(
    drafts: pd.DataFrame, core: pa.Array, who: pd.Series
) -> tuple[pd.Series, str, str, pd.Series]:
    """R3: sentences one draft shares with another draft of the same panel."""
    panel = drafts.groupby("interview_id", sort=False)["draft_id"].transform("size") > 1
    at = np.flatnonzero(panel.to_numpy())
    counts = pd.Series(0, index=drafts.index)
    if len(at):
        sentences = pc.split_pattern_regex(core.take(pa.array(at)), _SPLIT_SENTENCES)
        pairs = pd.DataFrame(
            {
                "at": at[pc.list_parent_indices(sentences).to_numpy()],
                "sentence": pd.array(pc.list_flatten(sentences), dtype="str"),
            }
        )
        pairs["interview"] = drafts["interview_id"].to_numpy()[pairs["at"].to_numpy()]
        pairs = pairs[pairs["sentence"].str.len() > 20].drop_duplicates(["at", "sentence"])
        shared = pairs.duplicated(["interview", "sentence"], keep=False)
        by_draft = shared.groupby(pairs["at"]).sum()
        counts = pd.Series(
            np.bincount(by_draft.index.to_numpy(), by_draft.to_numpy(), len(drafts)).astype(int),
            index=drafts.index,
        )
    message = (
        "shares " + counts.astype("str") + " sentence(s) with another draft to this panel; "
        "the panel is larger than the phrasings available, so vary the wording for " + who
    )
    return counts > 0, "R3", "warning", message


def _doubled_words(
    drafts: pd.DataFrame, body: pd.Series, arrow: pa.Array
) -> tuple[pd.Series, str, str, pd.Series]:
    """R8: the same word twice in a row ("the the").

    A back-reference regex is slow over 100,000 bodies, so it runs on the distinct
    texts bodies are made of (one sample body per template shape, each distinct
    sheet value); joins of template and sheet text are searched for the small
    words that get doubled there ("about the" + "the roadmap").
    """
    pattern = re.compile(_DOUBLED, re.IGNORECASE)
    samples, values = _distinct_texts(drafts, body)
    doubled = {t for t in samples + values if pattern.search(t)}
    suspects = _matches(arrow, _DOUBLED_SMALL_WORDS) | body.isin(doubled).to_numpy()
    for column in _free_text(drafts).values():
        suspects |= column.isin(doubled).to_numpy()
    bodies = _objects(body)
    messages = [""] * len(bodies)
    for i in np.flatnonzero(suspects).tolist():
        match = pattern.search(bodies[i])
        messages[i] = f"repeated word: {match.group(0)!r}" if match else ""
    found = pd.Series(messages, index=drafts.index, dtype="str")
    return found != "", "R8", "error", found


def _free_text(drafts: pd.DataFrame) -> dict[str, pd.Series]:
    return {c: drafts[c].fillna("").astype("str") for c in _FREE_TEXT if c in drafts}


def _distinct_texts(drafts: pd.DataFrame, body: pd.Series) -> tuple[list[str], list[str]]:
    """One sample body per template shape, and every distinct sheet value put into bodies."""
    shape = [drafts["template"], drafts["variant"]] + [
        drafts[c].isna() for c in _FREE_TEXT if c in drafts
    ]
    samples = body.groupby(shape, sort=False).head(1).unique().tolist()
    values = pd.concat(list(_free_text(drafts).values()) or [pd.Series(dtype="str")])
    return samples, [v for v in values.unique().tolist() if v]


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
    drafts: pd.DataFrame,
    body: pd.Series,
    arrow: pa.Array,
    known_words: tuple[str, ...] | list[str],
) -> tuple[pd.Series, str, str, pd.Series]:
    """R8: unknown words, looked up once per distinct text, with a suggestion."""
    known = _words([str(w) for w in known_words]) | _workplace_words()
    for column in _PROPER:
        if column in drafts:
            known |= _words(drafts[column].dropna().astype("str").unique().tolist())
    samples, values = _distinct_texts(drafts, body)
    unknown = _unknown(_words(samples + values) - known)
    per_draft: list[set[str]] = [set() for _ in range(len(drafts))]
    # Sheet values: each draft gets the unknown words of its own values.
    in_value = {v: found for v in values if (found := _words([v]) & unknown)}
    for sheet_values in _free_text(drafts).values():
        cells = _objects(sheet_values)
        for i in np.flatnonzero(sheet_values.isin(in_value).to_numpy()).tolist():
            per_draft[i] |= in_value[cells[i]]
    # Template text: its unknown words are searched for in every body, in one fast pass.
    in_template = unknown - set().union(*in_value.values())
    if in_template:
        alternatives = "|".join(map(re.escape, sorted(in_template, key=len, reverse=True)))
        pattern = rf"(?i)(?:^|[^\p{{L}}'’])(?:{alternatives})(?:$|[^\p{{L}}'’])"
        bodies = _objects(body)
        for i in np.flatnonzero(_matches(arrow, pattern)).tolist():
            per_draft[i] |= _words([bodies[i]]) & in_template
    described = {w: _describe(w) for w in unknown}
    messages = pd.Series(
        [
            "unknown word(s): " + ", ".join(described[w] for w in sorted(found)) if found else ""
            for found in per_draft
        ],
        index=drafts.index,
        dtype="str",
    )
    return messages != "", "R8", "warning", messages


def _describe(word: str) -> str:
    suggestion = _spellchecker().correction(word)
    return f"{word!r}" + (
        f" (did you mean {suggestion!r}?)" if suggestion not in (None, word) else ""
    )


def _unknown(words: set[str]) -> set[str]:
    """Words the dictionary does not know; possessives and contractions are judged by stem."""
    checker = _spellchecker()
    stems = {w: re.sub(r"'(?:s|t|re|ve|ll|d|m)$", "", w) for w in words}
    missing = checker.unknown({s for s in stems.values() if len(s) > 1})
    return {w for w, s in stems.items() if s in missing}
