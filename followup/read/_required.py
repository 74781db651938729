"""The columns a sheet cannot do without, and the error that names those it lacks, with the
columns it has, the nearest of them, and the workbook's other sheets."""

from __future__ import annotations

import difflib

import pandas as pd

from followup.errors import ColumnsError
from followup.read._address_column import holds_addresses
from followup.read._raw import RawSheet
from followup.schema import ALIASES, BY_NAME, normalize_header

_REQUIRED_HINTS = {
    "company": "the employer, e.g. a 'Company' column",
    "role": "the position, e.g. a 'Role' or 'Position' column",
    "interview_start": "when it started, e.g. 'Start' (date and time) or 'Date' plus 'Time'",
    "interviewer_email": "each interviewer's address, e.g. 'Interviewer Email'",
    "interviewer_name": "each interviewer's name, e.g. 'Interviewer'",
}


def check_required(columns: pd.Index, headers: dict[str, str], raw: RawSheet) -> None:
    present = set(columns)
    wide = any("#" in c for c in present)
    missing = [c for c in ("company", "role") if c not in present]
    if not present & {"interview_start", "interview_date"}:
        missing.append("interview_start")
    if not wide and "interviewers" not in present:
        for column in ("interviewer_name", "interviewer_email"):
            if column not in present and not (
                column == "interviewer_email"
                and "interviewer_name" in present
                and _looks_packed(raw, headers["interviewer_name"])
            ):
                missing.append(column)
    if not missing:
        return
    found = [h for h in raw.headers if h]
    described = "; ".join(f"`{m}` ({_REQUIRED_HINTS[m]})" for m in missing)
    message = (
        f"{raw.source} is missing required columns: {described}. Found: "
        + ", ".join(repr(h) for h in found)
        + "."
    )
    free = [h for h in found if h not in {h for n, h in headers.items() if n in BY_NAME}]
    guesses = [g for g in (_closest(m, free) for m in missing) if g]
    if guesses:
        message += " Did you mean " + ", ".join(guesses) + "?"
    if "interviewer_email" in missing:
        message += "".join(
            f" {h!r} holds addresses: if they are the interviewers', rename it 'Interviewer Email'."
            for h in free
            if holds_addresses(raw.cells.iloc[:, raw.headers.index(h)])
        )
    if raw.other_sheets:
        message += (
            f" The workbook has other sheets: {', '.join(repr(n) for n in raw.other_sheets)};"
            " pick one with --sheet-name (sheet= in Python)."
        )
    raise ColumnsError(message)


def _looks_packed(raw: RawSheet, header: str) -> bool:
    position = raw.headers.index(header)
    return bool(raw.cells[position].str.contains("@", regex=False).any())


def _closest(canonical: str, found: list[str]) -> str | None:
    """The found header most like any alias of ``canonical``."""
    aliases = [k for k, v in ALIASES.items() if v == canonical]
    best, best_score = None, 0.75
    for header in found:
        key = normalize_header(header)
        for alias in aliases:
            score = difflib.SequenceMatcher(None, key, alias).ratio()
            if score > best_score:
                best, best_score = header, score
    return f"{best!r} for `{canonical}`" if best else None
