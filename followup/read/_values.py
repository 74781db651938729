"""Value checks on text cells: length, header injection, required values, addresses, yes/no."""

from __future__ import annotations

import re
from email.utils import parseaddr

import pandas as pd

from followup._addresses import EMAIL_PATTERN
from followup._clock import wall_clock
from followup._distinct import holds_per_distinct
from followup._regex import one_space
from followup.errors import OptionError
from followup.read._rejects import Problems
from followup.schema import (
    BY_NAME,
    DITTOS,
    MAX_CELL_CHARS,
    MAYBE_WORDS,
    NO_WORDS,
    PER_INTERVIEWER,
    TRACKING,
    YES_ALONE,
    YES_NO_SIGNS,
    YES_WORDS,
)

#: The cells that together say which interview a row is about.
INTERVIEW_CELLS = ("candidate_name", "candidate_email", "company", "role", "interview_start",
                   "interview_date")  # fmt: skip
#: The cells that name an interview: a row with all of them empty continues the one above.
NAMING_CELLS = ("company", "role", "interview_date", "interview_start")
#: What a row that continues the interview above takes from it, where its own cell is empty.
_OF_THE_INTERVIEW = (*INTERVIEW_CELLS, "interview_end", "duration", "timezone", "program",
                     "cohort", "student_id")  # fmt: skip
#: The cells a slot of the day above leaves empty: "10:30" alone below "Acme, Analyst, 12/7, 9:00".
_OF_THE_SLOT = ("company", "role", "interview_date")
_MISSING = {
    "company": "missing_company",
    "role": "missing_role",
    "interviewer_email": "missing_email",
    "interviewer_name": "missing_name",
}


def check_text(long: pd.DataFrame, problems: Problems, *, extras: list[str]) -> pd.DataFrame:
    """Length, header injection, required values and email syntax."""
    absent: set[str] = set()  # columns the sheet does not have: empty, nothing to check
    for name in (
        "candidate_name",
        "candidate_email",
        "interview_id",
        "interviewer_title",
        "preferred_name",
        "notes",
        "talking_point",
        "question",
        "fit",
        "program",
        "cohort",
        "student_id",
        "interested",
        "timezone",
        "interview_end",
        "duration",
        "interview_date",
        "decision_by",
        "contact",
        *TRACKING,
    ):
        if name not in long.columns:
            long[name] = ""
            absent.add(name)
    text_columns = [
        c
        for c in long.columns
        if (c in BY_NAME or c in PER_INTERVIEWER or c in extras) and c not in absent
    ]
    for column in text_columns:
        too_long = long[column].str.len() > MAX_CELL_CHARS
        problems.add(
            too_long,
            column,
            f"cell is longer than {MAX_CELL_CHARS:,} characters",
            "shorten it; a thank-you note needs a sentence, not a document",
            code="cell_too_long",
        )
    for column in (c.name for c in BY_NAME.values() if c.header):
        if column in long.columns and column not in absent:
            text = long[column]
            injected = text.str.contains(r"[\r\n\x00-\x08\x0b-\x1f\x7f]", regex=True)
            if injected.any():
                problems.add(
                    injected,
                    column,
                    "line break or control character in a field that goes into a mail header",
                    "put the value on one line; line breaks here could forge mail headers",
                    code="header_injection",
                    value=text.str.replace("\r", "\\r").str.replace("\n", "\\n"),
                )
            # Tabs and runs of spaces in names mean nothing to a mail client: one space.
            long[column] = text.where(injected, one_space(text))
    required = {
        "company": "add the employer's name",
        "role": "add the position you interviewed for",
        "interviewer_email": "add the interviewer's email address",
        "interviewer_name": "add the interviewer's name, used in the greeting",
    }
    nobody = (long["interviewer_name"] == "") & (long["interviewer_email"] == "")
    problems.add(
        nobody,
        "interviewer_name",
        "no interviewer in this row",
        "add at least one interviewer's name and email",
        code="no_interviewer",
    )
    named = long["interviewer_name"]  # "add Chidi Okeke's email address": whose it is
    whose = ("add " + named + "'s email address").where(named != "", required["interviewer_email"])
    for column, hint in required.items():
        missing = long[column] == ""
        if column.startswith("interviewer_"):
            missing &= ~nobody
        problems.add(
            missing,
            column,
            f"missing {column.replace('_', ' ')}",
            whose if column == "interviewer_email" else hint,
            code=_MISSING[column],
        )
    for column in ("interviewer_email", "candidate_email"):
        given = long[column] != ""
        malformed = given & ~long[column].str.fullmatch(EMAIL_PATTERN)
        if "packed_problem" in long:  # already reported: names and addresses that differ
            malformed &= long["packed_problem"] == ""
        problems.add(
            malformed,
            column,
            "not a valid email address",
            "use the form name@example.com, with no spaces or display name",
            code="bad_email",
        )
    return long


#: A score on a scale of 5 or 10: "4", "2 - prob not", "7/10", "6 out of 10" (not "1st").
_SCORE = re.compile(r"\s*(\d{1,2})(?:\s*(?:/|out\s+of|of)\s*(5|10))?(?![\w.,%])(?!\s*%)")
#: The scale a header gives its scores: "Still keen (1-10)", "Interest /5", "Fit out of 10".
_HEADER_SCALE = re.compile(r"(?:\b[01]\s*(?:-|–|to)\s*|/\s*|\bout\s+of\s+)(5|10)\b", re.I)


def yes_no(text: str, out_of: int | None = None) -> bool | str | None:
    """How a yes/no cell reads: True, False, "maybe", or None when it cannot be read. A
    score is out of ``out_of`` (the header's scale) where it says no scale of its own.

    >>> [yes_no(t) for t in ("Yes!!", "nope.", "Not really", "maybe?", "soon", "prob not")]
    [True, False, False, 'maybe', None, False]
    >>> [yes_no(t) for t in ("4", "2 - prob not", "3/5", "7/10", "6 out of 10", "12")]
    [True, False, 'maybe', True, 'maybe', None]
    >>> [yes_no(t, out_of=10) for t in ("4", "1", "6", "8")]
    [False, False, 'maybe', True]
    """
    if set(text.strip()) == {"?"}:
        return "maybe"
    alone = text.strip() in ("0", "1") and out_of is None  # 1/0 alone: a spreadsheet's yes/no
    scored = None if alone else _SCORE.match(text)
    if scored:  # "4", "2 - prob not", "7/10": out of 5, or of 10 above 5
        score = int(scored[1])
        scale = int(scored[2] or out_of or (5 if score <= 5 else 10))
        if score <= scale:
            return True if score >= 0.7 * scale else "maybe" if score >= 0.5 * scale else False
    signs = re.sub(rf"([{YES_NO_SIGNS}])", r" \1 ", text.lower())  # "🔥🔥" is two signs
    phrase = " ".join(re.sub(rf"[^\w\s{YES_NO_SIGNS}]", " ", signs).split())
    said = [  # the longest opening that fits: "prob not" over "prob", "not sure" over "not"
        (len(start), answer)
        for answer, starts in (("maybe", MAYBE_WORDS), (False, NO_WORDS), (True, YES_WORDS))
        for start in starts
        if phrase == start or phrase.startswith(start + " ")
    ]
    if said:
        return max(said, key=lambda fit: fit[0])[1]
    return True if phrase in YES_ALONE else None


def header_scale(header: str) -> int | None:
    """The scale a header gives its scores, if any.

    >>> header_scale("Still keen (1-10)"), header_scale("Interest /5"), header_scale("Keen?")
    (10, 5, None)
    """
    scale = _HEADER_SCALE.search(header)
    return int(scale[1]) if scale else None


def continue_interviews(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that leave every cell naming the interview empty (company, role, date, time)
    continue the interview above: a panel listed under the row that names it, or merged
    cells in a workbook. They take its cells, candidate and time included, unless they
    name another candidate. Rows that give only a time are the next slot of that day: they
    take the rest.

    >>> sheet = pd.DataFrame({"company": ["Acme", "", ""], "interviewer_name": ["Dana", "Luis",
    ...                       "Ana"], "candidate_name": ["Sam", "", "Kim"]}, dtype="str")
    >>> continue_interviews(sheet)["company"].tolist()
    ['Acme', 'Acme', '']
    """
    if not len(frame) or not frame.columns.isin(NAMING_CELLS).any():
        return frame
    continues = ~names_an_interview(frame)
    # A slot of the day above: a time alone, below a row that names the interview.
    slot = ~continues & (frame[[c for c in _OF_THE_SLOT if c in frame]] == "").all(axis=1)
    continues.iloc[0] = slot.iloc[0] = False  # nothing above it
    if not (continues | slot).any():
        return frame
    columns = [c for c in _OF_THE_INTERVIEW if c in frame]
    above = frame[columns].where(~(continues | slot)).ffill()
    for column in ("candidate_name", "candidate_email"):
        if column in frame:  # another candidate's row is not this interview
            same = (frame[column] == "") | (frame[column] == above[column])
            continues, slot = continues & same, slot & same
    out = frame.copy()
    for column in columns:
        takes = continues | (slot & (column not in ("interview_start", "interview_end")))
        empty = takes & (frame[column] == "")
        out[column] = frame[column].where(~empty, above[column]).astype("str")
    return out


def fill_from_panel(long: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Cells about the interview left empty on a panel's later rows ("Still interested?"
    written once, on the first interviewer's row) take the value the panel gave."""
    blank = [c for c in columns if (long[c] == "").any() and (long[c] != "").any()]
    if not blank:
        return long
    key = interview_key(long)
    out = long.copy()
    for column in blank:
        given = long[column].where(long[column] != "")
        out[column] = given.groupby(key).transform("first").fillna("").astype("str")
        out[column] = long[column].where(long[column] != "", out[column])
    return out


def fill_dittos(long: pd.DataFrame, problems: Problems, columns: tuple[str, ...]) -> pd.DataFrame:
    """A note that points at the one above ("ditto", "same as above", '"') takes the note
    of the panel's row above it, with a warning that quotes it; one with no note above
    in its panel stays as it is (and its letter says it has no talking point)."""
    marked = {c: long[c].str.strip().str.lower().str.rstrip(".!").isin(DITTOS) for c in columns}
    if not any(m.any() for m in marked.values()):
        return long
    key, out = interview_key(long), long.copy()
    for column, ditto in marked.items():
        above = long[column].where(~ditto & (long[column] != "")).groupby(key).ffill()
        filled = ditto & above.notna()
        out[column] = long[column].where(~filled, above).astype("str")
        problems.add(
            filled,
            column,
            "read as the note above it: '" + above.fillna("") + "'",
            "write this interviewer's own note if they talked about something else",
            code="ditto_note",
            severity="warning",
        )
    return out


def interview_key(frame: pd.DataFrame) -> pd.Series:
    """The same interview, by its cells: those of :data:`INTERVIEW_CELLS` ``frame`` has."""
    key = pd.Series("", index=frame.index, dtype="str")
    for column in (c for c in INTERVIEW_CELLS if c in frame):
        key = key + "\x1f" + frame[column]
    return key


def names_an_interview(frame: pd.DataFrame) -> pd.Series:
    """Rows that fill some cell naming an interview; the others continue the one above."""
    return (frame[[c for c in NAMING_CELLS if c in frame]] != "").any(axis=1)


def parse_interested(long: pd.DataFrame, problems: Problems) -> tuple[pd.Series, pd.Series]:
    """Whether the candidate still wants the job, and whether they are unsure ("maybe",
    "meh", a middling score): yes then, said with measure in the letter."""
    header = problems.header("interested")  # a score reads on its header's scale
    if isinstance(header, str):
        codes, uniques = pd.factorize(long["interested"])
        cells = [(u, header) for u in uniques.tolist()]
    else:  # a wide sheet: a header per row
        codes, uniques = pd.factorize(long["interested"] + "\x00" + header)
        cells = [tuple(u.rsplit("\x00", 1)) for u in uniques.tolist()]
    readings = [yes_no(cell, header_scale(head)) if cell else True for cell, head in cells]
    value = pd.Series([r is not False for r in readings], dtype="bool").take(codes)
    reading = pd.Series([str(r) for r in readings], dtype="str").take(codes)
    value.index = reading.index = long.index
    problems.add(
        reading == "None",
        "interested",
        "not a yes/no value",
        "write yes or no (also y/n, sure, nope, withdrew); empty means yes",
        code="bad_yes_no",
    )
    problems.add(
        reading == "maybe",
        "interested",
        "read as yes (still interested), though it says maybe: the letter states its interest "
        "with measure",
        "write yes or no to be sure: a yes gets an eager letter, a no a gracious one",
        code="maybe_interested",
        severity="warning",
    )
    return value, reading == "maybe"


#: A cell that opens with a withdrawal: "no - took another offer", "withdrew", "pulled out"
#: (not "the last hire pulled out", which is about someone else).
_WITHDRAWN = re.compile(
    r"^\W*(?:(?:no|i)\b\W*)?(?:(?:took|accepted|signed|went\s+with)\s+(?:an(?:other)?|"
    r"a\s+different|the\s+other)\s+(?:offer|job|role|position)\b|withdr[ae]w(?:n|ing)?\b|"
    r"(?:no\s+longer|not)\s+interested\b|(?:pulled|dropped)\s+out\b)",
    re.IGNORECASE,
)


def withdrawn_in(long: pd.DataFrame, columns: list[str], problems: Problems) -> pd.Series:
    """Rows where a column followup does not read says the candidate withdrew ("Status": "no
    - took another offer"), for a sheet without an interest column: they read as no longer
    interested (and so does the rest of their panel), with a warning."""
    withdrawn = pd.Series(False, index=long.index)
    for column in columns:
        said = holds_per_distinct(long[column], _WITHDRAWN.match)  # anchored at the start
        problems.add(
            said,
            column,
            "read as no longer interested: the letter is gracious, not eager",
            "if you still want the job, add an 'Interested' column and write yes in it",
            code="withdrawn_in_column",
            severity="warning",
        )
        withdrawn |= said
    return withdrawn


def carry_interest(
    long: pd.DataFrame,
    interested: pd.Series,
    unsure: pd.Series,
    start: pd.Series,
    zones: pd.Series,
    problems: Problems,
) -> tuple[pd.Series, pd.Series]:
    """A candidate no longer interested in a role at one interview, or unsure of it, is so
    at the others for it that day (in each row's zone), unless they say otherwise: a blank
    interest cell there reads the same, with a warning. One chunk at a time."""
    said_no = ~interested & (long["interested"] != "")
    if not (said_no.any() or unsure.any()):
        return interested, unsure
    day = wall_clock(start, zones.mask(zones == "", "UTC")).dt.strftime("%Y-%m-%d").fillna("")
    key = (
        long["candidate_email"].str.lower() + "|" + long["candidate_name"].str.lower() + "|"
        + long["company"].str.lower() + "|" + long["role"].str.lower() + "|" + day
    )  # fmt: skip

    def carried(said: pd.Series, reading: str, letter: str, code: str) -> pd.Series:
        first = long["row"].where(said).groupby(key).transform("min")
        blank = (long["interested"] == "") & first.notna() & interested
        row = first.fillna(0).astype(int).astype("str")
        problems.add(
            blank,
            "interested",
            f"read as {reading}, as row " + row + " says for this role",
            f"write yes here if you still want the job: this letter is {letter}, not eager",
            code=code,
            severity="warning",
        )
        return blank

    interested = interested & ~carried(said_no, "no longer interested", "gracious",
                                       "not_interested_elsewhere")  # fmt: skip
    return interested, unsure | carried(unsure, "unsure", "measured", "maybe_interested")


def parse_sender(sender: str | None) -> tuple[str, str]:
    if sender is None:
        return "", ""
    name, address = parseaddr(sender)
    if not name or not address or not pd.Series([address]).str.fullmatch(EMAIL_PATTERN)[0]:
        raise OptionError(
            f"sender {sender!r} is not of the form 'Your Name <you@example.com>'.",
            options=("sender",),
        )
    return name, address
