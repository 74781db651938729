"""A jotted note tidied before it is read: emoji, chat words and asides dropped, note-speak
("w", "->", "re:", "esp.", "6 mo") written out.

Every distinct note of a sheet goes through :func:`clean`, so it is written for speed as
well: each rewrite is a compiled pattern, tried only where the text holds what it rewrites
(a "->" for the arrows, an "(" for asides). A sheet of 100,000 distinct notes spends its
time here and in the adapters, not in pandas.

>>> clean("chatted w Dana re: Airflow -> Dagster migration lol")
'chatted with Dana about Airflow to Dagster migration'

The quick test before the chat words must never skip one:

>>> all(CHAT.search(f"ok {w.title()}") and not rules_out(CHAT_WORDS, f"ok {w.title()}")
...     for w in words.CHAT)
True
"""

from __future__ import annotations

import re
import unicodedata

from followup._regex import key_words, rules_out
from followup.draft import _lexicon as words
from followup.draft._wording import EMOJI, PRIVATE, alternatives, common_words

CHAT = re.compile(rf"\s*\b{alternatives(words.CHAT)}\b", re.IGNORECASE)
CHAT_WORDS = key_words(words.CHAT)
_LAUGH_AT_END = re.compile(r"[\s,]+(?:ha|hah|heh)[\s.!]*$", re.IGNORECASE)  # ", ha"
#: A cell that stands in for no note: "N/A", "TBD", "see notes".
PLACEHOLDER = re.compile(rf"(?:{alternatives(words.PLACEHOLDERS)})[.!?]*", re.IGNORECASE)
CASED = re.compile(  # the longest first: "github actions" before "github"
    rf"(?<![\w-])(?:{'|'.join(sorted(words.CASED, key=len, reverse=True))})(?![\w-])"
)
_WORD = re.compile(r"\w+")
#: Every word of the names CASED writes: any match of it starts with one of them.
_CASED_WORDS = frozenset(_WORD.findall(" ".join(words.CASED)))
_PER = {"wk": "week", "week": "week", "mo": "month", "month": "month", "yr": "year",
        "year": "year", "day": "day"}  # fmt: skip
PER = re.compile(rf"/({'|'.join(_PER)})\b", re.IGNORECASE)
#: An arrow: "to" before a migration ("Airflow -> Dagster migration"), else between two thoughts.
ARROW = re.compile(r"\s*(?:->|→|=>)\s*")
ARROW_TO = re.compile(rf"{ARROW.pattern}(?=\S+(?:\s+\S+)?\s+{alternatives(words.MOVES)}\b)")
_ARROWS = ("->", "→", "=>")
_MOVING_ARROW = re.compile(  # "from X -> Y"
    r"(\b(?:from|migrat\w*|mov(?:e|es|ed|ing)|switch\w*|port(?:s|ed|ing)?)\s[^,;]+?)"
    + ARROW.pattern
)
_LINES = re.compile(r"\s*\n+\s*")
_SPACES = re.compile(r"\s+")
_ASIDE = re.compile(r"\s*\(([^)]*)\)")
_AND = re.compile(r"\s+(?:&|\+)\s+")
_WITH = re.compile(r"(?<![\w/'-])(?<!\bthe )(?<!\ba )w(?=\s+\w)")  # "partnered w PMs"
_BOTH_ARE = re.compile(r"^both\s+(?=(?:into|from|big|huge|fans?)\b)", re.IGNORECASE)
_BOTH_DID = re.compile(  # "both ran ..."
    r"^both\s+(?=(?:\w+ed|love|like|have|ran|grew|went|play|run|climb)\b)", re.IGNORECASE
)
# A closer look at the same thought, joined so no frame needs a comma around it:
# "roadmap - esp. pricing" → "roadmap and especially pricing"; "migration, incl. QC".
_ESPECIALLY = re.compile(
    r"\s*[,–—-]\s+(?=(?:esp|especially|particularly|notably)\b)", re.IGNORECASE
)
_ESP = re.compile(r"(?<=\w)(?<!\band)\s+(?=esp\b)", re.IGNORECASE)
_INCLUDING = re.compile(r"\s*[,–—-]\s+(?=(?:incl|including)\b)", re.IGNORECASE)
_VERY = re.compile(rf"\bv\.?\s+(?={alternatives(words.IMPRESSIONS)}\b)")  # "v fun"
_ABOUT = re.compile(r"(?<!\w)re:\s*|(?<=\s)re\s+(?=\w)", re.IGNORECASE)
_SPACE_BEFORE_MARK = re.compile(r"\s+([,;.!?])")
_TWO_SPACES = re.compile(r"\s{2,}")
_ROUGHLY = re.compile(r"~\s*(?=\d)|\blike\s+(?=\d)")
_FOR_MINUTES = re.compile(r"\s+for\s+(?:about\s+)?\d+\s*(?:min|mins|minutes|hrs?|hours?)\b")
_MONTHS_BEFORE_NOUN = re.compile(  # "6 mo contract" → "6-month contract"
    r"\b(\d+)\s*mos?\b(?=\s+[a-z])(?!\s+(?:of|in|at|for|to|and|or|ago)\b)"
)
_MONTHS = re.compile(r"\b(\d+)\s*mos?\b")
_THOUSANDS_TO = re.compile(r"\b(\d+)[kK](?=\s+to\s+\d+[kK]\s+[a-z]+s\b)")  # "2k to 18k"
_THOUSANDS = re.compile(r"\b(\d+)[kK]\s+(?=[a-z]+s\b)(?!(?:runs|races)\b)")
_VERSUS = re.compile(r"\bvs\.?(?=\s)", re.IGNORECASE)
_EG_ASIDE = re.compile(r",\s+e\.?g\.?,?\s+[^,;.!?]*", re.IGNORECASE)  # an aside: dropped
_EG = re.compile(r"(?<=\w)\s+e\.?g\.?,?\s+(?=\w)", re.IGNORECASE)
_SHOUTED = re.compile(r"[A-Z]{2,}")
_QUARTER = re.compile(r"\b[qh][1-4]\b")  # q1 → Q1, h2 → H2
_I = re.compile(r"(?<![\w.'-])i(?=(?:'[a-z]+)?(?![\w.'-]))")
_HEDGE_AT_END = re.compile(r"[\s,]+(?:actually|honestly|really|tho|though)[\s.!]*$", re.IGNORECASE)
_CALLED = re.compile(r"(?:CALLED|NAMED)\s+$")


def clean(raw: str, *, asides: bool = False) -> str:
    """A jotted note tidied: emoji and chat words ("lol") dropped, lines joined with "; ",
    "&" and " + " as "and", "e.g." as "such as" (after a comma, an aside: dropped), a lone
    "w" as "with", "->" as "to" before a migration (else a dash between two thoughts),
    "re:" as "about", quotes around the whole note dropped; and, unless ``asides``, what
    is in brackets ("(Tue/Thu)", "(?)"). A placeholder ("N/A", "TBD") is no note: "".

    After the first steps a note's only white space is single spaces, so each test before
    a rewrite looks for what it needs as plain text; ignoring case, only in ASCII text (a
    few other letters match "k", "s" and "i" when case is ignored).
    """
    text = unicodedata.normalize("NFC", str(raw))
    text = EMOJI.sub("", text).replace("\u2019", "'").replace("\u2018", "'")
    text = _LINES.sub("; ", text.strip()) if "\n" in text else text.strip()
    text = _SPACES.sub(" ", text).strip()
    if len(text) > 1 and text[0] in "\"'“" and text[-1] in "\"'”":
        text = text[1:-1].strip()
    if not asides and "(" in text:  # an aside that sounds private stays, to be told
        text = _ASIDE.sub(lambda m: m[0] if PRIVATE.search(m[1]) else "", text)  # "(don't ..!!)"
    wide = not text.isascii()  # and ASCII text stays so: every rewrite writes ASCII
    if not rules_out(CHAT_WORDS, text):
        text = CHAT.sub("", text)
    if wide or text.lower().rstrip(" .!").endswith(("ha", "hah", "heh")):
        text = _LAUGH_AT_END.sub("", text)
    if " & " in text or " + " in text:
        text = _AND.sub(" and ", text)
    if "w " in text:
        text = _WITH.sub("with", text)
    if any(arrow in text for arrow in _ARROWS):
        text = _MOVING_ARROW.sub(r"\1 to ", ARROW_TO.sub(" to ", text))
    if wide or text[:5].lower() == "both ":
        text = _BOTH_DID.sub("we both ", _BOTH_ARE.sub("we are both ", text))
    if any(arrow in text for arrow in _ARROWS):
        text = ARROW.sub(" - ", text)  # "data mesh -> migrating off Redshift": two thoughts
    if wide or _says(text, "esp", "particularly", "notably"):
        text = _ESP.sub(" and ", _ESPECIALLY.sub(" and ", text))
    if wide or _says(text, "incl"):
        text = _INCLUDING.sub(" ", text)
    if "v " in text or "v. " in text:
        text = _VERY.sub("very ", text)
    if wide or _says(text, "re"):
        text = _ABOUT.sub("about ", text)
    text = _SPACE_BEFORE_MARK.sub(r"\1", _TWO_SPACES.sub(" ", text) if "  " in text else text)
    if "~" in text or "like" in text:
        text = _ROUGHLY.sub("about ", text)
    if " for " in text:
        text = _FOR_MINUTES.sub("", text)
    if "mo" in text:
        text = _MONTHS.sub(r"\1 months", _MONTHS_BEFORE_NOUN.sub(r"\1-month", text))
    if "k" in text or "K" in text:
        text = _THOUSANDS.sub(r"\1,000 ", _THOUSANDS_TO.sub(r"\1,000", text))
    if wide or _says(text, "vs"):
        text = _VERSUS.sub("versus", text)
    if wide or _says(text, "eg", "e.g"):
        text = _EG.sub(" such as ", _EG_ASIDE.sub("", text))
    if "/" in text:
        text = PER.sub(lambda m: " a " + _PER[m.group(1).lower()], text)  # "3 days/wk"
    text = _SHOUTED.sub(_unshouted, text) if str(raw).isupper() else text  # "ASK RE .."
    if not _CASED_WORDS.isdisjoint(_WORD.findall(text)):
        text = CASED.sub(lambda m: words.CASED[m.group(0)], text)
    text = _QUARTER.sub(lambda m: m.group(0).upper(), text)
    text = _I.sub("I", text)
    if wide or _says(text, "actually", "honestly", "really", "tho"):
        text = _HEDGE_AT_END.sub("", text)
    text = text.strip(" -–—:;,")
    return "" if PLACEHOLDER.fullmatch(text) else text  # "N/A", "TBD": no note at all


def _says(text: str, *parts: str) -> bool:
    """Whether ``text`` holds one of ``parts``, ignoring case."""
    lower = text.lower()
    return any(part in lower for part in parts)


def _unshouted(word: re.Match[str]) -> str:
    """A word in capitals lowered, a short one kept ("ETL"), a rare long one a name ("KAFKA")."""
    from followup.draft._proofread import workplace_words  # a cycle, imported at the top

    if _CALLED.search(word.string[: word.start()]):
        return word.group(0).title()
    lower = word.group(0).lower()
    known = lower in common_words() or (len(lower) > 4 and lower in workplace_words())
    if known or lower in words.CASED:
        return words.CASED.get(lower, lower)
    return word.group(0).title() if len(lower) > 4 else word.group(0)
