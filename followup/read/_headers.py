"""Header matching: a sheet's own headers to canonical column names, and what is missing."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup.errors import ColumnsError
from followup.read._address_column import interviewer_addresses
from followup.read._layouts import (
    WORKING_COLUMNS,
    field_then_slot,
    loose_wide_field,
    wide_field,
)
from followup.schema import (
    ALIASES,
    BY_NAME,
    LOOSE_COMPANIES,
    LOOSE_NOTES,
    LOOSE_TALKING_POINTS,
    RECIPIENT_COLUMNS,
    normalize_header,
    snake_case,
)

if TYPE_CHECKING:
    from followup.read._raw import RawSheet


#: Words in brackets, and a scale after the header ("Interest 1-5", "Fit /10").
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\s(?:1\s*(?:-|–|to)\s*(?:5|10)|/\s*(?:5|10))\s*$")
#: Words cut short in headers, spelled out before a header is matched: "What we talked abt",
#: "Len (min)", "Intvw date", "Cand. email".
_SHORTHAND = {
    "abt": "about",
    "len": "length",
    "dur": "duration",
    "ques": "question",
    "qn": "question",
    "qns": "questions",
    "intv": "interview",
    "intvw": "interview",
    "intvr": "interviewer",
    "intvwr": "interviewer",
    "cand": "candidate",
    "addr": "address",
    "pos": "position",
    "dt": "date",
}
_WORD = re.compile(r"[^\W\d_]+")
_OF = re.compile(r"^\s*(\S+(?:\s+\S+)?)\s+of\s+(?:the\s+)?(\S+)\s*$", re.IGNORECASE)
#: Aliases too generic to name a column as one word of a longer header.
_WEAK = frozenset(
    normalize_header(w)
    for w in (
        *("to", "from", "id", "name", "email", "time", "date", "day", "when", "ask", "start"),
        *("end", "sent", "reply", "replied", "title", "job", "interview", "interviewer"),
        *("recipient", "contact", "status", "result", "tz", "zone", "length", "minutes"),
        *("decision", "response", "interest", "interested", "role", "position", "discussed"),
        *("note", "co", "at", "opening", "vacancy"),
    )
)
#: "Day" beside another date column is the weekday: a column not used.
_DAY = "day"
#: Headers that name the interviewer where no other column does: a sheet of one hiring
#: manager each, beside no "Interviewer" column.
_IF_NO_OTHER = {
    **dict.fromkeys(("hiringmanager", "hiringmgr", "hm", "hiringmanagername"), "interviewer_name"),
    **dict.fromkeys(("hiringmanageremail", "hiringmgremail", "hmemail"), "interviewer_email"),
}
#: Headers of job trackers that are words of their own, not misspelt columns.
_TRACKER_WORDS = frozenset(("status", "stage", "round", "location", "salary", "source", _DAY))
#: A time of day in a cell: "9:30", "14h30", "2pm", "10-11 a.m.".
_A_TIME = r"(?i)\d(?:[:.h]\d\d|\s*[ap]\.?\s?m\b)"
#: Names a sheet's unused column is not given: the output's and the reader's own.
_RESERVED = frozenset(RECIPIENT_COLUMNS) | WORKING_COLUMNS
#: Columns of one interviewer each ("Interviewer 2 Email" too): beside one, no column is
#: the list of the whole panel.
_ONE_EACH = frozenset(("interviewer_name", "interviewer_email", "interviewer_address"))
_FIELD_WORDS = {
    "interviewer_address": "name and address",
    "interviewer_name": "name",
    "interviewer_email": "email",
    "interviewer_title": "title",
    "talking_point": "talking point",
    "notes": "notes",
    "preferred_name": "preferred name",
    "question": "question",
}


@dataclass(frozen=True)
class Unused:
    """A column followup will not use, why, and the column it may have meant."""

    header: str
    problem: str
    hint: str
    code: str = "unknown_column"
    severity: str = "warning"


def map_headers(raw: RawSheet) -> tuple[list[str], dict[str, str], list[Unused]]:
    """Canonical name per column position, canonical name → sheet header, and the columns
    that were not used.

    A header is matched whole (case, spaces and punctuation ignored), then without the
    words in brackets ("Email (work)"), then by its parts: "Questions I forgot to ask"
    is a question column because "questions" is, unless its parts name two columns
    ("Notes / what we talked about": notes or talking point?), which is reported.
    """
    names: list[str | None] = []
    headers: dict[str, str] = {}
    times = _from_to_times(raw)
    slots = {_slot(h) for h in raw.headers} - {None}  # the interviewers' numbers
    stray = set()  # "Question 3" beside two interviewers: no one's, and not the interview's
    for position, header in enumerate(raw.headers):
        name = times.get(position) or _exact(header)
        numbered = field_then_slot(header) if name is None and slots else None
        if numbered and numbered[0] not in slots:
            stray.add(position)
            numbered = None
        name = f"{numbered[1]}#{numbered[0]}" if numbered else name  # "Talking point 2"
        other = _SECOND_MEANING.get(name or "")
        if other and name in headers and other[0] not in headers:
            # "When" beside "Start time", "Title" beside "Job title": the loose one gives way
            if normalize_header(header) in other[1]:
                name = other[0]
            elif normalize_header(headers[name]) in other[1]:
                names[names.index(name)] = other[0]
                headers[other[0]] = headers.pop(name)
        if name is not None and name in headers and normalize_header(header) in _GIVES_WAY:
            name = None  # "Day" beside "Date", "Main topic" beside "Talking point": not used
        elif name is not None and normalize_header(headers.get(name, "")) in _LOOSE:
            names[names.index(name)] = None  # "Main topic", then "Talking point": that one
            del headers[name]
        elif name is not None and normalize_header(headers.get(name, "")) == _DAY:
            names[names.index(name)] = None
            del headers[name]
        if name is not None and name in headers:
            raise ColumnsError(
                f"{raw.source}: columns {headers[name]!r} and {header!r} both mean "
                f"{_meaning(name)}; rename or delete one of them."
            )
        names.append(name)
        if name is not None:
            headers[name] = header or f"column {position + 1}"
    if normalize_header(headers.get("candidate_email", "")) == "from" and (
        "interview_end" in headers and "interview_start" not in headers
    ):  # "From" is a mail merge's sender, but the start beside "Until"
        names[names.index("candidate_email")] = "interview_start"
        headers["interview_start"] = headers.pop("candidate_email")
    for position, header in enumerate(raw.headers):  # one meaning first: it may settle
        if names[position] is None and loose_wide_field(header) is None and position not in stray:
            meant = _by_parts(header, headers)
            if len(meant) == 1:
                names[position], headers[meant[0]] = meant[0], header
    for position, header in enumerate(raw.headers):  # "Hiring mgr", "Slot": where no other is
        fallback = _fallback(raw, position, header) if names[position] is None else ""
        if fallback and fallback not in headers:
            names[position], headers[fallback] = fallback, header
    addresses = interviewer_addresses(raw, names, headers)
    if addresses is not None:  # "Contact", "Address": the column of addresses, where none is
        headers.pop(names[addresses] or "", None)
        names[addresses], headers["interviewer_email"] = "interviewer_email", raw.headers[addresses]
    unused: list[Unused] = []
    for position, header in enumerate(raw.headers):
        if names[position] is not None:
            continue
        loose = loose_wide_field(header)
        if loose is not None and loose[1] is not None:
            name = f"{loose[1]}#{loose[0]}"
            if name in headers:
                raise ColumnsError(
                    f"{raw.source}: columns {headers[name]!r} and {header!r} both mean "
                    f"{_meaning(name)}; rename or delete one of them."
                )
            names[position], headers[name] = name, header
            continue
        meant = [] if loose is not None or position in stray else _by_parts(header, headers)
        if len(meant) == 1:  # "Notes from convo" beside "My private notes": the talking point
            names[position] = meant[0]
            headers[meant[0]] = header
            continue
        name = _unused_name(header, position, headers)
        names[position] = name
        headers[name] = header or f"column {position + 1}"
        if loose is not None:
            unused.append(_unread_slot(header, loose[0]))
        elif normalize_header(header):
            unused.append(_describe_unused(header, meant, name))
    unused += _panel_of_labels(raw, names, headers)
    return [n for n in names if n is not None], headers, unused


def _fallback(raw: RawSheet, position: int, header: str) -> str:
    """The column a header names only where no other column does: "Hiring mgr" the
    interviewer; "Slot" the start, if it holds times ("9:30-10:15am", not "B2")."""
    key = normalize_header(header)
    if key == "slot":
        times = raw.cells.iloc[:, position].str.contains(_A_TIME).any()
        return "interview_start" if times else ""
    return _IF_NO_OTHER.get(key, "")


def _unused_name(header: str, position: int, headers: dict[str, str]) -> str:
    """The name a column not used goes by in the recipients (for a template of one's own):
    its header in snake case, never one of followup's own columns."""
    name = snake_case(header) if normalize_header(header) else f"column_{position + 1}"
    while name in headers or name in BY_NAME or name in _RESERVED:
        name += "_"
    return name


def _panel_of_labels(
    raw: RawSheet, names: list[str | None], headers: dict[str, str]
) -> list[Unused]:
    """A "Panel" column beside columns of one interviewer each, with no address in it,
    names the round ("Technical round"), not the panel: it becomes a column not used.
    Beside an "Email" column alone, it holds the panel's names (``names_beside_addresses``)."""
    one_each = [n for n in headers if n.partition("#")[0] in _ONE_EACH]
    if "interviewers" not in headers or one_each in ([], ["interviewer_email"]):
        return []
    position = names.index("interviewers")
    if raw.cells.iloc[:, position].str.contains("@", regex=False).any():
        return []
    header = headers.pop("interviewers")
    name = _unused_name(header, position, headers)
    names[position], headers[name] = name, header
    return [
        Unused(
            header,
            "column not used: it holds no addresses, and the interviewers have columns of "
            "their own",
            f"a template of your own can use it as {name}; to list a whole panel in one "
            "cell, write 'Name <email>; Name <email>'",
        )
    ]


def _from_to_times(raw: RawSheet) -> dict[int, str]:
    """The start and the end: "From" and "To" columns with no address in them (with
    addresses, they are a mail merge's sender and recipient)."""
    keys = [normalize_header(h) for h in raw.headers]
    if "from" not in keys or "to" not in keys:
        return {}
    at = [keys.index("from"), keys.index("to")]
    if raw.cells.iloc[:, at].apply(lambda c: c.str.contains("@", regex=False).any()).any():
        return {}
    return {at[0]: "interview_start", at[1]: "interview_end"}


_LOOSE = frozenset(
    normalize_header(h) for h in (*LOOSE_TALKING_POINTS, *LOOSE_NOTES, *LOOSE_COMPANIES)
)
_GIVES_WAY = _LOOSE | {_DAY}  # not used beside a tighter one
#: Loose headers that mean a second column when a tighter one takes their first meaning:
#: "When" is the day beside "Start time"; "Title" is the interviewer's beside "Job title".
_SECOND_MEANING = {
    "interview_start": ("interview_date", frozenset(("when", "scheduled"))),
    "role": ("interviewer_title", frozenset(("title",))),
}


def _meaning(name: str) -> str:
    """How an error names a column: "interviewer 2's email", or "`company`"."""
    field, _, slot = name.partition("#")
    return f"interviewer {slot}'s {_FIELD_WORDS[field]}" if slot else f"`{field}`"


def _slot(header: str) -> int | None:
    """The interviewer number a wide header names, if it names one."""
    exact = _exact(header, slots_only=True)
    loose = loose_wide_field(header)
    return int(exact.partition("#")[2]) if exact else loose[0] if loose else None


def _exact(header: str, *, slots_only: bool = False) -> str | None:
    """The column a header names whole, or without its bracketed words, or turned round
    from "A of B" to "B A" ("Date of interview" is the interview date); with
    ``slots_only``, only a wide layout's numbered column."""
    header = spelled_out(header)
    bare = _BRACKETS.sub(" ", header)
    for text in (header, bare, _OF.sub(r"\2 \1", bare)):
        key = normalize_header(text)
        slot = wide_field(key)
        if slot is not None:
            return f"{slot[1]}#{slot[0]}"
        if key in ALIASES and not slots_only:
            return ALIASES[key]
    return None


def spelled_out(header: str) -> str:
    """The header with its shorthand words written out.

    >>> spelled_out("What we talked abt"), spelled_out("Len (min)"), spelled_out("Lens")
    ('What we talked about', 'length (min)', 'Lens')
    """
    return _WORD.sub(lambda word: _SHORTHAND.get(word[0].lower(), word[0]), header)


def _by_parts(header: str, taken: dict[str, str]) -> list[str]:
    """The columns not yet taken that the header's phrases name: each run of its words
    that is an alias (one weak word alone, like "email" or "date", is not enough). Beside
    a column of interviewers' names or addresses, none is the panel ("Panel size"); the
    questions they "asked" are not the question to ask."""
    words = re.split(r"[^0-9A-Za-z\u00c0-\uffff']+", spelled_out(header))
    tokens = [normalize_header(t) for t in words]
    tokens = [t for t in tokens if t]
    found: dict[str, None] = {}
    for size in range(len(tokens), 0, -1):
        for start in range(len(tokens) - size + 1):
            key = "".join(tokens[start : start + size])
            if key in ALIASES and not (size == 1 and key in _WEAK):
                found.setdefault(ALIASES[key], None)
    one_each = any(name.partition("#")[0] in _ONE_EACH for name in taken)
    asked = "asked" in tokens  # "Questions they asked": not the question to ask
    theirs = not _the_candidates(header)  # "Student preferred name": not the reader's
    return [
        c
        for c in found
        if c not in taken
        and not (one_each and c == "interviewers")
        and not (asked and c == "question")
        and (theirs or c not in _WHO_THE_READER_IS)
    ]


#: Words that make a header the candidate's, and what a header then cannot be.
_CANDIDATE_WORDS = frozenset(("student", "students", "candidate", "applicant", "my", "mine"))
_WHO_THE_READER_IS = (
    "preferred_name",
    "interviewer_name",
    "interviewer_email",
    "interviewer_title",
)


def _the_candidates(header: str) -> bool:
    """Whether a header names the candidate's column: "Student preferred name", "My title"."""
    return not _CANDIDATE_WORDS.isdisjoint(re.split(r"[^a-z]+", spelled_out(header).lower()))


def _unread_slot(header: str, slot: int) -> Unused:
    """A numbered interviewer column whose other words name no field, or several."""
    return Unused(
        header,
        f"interviewer {slot}'s column not read: its words name no field, or several",
        f"rename it 'Interviewer {slot} Email' (or Name, Title, Talking Point, Question, "
        "Notes), or 'Interviewer {slot}' for 'Name <email>'",
        code="unread_interviewer_column",
        severity="error",
    )


def _describe_unused(header: str, meant: list[str], name: str) -> Unused:
    if len(meant) > 1:
        options = " or ".join(m.replace("_", " ") for m in meant)
        return Unused(
            header,
            f"column not used: its parts could mean {options}",
            f"did you mean {meant[0].replace('_', ' ')}? Rename the header to say which "
            f"(a template of your own can use it as {name})",
        )
    key = normalize_header(header)  # a short word needs more alike: "Misc" is not "Mins"
    near = difflib.get_close_matches(key, list(ALIASES), n=1, cutoff=0.75 if len(key) > 5 else 0.8)
    if key in _TRACKER_WORDS:  # "Status" is not a misspelt "Starts"
        near = []
    if near and ALIASES[near[0]] in _WHO_THE_READER_IS and _the_candidates(header):
        near = []  # "Student preferred name" is not a misspelt "Preferred name": the student's
    guess = f"did you mean {ALIASES[near[0]].replace('_', ' ')}? " if near else ""
    if "asked" in re.split(r"\W+", header.lower()):  # "Questions they asked"
        guess = "the letters ask the question of a 'Question to ask' column; "
    return Unused(
        header,
        "column not used",
        f"{guess}a template of your own can use it as {name}; followup's letters do not",
    )
