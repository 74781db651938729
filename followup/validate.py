"""From text cells to the validated recipients table, and the rejects beside it.

:func:`to_recipients` maps headers to canonical columns, brings any layout to
one row per interviewer, parses and checks every value, and splits the
result into :class:`Interviews` ``.recipients`` and ``.rejects``. Each check
is vectorised over the whole column; a problem becomes a reject row naming
the sheet row, column, value, problem and a hint, and only the affected
interviewer is dropped.
"""

from __future__ import annotations

import difflib
import html
import zoneinfo
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from email.utils import parseaddr
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from followup.dates import parse_minutes, parse_moments
from followup.errors import ColumnsError, FollowupError
from followup.layouts import detect_layout, to_long, wide_field
from followup.schema import (
    ALIASES,
    BY_NAME,
    MAX_CELL_CHARS,
    OUTCOMES,
    PER_INTERVIEWER,
    RECIPIENT_COLUMNS,
    REJECT_COLUMNS,
    TRACKING,
    normalize_header,
    snake_case,
)

if TYPE_CHECKING:
    from followup.io import RawSheet

#: Day/month order: for every date column, per column, or None to infer it.
DayFirst = bool | None | Mapping[str, bool]

EMAIL_PATTERN = (
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_TRUE = {"yes", "y", "true", "t", "1", "x", "ja", "oui", "si", "sí"}
_FALSE = {"no", "n", "false", "f", "0", "nein", "non"}
_ZONE_ABBREVIATIONS = {
    "et": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "ct": "America/Chicago",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "mt": "America/Denver",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "utc": "UTC",
    "gmt": "UTC",
    "z": "UTC",
}
_REQUIRED_HINTS = {
    "company": "the employer, e.g. a 'Company' column",
    "role": "the position, e.g. a 'Role' or 'Position' column",
    "interview_start": "when it started, e.g. 'Start' (date and time) or 'Date' plus 'Time'",
    "interviewer_email": "each interviewer's address, e.g. 'Interviewer Email'",
    "interviewer_name": "each interviewer's name, e.g. 'Interviewer'",
}


@dataclass(frozen=True)
class Interviews:
    """What :func:`~followup.read_interviews` returns.

    Unpacks as ``recipients, rejects``. Every non-blank sheet row is counted
    once, as accepted (at least one interviewer kept) or rejected:
    ``rows_read == rows_accepted + rows_rejected``. Rejected rows, and the
    interviewers dropped from accepted rows, are explained in ``rejects``.
    """

    recipients: pd.DataFrame
    rejects: pd.DataFrame
    source: str
    rows_read: int
    rows_blank: int
    rows_accepted: int
    rows_rejected: int
    timezone: str
    layout: str
    encoding: str | None = None

    def __iter__(self) -> Iterator[pd.DataFrame]:
        yield self.recipients
        yield self.rejects

    @property
    def n_interviews(self) -> int:
        """Distinct interviews among the recipients."""
        return int(self.recipients["interview_id"].nunique())

    def summary(self) -> str:
        """A few lines for people: what was read, kept, rejected and assumed."""
        severity = self.rejects["severity"]
        return self.describe(
            source=self.source,
            rows=self.rows_read,
            layout=self.layout,
            interviews=self.n_interviews,
            interviewers=len(self.recipients),
            rows_rejected=self.rows_rejected,
            errors=int((severity == "error").sum()),
            warnings=int((severity == "warning").sum()),
            blank=self.rows_blank,
            timezone=self.timezone,
        )

    @staticmethod
    def describe(
        *,
        source: str,
        rows: int,
        layout: str,
        interviews: int,
        interviewers: int,
        rows_rejected: int,
        errors: int,
        warnings: int,
        blank: int,
        timezone: str,
    ) -> str:
        """The summary's lines, also used for a sheet read in chunks."""
        return "\n".join(
            [
                f"{source}: {rows} rows ({layout} layout)",
                f"  interviews:    {interviews}",
                f"  interviewers:  {interviewers}",
                f"  rejected rows: {rows_rejected}" + (f" ({errors} problems)" if errors else ""),
                f"  warnings:      {warnings}",
                f"  blank rows:    {blank} (skipped)",
                f"  time zone:     {timezone} (for rows without one)",
            ]
        )

    def __repr__(self) -> str:
        return f"<Interviews\n{self.summary()}\n>"

    def _repr_html_(self) -> str:
        """Jupyter: the summary, then the problems to fix (if any)."""
        summary = html.escape(self.summary())
        rejects = (
            "<p>No problems found.</p>"
            if self.rejects.empty
            else self.rejects.to_html(index=False, max_rows=20, notebook=True)
        )
        return f"<pre>{summary}</pre>{rejects}"


def to_recipients(
    raw: RawSheet,
    *,
    tz: str | None = None,
    dayfirst: DayFirst = None,
    sender: str | None = None,
) -> Interviews:
    """Validate a :class:`~followup.io.RawSheet` into :class:`Interviews`.

    ``dayfirst`` may also map date columns (``interview_start``, ``interview_date``,
    ``interview_end``) to their order, as decided over a whole sheet read in chunks.
    """
    zone = default_zone(tz)
    sender_name, sender_email = _parse_sender(sender)
    names, headers = map_headers(raw)
    frame = raw.cells.set_axis(names, axis=1)
    blank = ~(frame != "").any(axis=1)
    frame = frame.assign(row=raw.rows)[~blank.to_numpy()].reset_index(drop=True)
    _check_required(frame.columns, headers, raw)

    layout = detect_layout(list(frame.columns), frame)
    long = to_long(frame, layout, headers)
    issues = _Issues(long, headers)
    issues.add_ragged(raw.ragged)
    long = _check_text(long, issues, extras=[n for n in names if n not in BY_NAME and "#" not in n])
    if sender_name:
        long["candidate_name"] = long["candidate_name"].where(
            long["candidate_name"] != "", sender_name
        )
        long["candidate_email"] = long["candidate_email"].where(
            long["candidate_email"] != "", sender_email
        )
    interested = _parse_interested(long, issues)
    zones = _parse_zones(long, issues, zone)
    start, end = _parse_times(long, issues, zones, dayfirst)
    tracking = _parse_tracking(long, issues, zones, dayfirst, start, end)

    recipients = long.assign(
        interested=interested,
        interview_start=start,
        interview_end=end,
        timezone=zones,
        **tracking,
    )
    recipients = recipients[~issues.bad].copy()
    recipients["interview_id"] = _interview_ids(recipients)
    accepted_rows = recipients["row"].unique()
    recipients, repeated = merge_repeated_interviewers(
        recipients, column=recipients["source_interviewer_email"]
    )
    issues.parts.append(repeated)
    recipients = _finish(recipients, names)

    all_rows = frame["row"].unique()
    return Interviews(
        recipients=recipients,
        rejects=issues.table(),
        source=raw.source,
        rows_read=len(all_rows),
        rows_blank=int(blank.sum()),
        rows_accepted=len(accepted_rows),
        rows_rejected=len(np.setdiff1d(all_rows, accepted_rows)),
        timezone=zone,
        layout=layout,
        encoding=raw.encoding,
    )


# --- headers ----------------------------------------------------------------------------------


def map_headers(raw: RawSheet) -> tuple[list[str], dict[str, str]]:
    """Canonical name per column position, and canonical name → sheet header."""
    names: list[str] = []
    headers: dict[str, str] = {}
    for position, header in enumerate(raw.headers):
        key = normalize_header(header)
        slot = wide_field(key)
        if slot is not None:
            name = f"{slot[1]}#{slot[0]}"
        elif key in ALIASES:
            name = ALIASES[key]
        else:
            name = snake_case(header) if key else f"column_{position + 1}"
            while name in headers or name in BY_NAME or name in RECIPIENT_COLUMNS:
                name += "_"
        if name in headers:
            raise ColumnsError(
                f"{raw.source}: columns {headers[name]!r} and {header!r} both mean "
                f"`{name.split('#')[0]}`; rename or delete one of them."
            )
        names.append(name)
        headers[name] = header or f"column {position + 1}"
    return names, headers


def _check_required(columns: pd.Index, headers: dict[str, str], raw: RawSheet) -> None:
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
    guesses = [g for g in (_closest(m, found) for m in missing) if g]
    if guesses:
        message += " Did you mean " + ", ".join(guesses) + "?"
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


# --- problems ---------------------------------------------------------------------------------


class _Issues:
    """Collects reject rows and which interviewer rows they knock out."""

    def __init__(self, long: pd.DataFrame, headers: dict[str, str]) -> None:
        self.long = long
        self.headers = headers
        self.bad = pd.Series(False, index=long.index)
        self.parts: list[pd.DataFrame] = []

    def header(self, column: str) -> pd.Series | str:
        if f"source_{column}" in self.long.columns:
            return self.long[f"source_{column}"]
        return self.headers.get(column, column)

    def add(
        self,
        mask: pd.Series,
        column: str,
        problem: str | pd.Series,
        hint: str,
        *,
        value: pd.Series | None = None,
        severity: str = "error",
    ) -> None:
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        values = self.long[column] if value is None else value
        header = self.header(column)
        part = pd.DataFrame(
            {
                "row": self.long["row"][mask],
                "column": header[mask] if isinstance(header, pd.Series) else header,
                "value": values[mask].astype("str").map(_shorten),
                "problem": problem[mask] if isinstance(problem, pd.Series) else problem,
                "hint": hint,
                "severity": severity,
            }
        )
        self.parts.append(part)
        if severity == "error":
            self.bad |= mask

    def add_ragged(self, ragged: list[tuple[int, list[str]]]) -> None:
        for row, extra in ragged:
            mask = self.long["row"] == row
            self.parts.append(
                pd.DataFrame(
                    {
                        "row": [row],
                        "column": ["(past the last column)"],
                        "value": [_shorten(" | ".join(extra))],
                        "problem": [f"row has {len(extra)} more filled cell(s) than the header"],
                        "hint": [
                            "a value probably holds an unquoted delimiter; quote it or "
                            "remove the extra cells"
                        ],
                        "severity": ["error"],
                    }
                )
            )
            self.bad |= mask

    def table(self) -> pd.DataFrame:
        if not self.parts:
            return empty_rejects()
        table = pd.concat(self.parts, ignore_index=True)
        table = table.drop_duplicates(["row", "column", "value", "problem"])
        table = table.sort_values(["row", "column"], kind="stable", ignore_index=True)
        return table.astype(
            {
                "row": "int64",
                "column": "str",
                "value": "str",
                "problem": "str",
                "hint": "str",
                "severity": "str",
            }
        )[list(REJECT_COLUMNS)]


def empty_rejects() -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series(dtype="int64" if c == "row" else "str") for c in REJECT_COLUMNS}
    )


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else f"{text[: limit - 1]}… ({len(text):,} characters)"


# --- values -----------------------------------------------------------------------------------


def _check_text(long: pd.DataFrame, issues: _Issues, *, extras: list[str]) -> pd.DataFrame:
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
        issues.add(
            too_long,
            column,
            f"cell is longer than {MAX_CELL_CHARS:,} characters",
            "shorten it; a thank-you note needs a sentence, not a document",
        )
    for column in (c.name for c in BY_NAME.values() if c.header):
        if column in long.columns:
            text = long[column]
            injected = text.str.contains(r"[\r\n\x00-\x08\x0b-\x1f\x7f]", regex=True)
            issues.add(
                injected,
                column,
                "line break or control character in a field that goes into a mail header",
                "put the value on one line; line breaks here could forge mail headers",
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
    issues.add(
        nobody,
        "interviewer_name",
        "no interviewer in this row",
        "add at least one interviewer's name and email",
    )
    for column, hint in required.items():
        missing = long[column] == ""
        if column.startswith("interviewer_"):
            missing &= ~nobody
        issues.add(missing, column, f"missing {column.replace('_', ' ')}", hint)
    for column in ("interviewer_email", "candidate_email"):
        given = long[column] != ""
        malformed = given & ~long[column].str.fullmatch(EMAIL_PATTERN)
        issues.add(
            malformed,
            column,
            "not a valid email address",
            "use the form name@example.com, with no spaces or display name",
        )
    return long


def _parse_interested(long: pd.DataFrame, issues: _Issues) -> pd.Series:
    text = long["interested"].str.lower()
    value = pd.Series(True, index=long.index)
    value[text.isin(_FALSE)] = False
    unknown = (text != "") & ~text.isin(_TRUE | _FALSE)
    issues.add(
        unknown,
        "interested",
        "not a yes/no value",
        "write yes or no (also y/n, true/false, 1/0); empty means yes",
    )
    return value


def default_zone(tz: str | None) -> str:
    """The IANA zone ``tz`` names (US abbreviations allowed), or this machine's zone."""
    if tz is None:
        import tzlocal

        return str(tzlocal.get_localzone_name() or "UTC")
    zone = _ZONE_ABBREVIATIONS.get(tz.lower(), tz)
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise FollowupError(
            f"Unknown time zone {tz!r}; use an IANA name such as 'Europe/Berlin' "
            "or 'America/New_York'."
        ) from None
    return zone


def _parse_zones(long: pd.DataFrame, issues: _Issues, default: str) -> pd.Series:
    text = long["timezone"]
    names = {}
    for value in text.unique():
        if value == "":
            names[value] = default
            continue
        candidate = _ZONE_ABBREVIATIONS.get(value.lower(), value)
        try:
            zoneinfo.ZoneInfo(candidate)
            names[value] = candidate
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            names[value] = ""
    zones = text.map(names).astype("str")
    issues.add(
        zones == "",
        "timezone",
        "unknown time zone",
        "use an IANA name such as Europe/Berlin or America/New_York",
    )
    return zones


def _parse_times(
    long: pd.DataFrame, issues: _Issues, zones: pd.Series, dayfirst: DayFirst
) -> tuple[pd.Series, pd.Series]:
    """Start and end as UTC instants (NaT where a problem was reported)."""
    has_start = "interview_start" in long.columns
    start_text = long["interview_start"] if has_start else pd.Series("", index=long.index)
    start = parse_moments(
        start_text,
        column=issues.headers.get("interview_start", ""),
        dayfirst=_order(dayfirst, "interview_start"),
    ).frame
    day = parse_moments(
        long["interview_date"],
        column=issues.headers.get("interview_date", ""),
        dayfirst=_order(dayfirst, "interview_date"),
    ).frame
    when = "interview_start" if has_start else "interview_date"
    hint = "write e.g. 2026-11-24 14:30, 11/24/2026 2:30 PM or 24.11.2026 14:30"
    for frame, column in ((start, "interview_start"), (day, "interview_date")):
        issues.add(frame["problem"].notna(), column, frame["problem"], hint)
    # A start cell may hold just the time, and a date cell the whole moment.
    date = start["date"].fillna(day["date"])
    time = start["time"].fillna(day["time"])
    offset = start["offset"].fillna(day["offset"])
    unread = start["problem"].notna() | day["problem"].notna()
    empty = (start_text == "") & (long["interview_date"] == "")
    issues.add(
        empty,
        when,
        "missing interview date and time",
        "add when the interview started; the deadline counts from it",
    )
    no_date = ~unread & ~empty & date.isna()
    issues.add(
        no_date,
        when,
        "time of day without a date",
        "add the interview date, in this cell or an 'Interview Date' column",
    )
    no_time = ~unread & ~empty & date.notna() & time.isna()
    issues.add(
        no_time,
        when,
        "date without a time of day",
        "add the start time, e.g. 14:30; the 24-hour deadline counts from the end",
    )
    naive = date + time
    begin, zone_problem = _localize(naive, offset, zones)
    issues.add(
        zone_problem.notna(),
        when,
        zone_problem,
        "give the time with its UTC offset (e.g. 01:30-04:00), or check the date",
    )

    end_text = long["interview_end"]
    end = parse_moments(
        end_text,
        column=issues.headers.get("interview_end", ""),
        dayfirst=_order(dayfirst, "interview_end"),
    ).frame
    issues.add(end["problem"].notna(), "interview_end", end["problem"], hint)
    issues.add(
        (end_text != "") & end["problem"].isna() & end["time"].isna(),
        "interview_end",
        "end date without a time of day",
        "add the end time, e.g. 15:30",
    )
    end_naive = end["date"].fillna(date) + end["time"]
    finish = begin + (end_naive - naive)
    with_offset = end["offset"].notna()
    finish[with_offset] = (
        end_naive[with_offset] - pd.to_timedelta(end["offset"][with_offset].astype(float), unit="m")
    ).dt.tz_localize("UTC")

    minutes, unreadable = parse_minutes(long["duration"])
    issues.add(
        unreadable,
        "duration",
        "not a duration",
        "write minutes (45), hours (1h, 1h 30) or h:mm (1:30)",
    )
    out_of_range = (minutes <= 0) | (minutes > 24 * 60)
    issues.add(
        out_of_range,
        "duration",
        "duration must be between 1 minute and 24 hours",
        "write the interview's length in minutes",
    )
    by_duration = begin + pd.to_timedelta(minutes.fillna(60), unit="m")
    finish = finish.where(end_text != "", by_duration)
    backwards = (end_text != "") & begin.notna() & finish.notna() & (finish <= begin)
    issues.add(
        backwards,
        "interview_end",
        "interview ends before it starts",
        "check the end time (and its date, for interviews past midnight)",
    )
    return begin, finish


def _parse_tracking(
    long: pd.DataFrame,
    issues: _Issues,
    zones: pd.Series,
    dayfirst: DayFirst,
    start: pd.Series,
    end: pd.Series,
) -> dict[str, pd.Series]:
    """Follow-up sent, first reply, outcome and its date, checked against the interview."""
    hint = "write e.g. 2026-11-25 09:10; leave it empty if it has not happened"
    out: dict[str, pd.Series] = {}
    for column in ("sent_at", "replied_at", "decided_at"):
        text = long[column]
        moment = parse_moments(
            text, column=issues.headers.get(column, column), dayfirst=_order(dayfirst, column)
        ).frame
        issues.add(moment["problem"].notna(), column, moment["problem"], hint)
        # A date alone (a reply "on the 3rd") counts from that day's midnight.
        naive = moment["date"] + moment["time"].fillna(pd.Timedelta(0))
        instant, problem = _localize(naive, moment["offset"], zones)
        issues.add(problem.notna(), column, problem, hint)
        out[column] = instant
    issues.add(
        out["sent_at"] < end,
        "sent_at",
        "follow-up sent before the interview ended",
        "check the date and time it was sent",
    )
    issues.add(
        out["replied_at"] < start,
        "replied_at",
        "reply before the interview",
        "the first reply after the interview goes here; check the date",
    )
    issues.add(
        out["decided_at"] < start,
        "decided_at",
        "decision before the interview",
        "check the decision date",
    )
    label = long["outcome"].map(normalize_header)
    outcome = label.map(OUTCOMES)
    issues.add(
        outcome.isna(),
        "outcome",
        "unknown outcome",
        "write offer, next round, rejected or withdrew; leave it empty while pending",
    )
    issues.add(
        outcome.notna() & (outcome != "") & out["decided_at"].isna(),
        "outcome",
        "outcome without a date",
        "add when you heard it in a 'Decided At' column",
    )
    out["outcome"] = outcome.fillna("")
    return out


def _order(dayfirst: DayFirst, column: str) -> bool | None:
    """The day/month order for one date column: given for all, per column, or inferred."""
    return dayfirst.get(column) if isinstance(dayfirst, Mapping) else dayfirst


def _localize(naive: pd.Series, offset: pd.Series, zones: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Wall-clock times in each row's zone → UTC, reporting DST gaps and overlaps."""
    instant = pd.Series(pd.NaT, index=naive.index, dtype="datetime64[us, UTC]")
    problem = pd.Series(pd.NA, index=naive.index, dtype="str")
    with_offset = offset.notna() & naive.notna()
    instant[with_offset] = (
        naive[with_offset] - pd.to_timedelta(offset[with_offset].astype(float), unit="m")
    ).dt.tz_localize("UTC")
    local = naive.notna() & ~with_offset & (zones != "")
    for zone, index in naive[local].groupby(zones[local]).groups.items():
        wall = naive[index]
        placed = wall.dt.tz_localize(zone, ambiguous="NaT", nonexistent="NaT")
        failed = placed.isna()
        if failed.any():
            shifted = wall[failed].dt.tz_localize(
                zone, ambiguous="NaT", nonexistent="shift_forward"
            )
            gap = shifted.notna()
            problem[gap[gap].index] = f"this time does not exist in {zone} (clocks spring forward)"
            problem[gap[~gap].index] = f"this time happens twice in {zone} (clocks fall back)"
        instant[index] = placed.dt.tz_convert("UTC")
    return instant, problem


def _parse_sender(sender: str | None) -> tuple[str, str]:
    if sender is None:
        return "", ""
    name, address = parseaddr(sender)
    if not name or not address or not pd.Series([address]).str.fullmatch(EMAIL_PATTERN)[0]:
        raise FollowupError(f"sender {sender!r} is not of the form 'Your Name <you@example.com>'.")
    return name, address


# --- interviews -------------------------------------------------------------------------------


def _interview_ids(recipients: pd.DataFrame) -> pd.Series:
    """The given id, else a stable hash of candidate, company and start time."""
    if recipients.empty:
        return pd.Series(dtype="str", index=recipients.index)
    key = (
        recipients["candidate_email"].str.lower()
        + "|"
        + recipients["candidate_name"]
        + "|"
        + recipients["company"].str.lower()
        + "|"
        + recipients["interview_start"].dt.tz_convert("UTC").astype("int64").astype("str")
    )
    codes, uniques = pd.factorize(key)
    hashes = pd.util.hash_pandas_object(pd.Series(uniques), index=False).to_numpy()
    derived = np.array([f"iv-{h:016x}"[:15] for h in hashes], dtype=object)[codes]
    given = recipients["interview_id"]
    return given.where(given != "", pd.Series(derived, index=recipients.index, dtype="str"))


def merge_repeated_interviewers(
    recipients: pd.DataFrame, *, column: str | pd.Series = "interviewer_email"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per interviewer per interview: repeats are merged, their notes joined.

    Returns the merged recipients and one warning reject per repeated row;
    ``column`` is the sheet header to name in them (per row, or one for all).
    """
    key = recipients["interview_id"] + "|" + recipients["interviewer_email"].str.lower()
    dup = key.duplicated(keep=False)
    if not dup.any():
        return recipients, empty_rejects()
    first_row = recipients["row"].groupby(key).transform("first")
    later = key.duplicated(keep="first")
    warnings = pd.DataFrame(
        {
            "row": recipients["row"][later],
            "column": column[later] if isinstance(column, pd.Series) else column,
            "value": recipients["interviewer_email"][later],
            "problem": "same interviewer twice in one interview (merged into row "
            + first_row[later].astype("str")
            + ")",
            "hint": "delete the repeated row, or give each interviewer once per interview",
            "severity": "warning",
        }
    )
    merged = recipients.copy()
    for name in ("talking_point", "question", "interviewer_title"):
        joined = recipients[name][dup].groupby(key[dup]).transform(_join_distinct)
        merged.loc[dup, name] = joined.replace("", pd.NA)
    return merged[~later], warnings


def _join_distinct(values: pd.Series) -> str:
    return "; ".join(dict.fromkeys(v for v in values.dropna() if v))


def _finish(recipients: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Canonical columns in order, then the sheet's own extra columns."""
    extras = [n for n in names if n not in BY_NAME and "#" not in n and n in recipients]
    out = recipients[list(RECIPIENT_COLUMNS) + extras].reset_index(drop=True)
    moments = ("interview_start", "interview_end", "sent_at", "replied_at", "decided_at")
    text = [c for c in out.columns if c not in ("row", "interested", *moments)]
    out[text] = out[text].replace("", pd.NA).astype("str")
    zones = out["timezone"].unique()
    if len(zones) == 1:
        for column in moments:
            out[column] = out[column].dt.tz_convert(zones[0])
    return out.astype({"row": "int64", "interested": "bool"})
