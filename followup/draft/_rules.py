"""Checking drafts against the follow-up rules R1–R8 of DESIGN.md.

:func:`check_drafts` returns *findings*: one row per rule a draft breaks,
with a severity (``error`` must be fixed before sending; ``warning`` is
worth a look) and a message that names the interviewer.

Proofreading (R8) lives in :mod:`followup.draft._proofread`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from followup._clock import resolve_now
from followup.draft._proofread import doubled_words, matches, misspellings, objects
from followup.schema import BY_CODE, FINDING_COLUMNS

if TYPE_CHECKING:
    pass

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
_GREETING = r"\A[^\n]{1,80}[,:!][ \t]*\n"
_SIGN_OFF = r"\n[ \t]*\n[^\n]{1,40},[ \t]*\n[^\n]*\s*\z"
_SPLIT_SENTENCES = r"[.!?][ \t\n]+"


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
        ``draft_id``, ``rule`` (R1–R8), ``code`` (stable, one of
        :data:`~followup.schema.CODES`), ``severity`` (``error``/``warning``) and
        ``message``; empty when every draft passes.

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
        code: str,
        severity: str,
        message: pd.Series | np.ndarray | str,
    ) -> None:
        """Findings with ``code`` (its rule from :data:`~followup.schema.CODES`) where ``mask``."""
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            messages = np.broadcast_to(np.asarray(message, dtype=object), mask.shape)
            found.append(
                pd.DataFrame(
                    {
                        "_at": np.flatnonzero(mask),
                        "draft_id": drafts["draft_id"].to_numpy()[mask],
                        "rule": BY_CODE[code].rule,
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
        "overdue by " + lateness + "; send it today (late beats never)",
    )

    recipients = drafts["interviewer_email"].fillna("").astype("str")
    add(
        recipients.str.contains(r"[,; \t]", regex=True) | (recipients == ""),
        "not_one_recipient",
        "error",
        "the To field must hold exactly one address: " + recipients,
    )
    repeated = drafts.duplicated(["interview_id", "interviewer_email"], keep="first")
    add(repeated, "second_draft", "error", "a second draft to " + who + " for the same interview")

    add(
        text["talking_point"] == "",
        "no_talking_point",
        "warning",
        "no talking point for " + who + ": add what you discussed with them",
    )
    bodies = body.to_numpy(dtype=object)  # plain str objects: fast to loop over
    absent = [
        bool(t) and t not in b for t, b in zip(objects(text["talking_point"]), bodies, strict=True)
    ]
    add(
        absent,
        "talking_point_missing",
        "error",
        "the talking point for " + who + " is not in the body",
    )
    add(*_shared_wording(drafts, core, who))

    add(
        ~matches(arrow, _GRATITUDE),
        "no_thanks",
        "error",
        "no thanks to " + who + ": thank them for their time",
    )

    interested = drafts["interested"].astype(bool)
    lower = objects(body.str.lower())
    role, company = (objects(drafts[c].astype("str").str.lower()) for c in ("role", "company"))
    names_role = np.array([r in b and c in b for r, c, b in zip(role, company, lower, strict=True)])
    add(
        interested & ~(names_role & matches(arrow, _INTEREST)),
        "no_interest",
        "error",
        "does not restate interest in the "
        + drafts["role"].astype("str")
        + " role at "
        + drafts["company"].astype("str"),
    )
    add(
        ~interested & matches(arrow, _ENTHUSIASM),
        "feigned_enthusiasm",
        "error",
        "sounds eager although you are no longer interested; keep it to gratitude",
    )

    paragraphs, words = _paragraphs_and_words(core, body.index)
    add(
        paragraphs > MAX_PARAGRAPHS,
        "too_many_paragraphs",
        "error",
        paragraphs.astype("str") + f" paragraphs; keep it to {MAX_PARAGRAPHS} short ones",
    )
    add(
        words > MAX_WORDS,
        "too_long",
        "warning",
        words.astype("str") + f" words; aim for {MAX_WORDS} at most",
    )

    asked = [not q or q in b for q, b in zip(objects(text["question"]), bodies, strict=True)]
    add(
        ~np.array(asked, dtype=bool),
        "question_not_asked",
        "error",
        "the question for " + who + " is not asked: " + text["question"],
    )

    suspects = matches(arrow, _PLACEHOLDER)
    placeholder = body[suspects].str.extract(f"({_PLACEHOLDER})", expand=False)
    add(
        suspects,
        "placeholder",
        "error",
        "leftover placeholder " + placeholder.reindex(body.index).fillna(""),
    )
    add(*doubled_words(drafts, body, arrow))
    add(*misspellings(drafts, body, arrow, known_words))

    if not found:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in FINDING_COLUMNS})
    findings = pd.concat(found, ignore_index=True).sort_values(["_at", "rule"], kind="stable")
    findings = findings.drop(columns="_at").reset_index(drop=True)
    return findings[list(FINDING_COLUMNS)].astype("str")


def finding_counts(findings: pd.DataFrame) -> dict[tuple[str, str], int]:
    """How many findings per (rule, severity).

    >>> finding_counts(pd.DataFrame({"rule": ["R1", "R1", "R8"],
    ...                              "severity": ["warning", "warning", "error"]}))
    {('R1', 'warning'): 2, ('R8', 'error'): 1}
    """
    counts = findings.groupby(["rule", "severity"]).size().reset_index(name="n")
    return {(str(r), str(s)): int(n) for r, s, n in counts.to_numpy().tolist()}


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
    return counts > 0, "shared_wording", "warning", message
