"""The role and the company as a letter names them: the role without the round of
interviews a sheet notes beside it ("Ops Analyst (2nd round)", "Actuarial Analyst - final"),
which is no part of the job's name, and both with their abbreviations spelled out ("Sr.
Backend Eng", "County Health Dept")."""

from __future__ import annotations

import re

import pandas as pd

from followup._distinct import per_distinct

_ROUND = (
    r"(?:(?:1st|2nd|3rd|\dth|first|second|third|fourth|final|last|next)\s*"
    r"(?:round|interview|stage|call)?|(?:round|stage|r)\s*\d+|phone\s+screen"
    r"|(?:hm|hiring\s+manager|panel|technical|behaviou?ral|case|on-?site|screening)\s+"
    r"(?:round|interview|call)|(?:campus|site|on-?site)\s+visit|job\s+talk)"
)  # not "onsite" or "screening" alone: "IT Support Technician - Onsite" is the job
#: A round in brackets, or after a dash, colon, comma or bar, ending the cell.
_ROUND_NOTE = re.compile(
    rf"\s*(?:\(\s*{_ROUND}\s*\)|\[\s*{_ROUND}\s*\]|(?:\s[-–—|]|[:,])\s*{_ROUND})\s*$",
    re.IGNORECASE,
)


#: Abbreviations in a job title or an employer's name, and the words they stand for.
_SPELLED = {"sr": "Senior", "jr": "Junior", "mgr": "Manager", "dir": "Director",
            "assoc": "Associate", "asst": "Assistant", "coord": "Coordinator", "eng": "Engineer",
            "engr": "Engineer", "mktg": "Marketing", "mgmt": "Management", "rep": "Representative",
            "dept": "Department", "govt": "Government", "prof": "Professor",
            "univ": "University", "intl": "International",
            "natl": "National", "assn": "Association"}  # fmt: skip
_ABBREVIATION = re.compile(rf"(?<![\w&.'-])({'|'.join(_SPELLED)})\b\.?(?![\w&'-])", re.I)
#: Names of public bodies that take "the": "the University of Riverside", "the County
#: Health Department".
_THE = re.compile(
    r"^(?:(?:University|College|Institute|Museum|Bank|Department|Ministry|Office|Library|"
    r"School|Academy|Society|Council|Board|Port|City|State|Commonwealth|Church|Archdiocese)"
    r" of\b|.*\s(?:Department|Authority|Commission)$)"
)


def letter_roles(roles: pd.Series) -> pd.Series:
    """Each role without a round noted at its end, its abbreviations spelled out.

    >>> roles = ["Ops Analyst (2nd round)", "Actuarial Analyst - final", "SWE – Round 2"]
    >>> letter_roles(pd.Series([*roles, "Engineer - Platform", "IT Technician - Onsite"])).tolist()
    ['Ops Analyst', 'Actuarial Analyst', 'SWE', 'Engineer - Platform', 'IT Technician - Onsite']
    >>> letter_roles(pd.Series(["Sr. Backend Eng", "Eng Mgr", "Asst Prof - campus visit"])).tolist()
    ['Senior Backend Engineer', 'Engineering Manager', 'Assistant Professor']
    """
    return per_distinct(roles, lambda role: _spelled_out(_ROUND_NOTE.sub("", role) or role))


def letter_companies(companies: pd.Series) -> pd.Series:
    """Each employer as a sentence names it: without an aside in brackets at its end,
    abbreviations spelled out, and "the" before a public body's name.

    >>> names = ["County Health Dept", "University of Leeds", "Hays (agency)"]
    >>> letter_companies(pd.Series(names)).tolist()
    ['the County Health Department', 'the University of Leeds', 'Hays']
    """

    def named(company: str) -> str:
        spelled = _spelled_out(re.sub(r"\s*\([^()]*\)$", "", company) or company)  # "(recruiter)"
        return f"the {spelled}" if _THE.match(spelled) else spelled

    return per_distinct(companies, named)


def _spelled_out(name: str) -> str:
    """ "Eng" before another word is "Engineering" ("Eng Manager"), else "Engineer"."""

    def spell(match: re.Match[str]) -> str:
        word = _SPELLED[match[1].lower()]
        if word == "Engineer" and re.match(r"\s+[A-Za-z]", name[match.end() :]):
            return "Engineering"
        return word

    return _ABBREVIATION.sub(spell, name)
