"""A note of several parts, and the checks any note must pass.

People pack two thoughts into one cell ("credit risk models; what does success look
like in 90 days?"). Such a note cannot go into one sentence whole. When one of its
parts reads well on its own, the letter carries that part, and a warning quotes
the note so the user can check it (``note_shortened``); otherwise the note is sent
back with a rewrite to suggest.

>>> from followup.draft._notes import adapt_talking_point
>>> adapt_talking_point("patient readmission dashboard, asked abt my SQL").text
'the patient readmission dashboard'
>>> adapt_talking_point("phone screen - she said team is growing fast").text
'the team is growing fast'
"""

from __future__ import annotations

import re
from collections.abc import Callable

from followup.draft import _lexicon as words
from followup.draft._style import stock_phrase
from followup.draft._wording import (
    AUX,
    EMOJI,
    FIRST_PERSON,
    HE_SHE,
    IMPRESSION,
    LINK_WORD,
    MAX_NOTE_WORDS,
    MONEY,
    OBJECT_OF_ASKING,
    PART_BREAK,
    QUESTION_SHAPES,
    SENTENCE_BREAK,
    SHARED,
    THEY,
    Note,
    alternatives,
    count_words,
    lower_first,
    private_words,
    unusable,
)

#: The shapes a part may take to be carried alone, by the kind of note; an "occasion"
#: ("the warehouse demo") is carried only when no part says more.
_CARRIED = {
    "talking point": ("topic", "statement", "news", "shared", "pastime"),
    "question": QUESTION_SHAPES,
    "fit": ("background", "quality"),
}


def example_from(text: str, adapt: Callable[[str], Note] | None = None) -> str:
    """A rewrite to suggest: the object of "asked about", "mentioned", ..., else the first
    part of the note (before a full stop, a dash or a comma) when ``adapt`` can use it."""
    if adapt is not None:
        for first in (PART_BREAK.split(text)[0], re.split(r",\s+", text)[0]):
            note = adapt(first) if first != text else None
            if note is not None and note.shape not in ("", "unusable"):
                return f', e.g. "{note.text}"'
    match = OBJECT_OF_ASKING.search(text)
    if match:  # up to a dash or full stop; "his" and "her" before a word are "your"
        phrase = PART_BREAK.split(match.group("object"))[0].strip()
        phrase = re.sub(r"\b(?:his|her)\b(?=\s+\w)", "your", phrase, flags=re.IGNORECASE)
        usable = adapt is None or adapt(phrase).shape not in ("", "unusable")  # passes itself
        if 1 <= count_words(phrase) <= 8 and not HE_SHE.search(phrase) and usable:
            return f', e.g. "{lower_first(phrase)}"'
    return ""


def common_checks(text: str, kind: str, adapt: Callable[[str], Note]) -> Note | None:
    """The problems any note can have: private words, several sentences or thoughts (where
    one part reads alone, the note is shortened to it), a stray symbol, too many words."""
    private = _private(text, kind)
    if private:  # the rest of the note is likely the private remark's context: all of it stays
        return unusable(
            "private_note",
            f"sounds private ({private.group(0).strip()!r})",
            f"keep it in your Notes column, and write the {kind} you want the letter to carry",
        )
    foreign = {w for w in re.findall(r"[^\W\d_]+", text.lower()) if w in _FOREIGN}
    if len(foreign) >= 2:  # "hablamos del equipo de observability"
        return unusable(
            "note_unclear",
            f"reads as another language ({', '.join(sorted(foreign)[:3])}), and the letter is "
            "in English",
            f"write the {kind} in English",
        )
    if kind == "talking point" and (studies := _STUDENTS_OWN.search(text)):
        return unusable(
            "note_he_she",
            f"says {studies[0]!r}, which the letter would make the interviewer's",
            "write it with 'your' for the interviewer and 'my' for the candidate (whose own "
            "work fits the Fit column better)",
        )
    sentences = len(sentences_of(text)) > 1
    several = sentences or later_parts_are_clauses(text)
    impression = IMPRESSION.match(text)  # judged whole by the adapter
    two = kind != "question" and not impression and two_thoughts(text)
    if several or two:
        kept = one_part(text, kind, adapt)
        if kept is not None:
            return kept
    if several:
        return unusable(
            "note_sentences",
            "is several sentences" if sentences else "runs sentences together",
            f"write the {kind} as one short phrase{example_from(text, adapt)}",
        )
    if two:
        return unusable(
            "note_two_parts",
            "joins two thoughts (a comma or dash between them)",
            f"keep one thought, written as a phrase{example_from(text, adapt)}",
        )
    stock = stock_phrase(text)
    if stock:
        return unusable(
            "note_stock_phrase",
            f"leans on a stock phrase ({stock!r}), which reads as filler, so the letter leaves "
            "it out",
            f"write the {kind} in your own words{_without(text, stock, adapt)}",
        )
    stray = STRAY_SYMBOL.search(text)
    if stray:
        return unusable(
            "note_shorthand",
            f"uses {stray.group(0).strip()!r} as a word",
            f"spell it out in words in the {kind}",
        )
    if count_words(text) > MAX_NOTE_WORDS:
        return unusable(
            "note_too_long",
            f"is {count_words(text)} words long",
            f"write the {kind} as one short phrase of a few words",
        )
    return None


#: What ties a stock phrase to the rest of a note: "think outside the box *about* cost
#: dashboards", "at the end of the day *it's (all) about* data quality", "roadmap *is a* can
#: of worms".
_LINKS = ("is", "are", "was", "were", "a", "an", "the", "like", "such")
_TIES = re.compile(
    r"^[\s,;:.!-]*(?:(?:it'?s|it\s+is|is)\s+(?:all\s+)?(?=about\b))?"
    rf"(?:{alternatives(words.PREPOSITIONS)}\b:?)?"
    rf"[\s,;:.!-]*|(?:[\s,;:.!-]+(?:{alternatives((*words.PREPOSITIONS, *_LINKS))}\b))*"
    r"[\s,;:.!-]*$",
    re.IGNORECASE,
)


def _without(text: str, stock: str, adapt: Callable[[str], Note]) -> str:
    """The note without the stock phrase that opens or ends it, as a rewrite to suggest,
    where that reads alone; "" for a phrase in the middle, which leaves no phrase behind.

    >>> from followup.draft._notes import adapt_talking_point
    >>> _without("the low-hanging fruit in onboarding", "low-hanging fruit", adapt_talking_point)
    ', e.g. "onboarding"'
    """
    at = re.escape(stock)
    rest = re.sub(rf"^\s*(?:(?:the|a|an)\s+)?{at}|{at}[\s.!]*$", "", text, flags=re.IGNORECASE)
    rest = _TIES.sub("", rest) if rest != text else ""
    note = adapt(rest) if rest else None
    if note is None or note.shape in ("", "unusable", "occasion"):
        return ""
    return f', e.g. "{note.text}"'


def one_part(text: str, kind: str, adapt: Callable[[str], Note]) -> Note | None:
    """The first part of a note of several that reads well alone, as a ``note_shortened``
    note; None when the note has one part, or none of its parts will do."""
    parts = [LINK_WORD.sub("", p.strip()) for p in PART_BREAK.split(text) if p.strip()]
    if len(parts) < 2:
        parts = comma_items(text, r",\s+")
    if len(parts) < 2 or count_words(text) > MAX_NOTE_WORDS:
        return None
    parts = [_ALSO_AT_END.sub("", p) for p in parts]  # "Kasia - the diary study too"
    notes = [n for n in map(adapt, parts) if n.code in ("", "note_shortened")]
    notes = [n for n in notes if re.search(r"[^\W\d_]{2}", n.text)]  # not "3" of "ch. 3"
    carried = [n for n in notes if n.shape in _CARRIED[kind]]
    carried += [n for n in notes if n.shape == "occasion" and _worth_telling(n)]
    if not carried:
        return None
    # a lone word may be a name ("Kasia - the diary study"): a phrase of more comes first
    note = min(carried, key=lambda n: count_words(n.text) < 2)
    return Note(
        note.text,
        note.shape,
        "note_shortened",
        f'packs {len(parts)} notes into one, so the letter carries only "{note.text}"',
        f"check that this reads right, or write the {kind} as one phrase",
    )


#: How the interview went ("went really well"), or what the candidate made of the reader
#: ("loved her energy": "your energy"): an impression, not something discussed.
WENT_WELL = re.compile(
    r"\b(?:went|going|goes)\s+(?:really\s+|very\s+|super\s+)?"
    r"(?:well|great|smoothly|fine|ok|okay|badly|poorly)\b"
    rf"|^your\s+{alternatives(words.PERSONAL_QUALITIES)}$"  # and what they made of you:
    r"|^(?:he|she|they|the\s+(?:class|students|panel|audience|committee))\s+(?:really\s+|all\s+)?"
    r"(?:liked|loved|enjoyed|appreciated)\b",  # "they liked the tests", "the class loved ..."
    re.IGNORECASE,
)
#: Words that mark a note as a joke or an aside ("lol", "haha").
_LAUGH = re.compile(r"\b(?:lol|lmao|rofl|jk|ha(?:ha)+)\b|[😂🤣😆😅😹]", re.IGNORECASE)


def joke(raw: str) -> Note | None:
    """A note marked as a joke ("the cluster is held together with tape lol"): a letter
    that told it back as news would misread it, so it is sent back; None for any other.

    >>> joke("he said the ops team runs on spreadsheets haha").code
    'note_unclear'
    """
    laugh = _LAUGH.search(raw)
    if laugh is None:
        return None
    return unusable(
        "note_unclear",
        f"reads as a joke or an aside ({laugh.group(0)!r}), which a letter cannot tell back "
        "as news",
        'write the topic itself as a phrase, e.g. "your Kafka cluster"',
    )


_ALSO_AT_END = re.compile(r"\s+(?:too|as well)$", re.IGNORECASE)


#: A whole note in quotation marks, of a saying rather than a title: four words or more, in
#: lower case after the first ("culture eats strategy for breakfast").
_SAYING = re.compile(r"""^\W*["“'‘]\s*[^\W\d_][^"“”]*?\s*["”'’]\W*$""")
#: Words marked as someone's own at the end of a note: "- her words", "(his words!)", "quote".
_WORDS_OF = re.compile(
    r"(?:^|[-–—,;:(]|\s)\s*(?:(?:in\s+)?(?:his|her|their)\s+(?:own\s+)?words|direct\s+quote|"
    r"verbatim)\W*$",
    re.IGNORECASE,
)


def quoted_saying(raw: str) -> Note | None:
    """A talking point that quotes a saying: the letter cannot tell whose words they are, nor
    what they meant to the writer, so it is sent back; None for any other note (a title in
    capitals is a topic: "“Thinking, Fast and Slow”").

    >>> quoted_saying('"culture eats strategy for breakfast" 😂').code
    'note_unclear'
    >>> quoted_saying("WE NEED SOMEONE WHO CAN OWN KAFKA - her words").code
    'note_unclear'
    """
    said = EMOJI.sub("", raw).strip()
    if _WORDS_OF.search(said):  # "WE NEED SOMEONE WHO CAN OWN KAFKA - her words"
        return unusable(
            "note_unclear",
            "quotes the interviewer, and a letter should not hand them their own words back",
            'write what it was about as a phrase, e.g. "the team\'s on-call rotation"',
        )
    if not _SAYING.match(said):
        return None
    words_said = re.findall(r"[^\W\d_][\w'-]*", said)
    if len(words_said) < 4 or sum(w[0].isupper() for w in words_said[1:]) > len(words_said) // 3:
        return None
    return unusable(
        "note_unclear",
        "quotes a saying, and the letter cannot tell whose words they are",
        'write what you discussed as a phrase, e.g. "the team\'s culture"',
    )


def _worth_telling(note: Note) -> bool:
    """An occasion that says something of the interview ("the warehouse demo"), unlike "the
    phone screen", which says nothing a thank-you letter would not."""
    return note.text.split()[-1].lower() not in _BARE_OCCASIONS


#: A student's own work named as "his" or "her" ("her thesis on CRISPR screens"): an
#: adviser's note about the candidate, not about the reader.
_STUDENTS_OWN = re.compile(
    r"\b(?:his|her)\s+(?:[\w-]+\s+){0,2}?(?:thesis|dissertation|capstone|internship|co-?op|"
    r"coursework|gpa|major|minor|senior\s+project|final\s+project|class\s+project|"
    r"portfolio|resume|cv|transcript)\b",
    re.IGNORECASE,
)
_FOREIGN = frozenset(words.FOREIGN_WORDS)
_BARE_OCCASIONS = ("interview", "round", "screen", "screening", "call", "chat", "panel", "session",
                   "lunch", "dinner", "breakfast", "coffee", "drinks", "tour")  # fmt: skip


def _private(text: str, kind: str) -> re.Match[str] | None:
    """A word that sounds private; for a talking point or a question, a sum of money too. A
    question may ask after the team's troubles: "what is the biggest data headache?"."""
    asks = kind == "question" and _WH.match(text)
    found = (m for m in private_words(text) if not (asks and m[0].lower() in _TROUBLES))
    return next(found, None) or (MONEY.search(text) if kind != "fit" else None)


_TROUBLES = frozenset({"pain", "pains", "headache", "headaches", "nightmare"})
_WH = re.compile(
    r"(?i)(?:what|which|how|where|who|when|why)(?:'?s\b|\s+(?:is|are|was|were|do|does|did|can|"
    r"could|will|would|should|has|have)\b)"
)


def sentences_of(text: str) -> list[str]:
    """The sentences of a note ("Talked about drift. Great energy!"): two here."""
    return [part for part in SENTENCE_BREAK.split(text) if part.strip()]


def later_parts_are_clauses(text: str) -> bool:
    """Whether a note goes on, after a full stop, dash or semicolon, with a clause of its
    own ("... - she wants someone to own MMM"), not just more of the same phrase."""
    parts = [p for p in PART_BREAK.split(text) if p.strip()]
    return any(_clause_like(part) or part.rstrip().endswith("?") for part in parts[1:])


def _clause_like(part: str) -> bool:
    """A verb, a person or a clause-opening verb: more than a phrase."""
    return bool(
        AUX.search(part)
        or HE_SHE.search(part)
        or THEY.search(part)
        or FIRST_PERSON.search(part)
        or re.search(r"\byou\b", part, re.IGNORECASE)
        or CLAUSE_START.match(part.strip())
        or IMPRESSION.match(part.strip())  # "warehouse demo, super cool"
        or _JUDGED.match(part.strip())  # "on-call rota, pretty heavy"
    )


_JUDGED = re.compile(rf"^{alternatives(words.DEGREES)}\s+(?!of\b|than\b|a\b)\w", re.IGNORECASE)


STRAY_SYMBOL = re.compile(r"(?<![\d\s])\s*%|(?<!\d)\s%|[~^|#*=<>{}\[\]\\]|\s[@/]\s")


CLAUSE_START = re.compile(
    rf"^(?:{alternatives(words.CLAUSE_VERBS)}|\w+ed|built|did|made|ran|led|cut|grew|won|took|"
    r"wrote|sold|hit|beat|drove|saved|shipped)\b",
    re.IGNORECASE,
)


def two_thoughts(text: str) -> bool:
    """Whether a note joins two thoughts: a dash or semicolon between exactly two parts
    ("fraud detection - rules vs ML"), or a comma that does not make a list of short
    items ("dbt migration, half the models break"; "SQL, Python, Tableau" and "stress
    testing, Monte Carlo" are lists; "4 yrs SQL, Python and Tableau" ends in one).
    After "we both ..." a list is of single words ("we both love hiking, skiing") or ends
    in one ("..., skiing and climbing"); "we both ran marathons, fraud pilot" is two thoughts.

    >>> two_thoughts("we both ran marathons, fraud pilot"), two_thoughts("we both ski, hike")
    (True, False)
    >>> two_thoughts("Basel IV, stress testing, and the new model validation team")
    False
    """
    if len([p for p in PART_BREAK.split(text) if p.strip()]) == 2:
        return True
    items = comma_items(text, r",(?!\d)\s*")  # not "4,000"
    if len(items) < 2:
        return False
    if any(_clause_like(i) for i in items[1:]):
        return True
    ends_a_list = re.search(r"\b(?:and|or)\b", items[-1]) is not None
    if SHARED.match(text) and not ends_a_list:  # a clause of its own, then its objects
        return not all(count_words(i) <= 1 for i in items[1:])
    if len(items) == 2 and not ends_a_list:  # "half the models break": a clause, not an item
        inner = re.search(rf"^\S+\s.*?\b{alternatives(words.DETERMINERS)}\s", items[1], re.I)
        return inner is not None or not all(count_words(i) <= 4 for i in items)
    last = [p for i in items[1:] for p in re.split(r"(?:^|\s+)(?:and|or)\s+", i) if p]
    return not all(count_words(p) <= 5 for p in last)  # "..., and the new validation team"


def comma_items(text: str, comma: str) -> list[str]:
    r"""The parts of a note between the commas that ``comma`` matches; a comma between two
    adjectives ("burned by slow, flaky loads") stays inside its part.

    >>> comma_items("burned by slow, flaky loads, a big, messy migration", r",\s+")
    ['burned by slow, flaky loads', 'a big, messy migration']
    """
    items: list[str] = []
    for item in (i.strip() for i in re.split(comma, text)):
        if items and _AFTER_A_MODIFIER.search(items[-1]) and item and not _clause_like(item):
            items[-1] += ", " + item
        elif item:
            items.append(item)
    return items


#: The end of a part that cannot end a phrase: a preposition or determiner and an adjective
#: ("by slow", "a big", "the messy"); what follows the comma finishes that phrase. The
#: adjective is in lower case: "in Ohio, data mesh" is two parts.
_AFTER_A_MODIFIER = re.compile(
    rf"(?i:(?:^|\s){alternatives(words.PREPOSITIONS + words.DETERMINERS)})\s+"
    rf"(?:{alternatives(words.ADJECTIVES)}|[a-z-]+(?:y|ful|ous|ive|al|ic|less|able|ible|ish))$"
)
