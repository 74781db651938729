"""The delivery ledger: every attempt to send or upload a draft, in SQLite beside the drafts.

An attempt is written *before* the network call (``result`` empty) and synced
to disk; its result is written *after* (``delivered``, ``failed`` or
``uncertain``). So after a crash, even ``kill -9``, an attempt with no
result is exactly a draft whose fate the ledger cannot know: delivery looks
it up (IMAP) or reports it as uncertain (SMTP) before anything is retried.

Sends are counted per ``Message-ID`` whatever the SMTP server; uploads per
``Message-ID`` and mailbox folder.

>>> with Ledger(":memory:") as ledger:
...     attempt = ledger.begin("send", "smtp", "<1@x.example>", server="mail.example:587",
...                            draft="a.eml", recipient="b@y.example")
...     ledger.finish(attempt, "delivered", "250 OK")
...     ledger.latest("send", "smtp")["<1@x.example>"].result
'delivered'
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import pandas as pd

from followup.errors import DeliveryError

LEDGER_NAME = "delivery.sqlite"
Result = Literal["delivered", "failed", "uncertain"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id          INTEGER PRIMARY KEY,
    action      TEXT NOT NULL,  -- send | upload
    target      TEXT NOT NULL,  -- smtp, or imap://user@host:port/folder
    message_id  TEXT NOT NULL,
    server      TEXT NOT NULL,
    draft       TEXT NOT NULL,  -- file name, or mbox#n
    recipient   TEXT NOT NULL,
    started_at  TEXT NOT NULL,  -- UTC, ISO 8601
    finished_at TEXT,
    result      TEXT,           -- NULL until the server has answered
    reply       TEXT
);
CREATE INDEX IF NOT EXISTS attempts_by_message ON attempts (action, target, message_id, id);
"""


@dataclass(frozen=True)
class Attempt:
    """The latest attempt for one message at one target."""

    id: int
    result: Result | None
    reply: str
    started_at: str


class Ledger:
    """The attempts file. ``Ledger(path)`` creates it if needed; use it as a context
    manager, or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        try:
            # autocommit: every write is its own transaction, committed at once
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise DeliveryError(
                f"{path}: cannot open the delivery ledger ({exc}); is it a followup ledger?"
            ) from None

    def begin(
        self,
        action: str,
        target: str,
        message_id: str,
        *,
        server: str,
        draft: str,
        recipient: str,
    ) -> int:
        """Record that an attempt starts now; return its id. Synced to disk before it
        returns, so not even a power cut can lose the fact that a delivery began."""
        self._db.execute("PRAGMA synchronous = FULL")
        cursor = self._db.execute(
            "INSERT INTO attempts (action, target, message_id, server, draft, recipient, "
            "started_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (action, target, message_id, server, draft, recipient, _now()),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish(self, attempt: int, result: Result, reply: str) -> None:
        """Record how an attempt ended, with the server's reply or the reason.

        Safe from a killed process at once; synced to disk with the next ``begin``
        (a power cut in between leaves the attempt open: looked up or *uncertain*,
        never repeated unasked), which saves one disk sync per draft.
        """
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.execute(
            "UPDATE attempts SET finished_at = ?, result = ?, reply = ? WHERE id = ?",
            (_now(), result, reply, attempt),
        )

    def latest(self, action: str, target: str) -> dict[str, Attempt]:
        """The latest attempt of each message at ``target``, by ``Message-ID``."""
        rows = self._db.execute(
            "SELECT message_id, id, result, reply, started_at FROM attempts WHERE id IN "
            "(SELECT max(id) FROM attempts WHERE action = ? AND target = ? GROUP BY message_id)",
            (action, target),
        )
        return {m: Attempt(i, r, reply or "", s) for m, i, r, reply, s in rows}

    def table(self) -> pd.DataFrame:
        """One row per message and target: its latest attempt, and how many there were."""
        return pd.read_sql_query(
            "SELECT action, target, draft, recipient, message_id, attempts, started_at, "
            "finished_at, coalesce(result, 'in flight') AS result, reply FROM attempts "
            "JOIN (SELECT max(id) AS id, count(*) AS attempts FROM attempts "
            "GROUP BY action, target, message_id) USING (id) ORDER BY id",
            self._db,
        )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def ledger_path(source: str | os.PathLike[str]) -> Path:
    """Where the ledger of a drafts folder or mbox lives: ``delivery.sqlite`` beside it."""
    source = Path(source)
    return (source if source.is_dir() else source.parent) / LEDGER_NAME


@contextmanager
def exclusive(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the ledger for one run: a second send or upload on the same drafts at the
    same time could deliver a draft twice, so it stops with a clear error instead."""
    lock = Path(f"{path}.lock")
    with open(lock, "a") as handle:
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise DeliveryError(
                f"another followup run is delivering these drafts ({lock} is held); "
                "wait for it to finish"
            ) from None
        yield


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
