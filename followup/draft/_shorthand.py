"""Shorthand in a jotted note: spelled out where it means one thing ("mgr", "w/o",
"esp."), sent back for a rewrite where it could mean several ("comp", "rn").

The shorthand and what it stands for are in :data:`followup.draft._lexicon.SHORTHAND`.
"""

from __future__ import annotations

import re

from followup.draft import _lexicon as words
from followup.draft._wording import Note, unusable

SHORTHAND = re.compile(
    r"(?<![\w/])(" + "|".join(re.escape(k) for k in sorted(words.SHORTHAND, key=len, reverse=True))
    + r")(?![\w/])(\.)?",
    re.IGNORECASE,
)  # fmt: skip


def expand_shorthand(text: str) -> tuple[str, list[str]]:
    """Shorthand spelled out where it is unambiguous; the ambiguous ones are returned. The
    full stop of an abbreviation goes with it ("approx. 40" → "approximately 40").

    >>> expand_shorthand("the roadmap, esp. pricing w/ approx. 3 mgrs.")
    ('the roadmap, especially pricing with approximately 3 managers.', [])
    """
    unclear: list[str] = []

    def spell(match: re.Match[str]) -> str:
        word, stop = match.group(1), match.group(2) or ""
        full = words.SHORTHAND[word.lower()] if word not in ("R", "U") else word
        if not full:
            around = text[match.start() - 1 : match.start()] + text[match.end() : match.end() + 1]
            if not word.isupper() and "-" not in around:  # HR, ENG: acronyms; "co-op": a word
                unclear.append(word)
            return word + stop
        return full + ("" if word.lower() in words.ABBREVIATIONS else stop)

    return SHORTHAND.sub(spell, text), unclear


def shorthand_problem(unclear: list[str], kind: str) -> Note | None:
    if not unclear:
        return None
    listed = ", ".join(repr(u) for u in unclear)
    return unusable(
        "note_shorthand",
        f"uses shorthand that could mean more than one thing ({listed})",
        f"spell {listed} out in the {kind}",
    )
