"""The check-in's own rules, which :func:`~followup.check_drafts` applies to drafts whose
``template`` is ``checkin``: thanks again, interest in one sentence, a polite question
about the timeline, no guilt or pressure, at most two short paragraphs.

>>> pressure = _PRESSURE.search("I still haven't heard back and need an answer ASAP.")
>>> pressure[0]
"still haven't heard"
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

MAX_PARAGRAPHS = 2
MAX_WORDS = 100
#: Thank-you rules that do not apply to a check-in (it carries no notes, no panel, no R1).
THANK_YOU_ONLY = frozenset(
    {
        "overdue",
        "no_talking_point",
        "note_is_question",
        "talking_point_missing",
        "shared_wording",
        "no_interest",
        "too_many_paragraphs",
        "too_long",
        "question_not_asked",
        "note_first_person",
        "note_he_she",
        "note_sentences",
        "note_too_long",
        "note_to_self",
        "note_impression",
        "note_unclear",
        "note_shorthand",
        "note_stock_phrase",
        "private_note",
    }
)
_SENTENCE = re.compile(r"[^.!?]+[.!?]+")
_INTEREST = re.compile(
    r"(?i)\b(?:interest(?:ed)?|excited|eager|keen|glad to|look forward|hop(?:e|ing) to|"
    r"join(?:ing)?|contribut(?:e|ing))\b"
)
_TIMELINE = re.compile(
    r"(?i)\b(?:timeline|timing|next steps?|update|decision|where things stand|hear back)\b"
)
_PRESSURE = re.compile(
    r"(?i)\b(?:as soon as possible|asap|urgent(?:ly)?|immediately|right away"
    r"|still (?:have not|haven't|had no|not) heard|(?:have not|haven't) heard back"
    r"|no (?:response|reply|answer) (?:yet|so far)|never heard|ignor(?:e|ed|ing)"
    r"|following up again|another follow[- ]?up|yet another|other offers?|competing offers?"
    r"|deadline|need (?:to know|an answer)|expect (?:an|your) (?:answer|reply)"
    r"|waiting (?:for|since) (?:weeks|days|a while)|disappoint\w*|frustrat\w*"
    r"|why (?:have|haven't)|you (?:said|promised)|reminder|i deserve)"
)


def checkin_findings(
    drafts: pd.DataFrame, core: list[str], paragraphs: pd.Series, words: pd.Series
) -> list[tuple[np.ndarray, str, str, np.ndarray]]:
    """``(mask, code, severity, message)`` per check-in rule, masks over all ``drafts``
    (only check-ins can be flagged); ``core`` is each body without greeting and sign-off."""
    checkin = np.asarray(drafts["template"].astype("str") == "checkin", dtype=bool)
    empty = np.full(len(drafts), "", dtype=object)
    interest, timeline, pressure = empty.copy(), empty.copy(), empty.copy()
    for at in np.flatnonzero(checkin):
        sentences = [s.strip() for s in _SENTENCE.findall(core[at].replace("\n", " "))]
        count = sum(bool(_INTEREST.search(s)) for s in sentences)
        if count != 1:
            interest[at] = f"restates interest in {count} sentences; say it once, in one sentence"
        if not any(s.endswith("?") and _TIMELINE.search(s) for s in sentences):
            timeline[at] = (
                "asks nothing about the timeline; end with a polite question such as "
                "'Could you share any update on the timeline for next steps?'"
            )
        found = _PRESSURE.search(core[at])
        if found:
            pressure[at] = (
                f"sounds like pressure or guilt ({found[0]!r}); keep it to thanks, interest "
                "and a friendly question"
            )
    many = checkin & (paragraphs.to_numpy() > MAX_PARAGRAPHS)
    long = checkin & (words.to_numpy() > MAX_WORDS)
    return [
        (interest != "", "checkin_interest", "error", interest),
        (timeline != "", "checkin_no_timeline", "error", timeline),
        (pressure != "", "checkin_pressure", "error", pressure),
        (
            many,
            "checkin_too_long",
            "error",
            paragraphs.astype("str").to_numpy(dtype=object)
            + f" paragraphs; a check-in keeps to {MAX_PARAGRAPHS} short ones",
        ),
        (
            long & ~many,
            "checkin_too_long",
            "warning",
            words.astype("str").to_numpy(dtype=object) + f" words; aim for {MAX_WORDS} at most",
        ),
    ]
