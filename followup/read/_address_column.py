"""The interviewers' addresses found by what a column holds, where no header names them:
"Contact", "Contact info", "Address", "Reach at"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from followup.read._raw import RawSheet

#: An address as a sheet holds it, to be checked for good when read: "ann@acme.example".
ADDRESS = r"[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+"
#: A cell of one address, bare or named: "Ann Lee <ann@acme.example>".
_AN_ADDRESS = rf"\s*(?:[^<>@]*<\s*{ADDRESS}\s*>|{ADDRESS})\s*"
_MOSTLY = 0.8
_WORD = re.compile(r"[^\W\d_]+")
#: Header words of columns of someone else's addresses, never the interviewers'.
_SOMEONE_ELSE = frozenset(
    (
        "recruiter", "coordinator", "cc", "bcc", "candidate", "my", "me", "sender", "from",
        "referral", "referrer", "agency", "assistant", "scheduler", "hr",
    )
)  # fmt: skip


def interviewer_addresses(
    raw: RawSheet, names: list[str | None], headers: dict[str, str]
) -> int | None:
    """The position of the one column of addresses in a sheet whose headers name no
    interviewer's address (nor a panel): the interviewers' addresses. A column named for
    someone else ("Recruiter", "CC") is never it; nor is the main-contact flag ("Contact":
    yes). ``names`` holds each position's column name so far (None: not used)."""
    if {"interviewer_email", "interviewers"} & headers.keys() or any("#" in n for n in headers):
        return None
    found = [
        position
        for position, header in enumerate(raw.headers)
        if names[position] in (None, "contact")
        and not _SOMEONE_ELSE.intersection(_WORD.findall(header.lower()))
        and holds_addresses(raw.cells.iloc[:, position])
    ]
    return found[0] if len(found) == 1 else None


def holds_addresses(cells: pd.Series) -> bool:
    """Whether a column's filled cells are addresses, bare or named: four in five of them
    at least (a mistyped one is rejected with its row), and one at least.

    >>> holds_addresses(pd.Series(["ann@acme.example", "", "Bo Li <bo@acme.example>"]))
    True
    >>> holds_addresses(pd.Series(["yes", "ann@acme.example"]))
    False
    """
    filled = cells[cells.str.strip() != ""]
    return bool(len(filled)) and bool(filled.str.fullmatch(_AN_ADDRESS).mean() >= _MOSTLY)
