"""Reading an interview sheet: the public entry point of the read stage."""

from __future__ import annotations

from followup.read._interviews import Interviews
from followup.read._recipients import to_recipients
from followup.read._sources import Source, read_raw


def read_interviews(
    source: Source,
    *,
    sheet: str | int | None = None,
    tz: str | None = None,
    dayfirst: bool | None = None,
    sender: str | None = None,
) -> Interviews:
    """Read an interview spreadsheet into a tidy recipients table and its rejects.

    Parameters
    ----------
    source
        A path to a ``.csv``, ``.tsv``, ``.txt`` or ``.xlsx`` file, or a DataFrame.
        CSV text may be UTF-8 (with or without BOM) or Windows-1252, delimited
        by ``,`` ``;`` tab or ``|``; the delimiter is chosen by which one makes
        the best header, not by a peek at the first kilobyte.
    sheet
        Workbook sheet name or 0-based position (default: the first sheet).
    tz
        IANA time zone for rows without a ``timezone`` cell (default: the
        machine's local zone).
    dayfirst
        Force day/month order of numeric dates. By default it is inferred per
        column from values such as ``24/11/2026`` that can only be read one way.
    sender
        ``"Name <email>"`` of the candidate, filling ``candidate_name`` and
        ``candidate_email`` where the sheet has none (a personal sheet).

    Returns
    -------
    Interviews
        ``.recipients`` (one row per interviewer per interview), ``.rejects``
        (one row per input problem) and counts; unpack as
        ``recipients, rejects = read_interviews(...)``.

    Raises
    ------
    SourceError
        The file is missing, unreadable, empty, or not a spreadsheet.
    SheetNotFoundError
        ``sheet`` names no sheet of the workbook.
    ColumnsError
        Required columns are missing; the message lists those found.
    AmbiguousDatesError
        A date column reads both ways; pass ``dayfirst``.

    Examples
    --------
    >>> import pandas as pd
    >>> sheet = pd.DataFrame({
    ...     "Company": ["Northwind"], "Position": ["Data Analyst"],
    ...     "Date": ["2026-11-24"], "Time": ["2:30 PM"],
    ...     "Interviewers": ["Dana Whitfield <dana@nw.example>; Luis <luis@nw.example>"],
    ... })
    >>> recipients, rejects = read_interviews(sheet, tz="America/Chicago")
    >>> recipients[["interviewer_name", "interview_start"]]
      interviewer_name           interview_start
    0   Dana Whitfield 2026-11-24 14:30:00-06:00
    1             Luis 2026-11-24 14:30:00-06:00
    >>> len(rejects)
    0
    """
    raw = read_raw(source, sheet=sheet)
    return to_recipients(raw, tz=tz, dayfirst=dayfirst, sender=sender)
