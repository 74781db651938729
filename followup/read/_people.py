"""Interviewer names as people write them: a role or pronouns with the name, two people
in one cell, one address for people of different names.

"Priya Raghunathan (Hiring Mgr)", "Priya Raghunathan, Hiring Mgr" and "Hiring Mgr: Priya
Raghunathan" are Priya Raghunathan, whose title is Hiring Mgr; "Sam Lee (he/him)" is Sam
Lee. Left in the name, the role would be greeted ("Hi Hiring Mgr,") and shown in the To:
line. A bracket of anything else is a nickname ("Olúwaseun Adeyemi (Seun)") and stays.

>>> long = pd.DataFrame({"interviewer_name": ["Priya Rao (Hiring Mgr)", "Sam Lee [he/him]",
...     "Ana Gil (Ani)", "Jo Park - Data Lead"], "interviewer_title": ["", "", "", "CTO"]})
>>> roles_in_names(long).to_numpy().tolist()
[['Priya Rao', 'Hiring Mgr'], ['Sam Lee', ''], ['Ana Gil (Ani)', ''], ['Jo Park', 'CTO']]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from followup._distinct import per_distinct
from followup.read._rejects import Problems

#: A name, then a bracket or a spaced dash and what follows it; or a comma and what follows.
_AFTER_NAME = re.compile(
    r"^(?P<name>.*?\S)\s*(?:[(\[](?P<said>[^()\[\]]+)[)\]]|\s[-–—]\s+(?P<dashed>.+?))\s*$"
)
_AFTER_COMMA = re.compile(r"^(?P<name>.*\S)\s*,\s+(?P<said>[^,]+?)\s*$")  # the last comma
_SUFFIX = re.compile(r"(?i)^(?:jr|sr|ii|iii|iv|phd|ph\.d|md|esq|mba)\.?$")
#: A role, then a colon or a spaced dash and the name: "HM: Dana Whitfield".
_BEFORE_NAME = re.compile(r"^(?P<said>[^:]*?\S)\s*(?::|\s[-–—])\s+(?P<name>.+?)\s*$")
_PRONOUNS = re.compile(r"(?i)^(?:he|she|they|ze|xe|any)(?:\s*/\s*\w+)+$")
#: Two people in one name cell: "Kari Nordmann & Ola Nordmann", "Dana and Luis", "Jo + Sam".
_PERSON = r"[^\W\d_][^\s&+/]*(?:\s+[^\W\d_][^\s&+/]*){0,2}"  # up to three words
_TWO_PEOPLE = (
    rf"^\s*(?P<first>{_PERSON})\s*(?:&|\+|/|\s(?:and|und|et|og)\s)\s*(?P<second>{_PERSON})\s*$"
)
#: Words that make what follows a name a role ("Hiring Mgr", "VP Eng", "recruiter").
_ROLE_WORDS = frozenset({"hiring", "manager", "mgr", "hm", "lead", "head", "director",
    "dir", "recruiter", "recruiting", "talent", "hr", "ta", "sourcer", "vp", "svp", "evp",
    "cto", "ceo", "cfo", "coo", "cio", "cpo", "cdo", "founder", "cofounder", "co-founder",
    "chief", "owner", "partner", "president", "chair", "engineer", "engineering", "eng",
    "scientist", "analyst", "pm", "panel", "panelist", "panellist", "interviewer", "team",
    "tech", "technical", "sr", "senior", "jr", "junior", "principal", "staff", "people",
    "ops", "operations", "sales", "product", "design", "designer", "developer", "dev",
    "architect", "consultant", "associate", "intern", "coordinator", "specialist",
    "officer", "admin", "boss", "supervisor"})  # fmt: skip


def roles_in_names(long: pd.DataFrame) -> pd.DataFrame:
    """``interviewer_name`` without a role or pronouns written after it; the role becomes
    ``interviewer_title`` where that cell is empty."""
    names = long["interviewer_name"]
    marked = names.str.contains(r"[(\[–—,:-]", regex=True)  # no \s: pandas would run it in Python
    if not marked.any():
        return long
    parts = per_distinct(names[marked], _split).str.split("\x1f", n=1, expand=True)
    if parts.shape[1] < 2:  # only nicknames
        return long
    title = long["interviewer_title"]
    empty = marked & (title == "")
    return long.assign(
        interviewer_name=names.mask(marked, parts[0]),
        interviewer_title=title.mask(empty, parts[1].reindex(names.index).fillna("")),
    )


def _split(name: str) -> str:
    """``name``, and the role written with it, joined by "\x1f"; ``name`` alone when it
    has none ("Olúwaseun Adeyemi (Seun)" and "Ortega, Luis" keep theirs whole)."""
    for pattern in (_AFTER_NAME, _AFTER_COMMA):
        found = pattern.match(name)
        if found is None:
            continue
        said = found["said"] or found.groupdict().get("dashed") or ""
        pieces = re.split(r"\s*[,;]\s*", said.strip())
        kept = [p for p in pieces if p and not _PRONOUNS.match(p)]  # "recruiter, she/her"
        if any(_SUFFIX.match(p) for p in kept):  # "Luis Ortega, Jr."
            continue
        if not kept or _names_a_role(kept):
            return found["name"] + "\x1f" + ", ".join(kept)
    before = _BEFORE_NAME.match(name)  # "Recruiter - Tom Reyes"
    if before and _names_a_role([before["said"]]) and not _names_a_role([before["name"]]):
        return before["name"] + "\x1f" + before["said"]
    return name


def _names_a_role(pieces: list[str]) -> bool:
    return bool(
        {w.strip(".'’").lower() for p in pieces for w in re.split(r"[\s/&]+", p)} & _ROLE_WORDS
    )


def warn_of_two_people(long: pd.DataFrame, problems: Problems) -> None:
    """Warn of a name cell that names two people beside one address ("Kari & Ola"): only
    the one the address belongs to gets a letter."""
    names = long["interviewer_name"]
    joined = names.str.contains(r"[&+/]| (?:and|und|et|og) ")  # RE2: fast on every row
    if not joined.any():
        return
    second = names[joined].str.extract(_TWO_PEOPLE)["second"].dropna()
    second = second[[s[0].isupper() and not _names_a_role([s]) for s in second]]  # "/ HR"
    if second.empty:
        return
    two = pd.Series(names.index.isin(second.index), index=names.index)
    problems.add(
        two,
        "interviewer_name",
        "two people in one name cell, beside one address: one letter goes, to that address",
        (
            "give " + second + " a row of their own with their email, so each is thanked personally"
        ).reindex(names.index),
        code="two_people_one_address",
        severity="warning",
    )


def _strangers(names: list[str]) -> bool:
    """Whether two of ``names`` share no word: "Bill Lumbergh" and "Milton Waddams", not
    "Reyes, Tom" and "Tom Reyes" or "Bob Smith" and "Robert Smith"."""
    words = [set(re.findall(r"\w{2,}", name.lower())) for name in names]
    return any(not a & b for i, a in enumerate(words) for b in words[i + 1 :])


def warn_of_shared_addresses(long: pd.DataFrame, problems: Problems) -> None:
    """Warn of an address given for people whose names share no word (a recruiter's, in the
    email column beside each interviewer): every one of their letters goes to it."""
    both = (  # a rejected row ("not-an-address") is reported already
        (long["interviewer_email"] != "") & (long["interviewer_name"] != "") & ~problems.bad
    ).to_numpy()
    addresses, given = pd.factorize(long["interviewer_email"].str.strip().str.lower())
    # by the first word: "Dana W." and "Dana Whitfield" are one person
    names, named = pd.factorize(
        long["interviewer_name"].str.lower().str.replace(r" .*", "", regex=True)
    )
    pairs = np.unique((addresses.astype("int64") * (len(named) + 1) + names)[both])
    people = np.bincount(pairs // (len(named) + 1), minlength=len(given))
    shared = (people[addresses] > 1) & both
    if not shared.any():
        return
    for code in np.unique(addresses[shared]).tolist():  # "Dr. Priya Raman", "Priya Raman"
        at = (addresses == code) & both
        if not _strangers(long["interviewer_name"][at].unique().tolist()):
            shared[at] = False
    if not shared.any():
        return
    problems.add(
        pd.Series(shared, index=long.index),
        "interviewer_email",
        "the same address is given for people of different names: each letter goes to it",
        "give each interviewer their own address (is this a recruiter's?)",
        code="shared_address",
        severity="warning",
    )


def with_candidates(
    long: pd.DataFrame, problems: Problems, sender: tuple[str, str], columns: set[str]
) -> pd.DataFrame:
    """Each row's candidate: the sheet's (``columns`` names the candidate columns it has), else
    the ``sender`` (name and address, "" when none was given) where the row names no one.

    Rejected: a row with half a candidate (a name and an empty address cell, or the reverse),
    whose letters would go out from no address or be signed by someone else; and, with no
    sender, a row of a sheet with candidate columns that names no candidate.
    """
    name, email = long["candidate_name"], long["candidate_email"]
    nobody = (name == "") & (email == "")
    if sender[0]:  # a cell the sheet has no column for is the sender's too
        long = long.assign(
            candidate_name=name.mask(nobody | ("candidate_name" not in columns), sender[0]),
            candidate_email=email.mask(nobody | ("candidate_email" not in columns), sender[1]),
        )
    elif columns:
        problems.add(
            nobody,
            "candidate_name" if "candidate_name" in columns else "candidate_email",
            "no candidate on this row: no one to sign its letters",
            "add the candidate's name and address, or pass --sender for rows without one",
            code="missing_candidate",
        )
    for column, other, what in (
        ("candidate_email", name, "address"),
        ("candidate_name", email, "name"),
    ):
        if column in columns:
            problems.add(
                (other != "") & (long[column] == ""),
                column,
                f"the candidate's {what} is missing: their letters cannot be sent as theirs",
                f"add the candidate's {what}",
                code="missing_candidate",
            )
    return long
