"""Drafting a whole sheet in chunks of rows: what ``followup draft`` runs.

Memory stays flat however long the sheet is: each chunk is read, validated,
rendered, checked and written before the next one is read. Three things cross
chunk boundaries, and are handled so a chunked run drafts what a whole-sheet
run would:

- day/month order, decided from every row in a first pass over the date columns
  (:func:`~followup.read.iter_interviews` does it);
- the rows of an interview, held back until the next interview starts, so a
  panel is always rendered (distinct phrasings) and checked together;
- who was already drafted, so an interviewer repeated far down the sheet is
  reported instead of drafted twice.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import numpy as np
import pandas as pd

from followup._clock import local_iso, resolve_now
from followup._files import atomic_file, neutralize_formulas, write_csv
from followup.draft._render import render_drafts
from followup.draft._rules import check_drafts, finding_counts
from followup.draft._schedule import add_deadlines
from followup.draft._writers import DraftSink, Format
from followup.read import (
    Interviews,
    Source,
    empty_rejects,
    iter_interviews,
    merge_repeated_interviewers,
)
from followup.schema import FINDING_COLUMNS

CHUNK_ROWS = 10_000  # about 130 MB of working memory over the ~190 MB of imports
_SHOWN_FINDINGS = 10
_MOMENTS = ("interview_start", "interview_end", "sent_at", "replied_at", "decided_at")


@dataclass
class DraftRun:
    """What a chunked drafting run did: counts, the rejects, and the first findings."""

    source: str = ""
    layout: str = ""
    timezone: str = ""
    rows_read: int = 0
    rows_blank: int = 0
    rows_rejected: int = 0
    interviews: int = 0
    drafts: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    due_soon: int = 0
    errors: int = 0
    finding_counts: dict[tuple[str, str], int] = field(default_factory=dict)
    first_findings: list[pd.DataFrame] = field(default_factory=list)
    rejects: list[pd.DataFrame] = field(default_factory=list)

    @property
    def rejects_table(self) -> pd.DataFrame:
        table = pd.concat([empty_rejects(), *self.rejects], ignore_index=True)
        return table.sort_values(["row", "column"], kind="stable", ignore_index=True)

    @property
    def shown_findings(self) -> pd.DataFrame:
        if not self.first_findings:
            return pd.DataFrame(columns=list(FINDING_COLUMNS))
        return pd.concat(self.first_findings, ignore_index=True).head(_SHOWN_FINDINGS)

    def summary(self) -> str:
        problems = self.rejects_table
        return Interviews.describe(
            source=self.source,
            rows=self.rows_read,
            layout=self.layout,
            interviews=self.interviews,
            interviewers=self.drafts,
            rows_rejected=self.rows_rejected,
            errors=int((problems["severity"] == "error").sum()),
            warnings=int((problems["severity"] == "warning").sum()),
            blank=self.rows_blank,
            timezone=self.timezone,
        )


def draft_sheet(
    source: Source,
    out: str | os.PathLike[str],
    *,
    format: Format = "eml",
    template: str | Path = "thank-you",
    sender: str | None = None,
    sheet: str | int | None = None,
    tz: str | None = None,
    dayfirst: bool | None = None,
    hours: float = 24,
    now: pd.Timestamp | str | None = None,
    known_words: Sequence[str] = (),
    chunk_rows: int = CHUNK_ROWS,
    progress: Callable[[int], None] | None = None,
) -> DraftRun:
    """Read, render, check and write the drafts of a sheet into ``out``, chunk by chunk.

    Writes the drafts (``.eml`` files, ``drafts.mbox``, ``drafts.csv`` or
    ``drafts.xlsx``), ``findings.csv``, ``rejects.csv`` and ``recipients.csv``
    (each recipient with its ``draft_file`` and ``draft_status``). ``progress``
    is called with the number of sheet rows done after every chunk.
    """
    moment = resolve_now(now)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder if format == "eml" else folder / f"drafts.{format}"
    run = DraftRun()
    drafted, interviews = _HashSet(), _HashSet()

    with (
        DraftSink(target, format=format, now=moment) as sink,
        _CsvAppender(folder / "findings.csv", FINDING_COLUMNS) as findings_file,
        _CsvAppender(folder / "recipients.csv", ()) as recipients_file,
    ):

        def draft(ready: pd.DataFrame) -> None:
            ready = _skip_drafted(ready, drafted, run)
            if ready.empty:
                return
            drafts = render_drafts(
                add_deadlines(ready, hours=hours, now=moment),
                template=template,
                sender=sender,
                now=moment,
            )
            findings = check_drafts(drafts, now=moment, known_words=list(known_words))
            files = sink.write(drafts)
            findings_file.write(findings)
            recipients_file.write(recipients_sheet(drafts, files, findings))
            _count(run, drafts, findings, interviews)

        pending: pd.DataFrame | None = None
        for chunk in iter_interviews(
            source, sheet=sheet, tz=tz, dayfirst=dayfirst, sender=sender, chunk_rows=chunk_rows
        ):
            _tally(run, chunk)
            recipients = _in_utc(chunk.recipients)
            if pending is not None:
                recipients, repeated = merge_repeated_interviewers(
                    pd.concat([pending, recipients], ignore_index=True)
                )
                run.rejects.append(repeated)
            if recipients.empty:
                pending = None
                continue
            last = recipients["interview_id"] == recipients["interview_id"].iloc[-1]
            draft(recipients[~last])
            pending = recipients[last]
            if progress is not None and chunk.last_row:
                progress(chunk.last_row)
        if pending is not None:
            draft(pending)
    write_csv(run.rejects_table, folder / "rejects.csv")
    return run


def recipients_sheet(
    drafts: pd.DataFrame, files: pd.Series, findings: pd.DataFrame
) -> pd.DataFrame:
    """The tidy recipients with where each draft went and whether it passed the rules."""
    errors = findings.loc[findings["severity"] == "error", "draft_id"]
    sheet = drafts.drop(columns=["body", "subject"]).assign(
        draft_file=files.map(lambda f: Path(f).name),  # relative to the output folder
        draft_status=np.where(drafts["draft_id"].isin(errors), "needs fixes", "ready"),
    )
    for column in (*_MOMENTS, "due_at"):
        sheet[column] = local_iso(sheet[column], sheet["timezone"])
    sheet["status"] = sheet["status"].astype("str")
    return sheet


def _in_utc(recipients: pd.DataFrame) -> pd.DataFrame:
    """Chunks with one zone come back in it; UTC lets any two chunks be joined."""
    return recipients.assign(**{c: recipients[c].dt.tz_convert("UTC") for c in _MOMENTS})


def _skip_drafted(ready: pd.DataFrame, drafted: _HashSet, run: DraftRun) -> pd.DataFrame:
    """Drop interviewers already drafted for the same interview in an earlier chunk."""
    key = ready["interview_id"] + "|" + ready["interviewer_email"].str.lower()
    again = drafted.add(pd.util.hash_pandas_object(key, index=False).to_numpy())
    if again.any():
        run.rejects.append(
            pd.DataFrame(
                {
                    "row": ready["row"][again],
                    "column": "interviewer_email",
                    "value": ready["interviewer_email"][again],
                    "code": "repeated_interviewer",
                    "problem": "same interviewer twice in one interview (already drafted)",
                    "hint": "delete the repeated row, or give each interviewer once per interview",
                    "severity": "warning",
                }
            )
        )
    return ready[~again]


def _tally(run: DraftRun, chunk: Interviews) -> None:
    run.source = run.source or chunk.source
    run.layout = run.layout or chunk.layout
    run.timezone = run.timezone or chunk.timezone
    run.rows_read += chunk.rows_read
    run.rows_blank += chunk.rows_blank
    run.rows_rejected += chunk.rows_rejected
    run.rejects.append(chunk.rejects)


def _count(run: DraftRun, drafts: pd.DataFrame, findings: pd.DataFrame, seen: _HashSet) -> None:
    seen.add(pd.util.hash_pandas_object(drafts["interview_id"], index=False).to_numpy())
    run.interviews = len(seen)
    run.drafts += len(drafts)
    for status, n in drafts["status"].value_counts().items():
        run.statuses[str(status)] = run.statuses.get(str(status), 0) + int(n)
    run.due_soon += int(((drafts["status"] == "due") & (drafts["hours_left"] <= 12)).sum())
    for key, n in finding_counts(findings).items():
        run.finding_counts[key] = run.finding_counts.get(key, 0) + n
    run.errors += int((findings["severity"] == "error").sum())
    if sum(len(f) for f in run.first_findings) < _SHOWN_FINDINGS:
        run.first_findings.append(findings.head(_SHOWN_FINDINGS))


class _HashSet:
    """64-bit hashes seen so far, kept sorted in one array: 8 bytes each, not a set's ~60."""

    def __init__(self) -> None:
        self._seen = np.empty(0, dtype=np.uint64)

    def add(self, hashes: np.ndarray) -> np.ndarray:
        """Add ``hashes``; return which of them were seen before (in earlier calls)."""
        at = np.searchsorted(self._seen, hashes).clip(max=max(len(self._seen) - 1, 0))
        before = (self._seen[at] == hashes) if len(self._seen) else np.zeros(len(hashes), bool)
        self._seen = np.union1d(self._seen, hashes)
        return before

    def __len__(self) -> int:
        return len(self._seen)


class _CsvAppender:
    """A CSV written a chunk at a time, moved into place only if the run ends without error."""

    def __init__(self, path: Path, columns: Sequence[str]) -> None:
        self.columns = columns
        self._file = ExitStack()
        self._handle = self._file.enter_context(
            atomic_file(path, "w", encoding="utf-8", newline="")
        )
        self._header = True

    def write(self, table: pd.DataFrame) -> None:
        neutralize_formulas(table).to_csv(
            self._handle, index=False, header=self._header, lineterminator="\n"
        )
        self._header = False

    def __enter__(self) -> _CsvAppender:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if error is None and self._header:  # nothing written: just the header
            self._handle.write(",".join(self.columns) + "\n" if self.columns else "")
        self._file.__exit__(kind, error, trace)
