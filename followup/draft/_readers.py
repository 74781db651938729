"""A note as its reader is to read it: a panel's shared note cut to the reader's part, and
the reader named at its start written "you", or as an owner written "their" ("Dr. Patel's
work", which the letter makes "your work").

One cell often holds the notes of a whole panel ("Hannah - accessibility audits. Femi -
grew up in Leeds like me"), and people write of the reader by name ("Maria has 2 kids
at primary"). Each letter takes the parts that name its reader, and speaks to them.

>>> notes = pd.Series(["Hannah - accessibility audits. Femi - grew up in Leeds too"] * 2)
>>> readers = pd.Series(["Hannah O'Connell", "Femi Adeyemi"])
>>> for_readers(notes, readers, pd.Series(["iv-1", "iv-1"])).tolist()
['accessibility audits.', 'grew up in Leeds too']
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from followup._distinct import per_distinct
from followup.draft import _lexicon as words
from followup.draft._name_runs import NAME_WORD, TITLE, TITLED, name_words, named_at, runs
from followup.draft._names import DOCTORAL, FORMAL
from followup.draft._wording import HE_SHE, Note, unusable

#: What "you" takes where the name took a verb of its own: "Maria has" → "you have".
_FOR_YOU = {"has": "have", "is": "are", "was": "were", "does": "do", "hasn't": "haven't",
            "isn't": "aren't", "wasn't": "weren't", "doesn't": "don't"}  # fmt: skip
#: A verb after a name, or "you": "has", "runs", "gave", "used", "leads" (not "kids", "team").
_VERB = re.compile(
    r"(?:has|is|was|does|hasn't|isn't|wasn't|doesn't|had|did|said|showed|used|knows|can|could|"
    r"will|would|have|love|like|live|play|work|study|know|speak|run|ride|cook|hike|climb|"
    r"read|write|support|follow|own|froze|forgot|felt|thought|taught|sat|stood|"
    rf"{'|'.join(sorted({*words.SIMPLE_PASTS, *words.PAST_TENSES}))}|[a-z]+ed|(?:lead|run|"
    r"manage|work|love|like|live|play|coache|teache|know|speak|studie|write|read|own|volunteer|"
    r"mentor|host|organi[sz]e|build|design|head|oversee|want|hope|plan|think|say|ride|cook|"
    r"hike|climb|support|follow|grow|go|travel|race|swim|paint|sing|bake|brew)s)$"
)
#: What "I" takes where the name took a verb of its own: "Aisha is" → "I am".
_FOR_ME = {"is": "am", "isn't": "am not", "was": "was", "wasn't": "wasn't"}
_ADVERB = r"(?:(?:also|too|just|really|recently|even|still|actually|once)\s+)?"
_SEP = "\x1f"  # a note holds no control character
_OPENING = re.compile(rf"\s*(?i:{TITLE})([^\W\d_][\w'’-]*)")
#: Where a part of a shared note may start ("Hannah - audits. Femi - Leeds"), before a name.
_PART = re.compile(rf"(?:^|(?<=[.;!?\n])\s*|(?<=,)\s*|\s+/\s+)(?={TITLE}[^\W\d_])")
#: After the reader's name: a label's mark ("Maria: the rota"), "and Wei both", a verb;
#: and before it, "Sam and" (of "Sam and Maria both").
_LABEL = re.compile(r"\s*(?:[-–—:]|\s-)\s*")
_AND_BOTH = re.compile(r"\s+(?:and|&)\s+[A-Z][\w'’-]*\s+both\b")
_OTHER_AND = re.compile(rf"\s*[A-Z][\w'’-]*\s+(?:and|&)\s+{TITLE}")
_BOTH = re.compile(r"\s+both\b")
_SUBJECT = re.compile(rf"\s+({_ADVERB})([a-z']+)\b")
_ALIKE = re.compile(r"^\s*\S+\s+(?:and|&)\s+\S+\s+both\b|\b(?:like|same as) me\W*$", re.I)
#: A note that ends "like me": something the reader and the candidate share.
_LIKE_ME = re.compile(
    r"^(?P<before>.*?(?:[.;:!?]\s+|\s[-–—]\s+))?"  # "lunch - she loves trail running like me"
    r"(?P<deed>[^.;:!?]+?)[\s,]*(?:just\s+|too\s*,?\s*)?(?:like|same\s+as)\s+me\b\W*$"
)


def for_readers(
    notes: pd.Series,
    readers: pd.Series,
    interviews: pd.Series,
    candidates: pd.Series | None = None,
) -> pd.Series:
    """Each note as its reader is to read it: where readers of one interview share a note
    that names some of them at the start of its parts, the parts naming this reader (and
    any before the first name); the reader named at its start as "you"; and the
    candidate named at the start of a part as "I" ("Aisha wants to learn Kotlin": the
    letter does not tell of its own sender by name)."""
    notes = notes.fillna("").astype("str")
    names = readers.fillna("").astype("str")
    senders = (
        candidates.fillna("").astype("str")
        if candidates is not None
        else pd.Series("", index=notes.index, dtype="str")
    )
    note_codes, distinct_notes = pd.factorize(notes)
    name_codes, distinct_names = pd.factorize(names)
    panels = pd.factorize(interviews)[0].astype(np.int64) * (len(distinct_notes) + 1)
    _, where, count = np.unique(panels + note_codes, return_inverse=True, return_counts=True)
    given = (notes != "").to_numpy()
    shared = given & (count[where] > 1)  # one note on several rows of an interview
    todo = shared | (
        given
        & (
            _may_name_reader(note_codes, distinct_notes, name_codes, distinct_names)
            | _names_sender(note_codes, distinct_notes, senders)
        )
    )
    if not todo.any():
        return notes
    panel = pd.Series("", index=notes.index, dtype="str")
    if shared.any():  # the names of all who share each note
        groups, sharers = where[shared].tolist(), names[shared].tolist()
        together: dict[int, set[str]] = {}
        for group, name in zip(groups, sharers, strict=True):  # not a groupby: a Series per group
            together.setdefault(group, set()).add(name)
        joined = {group: _SEP.join(sorted(people)) for group, people in together.items()}
        panel[shared] = pd.Series([joined[group] for group in groups], index=panel.index[shared])
    keys = notes[todo] + _SEP + names[todo] + _SEP + senders[todo] + _SEP + panel[todo]
    return notes.mask(todo, per_distinct(keys, _for_reader))


def _names_sender(note_codes: np.ndarray, notes: pd.Index, senders: pd.Series) -> np.ndarray:
    """Whether each note holds its candidate's given name, as a word: each distinct note's
    words found once, and only the notes that hold some candidate's name looked at by pair."""
    sender_codes, distinct = pd.factorize(senders)
    lower = pc.utf8_trim_whitespace(pc.utf8_lower(pa.array(distinct, pa.large_string())))
    first = pc.list_element(pc.utf8_split_whitespace(lower, max_splits=1), 0)  # no regex: fast
    firsts = pc.utf8_trim(first, ".,;:'\"()").to_pylist() or [""]
    everyone = frozenset(firsts) - {""}
    words = [everyone.intersection(NAME_WORD.findall(note.lower())) for note in notes.tolist()]
    found = np.zeros(len(note_codes), dtype=bool)
    maybe = np.flatnonzero(np.array([bool(w) for w in words] or [False])[note_codes])
    for at in maybe.tolist():  # few rows: a note that names a candidate at all
        found[at] = firsts[sender_codes[at]] in words[note_codes[at]]
    return found


def _may_name_reader(
    note_codes: np.ndarray, notes: pd.Index, name_codes: np.ndarray, names: pd.Index
) -> np.ndarray:
    """Whether each note may open with its reader's name, or say "X and Y both" or "like
    me": its first word is the first or last of the name. Each distinct note and name is
    looked at once; the rows are compared as codes."""
    openings = [_OPENING.match(note) for note in notes.tolist()]
    firsts = [m[1].lower() if m else "" for m in openings]
    ends = [[w.lower() for w in NAME_WORD.findall(name)] or [""] for name in names.tolist()]
    vocabulary = {word: code for code, word in enumerate({*firsts, *(w for e in ends for w in e)})}
    first = np.array([vocabulary[w] for w in firsts] or [-1])[note_codes]
    given = np.array([vocabulary[e[0]] for e in ends] or [-2])[name_codes]
    family = np.array([vocabulary[e[-1]] for e in ends] or [-2])[name_codes]
    alike = np.array([bool(_ALIKE.search(note)) for note in notes.tolist()] or [False])
    named: np.ndarray = ((first == given) | (first == family) | alike[note_codes]) & (
        first != vocabulary.get("", -3)
    )
    return named


def _for_reader(key: str) -> str:
    """:func:`for_readers` of one "note, reader, candidate, panel" key."""
    note, reader, sender, *panel = key.split(_SEP)
    others = [name for name in panel if name != reader]
    if others:
        note = _own_parts(note, reader, others)
    return _in_common(_as_sender(_spoken_to(note, reader), sender))


def _as_sender(note: str, sender: str) -> str:
    """``note`` with the candidate named at the start of a part as "I": "Aisha wants to
    learn it" → "I want to learn it", which the letter then keeps out as first person.

    >>> _as_sender("team uses Kotlin, Aisha wants to learn it", "Aisha Bello")
    'team uses Kotlin, I want to learn it'
    """
    first = (NAME_WORD.findall(sender) or [""])[0]
    if not first:
        return note
    return re.sub(
        rf"(^|[.;,!?]\s*|\s[-–—]\s*)(?i:{re.escape(first)})(?:\s+[A-Z][\w'’-]*)?\s+({_ADVERB})"
        r"([a-z']+)\b",
        lambda m: (
            f"{m[1]}I {m[2]}{_FOR_ME.get(m[3], _you_form(m[3]))}" if _VERB.match(m[3]) else m[0]
        ),
        note,
    )


def _own_parts(note: str, reader: str, others: list[str]) -> str:
    """The parts of ``note`` that name ``reader`` at their start, and those before any name;
    the whole note where it names no one of the panel so. Names are read as Python's
    ``re`` reads them ignoring case, for which "I", "ı" and "İ" are all "i".

    >>> note = "Ilker - likes Go. Femi - grew up in Leeds"
    >>> _own_parts(note, "İlker Demir", ["Femi Adeyemi"]), _own_parts(note, "Femi A", ["İlker"])
    ('Ilker - likes Go.', 'Femi - grew up in Leeds')
    >>> _own_parts("YILMAZ: the rota. ALİ: pricing", "Ayşe Yılmaz", ["Ali Demir"])
    'YILMAZ: the rota.'
    """
    mine = name_words(reader)
    everyone = mine.union(*(name_words(name) for name in others))
    if not everyone:
        return note
    cuts = [m.start() for m in _PART.finditer(note) if named_at(note, m.end(), everyone)]
    if not cuts or (len(cuts) == 1 and cuts[0] == 0):  # one person's note: all of it
        return note
    pieces = [
        note[a:b] for a, b in zip([0, *cuts], [*cuts, len(note)], strict=True) if note[a:b].strip()
    ]
    kept = [p for p in pieces if not named_at(p, 0, everyone) or named_at(p, 0, mine)]
    return " ".join(p.strip().rstrip(",") for p in kept)


def _spoken_to(note: str, reader: str) -> str:
    """``note`` with ``reader`` named at its start as a label dropped ("Hannah - ..."), or
    as the subject written "you" ("Maria has" → "you have"; "Sam and Wei both" → "we both").

    >>> [_spoken_to(n, "Maria Lopez") for n in ("Maria has 2 kids", "Maria: the rota",
    ...  "Maria and Wei both rowed", "Maria also runs the ERG", "Mariana's team")]
    ['you have 2 kids', 'the rota', 'we both rowed', 'you also run the ERG', "Mariana's team"]
    >>> [_spoken_to(n, r) for n, r in [("Prof Femi is great", "Femi Adeyemi"),
    ...  ("Dr. KATE is here", "O’Brien Kate"), ("Ilker has 2 kids", "İlker Demir"),
    ...  ("Ana " * 1200 + "has a dog", "Ana Li"), ("Sam and Ana- both rowed", "Ana- Smith")]]
    ['you are great', 'you are here', 'you have 2 kids', 'you have a dog', 'we both rowed']
    """
    name = name_words(reader)
    if not name:
        return note
    named = list(runs(note, TITLED.match(note).end(), name))  # type: ignore[union-attr]
    for label in (_LABEL.match(note, end) for end in named):
        if label:
            return note[label.end() :]
    other = _OTHER_AND.match(note)  # "Sam and Maria both"
    boths = chain(
        (_AND_BOTH.match(note, end) for end in named),
        (_BOTH.match(note, e) for e in runs(note, other.end(), name, edge=False)) if other else (),
    )
    both = next(filter(None, boths), None)
    if both:
        return "we both" + note[both.end() :]
    subject = next(filter(None, (_SUBJECT.match(note, end) for end in named)), None)
    if subject and _VERB.match(subject[2]) and not HE_SHE.search(note):  # "her" is another
        return f"you {subject[1]}{_you_form(subject[2])}" + note[subject.end() :]
    return note


def _in_common(note: str) -> str:
    """A deed "like me" as what the two share: "grew up in Leeds like me" → "we both grew
    up in Leeds", "from Cork, same as me" → "we are both from Cork"; others as they are.

    >>> _in_common("grew up in Leeds like me!"), _in_common("you're from Cork, same as me")
    ('we both grew up in Leeds', 'we are both from Cork')
    >>> _in_common("lunch - she loves trail running like me")
    'lunch - we both love trail running'
    """
    alike = _LIKE_ME.match(note)
    if not alike:
        return note
    before = alike["before"] or ""
    deed = re.sub(r"^(?:(?:you|s?he)(?:\s+are|\s+is|'re|'s)?\s+|also\s+)", "", alike["deed"])
    if re.match(r"(?:from|in|into)\b", deed):
        return f"{before}we are both {deed}"
    verb, _, rest = deed.partition(" ")
    return f"{before}we both {_you_form(verb)} {rest}".rstrip() if _VERB.match(verb) else note


def _you_form(verb: str) -> str:
    """``"has"`` → ``"have"``, ``"runs"`` → ``"run"``, ``"watches"`` → ``"watch"``; a past or
    a modal as it is."""
    if verb in _FOR_YOU:
        return _FOR_YOU[verb]
    if not verb.endswith("s") or verb.endswith("ss"):
        return verb
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("shes", "ches", "xes", "zes", "sses", "oes")):
        return verb[:-2]
    return verb[:-1]


def as_their(notes: pd.Series, names: pd.Series) -> pd.Series:
    """Each note with its reader named as an owner ("Dr. Patel's forecasting work", in the
    letter to Dr. Anjali Patel) written "their", which the letter then makes "your".

    >>> as_their(pd.Series(["Dr. Patel's work", "Sam's team", "Dr. Patel's work"]),
    ...          pd.Series(["Dr. Anjali Patel", "Kim Lee", "Kim Lee"])).tolist()
    ['their work', "Sam's team", "Dr. Patel's work"]
    """
    owned = notes.str.contains(r"\w['’]s\b", regex=True, na=False)  # few notes name an owner at all
    if not owned.any():
        return notes
    pairs = notes[owned] + "\x1f" + names[owned].fillna("")  # a name holds no control character
    return notes.where(~owned, per_distinct(pairs, _their))


def _their(pair: str) -> str:
    note, _, name = pair.rpartition("\x1f")
    return _owner(name).sub("their", note)


@lru_cache(maxsize=1 << 12)
def _owner(name: str) -> re.Pattern[str]:
    """A pattern for ``name``, or any of its words, as an owner: "Anjali's", "Dr. Patel's"."""
    parts = [w for w in re.findall(r"[^\W\d_][\w'-]*", name) if len(w) > 1]
    parts = [re.escape(w) for w in parts if w.lower() not in (*FORMAL, *DOCTORAL)]
    if not parts:
        return re.compile(r"(?!)")
    title = "|".join(FORMAL)
    word = "|".join(sorted(parts, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w'])(?:(?:{title})\.?\s+)?(?:{word})(?:\s+(?:{word}))*['’]s\b", re.IGNORECASE
    )


#: Someone other than the reader, named before "her" or "his" ("dinner w/ chair - talked abt
#: her sabbatical"): whose it is, the letter cannot tell, and "your sabbatical" may be wrong.
_SOMEONE_ELSE = re.compile(
    r"\b(chair|manager|boss|ceo|cto|cfo|co-?founder|founder|vp|director|recruiter|colleague|"
    r"husband|wife)\b.*?\b(?:her|his)\b",
    re.IGNORECASE,
)


def someone_elses(note: str) -> Note | None:
    """The problem with a note that says "her" or "his" after naming someone else; None if
    it does not.

    >>> someone_elses("dinner w/ chair - talked abt her sabbatical").code
    'note_unclear'
    >>> someone_elses("her sabbatical in Kyoto") is None
    True
    """
    other = _SOMEONE_ELSE.search(note)
    if other is None:
        return None
    return unusable(
        "note_unclear",
        f"names the {other[1].lower()}, then says her or his: the letter cannot tell whose",
        "write 'your ...' for what is the interviewer's, and leave the other person out",
    )
