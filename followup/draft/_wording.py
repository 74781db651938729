"""What every note adapter shares: the :class:`Note`, the checks any note must pass, and
the patterns that read note-speak (a jotted note is tidied first, by
:func:`followup.draft._tidy.clean`).

The word lists behind the patterns are in :mod:`followup.draft._lexicon`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from typing import NamedTuple

from followup._regex import key_words, rules_out
from followup.draft import _lexicon as words

#: Note shapes that carry the talking point, and those that ask something.
PERSONAL_SHAPES = ("topic", "statement", "news", "shared", "occasion", "pastime")
QUESTION_SHAPES = ("question", "wonder", "wish")
MAX_NOTE_WORDS = 30
#: What is left of a note that says nothing once its lead-in is gone ("Loved it!").
VAGUE = frozenset(words.VAGUE)


class Note(NamedTuple):
    """A note as the letter will carry it, or why it cannot (``shape == "unusable"``)."""

    text: str
    shape: str
    code: str = ""  # a finding code when the note needs a rewrite
    problem: str = ""
    suggestion: str = ""


EMPTY = Note("", "")


def alternatives(phrases: tuple[str, ...] | list[str]) -> str:
    """A regex group matching any of ``phrases`` as whole words, longest first."""
    return _alternatives(tuple(phrases))


@cache  # notes are adapted one by one, and some of their patterns are built on the way
def _alternatives(phrases: tuple[str, ...]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + ")"


EMOJI = re.compile(  # the emoji of Misc Technical and of the arrows, not ⌀ or ⌘
    "[\U0001f000-\U0001faff\u231a\u231b\u2328\u23cf\u23e9-\u23fa\u2600-\u27bf"
    "\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\ufe0f\u200d]"
)

MONEY = re.compile(
    r"[$€£]\s?\d[\d,.]*\s?[kKmM]?\b|\b\d+(?:[.,]\d+)?\s?[kK]\b(?!\s*(?:run|race))|[$€£]{2,}|"
    r"\bquota\s+(?:of\s+)?[$€£]?\d[\d,.]*\s?[kKmM]?\b|\b\d\d/\d\d\s+split\b"
)  # "$85k", "120k", "$$" for money itself, a quota's figure and a pay split ("60/40 split")

#: Not "pain points" nor "confidential computing".
PRIVATE = re.compile(rf"\b{alternatives(words.PRIVATE)}\b(?!\s+(?:points?|computing)\b)", re.I)
PRIVATE_WORDS = key_words(words.PRIVATE)


def private_words(text: str) -> Iterator[re.Match[str]]:
    """Each private word or phrase in ``text`` (:data:`PRIVATE`), looked for only in a note
    that holds one of their key words (:func:`followup._regex.rules_out`).

    >>> [m[0] for m in private_words("the SIGNING BONUS; off the record")]
    ['SIGNING BONUS', 'off the record']
    >>> all(next(private_words(f"(note: {p.upper()}!)"), None) for p in words.PRIVATE)
    True
    """
    return iter(()) if rules_out(PRIVATE_WORDS, text) else PRIVATE.finditer(text)


LEAD_IN = re.compile(
    rf"^(?:{alternatives(words.LEAD_IN_SUBJECTS)}\s+)?{alternatives(words.LEAD_INS)}\s+with\s+"
    r"(?:\S+\s+){1,3}?(?:about|regarding)\s+(?=\S)|"  # "talked w/ Chris about SEO"
    rf"^(?:{alternatives(words.LEAD_IN_SUBJECTS)}\s+)?(?:{alternatives(words.HEDGES)}\s+)?"
    rf"{alternatives(words.LEAD_INS)}(?:\s+{alternatives(words.LEAD_IN_LINKS)})?:?\s+"
    r"(?=\S)(?!(?<=\b(?:talk|chat)\s)(?:at|in|from|for|to|with)\b)|"  # "talk at X": a noun
    rf"^(?:(?:a|an|the|our|my)\s+)?(?:{alternatives(words.TALK_ADJECTIVES)}\s+)?"
    r"(?:convo|conversation|discussion|chat|talk)\s+(?:about|on|around|regarding|of)\s+(?=\S)|"
    r"^(?:about|regarding|concerning)\s+(?=\S)",  # "re: roadmap" is read "about roadmap"
    re.IGNORECASE,
)
SHARED = re.compile(
    r"^(?:we\s+both|we\s+are\s+both|we're\s+both|we\s+each|both\s+of\s+us|we\s+share|"
    r"we\s+have\s+.+\s+in\s+common|turns\s+out\s+we\s+both)\b",
    re.IGNORECASE,
)


TO_ASK = re.compile(
    rf"^(?:todo:?\s*|to\s*do:?\s*|note\s+to\s+self:?\s*|remember\s+to\s+|need\s+to\s+|"
    rf"must\s+|should\s+|want\s+to\s+|wanted\s+to\s+)?{alternatives(words.TO_ASK)}\b"
    r"(?:\s+(?:him|her|them|the\s+team|the\s+recruiter))?(?:\s+(?:about|on|re|regarding|for))?"
    r"[\s:]+",
    re.IGNORECASE,
)


QUESTION_PREFIX = re.compile(
    r"^(?:q|question|qs|questions)(?:\s*[:\-–]\s*|\s+(?:about|on)\s+)", re.IGNORECASE
)  # "Q: ...", "Q re: on-call" (read "Q about on-call")


#: A screen in a lab, not an interview: "the CRISPR screen on kelp", "a protein screen".
LAB_SCREEN = re.compile(
    r"\b(?!(?:the|a|an|my|our|your|their|this|that|phone|video|zoom|quick|short|first|"
    r"initial|second|final|recruiter|hr|intro|technical|tech)\b)\w+\s+screen\b",
    re.I,
)

TO_DO = re.compile(  # "prep: review HEDIS measures" is a label; "prep work for ..." is not
    rf"^(?:(?:prep|reminder)\s*:|(?:todo:?\s*|to\s*do:?\s*|note\s+to\s+self:?\s*|need\s+to\s+|"
    rf"must\s+)?(?:{alternatives(words.TO_DO)}\b|{alternatives(words.TO_DO_BEFORE_OBJECT)}\s+"
    rf"(?:{alternatives(words.OWN_THINGS)}\b|(?-i:[A-Z]))))",
    re.IGNORECASE,
)

FIRST_PERSON_START = re.compile(r"^(?:i|i'm|i've|i'd|i'll|me\s+and|my\s+\w+\s+and\s+i)\b", re.I)

FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|myself|we|we're|us|our)\b", re.I)
DISCUSSED_AT_END = re.compile(
    r"\s+(?:that\s+)?(?:we|you\s+and\s+I|I)\s+(?:discussed|talked\s+about|covered|went\s+over|"
    r"chatted\s+about|spoke\s+about|touched\s+on)$",
    re.IGNORECASE,
)
THEY = re.compile(r"\bthey(?:'re|'ve|'d|'ll)?\b", re.IGNORECASE)
WE_START = re.compile(r"^we\b(?!\s+both)", re.IGNORECASE)

HE_SHE = re.compile(r"\b(?:he|she|him|his|her|hers|himself|herself|he's|she's|he'd|she'd)\b", re.I)


#: Someone's saying, up to the words the letter can carry ("... said that the team ..."),
#: after who said it: the interviewer (REPORTED), or someone named (``_clauses``).
SAYING = (
    r"\s+(?:said|says|mentioned|mentions|told\s+me|explained|noted|shared)\s+"
    r"(?:that\s+)?(?!(?:it|this|that|these|those|i|we|he|she|him|her|me)\b)(?=\w)"
)
REPORTED = re.compile(rf"^(?:he|she|they){SAYING}", re.IGNORECASE)

LEADING_POSSESSIVE = re.compile(r"^(?:their|his|her)\s+(?=\w)", re.IGNORECASE)

#: "'s" for "is": "the team's hiring again", "Maria's running the migration"; before a noun,
#: the word in -ing is the noun's ("Dana's forecasting work").
IS_CONTRACTED = re.compile(
    rf"(?<=\w)'s(?=\s+\w+ing\s+{alternatives((*words.DETERMINERS, *words.AFTER_A_VERB))}\b)",
    re.IGNORECASE,
)
AUX = re.compile(
    rf"\b{alternatives(words.AUXILIARIES)}\b|"
    r"\b(?:it|that|there|here|what|who|he|she|where|how)'s\b|\w'(?:re|ve|ll)\b|"
    + IS_CONTRACTED.pattern,
    re.IGNORECASE,
)

QUESTION_OPENING = re.compile(
    r"^(?:(?:how|what|why|when|where|who|which)(?:'s|\s+(?:is|are|was|were|do|does|did|"
    r"can|could|will|would|should|has|have)\b|"
    r"\s+(?:much|many|long|soon|often|big|large)\b"  # not "how much you care": a topic
    r"(?!\s+(?:you|they|we|it|he|she|your|their|our|the\s+team)\b))|"
    r"(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have|may|might)\s)",
    re.IGNORECASE,
)

IMPRESSION = re.compile(rf"^{alternatives(words.IMPRESSIONS)}\b", re.IGNORECASE)

EMBEDDED = re.compile(rf"^{alternatives(words.QUESTION_WORDS)}\b", re.IGNORECASE)

#: A plural noun ("analysts"), not a word that only ends in s ("does", "perhaps").
_PLURAL = (
    r"\b(?!(?:does|this|thus|plus|always|perhaps|across|unless|various|previous)\b)"
    r"[a-z]{2,}[^s\W]s\s+"
)
#: A plural noun and a verb or two, before "their own": "do engineers pick their own tools".
_PLURAL_OWNER = re.compile(rf"{_PLURAL}(?:\w+\s+){{0,2}}$", re.IGNORECASE)
#: A plural noun and its verb, right before "their" or a preposition before it (not "are
#: on", "does" or "in"): "how analysts split their time", "associates staffed on their ...".
_PLURAL_DOER = re.compile(
    rf"{_PLURAL}(?!{alternatives((*words.AUXILIARIES, *words.PREPOSITIONS))}\b)[a-z]+\s+"
    rf"(?:{alternatives(words.PREPOSITIONS)}\s+)?$",  # "associates (are) staffed on their ..."
    re.IGNORECASE,
)


def _their_as_reader(found: re.Match[str]) -> str:
    """Turn "their" into "your" ("their roadmap"), except where a plural noun before owns it:
    "their own" after the noun and a verb or two, "their" right after the noun and its verb
    ("how analysts split their time"), or after "the students'" ("... about their theses")."""
    before = found.string[: found.start()]
    own = found.string[found.end() :].lower().startswith(" own") and _PLURAL_OWNER.search(before)
    kept = own or _PLURAL_DOER.search(before) or re.search(r"\ws'\s", before)  # "students' X"
    return found[0] if kept else "your"


THEY_AS_READER: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"^they\b", re.I), "you"),
    (re.compile(r"^their\b", re.I), "your"),
    (
        re.compile(r"\b(is|are|do|does|did|can|could|will|would|should|have|has)\s+they\b", re.I),
        r"\1 you",
    ),
    (re.compile(r"\b(whether|if|how|what|when|why|where)\s+they\b", re.I), r"\1 you"),
    (re.compile(r"\btheir\b", re.I), _their_as_reader),
)
#: In a question, "them" is the reader ("can I meet them?"); in a talking point, seldom.
THEM_AS_READER = (re.compile(r"\bthem\b", re.I), "you")


_NOT_ABBREVIATED = "".join(rf"(?<!\b(?i:{re.escape(a)})\.)" for a in words.ABBREVIATIONS)
#: Where a note's sentences meet: after a full stop, but not the one of "St." or "e.g.".
SENTENCE_BREAK = re.compile(rf"(?<=[.!?]){_NOT_ABBREVIATED}\s+(?=\w)")
#: Where a note's parts meet: a sentence break, a spaced dash or slash, a semicolon.
PART_BREAK = re.compile(rf"{SENTENCE_BREAK.pattern}|\s+[-–—/]\s+|;\s*")
#: A word that links a part to the one before ("; then the roadmap", "+ pricing"): not a
#: word of the part.
LINK_WORD = re.compile(r"^(?:also|and|plus|then|but|so)\s+", re.IGNORECASE)
#: A vague word ending a phrase that it adds nothing to: "the compliance stuff".
FILLER = re.compile(r"(?<=\w)\s+stuff$")


OBJECT_OF_ASKING = re.compile(
    r"\b(?:asked|ask|mentioned|talked|learned|heard|told\s+(?:him|her|them))\s+"
    r"(?:about|re|regarding|of)?\s*(?P<object>[^,;.!?]+?)(?=\s+and\s|\s+but\s|[,;.!?]|$)",
    re.IGNORECASE,
)


def strip_end(text: str) -> str:
    """Without the full stops, exclamation marks and ellipses a jotted note ends with."""
    return re.sub(r"[\s.!…]+$", "", text)


@cache
def common_words() -> frozenset[str]:
    """The 30,000 most frequent English words (``common_words.txt``): a capital on one of
    them only starts the note."""
    text = (resources.files("followup.draft") / "data" / "common_words.txt").read_text("utf-8")
    listed = (w for w in text.splitlines() if not w.startswith("#"))
    return frozenset(listed) - {*words.PROPER_WORDS, *words.PLACES}


def lower_first(text: str) -> str:
    """``"Team offsite in Lisbon"`` → ``"team offsite in Lisbon"``; names and acronyms kept.

    >>> [lower_first(t) for t in ("Playtesting data", "Chicago marathon", "A/B tests")]
    ['playtesting data', 'Chicago marathon', 'A/B tests']
    """
    tokens = text.split(maxsplit=2)
    if not tokens or not tokens[0][:1].isupper() or _has_inner_capital(tokens[0]):
        return text
    first = re.sub(r"[^\w'-]", "", tokens[0]).split("-")[0].lower()
    if words.CASED.get(first, "").split(" ")[0] == tokens[0]:  # "Mandarin", "Excel"
        return text
    common = first in common_words() or first in words.DETERMINERS
    if not common and not first.endswith(_NOUN_ENDINGS):
        return text
    if len(tokens) > 1 and tokens[1][:1].isupper() and not tokens[1].isupper():
        return text  # "New York office", "Machine Learning team": a name
    return text[0].lower() + text[1:]


#: Endings of common nouns, rarely of names: "Playtesting data", "Elasticity modeling".
_NOUN_ENDINGS = ("ing", "ity", "tion", "sion", "ment", "ness", "ics", "ance", "ence", "ism",
                 "ology")  # fmt: skip


def _has_inner_capital(token: str) -> bool:
    """``"A/B"``, ``"iOS"``, ``"McKinsey"``: capitals past the first letter mark a name."""
    return any(ch.isupper() for ch in token[1:])


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def count_words(text: str) -> int:
    return len(text.split())


def unusable(code: str, problem: str, suggestion: str) -> Note:
    return Note("", "unusable", code, problem, suggestion)


def as_list(text: str) -> str:
    """A list of short items, or of parts on their own lines, joined as a list:
    "roadmap, hiring, tooling" → "roadmap, hiring and tooling"."""
    parts = [LINK_WORD.sub("", p.strip()) for p in PART_BREAK.split(text)]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    items: list[str] = []
    for item in (i.strip() for i in re.split(r",(?!\d)", text)):  # "analytics, with Amplitude"
        if items and re.match(r"(?:with|via|using|in|at|for)\s", item, re.IGNORECASE):
            items[-1] += " " + item
        else:
            items.append(item)
    if len(items) == 1:
        return items[0]
    if all(1 <= count_words(i) <= 5 for i in items) and " and " not in text:
        return ", ".join(items[:-1]) + " and " + items[-1]
    return text


def with_article(role: str) -> str:
    """ "a" or "an" by the sound of the role's first word, an acronym by its letters' names.

    >>> [with_article(r) for r in ("Analyst", "UX Designer", "SEO Lead", "User Researcher", "")]
    ['an Analyst', 'a UX Designer', 'an SEO Lead', 'a User Researcher', '']
    """
    if not role:
        return role
    first = role.split(maxsplit=1)[0]
    if first.isupper() and len(first) > 1:  # spelled out: "an SEO", "a UX"
        vowel = first[0] in "AEFHILMNORSX"
    else:
        word = first.lower()
        vowel = word[:1] in "aeiou" and not word.startswith(("uni", "use", "usu", "eu", "one"))
        vowel = vowel or word.startswith(("hour", "honest", "honor", "heir"))
    return ("an " if vowel else "a ") + role


def head_word(phrase: str) -> str:
    """The word a phrase is about: its last before any preposition, lower case.

    >>> [head_word(p) for p in ("sepsis champion on my unit", "roadmap for 2027", "Q1 plan")]
    ['champion', 'roadmap', 'plan']
    """
    core = re.split(rf"\s+{alternatives(words.PREPOSITIONS)}\s+", phrase, maxsplit=1)[0].split()
    return re.sub(r"[^\w-]", "", core[-1]).lower() if core else ""
