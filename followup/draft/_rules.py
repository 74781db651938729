"""Checking drafts against the follow-up rules R1–R8 of DESIGN.md.

:func:`check_drafts` returns *findings*: one row per rule a draft breaks,
with a severity (``error``: fix it before sending; ``warning``: worth a look;
``info``: what followup assumed) and a message that names the interviewer and
quotes the text. It reads edited drafts as well as rendered ones: the notes
are adapted again (once per distinct note), so a talking point counts as
present in the form the letter carries it, and a note that could not be used
is reported with a suggested rewrite, never asked to be put back.

Proofreading (R8) is in :mod:`~followup.draft._slips` (the slips in a body),
:mod:`~followup.draft._proofread` (spelling, repeated words) and
:mod:`~followup.draft._style` (style).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from followup._arrow import text_array
from followup._clock import resolve_now
from followup.draft import _lexicon as words
from followup.draft._checkin_rules import THANK_YOU_ONLY, checkin_findings
from followup.draft._note_rules import check_notes, letter_notes, text_column
from followup.draft._proofread import doubled_words, matches, misspellings, objects
from followup.draft._roles import letter_companies, letter_roles
from followup.draft._slips import find_slips, letter_cores
from followup.draft._style import style
from followup.draft._when import days_ahead
from followup.schema import BY_CODE, FINDING_COLUMNS

MAX_PARAGRAPHS = 3
MAX_WORDS = 150
SHARED_SENTENCE_WORDS = 6

#: What a finding says, per draft or for all.
Message = pd.Series | np.ndarray | str
_GRATITUDE = r"(?i)\b(?:thank|thanks|grateful|appreciated?|gratitude)\b"
_INTEREST = (
    r"(?i)\b(?:interest(?:ed)?|excited|eager|keen|glad to|look forward|hop(?:e|ing) to|"
    r"join(?:ing)?|contribut(?:e|ing)|opportunity)\b"
)
_ENTHUSIASM = r"(?i)\b(?:excited|eager|thrilled|keen|can't wait|cannot wait|dream job)\b"
_PLACEHOLDER = (
    r"\{\{|\}\}|\{%|%\}|\[(?:[A-Z][A-Za-z ]{0,30})\]|\bTODO\b|\bTBD\b|\bXXX\b|"
    r"<(?:insert|name|company)[^>]*>|(?i:lorem ipsum)"
)


def check_drafts(
    drafts: pd.DataFrame,
    *,
    now: pd.Timestamp | str | None = None,
    known_words: tuple[str, ...] | list[str] = (),
    proofread_bodies: bool = False,
) -> pd.DataFrame:
    """Findings for every rule each draft breaks.

    Parameters
    ----------
    drafts
        From :func:`~followup.render_drafts`, or read back from edited files.
    now
        The moment for R1 (default: the clock).
    known_words
        Extra words to accept as spelled right (jargon, product names).
    proofread_bodies
        Also run the style checks (proselint) over every whole body, not only over
        the text that came from the sheet: for drafts edited by hand.

    Returns
    -------
    DataFrame
        ``draft_id``, ``rule`` (R1–R8), ``code`` (stable, one of
        :data:`~followup.schema.CODES`), ``severity`` (``error``, ``warning`` or
        ``info``) and ``message``; empty when every draft passes.

    Examples
    --------
    >>> import followup
    >>> recipients, _ = followup.read_interviews("data/interviews.csv")
    >>> drafts = followup.render_drafts(recipients, sender="Avery Quinn <avery@example.com>",
    ...                                 now="2026-11-25 09:00")
    >>> findings = check_drafts(drafts, now="2026-11-25 09:00")
    >>> findings.groupby(["code", "severity"]).size()
    code           severity
    greeting_name  info         1
    not_yet_held   info         3
    overdue        warning     16
    dtype: int64
    """
    moment = resolve_now(now)
    body = drafts["body"].astype("str")
    arrow = text_array(body)  # searched with RE2 directly: see matches()
    core = letter_cores(arrow)  # checks that read only the core run once per distinct one
    who = drafts["interviewer_name"].fillna(drafts["interviewer_email"]).astype("str")
    notes = letter_notes(drafts)
    found: list[pd.DataFrame] = []

    def add(
        mask: pd.Series | np.ndarray | list[bool],
        code: str,
        severity: str,
        message: Message | Callable[[], Message],
        rule: str = "",
    ) -> None:
        """Findings with ``code`` (its rule from :data:`~followup.schema.CODES`) where ``mask``;
        a ``message`` given as a function is built only when some draft breaks the rule."""
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            said = message() if callable(message) else message
            messages = np.broadcast_to(np.asarray(said, dtype=object), mask.shape)
            found.append(
                pd.DataFrame(
                    {
                        "_at": np.flatnonzero(mask),
                        "draft_id": drafts["draft_id"].to_numpy()[mask],
                        "rule": rule or BY_CODE[code].rule,
                        "code": code,
                        "severity": severity,
                        "message": messages[mask],
                    }
                )
            )

    late = (moment - drafts["due_at"]).dt.total_seconds() / 3600
    amount = np.where(late < 48, late, late / 24).round(0).clip(min=1).astype("int64")
    unit = np.where(late < 48, " hour", " day") + np.where(amount == 1, "", "s")
    lateness = amount.astype("str") + unit
    add(
        late > 0,
        "overdue",
        "warning",
        lambda: "overdue by " + lateness + "; send it today (late beats never)",
    )
    later_day = _on_a_later_day(drafts, moment)
    add(later_day, "not_yet_held", "info", "the interview is on a later "
        "day; the letter speaks of it as today: send it after the interview, that day")  # fmt: skip
    if "interview_end" in drafts:
        add((drafts["interview_end"] > moment).to_numpy() & ~later_day, "not_yet_held", "info",
            "the interview has not ended yet: send the letter after it")  # fmt: skip

    recipients = drafts["interviewer_email"].fillna("").astype("str")
    add(
        recipients.str.contains(r"[,; \t]", regex=True) | (recipients == ""),
        "not_one_recipient",
        "error",
        lambda: "the To field must hold exactly one address: " + recipients,
    )
    repeated = drafts.duplicated(["interview_id", "interviewer_email"], keep="first")
    add(
        repeated,
        "second_draft",
        "error",
        lambda: "a second draft to " + who + " for the same interview",
    )

    check_notes(add, drafts, notes, body, who)
    add(*_shared_wording(drafts, core, who))

    add(
        ~matches(arrow, _GRATITUDE),
        "no_thanks",
        "error",
        lambda: "no thanks to " + who + ": thank them for their time",
    )

    interested = drafts["interested"].astype(bool)
    add(
        interested & ~(_names_the_role(drafts, body) & matches(arrow, _INTEREST)),
        "no_interest",
        "error",
        lambda: (
            "does not restate interest in the "
            + letter_roles(drafts["role"].astype("str"))
            + " role at "
            + letter_companies(drafts["company"].astype("str"))
        ),
    )
    add(
        matches(arrow, _ENTHUSIASM, where=~interested.to_numpy()),
        "feigned_enthusiasm",
        "error",
        "sounds eager although you are no longer interested; keep it to gratitude",
    )

    paragraphs, words = _paragraphs_and_words(core, body.index)
    add(
        paragraphs > MAX_PARAGRAPHS,
        "too_many_paragraphs",
        "error",
        lambda: paragraphs.astype("str") + f" paragraphs; keep it to {MAX_PARAGRAPHS} short ones",
    )
    add(
        words > MAX_WORDS,
        "too_long",
        "warning",
        lambda: words.astype("str") + f" words; aim for {MAX_WORDS} at most",
    )

    suspects = matches(arrow, _PLACEHOLDER)
    placeholder = body[suspects].str.extract(f"({_PLACEHOLDER})", expand=False)
    add(
        suspects,
        "placeholder",
        "error",
        "leftover placeholder " + placeholder.reindex(body.index).fillna(""),
    )
    slips = find_slips(drafts, core)
    for code, group in slips.groupby("code", sort=False):
        mask = np.zeros(len(drafts), dtype=bool)
        mask[group["at"].to_numpy()] = True
        message = np.full(len(drafts), "", dtype=object)
        message[group["at"].to_numpy()] = group["message"].to_numpy()
        add(mask, str(code), str(group["severity"].iloc[0]), message)
    texts = {c: n["text"] for c, n in notes.items()}
    add(*doubled_words(drafts, body, arrow, texts))
    add(*misspellings(drafts, body, arrow, known_words, texts))
    add(*style(drafts, body, texts, whole_bodies=proofread_bodies))
    checkin = text_column(drafts, "template").to_numpy() == "checkin"
    if checkin.any():  # a check-in has its own rules instead of the thank-you's R1, R3, R5-R7
        for mask, code, severity, message in checkin_findings(
            drafts, core.to_pylist(), paragraphs, words
        ):
            add(mask, code, severity, message)

    if not found:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in FINDING_COLUMNS})
    findings = pd.concat(found, ignore_index=True)
    ignored = checkin[findings["_at"].to_numpy()] & findings["code"].isin(THANK_YOU_ONLY)
    findings = findings[~ignored].sort_values(["_at", "rule"], kind="stable")
    findings = findings.drop(columns="_at").reset_index(drop=True)
    table: pd.DataFrame = findings[list(FINDING_COLUMNS)].astype("str")
    return table


def _names_the_role(drafts: pd.DataFrame, body: pd.Series) -> np.ndarray:
    """Whether each body names its role and its company, in any case (the bodies as Python
    text live only here: 15,000 of them are about 11 MB)."""
    lower = objects(body.str.lower())
    role = objects(letter_roles(drafts["role"].astype("str")).str.lower())
    company = objects(letter_companies(drafts["company"].astype("str")).str.lower())
    return np.array([r in b and c in b for r, c, b in zip(role, company, lower, strict=True)])


def _on_a_later_day(drafts: pd.DataFrame, moment: pd.Timestamp) -> np.ndarray:
    """Whether each interview falls on a day after ``moment``'s, in the interview's zone."""
    if "interview_start" not in drafts:
        return np.zeros(len(drafts), dtype=bool)
    zones = text_column(drafts, "timezone").replace("", "UTC").reset_index(drop=True)
    days = days_ahead(drafts["interview_start"].reset_index(drop=True), zones, now=moment)
    return np.asarray(days > 0, dtype=bool)


def finding_counts(findings: pd.DataFrame) -> dict[tuple[str, str], int]:
    """How many findings per (rule, severity).

    >>> finding_counts(pd.DataFrame({"rule": ["R1", "R1", "R8"],
    ...                              "severity": ["warning", "warning", "error"]}))
    {('R1', 'warning'): 2, ('R8', 'error'): 1}
    """
    counts = findings.groupby(["rule", "severity"]).size().reset_index(name="n")
    return {(str(r), str(s)): int(n) for r, s, n in counts.to_numpy().tolist()}


def _paragraphs_and_words(
    cores: pa.DictionaryArray, index: pd.Index
) -> tuple[pd.Series, pd.Series]:
    """Paragraph and word counts of the bodies' cores, counted once per distinct core."""
    distinct = cores.dictionary
    breaks = pc.count_substring_regex(distinct, r"\n[ \t]*\n[ \t\n]*").to_numpy()
    empty = pc.equal(distinct, "").to_numpy(zero_copy_only=False)
    paragraphs = np.where(empty, 0, breaks + 1)
    words = pc.list_value_length(pc.utf8_split_whitespace(distinct)).to_numpy()
    rows = cores.indices.to_numpy()
    return (
        pd.Series(paragraphs[rows], index=index, dtype="int64"),
        pd.Series(words[rows], index=index, dtype="int64"),
    )


#: An abbreviation's full stop and the space after it ("Sr. Analyst", "e.g. dbt"), in RE2.
_ABBREVIATED = "(?i)(\\b(?:" + "|".join(map(re.escape, words.ABBREVIATIONS)) + ")\\.)\\s+"


def _shared_wording(
    drafts: pd.DataFrame, cores: pa.DictionaryArray, who: pd.Series
) -> tuple[np.ndarray, str, str, np.ndarray]:
    """R3: a sentence of six or more words that a draft shares with another of its panel.

    Each draft names the first such sentence. Each distinct core is split into sentences
    once, and sentences are compared by their dictionary codes, not their text.
    """
    panel = drafts.groupby("interview_id", sort=False)["draft_id"].transform("size") > 1
    at = np.flatnonzero(panel.to_numpy())
    messages = np.full(len(drafts), "", dtype=object)
    if not len(at):
        return messages != "", "shared_wording", "warning", messages
    text = pc.replace_substring(cores.dictionary, "\n", " ")
    text = pc.replace_substring_regex(text, _ABBREVIATED, "\\1\x1e")  # "Sr. Analyst": one
    ends = pc.replace_substring_regex(text, r"([.!?])\s+", "\\1\x1f")  # RE2: no lookbehind
    pieces = pc.split_pattern(ends, "\x1f").take(cores.indices.take(pa.array(at)))
    encoded = pc.dictionary_encode(pc.list_flatten(pieces))  # each distinct sentence once
    words = np.array([len(t.split()) for t in encoded.dictionary.to_pylist()], dtype=np.int64)
    long = words[encoded.indices.to_numpy()] >= SHARED_SENTENCE_WORDS
    sentence = encoded.indices.to_numpy().astype(np.int64)[long]
    position = at[pc.list_parent_indices(pieces).to_numpy()[long]]
    interview = pd.factorize(drafts["interview_id"])[0][position].astype(np.int64)
    # A sentence counts once per draft; then it is shared when two drafts of a panel have it.
    once = np.sort(np.unique(position * len(encoded.dictionary) + sentence, return_index=True)[1])
    position, sentence, interview = position[once], sentence[once], interview[once]
    _, key, count = np.unique(
        interview * len(encoded.dictionary) + sentence, return_inverse=True, return_counts=True
    )
    first_seen = np.full(len(count), len(key))
    np.minimum.at(first_seen, key, np.arange(len(key)))
    shared = np.flatnonzero(count[key] > 1)
    shared = shared[np.lexsort((first_seen[key[shared]], position[shared]))]
    first = shared[np.unique(position[shared], return_index=True)[1]]  # per draft
    texts = [
        t.replace("\x1e", " ")
        for t in encoded.dictionary.take(pa.array(sentence[first])).to_pylist()
    ]
    names = who.to_numpy(dtype=object)[position[first]].tolist()
    messages[position[first]] = [
        f'shares a sentence with another draft to this panel: "{text}"; vary the wording for {name}'
        for text, name in zip(texts, names, strict=True)
    ]
    return messages != "", "shared_wording", "warning", messages
