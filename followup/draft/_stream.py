"""Drafting a whole sheet in chunks of rows: what ``followup draft`` runs.

Memory stays flat however long the sheet is: each chunk is read, validated,
rendered, checked and written before the next one is read. Four things cross
chunk boundaries, and are handled so a chunked run drafts what a whole-sheet
run would:

- day/month order, decided from every row in a first pass over the date columns
  (:func:`~followup.read.iter_interviews` does it);
- the rows of an interview, held back until the next interview starts, so a
  panel is always rendered (distinct phrasings) and checked together (the rows of
  one interview far apart in a sheet are checked as two panels where a chunk
  ends between them);
- who was already drafted, so an interviewer repeated far down the sheet is
  reported instead of drafted twice;
- the places taken on each panel and in each company's Latin square of frames
  (per role), so later rows take the next places.

With ``workers=2``, a sheet of more than one chunk is checked and written in a second
process (:mod:`followup.draft._finish`) while this one reads and renders the next chunk.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from followup._clock import resolve_now
from followup._files import CsvAppender
from followup.draft._finish import ChildWriter, ChunkWriter, Written
from followup.draft._notes import ADAPTERS, adapt_notes
from followup.draft._render import render_drafts
from followup.draft._schedule import add_deadlines
from followup.draft._seen import Places, SeenCounts
from followup.draft._writers import Format
from followup.errors import OptionError
from followup.read import (
    Interviews,
    SheetChunks,
    Source,
    empty_rejects,
    iter_interviews,
    merge_repeated_interviewers,
)
from followup.schema import REJECT_COLUMNS

#: A chunk is at most CHUNK_ROWS sheet rows, and fewer on a sheet of long rows: as many
#: as fill CHUNK_BYTES of the file. Every chunk costs about 0.3 s of fixed work, and its
#: drafts about 7 KB a row at their peak, over the ~145 MB of imports and dictionaries.
#: 100,000 interviewers take 8.7 s in chunks of 10,000 rows, 7.9 s in chunks of 15,000 and
#: 7.3 s in chunks of 20,000; but a million peak at 253, 293 and 333 MB.
CHUNK_ROWS = 15_000
CHUNK_BYTES = 3 << 20
#: validate renders and checks no drafts, so larger chunks fit in the memory draft takes
#: (100,000 rows, half rejected: validate 227 MB at its peak), and every chunk costs
#: about 0.3 s of fixed work, so a sheet of 20,000 rows is read in one.
VALIDATE_CHUNK_ROWS = 20_000
SHOWN_REJECTS = 10
_MOMENTS = ("interview_start", "interview_end", "sent_at", "replied_at", "decided_at")


@dataclass
class SheetRun:
    """What reading a sheet in chunks found: counts, and the rejects (on disk as it goes)."""

    source: str = ""
    layout: str = ""
    timezone: str = ""
    rows_read: int = 0
    rows_blank: int = 0
    rows_rejected: int = 0
    interviews: int = 0
    recipients: int = 0
    rejects: RejectLog = field(default_factory=lambda: RejectLog())

    def summary(self) -> str:
        return Interviews.describe(
            source=self.source,
            rows=self.rows_read,
            layout=self.layout,
            interviews=self.interviews,
            interviewers=self.recipients,
            rows_rejected=self.rows_rejected,
            errors=self.rejects.errors,
            warnings=self.rejects.warnings,
            blank=self.rows_blank,
            timezone=self.timezone,
        )


@dataclass
class DraftRun(SheetRun):
    """What a chunked drafting run did: counts and the first rejects, and what was
    ``written`` (drafts per status, findings)."""

    written: Written = field(default_factory=Written)

    @property
    def drafts(self) -> int:
        return self.written.drafts


@dataclass
class ValidateRun(SheetRun):
    """What ``followup validate`` found: counts, rejects, and each distinct note adapted."""

    notes: pd.DataFrame = field(default_factory=pd.DataFrame)


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
    chunk_bytes: int | None = CHUNK_BYTES,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
) -> DraftRun:
    """Read, render, check and write the drafts of a sheet into ``out``, chunk by chunk.

    Writes the drafts (``.eml`` files, ``drafts.mbox``, ``drafts.csv`` or
    ``drafts.xlsx``), ``findings.csv``, ``rejects.csv`` and ``recipients.csv``
    (each recipient with its ``draft_file`` and ``draft_status``). A chunk holds
    ``chunk_rows`` rows, or fewer where they fill ``chunk_bytes`` of a text file.
    ``progress`` is called with the number of sheet rows read after every chunk.
    ``workers=2`` checks and writes the drafts of a text sheet that may take more than one
    chunk in a second process, while this one reads and renders the next chunk: the same files,
    sooner where two cores are free. That process is spawned, so a script that asks
    for it needs the ``if __name__ == "__main__":`` guard.
    """
    if workers not in (1, 2):
        raise OptionError(f"workers={workers!r}: use 1 or 2.", options=("workers",))
    moment = resolve_now(now)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    run, placed = DraftRun(), Places()
    chunks = iter_interviews(
        source,
        sheet=sheet,
        tz=tz,
        dayfirst=dayfirst,
        sender=sender,
        chunk_rows=chunk_rows,
        chunk_bytes=chunk_bytes,
    )
    # The second process starts before the first chunk is read, to be ready when it is.
    writer = ChildWriter if workers == 2 and chunks.several else ChunkWriter
    with (
        CsvAppender(folder / "rejects.csv", REJECT_COLUMNS) as rejects_file,
        writer(folder, format=format, now=moment, known_words=list(known_words)) as write,
    ):
        run.rejects = RejectLog(rejects_file.write)
        for ready in _ready(chunks, run, progress=progress):
            drafts = render_drafts(
                add_deadlines(ready, hours=hours, now=moment),
                template=template,
                sender=sender,
                now=moment,
                placed=placed,
            )
            del ready  # one chunk in memory while the next is read
            write(drafts)
            del drafts
    run.written = write.written
    run.recipients = run.written.drafts  # each recipient drafted once
    return run


def validate_sheet(
    source: Source,
    rejects: str | os.PathLike[str],
    *,
    sheet: str | int | None = None,
    tz: str | None = None,
    dayfirst: bool | None = None,
    sender: str | None = None,
    chunk_rows: int = VALIDATE_CHUNK_ROWS,
) -> ValidateRun:
    """Read a sheet chunk by chunk as :func:`draft_sheet` does, writing its rejects to
    ``rejects`` as it goes; return the counts and each distinct note as the letters
    will read it (:func:`~followup.draft.adapt_notes`)."""
    run = ValidateRun()
    notes = []
    chunks = iter_interviews(
        source, sheet=sheet, tz=tz, dayfirst=dayfirst, sender=sender, chunk_rows=chunk_rows
    )
    with CsvAppender(Path(rejects), REJECT_COLUMNS) as rejects_file:
        run.rejects = RejectLog(rejects_file.write)
        for ready in _ready(chunks, run, progress=None):
            notes.append(adapt_notes(ready))
            run.recipients += len(ready)
            notes = [_distinct_notes(notes)]
    run.notes = _distinct_notes(notes)
    return run


def _ready(
    chunks: SheetChunks, run: SheetRun, *, progress: Callable[[int], None] | None
) -> Iterator[pd.DataFrame]:
    """Recipients ready to draft, whole interviews at a time, each interviewer once; the
    counts and rejects go to ``run``. The rows of the last interview of a chunk wait for
    the next chunk, unless it ends the sheet; rejects wait until no earlier row can get
    one, so they are written in sheet order."""
    drafted, interviews = SeenCounts(), SeenCounts()
    pending: pd.DataFrame | None = None
    for chunk in chunks:
        _tally(run, chunk)
        last_row = chunk.last_row
        ready, pending = _hold_back_last(
            _in_utc(chunk.recipients), pending, run, last=chunks.ends_sheet(chunk)
        )
        del chunk  # memory holds one chunk: not this one's rows while they are drafted,
        yield from _fresh(ready, drafted, interviews, run)
        del ready  # nor while the next chunk is read
        run.rejects.flush(below=pending["row"].min() if pending is not None else np.inf)
        if progress is not None and last_row:
            progress(last_row)
    if pending is not None:
        yield from _fresh(pending, drafted, interviews, run)
    run.rejects.flush()


def _hold_back_last(
    recipients: pd.DataFrame, pending: pd.DataFrame | None, run: SheetRun, *, last: bool
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The rows ready to draft, and the last rows, of one interview, held back for the next
    chunk (after the rows held back before, now joined with this chunk): a panel on
    adjacent rows is drafted and checked together, and the drafts keep the sheet's order.
    The ``last`` chunk holds nothing back."""
    if pending is not None:
        recipients, repeated = merge_repeated_interviewers(
            pd.concat([pending, recipients], ignore_index=True)
        )
        run.rejects.add(repeated)
    if recipients.empty or last:
        return recipients, None
    other = (recipients["interview_id"] != recipients["interview_id"].iloc[-1]).to_numpy()
    start = len(other) - int(other[::-1].argmax()) if other.any() else 0
    return recipients.iloc[:start], recipients.iloc[start:]


def _fresh(
    ready: pd.DataFrame, drafted: SeenCounts, interviews: SeenCounts, run: SheetRun
) -> Iterator[pd.DataFrame]:
    """``ready`` without interviewers already given for the same interview in an earlier
    chunk (reported); nothing when nothing is left."""
    ready = _skip_drafted(ready, drafted, run)
    if ready.empty:
        return
    interviews.add(ready["interview_id"])
    run.interviews = len(interviews)
    yield ready


def _distinct_notes(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Notes of several chunks as one row per distinct note, in the order
    :func:`adapt_notes` gives for a whole sheet; each keeps its first five rows."""
    if not parts:
        return adapt_notes(pd.DataFrame())
    notes = pd.concat(parts, ignore_index=True)
    if notes.empty:
        return notes
    key = [notes["column"], notes["before"]]
    rows = notes["rows"].groupby(key, sort=False).agg(lambda r: sorted(n for x in r for n in x)[:5])
    first = notes.drop_duplicates(["column", "before"]).set_index(["column", "before"])
    first["rows"] = rows
    where = first["rows"].map(min).rename("first_row").reset_index()
    where["column_order"] = where["column"].map({c: i for i, c in enumerate(ADAPTERS)})
    order = where.sort_values(["column_order", "first_row"], kind="stable").index.to_numpy()
    out: pd.DataFrame = first.reset_index().iloc[order].reset_index(drop=True)
    return out[list(notes.columns)]


def _in_utc(recipients: pd.DataFrame) -> pd.DataFrame:
    """Chunks with one zone come back in it; UTC lets any two chunks be joined."""
    return recipients.assign(**{c: recipients[c].dt.tz_convert("UTC") for c in _MOMENTS})


def _skip_drafted(ready: pd.DataFrame, drafted: SeenCounts, run: SheetRun) -> pd.DataFrame:
    """Drop interviewers already drafted for the same interview in an earlier chunk."""
    key = ready["interview_id"] + "|" + ready["interviewer_email"].str.lower()
    again = drafted.add(key) > 0
    if not again.any():
        return ready  # itself, not a copy to hold beside it
    run.rejects.add(
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


def _tally(run: SheetRun, chunk: Interviews) -> None:
    run.source = run.source or chunk.source
    run.layout = run.layout or chunk.layout
    run.timezone = run.timezone or chunk.timezone
    run.rows_read += chunk.rows_read
    run.rows_blank += chunk.rows_blank
    run.rows_rejected += chunk.rows_rejected
    run.rejects.add(chunk.rejects)


class RejectLog:
    """Rejects handed to ``write`` in sheet order as a run goes; only their counts and
    the first few stay in memory, however many rows are rejected."""

    def __init__(self, write: Callable[[pd.DataFrame], None] | None = None) -> None:
        self._write = write
        self._held: list[pd.DataFrame] = []
        self.total = self.errors = self.warnings = 0
        self.shown = empty_rejects()

    def add(self, rejects: pd.DataFrame) -> None:
        if len(rejects):
            self._held.append(rejects)

    def flush(self, below: float = np.inf) -> None:
        """Write, sorted, the rejects of rows before ``below``; later rows may still get one."""
        if not self._held:
            return
        held = pd.concat(self._held, ignore_index=True)
        now = held["row"] < below
        self._held = [held[~now]] if not now.all() else []
        out = held[now].sort_values(["row", "column"], kind="stable", ignore_index=True)
        if out.empty:
            return
        self.total += len(out)
        self.errors += int((out["severity"] == "error").sum())
        self.warnings += int((out["severity"] == "warning").sum())
        if len(self.shown) < SHOWN_REJECTS:
            self.shown = pd.concat([self.shown, out.head(SHOWN_REJECTS)], ignore_index=True)
            self.shown = self.shown.head(SHOWN_REJECTS)
        if self._write is not None:
            self._write(out)
