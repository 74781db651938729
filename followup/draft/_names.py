"""Whom the greeting names: "Dana", "Dr. Okafor", "Minh" for Nguyễn Văn Minh.

A ``preferred_name`` cell ("goes by") always wins. Otherwise the name is
parsed with nameparser: a title gives a formal greeting ("Dr. Okafor",
"Professor Lovelace"), a nickname in quotes or brackets is used, suffixes
and particles are handled ("José Álvarez Jr." → José, "Dr. Ludwig van
Beethoven" → Dr. van Beethoven), and a name in all capitals or all lower
case is capitalized. A name that starts with a family name of a language
that writes it first (Vietnamese, Chinese, Korean, Hungarian: the lists are
in ``data/family_names.txt``) is greeted by its given name, with a note
saying which name was used, so a wrong guess is easy to correct; so is a given name
used two together ("María José", ``data/compound_given_names.txt``).

>>> greeting("Prof. Javier Ibáñez Sáenz"), greeting("Dr. Ana Lucía Díaz")
(('Professor Ibáñez Sáenz', ''), ('Dr. Díaz', ''))
>>> greeting("Dr. Ben Okafor"), greeting("Ortega, Luis"), greeting("dana WHITFIELD")
(('Dr. Okafor', ''), ('Luis', ''), ('Dana', ''))
>>> greeting("Robert Chen, MD"), greeting("Amara Eze PhD")
(('Dr. Chen', ''), ('Dr. Eze', ''))
>>> greeting("Nguyễn Văn Minh")
('Minh', "greeted as Minh: 'Nguyễn Văn Minh' reads family name first")
>>> greeting("Lee Jackson"), greeting("Kim Min-jun")[0], greeting("Wei Zhang")[0]
(('Lee', ''), 'Min-jun', 'Wei')
>>> greeting("Li Wei")[0]  # both are family names: the more common one comes first
'Wei'
>>> greeting("María José Fernández Ruiz")
('María José', "greeted as María José: 'María José Fernández Ruiz' reads as a two-word given name")
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

import pandas as pd

from followup._distinct import holds_per_distinct, per_distinct
from followup.draft._lexicon import ROLES

FORMAL = {"dr": "Dr.", "doctor": "Dr.", "prof": "Professor", "professor": "Professor",
           "mr": "Mr.", "mrs": "Mrs.", "ms": "Ms.", "miss": "Ms.", "mx": "Mx.", "rev": "Rev.",
           "reverend": "Rev.", "fr": "Father", "father": "Father", "rabbi": "Rabbi",
           "pastor": "Pastor", "imam": "Imam", "lord": "Lord", "lady": "Lady"}  # fmt: skip
#: Offices a greeting opens with where the title holds them: "Dean Okafor", Dean of Arts.
OFFICES = ("Dean", "Provost", "Chancellor", "President", "Judge", "Senator", "Principal",
           "Superintendent", "Mayor")  # fmt: skip
_BY_FIRST_NAME = {"sir": "Sir", "dame": "Dame", "sister": "Sister", "sr": "Sister",  # "Sr. Ana"
                  "brother": "Brother"}  # fmt: skip
#: A greeting that starts with a title: the letter says "Dear", never "Hi".
_TITLES = {*FORMAL.values(), *_BY_FIRST_NAME.values(), *OFFICES}
TITLED = rf"(?:{'|'.join(sorted(map(re.escape, _TITLES)))})\s"
#: Degrees after a name that make the greeting "Dr." ("Robert Chen, MD").
DOCTORAL = frozenset({"md", "do", "phd", "dphil", "edd", "dds", "dmd", "dvm", "psyd"})
_INITIAL = re.compile(r"^[^\W\d_]\.?$")
#: A job written before a name ("Sr. Engineer", "Senior Recruiter", "Principal Engineer").
_JOB_BEFORE = re.compile(
    rf"^(?:(?:Sr|Jr|Senior|Junior|Lead|Staff|Principal|Chief)\.?\s+)+(?:{'|'.join(ROLES)}|"
    r"recruiter|partner|product manager)s?\s+(?=\S)",
    re.IGNORECASE,
)
#: A Title column's title that a greeting takes: "Associate Professor", "Dr.".
_ACADEMIC = re.compile(
    r"(?i)^\s*(?:(?:assoc(?:iate)?|asst|assistant|adjunct|visiting|clinical|emeritus)\.?\s+)*"
    r"(prof(?:essor)?|dr|doctor)\b"
)
_TITLE_FIRST = re.compile(rf"(?i)(?:{'|'.join([*FORMAL, *OFFICES, *_BY_FIRST_NAME])})\b")
#: A Spanish or Portuguese family name from a father's name ("Ibáñez", "Díaz", "Muñoz"): a
#: middle word of it is the first of two family names, and a title takes both.
_PATRONYMIC = re.compile(r"^(?!(?:In[eé]z|Beatriz|Aziz)$)[^\W\d_]{2,}[aeiouáéíóú]z$", re.IGNORECASE)

#: Letters no Unicode decomposition takes to ASCII: "Łukasz" is "lukasz" in an address.
_UNDECOMPOSED = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d",
                               "ß": "ss", "Æ": "Ae", "æ": "ae", "Œ": "Oe", "œ": "oe"})  # fmt: skip


def _key(word: str) -> str:
    """A word as the name lists and addresses spell it: lower case, accents and hyphens dropped.

    >>> _key("Łukasz"), _key("Jean-Noël")
    ('lukasz', 'jeannoel')
    """
    plain = unicodedata.normalize("NFKD", word.translate(_UNDECOMPOSED))
    return plain.encode("ascii", "ignore").decode().lower().replace("-", "")


@cache
def _compound_parts() -> dict[str, frozenset[str]]:
    """The first and second words of given names used two together ("María José")."""
    data = resources.files("followup.draft") / "data"
    text = (data / "compound_given_names.txt").read_text("utf-8")
    return {
        part.strip(): frozenset(_key(w) for w in names.split())
        for line in text.splitlines()
        if not line.startswith("#") and ":" in line
        for part, names in [line.split(":", 1)]
    }


def _compound_given(tokens: list[str]) -> str | None:
    """ "María José Fernández" → "María José"; None unless the two words are known as a pair
    and a family name follows them."""
    parts = _compound_parts()
    if len(tokens) >= 3 and _key(tokens[0]) in parts["first"]:
        return f"{tokens[0]} {tokens[1]}" if _key(tokens[1]) in parts["second"] else None
    return None


@cache
def _lists() -> tuple[dict[str, tuple[str, int]], frozenset[str]]:
    """Family names written first (→ language and rank) and given names that collide."""
    folder = resources.files("followup.draft") / "data"
    family: dict[str, tuple[str, int]] = {}
    for line in (folder / "family_names.txt").read_text("utf-8").splitlines():
        if line.startswith("#") or ":" not in line:
            continue
        language, names = line.split(":", 1)
        for rank, name in enumerate(names.split()):
            family.setdefault(_key(name), (language.strip(), rank))
    given = (folder / "given_names.txt").read_text("utf-8")
    collide = frozenset(_key(w) for line in given.splitlines() if not line.startswith("#")
                        for w in line.split())  # fmt: skip
    return family, collide


def name_case(name: str) -> str:
    """A name typed in one case in title case, as a greeting or a To: line shows it.

    >>> name_case("ÅSA LINDQVIST"), name_case("dana whitfield"), name_case("Jo van Dijk")
    ('Åsa Lindqvist', 'Dana Whitfield', 'Jo van Dijk')
    >>> name_case("ALİ DEMİR")  # "İ" lowers to "i" and a dot above: the dot goes
    'Ali Demir'
    """
    letters = [c for c in name if c.isalpha()]
    if letters and (all(c.islower() for c in letters) or all(c.isupper() for c in letters)):
        from nameparser import HumanName

        parsed = HumanName(name)
        parsed.capitalize(force=True)
        return str(parsed).replace("i\u0307", "i") if "İ" in name else str(parsed)
    return name


#: One or two pinyin syllables: a Chinese given name ("Na", "Xiaoming"), not "Jackson".
_PINYIN = re.compile(
    r"(?:(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ao|an|ei|en|er|ia|ie|in|iu|ou|ua"
    r"|ue|ui|un|uo|a|e|i|o|u|v)){1,2}"
)


def _family_first(tokens: list[str]) -> str | None:
    """The given name of a name written family name first, or None if it is not one."""
    family, collide = _lists()
    if len(tokens) < 2 or _key(tokens[0]) not in family:
        return None
    language, rank = family[_key(tokens[0])]
    rest = tokens[1:]
    last = family.get(_key(tokens[-1]))
    if last is not None and last[0] == language and len(tokens) == 2:
        # Both could be family names: the more common one is ("Wei Zhang" → Wei, "Li Wei" → Wei).
        return None if last[1] < rank else tokens[1]
    looks_given = any("-" in t or not t.isascii() for t in rest) or (
        language == "chinese" and all(_PINYIN.fullmatch(_key(t)) for t in rest)  # "Li Na"
    )
    if _key(tokens[0]) in collide and not looks_given:
        return None  # "Lee Jackson", "Simon Park": given name first
    if language == "vietnamese":
        return tokens[-1]
    if language == "hungarian":
        return rest[0]
    return " ".join(rest)


_TITLE_AFTER = re.compile(r"^([^,]+),\s*((?i:prof|professor|dr|doctor)\.?)$")
_EMERITUS = re.compile(r"(?i)\s*\bemerit(?:us|a)\b\.?")
#: "Mª", the written short form of María: "Mª José Cabrera" is María José.
_MARIA = re.compile(r"(?<!\S)M\.?ª\.?(?:\s+|(?=\S))")


def greeting(name: str, preferred: str = "", local: str = "") -> tuple[str, str]:
    """The name to greet, and a note when the order of the name was guessed. ``local`` is
    the first word of the address ("lukasz" of lukasz.wrobel@...): a word in capitals
    that opens both the name and the address is the given name, not the family name.

    >>> greeting("ŁUKASZ Wróbel")[0], greeting("ŁUKASZ Wróbel", local="lukasz")[0]
    ('Wróbel', 'Łukasz')
    """
    return _greeting(name, preferred, local)  # one cache key however it is called


@lru_cache(maxsize=1 << 14)  # names recur chunk after chunk; memory stays flat on any sheet
def _greeting(name: str, preferred: str, local: str) -> tuple[str, str]:
    if preferred.strip():
        return preferred.strip(), ""
    from nameparser import HumanName

    text = _MARIA.sub("María ", name_case(re.sub(r"\s+", " ", name).strip()))  # "Mª José"
    text = _JOB_BEFORE.sub("", text)  # "Sr. Engineer Paul Roy" is Paul Roy, not Sister Paul
    text = _TITLE_AFTER.sub(r"\2 \1", _EMERITUS.sub("", text))  # "X, Prof. Emeritus"
    if not text:
        return "", ""
    tokens = text.split()
    family = _family_in_capitals(tokens)
    if family and _key(tokens[0]) == local:  # "ŁUKASZ Wróbel" <lukasz.wrobel@...>
        family = 0
    if family:  # "NGUYEN Van Minh" as Nguyen Van Minh; "MÜLLER Stefan" as Stefan Müller
        titled = [*(t.title() for t in tokens[:family]), *tokens[family:]]
        greeted, order = greeting(" ".join(titled))
        if not order:
            greeted, _ = greeting(" ".join([*titled[family:], *titled[:family]]))
        return greeted, f"greeted as {greeted}: {name.strip()!r} writes the family name first"
    if _plain(tuple(tokens)):  # "Dana Whitfield": no title, particle or nickname to parse
        given = _family_first(tokens)
        if given is not None:
            return given, f"greeted as {given}: {name.strip()!r} reads family name first"
        given = _compound_given(tokens)
        if given is not None:
            return given, f"greeted as {given}: {name.strip()!r} reads as a two-word given name"
        return tokens[0], ""
    parsed = HumanName(text)
    # The first title that sets a greeting: "Prof. Dr. Weiß" is Professor Weiß.
    keys = [re.sub(r"[^a-z]", "", t.lower()) for t in parsed.title.split()]
    title_key = next((k for k in keys if k in FORMAL or k in _BY_FIRST_NAME), "".join(keys))
    if "," not in text:
        core = [t for t in re.sub(r"[\"(].*?[\")]", " ", text).split()
                if re.sub(r"[^a-z]", "", t.lower()) not in (*FORMAL, *_BY_FIRST_NAME, *keys)
                and t not in (parsed.suffix.split() or [""])]  # fmt: skip
        given = _family_first(core)
        if given is not None:
            if title_key in FORMAL:
                return f"{FORMAL[title_key]} {core[0]}", ""
            return given, f"greeted as {given}: {name.strip()!r} reads family name first"
        given = _compound_given(core)
        if given is not None and title_key in _BY_FIRST_NAME:  # "Sister Ana Lucía Ruiz"
            return f"{_BY_FIRST_NAME[title_key]} {given}", ""
        if given is not None and title_key not in FORMAL and not parsed.nickname:
            return given, f"greeted as {given}: {name.strip()!r} reads as a two-word given name"
    if title_key in ("hon", "thehon", "honourable", "thehonourable") and parsed.last:
        return f"{parsed.first} {parsed.last}".strip(), ""  # "The Hon. Rupert Fairfax": no Mr/Ms
    if title_key in FORMAL and (parsed.last or parsed.first):  # "Father Brown": no last
        middle = parsed.middle.split()[-1:]  # "Javier Ibáñez Sáenz": two family names
        surnames = [*middle, parsed.last] if middle and _PATRONYMIC.search(middle[0]) else []
        return f"{FORMAL[title_key]} {' '.join(surnames) or parsed.last or parsed.first}", ""
    doctoral = {re.sub(r"[^a-z]", "", s.lower()) for s in parsed.suffix.split()} & DOCTORAL
    if doctoral and parsed.last and not title_key:  # "Robert Chen, MD" → Dr. Chen
        return f"Dr. {parsed.last}", ""
    if title_key in _BY_FIRST_NAME and parsed.first:
        return f"{_BY_FIRST_NAME[title_key]} {parsed.first}", ""
    if parsed.nickname:
        return parsed.nickname, ""
    first = parsed.first or text
    if first.islower() or (first.isupper() and len(first) > 2):
        first = first.title()  # "dana", "DANA" → "Dana"; "mary-kate" → "Mary-Kate"
    if _INITIAL.match(first):
        middle = parsed.middle.split()
        if middle and not _INITIAL.match(middle[0]):
            return middle[0], ""
        return " ".join(p for p in (parsed.first, parsed.middle, parsed.last) if p), ""
    return first, ""


_PLAIN_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-])*[^\W\d_]")


def _family_in_capitals(tokens: list[str]) -> int:
    """How many words in capitals open a name whose other words are not: the family name,
    written first the way many forms ask ("MÜLLER Stefan", "NGUYEN Van Minh"); 0 if none.
    A title or a suffix in capitals ("DR", "PHD") is no family name.

    >>> _family_in_capitals(["MÜLLER", "Stefan"]), _family_in_capitals(["Stefan", "MÜLLER"])
    (1, 0)
    """
    from nameparser.config import CONSTANTS

    def family(token: str) -> bool:
        key = token.lower().strip(".")
        return bool(
            _PLAIN_WORD.fullmatch(token)
            and token.isupper()
            and key not in CONSTANTS.titles
            and key not in CONSTANTS.suffix_acronyms
            and key not in CONSTANTS.suffix_not_acronyms
        )

    count = next((i for i, t in enumerate(tokens) if not family(t)), len(tokens))
    rest = tokens[count:]
    return count if rest and not any(t.isupper() for t in rest) else 0


def _plain(tokens: tuple[str, ...]) -> bool:
    """Whether a name is words nameparser would read as given, middle and family names,
    in that order: capitalized words of two letters or more, none of them a title, a
    suffix, a particle or a conjunction it knows ("Dr", "Jr", "van", "y")."""
    from nameparser.config import CONSTANTS

    return all(
        _PLAIN_WORD.fullmatch(t) and t[0].isupper() and not t.isupper() for t in tokens
    ) and not any(
        t.lower() in CONSTANTS.titles
        or t.lower() in CONSTANTS.suffix_acronyms
        or t.lower() in CONSTANTS.suffix_not_acronyms
        or t.lower() in CONSTANTS.prefixes
        or t.lower() in CONSTANTS.conjunctions
        for t in tokens
    )


def greetings(
    names: pd.Series,
    preferred: pd.Series | None = None,
    notes: pd.Series | None = None,
    addresses: pd.Series | None = None,
    titles: pd.Series | None = None,
) -> pd.DataFrame:
    """:func:`greeting` for each row, worked out once per distinct name: a frame with
    ``greeting_name`` and ``greeting_note``, indexed like ``names``. Without a preferred
    name, the one the private ``notes`` say the interviewer goes by is used, with a note.
    The ``addresses`` settle which word of a name in mixed capitals is the given name; the
    ``titles``, the title a name without one takes ("Prof.": "Professor García"), and
    whether a name opens with an office ("Dean Okafor", their title "Dean");
    without one, an office before two more words is one ("Dean Priya Raman")."""
    given = names.fillna("").astype("str")
    wanted = (
        preferred.fillna("").astype("str")
        if preferred is not None
        else pd.Series("", index=names.index, dtype="str")
    )
    told = goes_by(notes) if notes is not None else pd.Series("", index=names.index, dtype="str")
    from_notes = (wanted == "") & (told != "")
    wanted = wanted.where(~from_notes, told)
    if titles is not None:  # "Prof." in a Title column: "Dear Professor García", not "Hi Ana"
        academic = per_distinct(titles.fillna("").astype("str"), _academic)
        bare = (academic != "") & ~holds_per_distinct(given, _TITLE_FIRST.match)
        given = given.where(~bare, academic + " " + given)
    offices = given.str.contains(rf"^(?:{'|'.join(OFFICES)}) ")  # RE2 (no \s): few go on
    if offices.any():
        title = "" if titles is None else titles.fillna("").astype("str")
        held = (given + "\x1f" + title)[offices & (wanted == "")]
        wanted[held.index] = per_distinct(held, _office)
    key = given + "\x1f" + wanted
    capitals = given.str.contains(r"\p{Lu}\p{Lu}")  # RE2, as Arrow runs it
    if addresses is not None and capitals.any():  # only these names ask their address
        first = addresses[capitals].fillna("").astype("str").str.lower().str.extract("^([a-z]+)")
        key[capitals] = key[capitals] + "\x1f" + first[0].fillna("")
    codes, uniques = pd.factorize(key)
    pairs = [greeting(*u.split("\x1f", 2)) for u in uniques.tolist()]
    table = pd.DataFrame(pairs or [("", "")], columns=["greeting_name", "greeting_note"])
    table = table.take(codes if len(uniques) else []).set_axis(names.index).astype("str")
    if from_notes.any():
        said = "greeted as " + wanted + ", the name your notes say they go by"
        table["greeting_note"] = table["greeting_note"].where(~from_notes, said)
    return table


def _academic(title: str) -> str:
    """``"Assoc. Prof."`` → ``"Professor"``: the title a Title column gives a greeting, or ""."""
    found = _ACADEMIC.match(title)
    return FORMAL[found[1].lower()] if found else ""


def _office(pair: str) -> str:
    """``"Dean Okafor\x1fDean, Arts"`` → ``"Dean Okafor"``: the office and family name, or "".
    Without a title, an office before two more words is one: "Dean Priya Raman" (not "Dean
    Martin").

    >>> _office("Dean Priya Raman\x1f"), _office("Dean Priya Raman\x1fData Engineer")
    ('Dean Raman', '')
    """
    name, _, title = pair.partition("\x1f")
    words = name.split()
    held = re.search(rf"\b{words[0]}\b", title, re.I) if title else len(words) > 2
    held = held and not _JOB_BEFORE.match(name)  # "Principal Engineer Jane Doe"
    return f"{words[0]} {words[-1]}" if held else ""


#: "goes by Bartek", "go by 'Gosia'", "prefers to be called Emeka": a name, capitalized.
_GOES_BY = re.compile(
    r"(?i:\b(?:goes|go)\s+by|\b(?:prefers|likes)\s+to\s+be\s+called)\s+[\"'“‘]?([^\W\d_][\w'’-]*)"
)


def goes_by(notes: pd.Series) -> pd.Series:
    """The name a private note says the interviewer goes by, else "".

    >>> notes = ["finance-y. go by 'Gosia'", "goes by the book", "", "prefers to be called Ẹmẹka"]
    >>> goes_by(pd.Series(notes)).tolist()
    ['Gosia', '', '', 'Ẹmẹka']
    """

    def name_in(note: str) -> str:
        found = _GOES_BY.search(note)
        name = found.group(1).rstrip("'’-") if found else ""
        return name if name and name[0].isupper() else ""

    return per_distinct(notes.fillna("").astype("str"), name_in)
