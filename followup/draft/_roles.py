"""The role as a letter names it: without the round of interviews a sheet notes beside it
("Ops Analyst (2nd round)", "Actuarial Analyst - final"), which is no part of the job's
name."""

from __future__ import annotations

import re

import pandas as pd

from followup._distinct import per_distinct

_ROUND = (
    r"(?:(?:1st|2nd|3rd|\dth|first|second|third|fourth|final|last|next)\s*"
    r"(?:round|interview|stage|call)?|(?:round|stage|r)\s*\d+|phone\s+screen"
    r"|(?:hm|hiring\s+manager|panel|technical|behaviou?ral|case|on-?site|screening)\s+"
    r"(?:round|interview|call))"
)  # not "onsite" or "screening" alone: "IT Support Technician - Onsite" is the job
#: A round in brackets, or after a dash, colon, comma or bar, ending the cell.
_ROUND_NOTE = re.compile(
    rf"\s*(?:\(\s*{_ROUND}\s*\)|\[\s*{_ROUND}\s*\]|(?:\s[-–—|]|[:,])\s*{_ROUND})\s*$",
    re.IGNORECASE,
)


def letter_roles(roles: pd.Series) -> pd.Series:
    """Each role without a round noted at its end.

    >>> roles = ["Ops Analyst (2nd round)", "Actuarial Analyst - final", "SWE – Round 2"]
    >>> letter_roles(pd.Series([*roles, "Engineer - Platform", "IT Technician - Onsite"])).tolist()
    ['Ops Analyst', 'Actuarial Analyst', 'SWE', 'Engineer - Platform', 'IT Technician - Onsite']
    """
    return per_distinct(roles, lambda role: _ROUND_NOTE.sub("", role) or role)
