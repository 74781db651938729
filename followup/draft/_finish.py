"""The second half of drafting a sheet: each chunk's drafts checked, then written with
their findings and recipients, and counted.

:class:`ChunkWriter` does it in this process. :class:`ChildWriter` runs the same writer
in a second process, fed through a pipe one chunk at a time: this process reads and
renders the next chunk while the last one is checked and written. One process writes
every file, in sheet order, so the files are byte for byte the same either way.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import pickle
import signal
import sys
import traceback
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from followup._clock import local_iso
from followup._files import CsvAppender
from followup.draft._proofread import spellchecker
from followup.draft._rules import check_drafts, finding_counts
from followup.draft._writers import DraftSink, Format
from followup.schema import FINDING_COLUMNS

SHOWN_FINDINGS = 10
_FOLDERS = r"^.*[/\\]" if os.sep == "\\" else r"^.*/"  # a path up to its file name
_END = b"end"  # the last message to the writer process: the run is over, keep the files


@dataclass
class Written:
    """What a writer wrote: drafts per status, findings per rule and severity, the first
    few findings (the rest are in ``findings.csv``)."""

    drafts: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    due_soon: int = 0
    needs_fixes: int = 0  # drafts with an error finding
    finding_counts: dict[tuple[str, str], int] = field(default_factory=dict)
    first_findings: list[pd.DataFrame] = field(default_factory=list, compare=False)

    def add(self, drafts: pd.DataFrame, findings: pd.DataFrame) -> None:
        self.drafts += len(drafts)
        for status, n in drafts["status"].value_counts().items():
            self.statuses[str(status)] = self.statuses.get(str(status), 0) + int(n)
        self.due_soon += int(((drafts["status"] == "due") & (drafts["hours_left"] <= 12)).sum())
        for key, n in finding_counts(findings).items():
            self.finding_counts[key] = self.finding_counts.get(key, 0) + n
        self.needs_fixes += findings.loc[findings["severity"] == "error", "draft_id"].nunique()
        if sum(len(f) for f in self.first_findings) < SHOWN_FINDINGS:
            self.first_findings.append(findings.head(SHOWN_FINDINGS))

    @property
    def shown_findings(self) -> pd.DataFrame:
        if not self.first_findings:
            return pd.DataFrame(columns=list(FINDING_COLUMNS))
        return pd.concat(self.first_findings, ignore_index=True).head(SHOWN_FINDINGS)


class ChunkWriter:
    """Check each chunk of drafts handed to it and write it into ``folder``: the drafts
    (``.eml`` files, or ``drafts.mbox``, ``.csv`` or ``.xlsx``), ``findings.csv`` and
    ``recipients.csv``. The files are moved into place when the ``with`` block ends
    without error, and discarded after one."""

    def __init__(
        self, folder: Path, *, format: Format, now: pd.Timestamp, known_words: list[str]
    ) -> None:
        self.now, self.known_words = now, known_words
        self.written = Written()
        target = folder if format == "eml" else folder / f"drafts.{format}"
        with ExitStack() as files:
            self._sink = files.enter_context(DraftSink(target, format=format, now=now))
            findings = CsvAppender(folder / "findings.csv", FINDING_COLUMNS)
            self._findings = files.enter_context(findings)
            self._recipients = files.enter_context(CsvAppender(folder / "recipients.csv", ()))
            self._files = files.pop_all()

    def __call__(self, drafts: pd.DataFrame) -> None:
        findings = check_drafts(drafts, now=self.now, known_words=self.known_words)
        files = self._sink.write(drafts)
        self._findings.write(findings)
        self._recipients.write(recipients_sheet(drafts, files, findings))
        self.written.add(drafts, findings)

    def __enter__(self) -> ChunkWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: Any
    ) -> None:
        self._files.__exit__(kind, error, trace)


class ChildWriter:
    """A :class:`ChunkWriter` in a second process, started fresh (spawned, not forked), so
    a script that uses it needs the ``if __name__ == "__main__":`` guard.

    Each chunk goes down a pipe, pickled here: this process renders the next chunk while
    the child checks and writes the last one. The child keeps its files only when told
    the run is over; a pipe that closes first (an error here, this process killed) has it
    discard them. An error there is raised here, at the next chunk or at the end.
    """

    def __init__(self, folder: Path, **options: Any) -> None:
        import pyarrow as pa

        self._folder = folder
        context = multiprocessing.get_context("spawn")
        chunks, self._chunks = context.Pipe(duplex=False)
        self._answers, answers = context.Pipe(duplex=False)
        pool = pa.default_memory_pool().backend_name  # the child allocates as this one does
        self._process = context.Process(
            target=_write_in_child,
            args=(chunks, answers, folder, options, pool),
            name="followup-writer",
            daemon=True,
        )
        self._process.start()
        chunks.close()  # each end in one process only, so either one's end reads as EOF
        answers.close()
        self.written = Written()

    def __call__(self, drafts: pd.DataFrame) -> None:
        self._send(pickle.dumps(drafts, protocol=pickle.HIGHEST_PROTOCOL))

    def __enter__(self) -> ChildWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: Any
    ) -> None:
        try:
            if error is None:
                self._send(_END)
                self.written = self._answer()
        finally:  # after an error, the child sees the pipe end before the word to keep files
            self._chunks.close()
            self._process.join(60)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join()
            self._answers.close()
            self._process.close()

    def _send(self, message: bytes) -> None:
        try:
            if not self._answers.poll():  # unless it has stopped
                self._chunks.send_bytes(message)  # waits while the child writes the last one
                return
        except (BrokenPipeError, EOFError):  # it has stopped (on Windows, poll() raises)
            pass
        self._answer()  # raises what stopped it

    def _answer(self) -> Written:
        """The child's counts once it has written everything; or what stopped it, raised."""
        try:
            outcome, value = self._answers.recv()
        except EOFError:
            self._process.join()
            code = self._process.exitcode or 0
            how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
            raise ChildProcessError(
                errno.ECHILD,
                f"the process writing the drafts stopped ({how}); run the command again",
                str(self._folder),
            ) from None
        self._process.join()
        if outcome == "failed":
            raise pickle.loads(value)
        written: Written = value
        return written


def _write_in_child(
    chunks: Connection, answers: Connection, folder: Path, options: dict[str, Any], pool: str
) -> None:
    import pyarrow as pa

    signal.signal(signal.SIGTERM, _exit)  # a terminated writer discards its files too
    pa.set_memory_pool(getattr(pa, f"{pool}_memory_pool")())
    spellchecker()  # loaded while the first chunk is read and rendered
    try:
        with ChunkWriter(folder, **options) as write:
            while (message := chunks.recv_bytes()) != _END:  # EOFError: the run failed
                write(pickle.loads(message))
        answers.send(("done", write.written))
    except BaseException as error:
        chunks.close()  # a parent blocked sending a chunk sees the pipe break, then reads why
        with suppress(OSError):  # unless the parent is gone
            answers.send(("failed", _portable(error)))
        return
    # Its files are in place and its answer sent: it leaves now, without tearing down
    # pandas and Arrow, which the parent would wait for (0.1-0.2 s).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _exit(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def _portable(error: BaseException) -> bytes:
    """``error`` pickled with its traceback in a note, or as a RuntimeError with its text
    when it cannot be pickled."""
    shown = "".join(traceback.format_exception(error))
    try:
        error.add_note(f"raised in the process writing the drafts:\n{shown}")
        portable = pickle.dumps(error)
        pickle.loads(portable)
        return portable
    except Exception:
        return pickle.dumps(RuntimeError(f"in the process writing the drafts:\n{shown}"))


def recipients_sheet(
    drafts: pd.DataFrame, files: pd.Series, findings: pd.DataFrame
) -> pd.DataFrame:
    """The tidy recipients with where each draft went and whether it passed the rules;
    instants in each row's own zone."""
    errors = findings.loc[findings["severity"] == "error", "draft_id"]
    sheet = drafts.drop(columns=["body", "subject"]).assign(
        draft_file=files.str.replace(_FOLDERS, "", regex=True),  # as Path.name gives it
        draft_status=np.where(drafts["draft_id"].isin(errors), "needs fixes", "ready"),
    )
    for column in sheet.select_dtypes(include="datetimetz").columns:
        sheet[column] = local_iso(sheet[column], sheet["timezone"])
    sheet["status"] = sheet["status"].astype("str")
    return sheet
