"""Writing drafts and tables: ``.eml`` files, one mbox, or a review sheet (CSV/xlsx).

Every write is atomic (a temporary file, then a rename), and the same drafts
with the same ``now`` give byte-identical files. Text a spreadsheet would run
as a formula is neutralised in CSV and xlsx output.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from contextlib import ExitStack
from email.utils import format_datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal

import pandas as pd

from followup._addresses import EMAIL_PATTERN, header_address
from followup._clock import local_iso, resolve_now, wall_clock
from followup._distinct import per_distinct
from followup._files import atomic_file, atomic_write_many, neutralize_formulas, write_csv_rows
from followup.draft._mime import message_heads, name_cased, quoted_printable
from followup.errors import AddressError, OptionError

Format = Literal["eml", "mbox", "csv", "xlsx"]
FORMATS: tuple[str, ...] = ("eml", "mbox", "csv", "xlsx")
REVIEW_COLUMNS = (
    "draft_id",
    "due_at",
    "status",
    "from",
    "to",
    "subject",
    "body",
    "template",
    "variant",
    "company",
    "role",
    "interviewer_name",
    "interview_start",
    "row",
)
#: Letters that Unicode decomposition does not reduce to ASCII.
_TRANSLITERATE = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
    }
)


def slug(text: object, limit: int = 32) -> str:
    """A safe, readable file-name piece: ASCII letters, digits and dashes only.

    >>> slug("Zoë Müller / ../etc"), slug("Łukasz Yılmaz"), slug("   ")
    ('zoe-muller-etc', 'lukasz-yilmaz', 'x')
    """
    spelled = str(text).translate(_TRANSLITERATE)
    ascii_text = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:limit].rstrip("-") or "x"


def draft_messages(
    drafts: pd.DataFrame, *, now: pd.Timestamp | str | None = None
) -> Iterator[bytes]:
    """The RFC 5322 bytes of each draft, in order, as :func:`message_bytes` writes them."""
    missing = drafts["candidate_email"].isna() | (drafts["candidate_email"] == "")
    if missing.any():
        raise OptionError(
            f"{int(missing.sum())} draft(s) have no sender address; pass "
            "sender='Your Name <you@example.com>' to render_drafts, or add a 'Candidate Email' "
            "column.",
            options=("sender",),
        )
    date = format_datetime(resolve_now(now).to_pydatetime())
    columns = [
        "candidate_name",
        "candidate_email",
        "interviewer_name",
        "interviewer_email",
        "subject",
        "body",
        "draft_id",
    ]
    values = drafts[columns].fillna("").astype("str")
    domain = per_distinct(values["candidate_email"], lambda email: email.rpartition("@")[2])
    heads = message_heads(
        (values["candidate_name"], values["candidate_email"]),
        (values["interviewer_name"], values["interviewer_email"]),
        values["subject"],
        date,
        "<" + values["draft_id"] + "@" + domain + ">",
    )
    for head, body in zip(heads, values["body"].tolist(), strict=True):
        yield head.encode("ascii") + quoted_printable(body)


def draft_file_names(drafts: pd.DataFrame) -> pd.Series:
    """``2026-11-25-northwind-analytics-dana-whitfield-3f2a9c.eml``: due date, company,
    interviewer, and part of the draft id, so names are readable, sortable and unique."""
    due = wall_clock(drafts["due_at"], drafts["timezone"]).dt.strftime("%Y-%m-%d").fillna("undated")
    company = per_distinct(drafts["company"], slug)
    person = per_distinct(drafts["interviewer_name"], slug)
    tail = drafts["draft_id"].str.replace(r"[^0-9a-zA-Z]", "", regex=True).str[-8:]
    names: pd.Series = due + "-" + company + "-" + person + "-" + tail + ".eml"
    return names


def write_drafts(
    drafts: pd.DataFrame,
    dest: str | os.PathLike[str],
    *,
    format: Format = "eml",
    now: pd.Timestamp | str | None = None,
) -> pd.Series:
    """Write drafts as ``.eml`` files in a folder, one mbox file, or a review sheet.

    Parameters
    ----------
    drafts
        From :func:`~followup.render_drafts`.
    dest
        A folder for ``eml`` (created if needed); a file path otherwise.
    format
        ``eml`` (one editable draft per file, opens in Outlook, Thunderbird
        and Apple Mail), ``mbox`` (one file to import), ``csv`` or ``xlsx``
        (one row per draft, to review).
    now
        The ``Date`` header of the messages (default: the clock); pass it for
        byte-identical reruns.

    Returns
    -------
    Series
        The file each draft went to, indexed like ``drafts``.
    """
    with DraftSink(dest, format=format, now=now) as sink:
        return sink.write(drafts)


class DraftSink:
    """Writes drafts chunk after chunk into one destination.

    ``.eml`` files appear a chunk at a time, each atomically; an mbox or review
    sheet is built under a temporary name and moved into place by :meth:`close`
    only if no error came first, so a failed run never leaves half a file behind.
    """

    def __init__(
        self,
        dest: str | os.PathLike[str],
        *,
        format: Format = "eml",
        now: pd.Timestamp | str | None = None,
    ) -> None:
        if format not in FORMATS:
            raise OptionError(
                f"Unknown format {format!r}; use one of: {', '.join(FORMATS)}.", options=("format",)
            )
        self.target, self.format, self.now = Path(dest), format, resolve_now(now)
        self._file: ExitStack | None = None
        self._handle: IO[bytes] | None = None
        self._book: Any = None
        self._header_written = False
        if format == "eml":
            self.target.mkdir(parents=True, exist_ok=True)
            return
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._file = ExitStack()
        self._handle = self._file.enter_context(atomic_file(self.target))
        if format == "xlsx":
            from openpyxl import Workbook

            self._book = Workbook(write_only=True)
            self._sheet = self._book.create_sheet("Drafts")

    def write(self, drafts: pd.DataFrame) -> pd.Series:
        """Write one chunk of drafts; return the file each went to."""
        drafts = with_header_addresses(drafts)
        if self.format == "eml":
            names = draft_file_names(drafts)
            messages = draft_messages(drafts, now=self.now)
            folder = str(self.target) + os.sep
            atomic_write_many(zip((folder + n for n in names), messages, strict=True))
            return pd.Series(str(self.target) + os.sep + names, index=drafts.index, name="file")
        if self.format == "mbox":
            assert self._handle is not None
            separator = f"From MAILER-DAEMON {self.now:%a %b %d %H:%M:%S %Y}\n".encode("ascii")
            self._handle.writelines(  # through the file's buffer: no chunk-sized copy
                separator + data + (b"\n" if data.endswith(b"\n") else b"\n\n")
                for data in draft_messages(drafts, now=self.now)
            )
        elif self.format == "csv":
            assert self._handle is not None
            sheet = review_sheet(drafts)
            write_csv_rows(self._handle, sheet, header=not self._header_written)
        else:
            _append_xlsx(self._sheet, review_sheet(drafts), header=not self._header_written)
        self._header_written = True
        return pd.Series(str(self.target), index=drafts.index, name="file")

    def close(self, error: BaseException | None = None) -> None:
        """Finish the file and move it into place; after an ``error``, delete it instead."""
        if self._file is None:
            return
        file, self._file = self._file, None
        if self._book is not None and error is None:
            if not self._header_written:  # no drafts: still a valid, empty sheet
                self._sheet.append(list(REVIEW_COLUMNS))
            self._book.save(self._handle)
        elif self._book is not None:
            self._sheet.close()  # ends openpyxl's own temporary file for the rows
        if error is None:
            file.close()
        else:
            file.__exit__(type(error), error, error.__traceback__)

    def __enter__(self) -> DraftSink:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close(error)


def with_header_addresses(drafts: pd.DataFrame) -> pd.DataFrame:
    """The drafts with each address as a header carries it (domains in IDNA ASCII);
    :class:`AddressError` names the first draft whose address cannot be written."""
    fixed = {}
    for column in ("candidate_email", "interviewer_email"):
        values = drafts[column].fillna("")
        written = {}
        # an ASCII address of the plain form is written as it is: only the others are looked at
        plain = values.str.fullmatch(EMAIL_PATTERN)
        for address in values[~plain].unique().tolist():
            try:
                written[address] = header_address(address) if address else address
            except ValueError as reason:
                draft = drafts.loc[values == address].iloc[0]
                raise AddressError(
                    f"Draft {draft['draft_id']} to {draft['interviewer_name']!r} cannot be "
                    f"written: its {column.replace('_', ' ')} {address!r} is refused because "
                    f"{reason}. Correct the address in the sheet and draft again."
                ) from None
        if any(address != header for address, header in written.items()):
            fixed[column] = values.where(plain, values.map(written))
    return drafts.assign(**fixed) if fixed else drafts


def review_sheet(drafts: pd.DataFrame) -> pd.DataFrame:
    """One row per draft, for reading and editing in a spreadsheet."""
    sheet = drafts.assign(
        **{
            "from": _addresses(drafts["candidate_name"], drafts["candidate_email"]),
            "to": _addresses(drafts["interviewer_name"], drafts["interviewer_email"]),
        }
    )
    columns = [c for c in REVIEW_COLUMNS if c in sheet.columns]
    sheet = sheet[columns].copy()
    for column in sheet.columns:
        if isinstance(sheet[column].dtype, pd.DatetimeTZDtype):
            sheet[column] = local_iso(sheet[column], drafts["timezone"])
        elif isinstance(sheet[column].dtype, pd.CategoricalDtype):
            sheet[column] = sheet[column].astype("str")
    return sheet


def _addresses(names: pd.Series, emails: pd.Series) -> pd.Series:
    """``Name <address>`` as a person reads it (the review sheet is not a message: no
    encoded words); a name with a comma or quote is quoted."""
    quoted = name_cased(names.fillna("").astype("str"))
    special = quoted.str.contains(r'[,;:<>@"()\[\]\\]', regex=True)
    quoted = quoted.where(~special, '"' + quoted.str.replace('"', "'", regex=False) + '"')
    emails = emails.fillna("").astype("str")
    return (quoted + " <" + emails + ">").where(quoted != "", emails)


def _append_xlsx(ws: Any, sheet: pd.DataFrame, *, header: bool) -> None:
    """Rows into the sheet: characters Excel cannot hold stripped first, so that what
    is left is what the formula check sees."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if header:
        ws.append(list(sheet.columns))

    def legal(value: object) -> object:
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    text = [c for c in sheet.columns if not pd.api.types.is_numeric_dtype(sheet[c])]
    cleaned = sheet.assign(**{c: sheet[c].map(legal) for c in text})
    for row in neutralize_formulas(cleaned).to_numpy(dtype=object).tolist():
        ws.append(row)
