"""Value checks on text cells: length, header injection, required values, addresses, yes/no."""

from __future__ import annotations

from email.utils import parseaddr

import pandas as pd

from followup.errors import OptionError
from followup.read._rejects import Problems
from followup.schema import BY_NAME, MAX_CELL_CHARS, PER_INTERVIEWER, TRACKING

EMAIL_PATTERN = (
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)

_MISSING = {
    "company": "missing_company",
    "role": "missing_role",
    "interviewer_email": "missing_email",
    "interviewer_name": "missing_name",
}
_TRUE = {"yes", "y", "true", "t", "1", "x", "ja", "oui", "si", "sí"}
_FALSE = {"no", "n", "false", "f", "0", "nein", "non"}


def check_text(long: pd.DataFrame, problems: Problems, *, extras: list[str]) -> pd.DataFrame:
    """Length, header injection, required values and email syntax."""
    for name in (
        "candidate_name",
        "candidate_email",
        "interview_id",
        "interviewer_title",
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
        *TRACKING,
    ):
        if name not in long.columns:
            long[name] = ""
    text_columns = [c for c in long.columns if c in BY_NAME or c in PER_INTERVIEWER or c in extras]
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
        if column in long.columns:
            text = long[column]
            injected = text.str.contains(r"[\r\n\x00-\x08\x0b-\x1f\x7f]", regex=True)
            problems.add(
                injected,
                column,
                "line break or control character in a field that goes into a mail header",
                "put the value on one line; line breaks here could forge mail headers",
                code="header_injection",
                value=text.str.replace("\r", "\\r").str.replace("\n", "\\n"),
            )
            # Tabs and runs of spaces in names mean nothing to a mail client: one space.
            long[column] = text.where(injected, text.str.replace(r"\s+", " ", regex=True))
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
    for column, hint in required.items():
        missing = long[column] == ""
        if column.startswith("interviewer_"):
            missing &= ~nobody
        problems.add(
            missing, column, f"missing {column.replace('_', ' ')}", hint, code=_MISSING[column]
        )
    for column in ("interviewer_email", "candidate_email"):
        given = long[column] != ""
        malformed = given & ~long[column].str.fullmatch(EMAIL_PATTERN)
        problems.add(
            malformed,
            column,
            "not a valid email address",
            "use the form name@example.com, with no spaces or display name",
            code="bad_email",
        )
    return long


def parse_interested(long: pd.DataFrame, problems: Problems) -> pd.Series:
    text = long["interested"].str.lower()
    value = pd.Series(True, index=long.index)
    value[text.isin(_FALSE)] = False
    unknown = (text != "") & ~text.isin(_TRUE | _FALSE)
    problems.add(
        unknown,
        "interested",
        "not a yes/no value",
        "write yes or no (also y/n, true/false, 1/0); empty means yes",
        code="bad_yes_no",
    )
    return value


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
