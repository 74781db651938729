"""The delivery ledger: every attempt to send or upload a draft, in SQLite beside the drafts.

An attempt is written *before* the network call (``result`` empty) and synced
to disk; its result is written *after* (``delivered``, ``failed`` or
``uncertain``). So after a crash, even ``kill -9``, an attempt with no
result is exactly a draft whose fate the ledger cannot know: delivery looks
it up (IMAP) or reports it as uncertain (SMTP) before anything is retried.

Sends are counted per ``Message-ID`` and recipient whatever the SMTP server;
uploads per ``Message-ID``, recipient and mailbox folder. Each row records the
id scheme that made its ``Message-ID`` (:data:`followup._ids.ID_SCHEME`); rows
written before there was one have none, and ids of 12 hex digits.

A ledger that SQLite cannot read, or that fails its integrity check, is a
:class:`~followup.errors.DeliveryError`, never a guess.

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, ParamSpec, TypeVar

import pandas as pd

from followup._ids import ID_SCHEME
from followup.errors import DeliveryError

LEDGER_NAME = "delivery.sqlite"
#: One line per run that delivered anything, beside the ledger: a sign that survives
#: a lost ledger (``rm delivery.sqlite*``) that drafts went out from this folder.
LOG_NAME = "delivery.log"
Result = Literal["delivered", "failed", "uncertain"]
_VERSION = 2  # 2: id_scheme column
_P = ParamSpec("_P")
_T = TypeVar("_T")

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
    reply       TEXT,
    id_scheme   TEXT            -- how the Message-ID was made; NULL: before blake2b ids
);
CREATE INDEX IF NOT EXISTS attempts_by_message ON attempts (action, target, message_id, id);
"""


@dataclass(frozen=True)
class Attempt:
    """The latest attempt for one message (and recipient) at one target."""

    id: int
    result: Result | None
    reply: str
    started_at: str
    message_id: str = ""
    recipient: str = ""
    id_scheme: str | None = None
    draft: str = ""


def _damaged(method: Callable[_P, _T]) -> Callable[_P, _T]:
    """A ledger SQLite cannot read is one clear error, whichever call finds out."""

    def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return method(*args, **kwargs)
        except sqlite3.DatabaseError as exc:
            ledger = args[0]
            assert isinstance(ledger, Ledger)
            raise ledger.damaged(exc) from None

    guarded.__doc__, guarded.__name__ = method.__doc__, method.__name__
    return guarded


class Ledger:
    """The attempts file. ``Ledger(path)`` creates it if needed; use it as a context
    manager, or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        try:
            # autocommit: every write is its own transaction, committed at once
            self._db = sqlite3.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise self.damaged(exc) from None
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise self.damaged(exc) from None
        except DeliveryError:
            self._db.close()
            raise

    def _open(self) -> None:
        db = self._db
        (check,) = db.execute("PRAGMA quick_check(1)").fetchone()
        if check != "ok":
            raise sqlite3.DatabaseError(f"integrity check: {check.splitlines()[0]}")
        db.execute("PRAGMA journal_mode = WAL")
        db.executescript(_SCHEMA)
        columns = {row[1] for row in db.execute("PRAGMA table_info(attempts)")}
        missing = {"action", "target", "message_id", "recipient", "result"} - columns
        if missing:
            raise DeliveryError(
                f"{self.path}: its attempts table has no {', '.join(sorted(missing))} column; "
                "it is not a followup delivery ledger: move it away from the drafts."
            )
        if "id_scheme" not in columns:  # a ledger from before blake2b ids: migrate it
            db.execute("ALTER TABLE attempts ADD COLUMN id_scheme TEXT")
        if db.execute("PRAGMA user_version").fetchone()[0] < _VERSION:
            db.execute(f"PRAGMA user_version = {_VERSION}")

    def damaged(self, exc: BaseException) -> DeliveryError:
        """The one-line error for a ledger SQLite cannot read."""
        reason = " ".join(str(exc).split())
        reason = reason if len(reason) <= 100 else reason[:99] + "…"
        return DeliveryError(
            f"{self.path}: the delivery ledger is damaged ({reason}); restore it from a backup, "
            f"or move it aside (keep {LOG_NAME}) and run again: upload looks each draft up "
            "in the folder, and send asks you to check your Sent folder first."
        )

    @_damaged
    def last_id(self) -> int:
        """The id of the latest attempt (0 for none): later attempts have larger ids."""
        (number,) = self._db.execute("SELECT coalesce(max(id), 0) FROM attempts").fetchone()
        return int(number)

    @_damaged
    def delivered_after(self, attempt: int, action: str) -> int:
        """How many attempts after ``attempt`` delivered their draft (a run's deliveries)."""
        (number,) = self._db.execute(
            "SELECT count(*) FROM attempts WHERE id > ? AND action = ? AND result = 'delivered' "
            "AND coalesce(reply, '') NOT LIKE 'delivered at % as <%'",
            (attempt, action),
        ).fetchone()
        return int(number)

    @_damaged
    def count(self) -> int:
        """How many attempts the ledger holds."""
        (number,) = self._db.execute("SELECT count(*) FROM attempts").fetchone()
        return int(number)

    @_damaged
    def begin(
        self,
        action: str,
        target: str,
        message_id: str,
        *,
        server: str,
        draft: str,
        recipient: str,
        id_scheme: str = ID_SCHEME,
    ) -> int:
        """Record that an attempt starts now; return its id. Synced to disk before it
        returns, so not even a power cut can lose the fact that a delivery began."""
        self._db.execute("PRAGMA synchronous = FULL")
        cursor = self._db.execute(
            "INSERT INTO attempts (action, target, message_id, server, draft, recipient, "
            "started_at, id_scheme) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (action, target, message_id, server, draft, recipient, _now(), id_scheme),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    @_damaged
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

    @_damaged
    def latest(self, action: str, target: str) -> dict[str, Attempt]:
        """The latest attempt of each message at ``target``, by ``Message-ID``."""
        return {a.message_id: a for a in self._latest(action, target, "message_id")}

    @_damaged
    def latest_by_recipient(self, action: str, target: str) -> dict[tuple[str, str], Attempt]:
        """The latest attempt of each message to each recipient at ``target``, by
        ``(Message-ID, recipient lower-cased)``."""
        attempts = self._latest(action, target, "message_id, lower(recipient)")
        return {(a.message_id, a.recipient.lower()): a for a in attempts}

    def _latest(self, action: str, target: str, key: str) -> list[Attempt]:
        rows = self._db.execute(
            "SELECT id, result, reply, started_at, message_id, recipient, id_scheme, draft "
            "FROM attempts WHERE id IN (SELECT max(id) FROM attempts "
            f"WHERE action = ? AND target = ? GROUP BY {key}) ORDER BY id",
            (action, target),
        )
        return [
            Attempt(i, r, reply or "", s, m, to or "", scheme, draft or "")
            for i, r, reply, s, m, to, scheme, draft in rows
        ]

    @_damaged
    def table(self) -> pd.DataFrame:
        """One row per message and target: its latest attempt, and how many there were."""
        return pd.read_sql_query(
            "SELECT action, target, draft, recipient, message_id, attempts, started_at, "
            "finished_at, coalesce(result, 'in flight') AS result, reply, id_scheme "
            "FROM attempts JOIN (SELECT max(id) AS id, count(*) AS attempts FROM attempts "
            "GROUP BY action, target, message_id, lower(recipient)) USING (id) ORDER BY id",
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


def log_run(source: str | os.PathLike[str], action: str, target: str, delivered: int) -> None:
    """Add a line to ``delivery.log`` beside the drafts for a run that delivered some."""
    if not delivered:
        return
    path = ledger_path(source).with_name(LOG_NAME)
    with open(path, "a", encoding="utf-8") as log:
        log.write(f"{_now()[:19]}Z {action} {target}: {delivered} delivered\n")


def earlier_deliveries(source: str | os.PathLike[str]) -> list[str]:
    """What beside the drafts says some were sent before, other than the ledger: send
    runs in ``delivery.log``, and a ``delivery`` column in ``recipients.csv`` that says
    *sent* (``followup status --update-sheet``)."""
    folder = ledger_path(source).parent
    signs = []
    log = folder / LOG_NAME
    if log.is_file():
        lines = log.read_text("utf-8", "replace").splitlines()
        runs = [line for line in lines if " send " in line]
        if runs:
            signs.append(f"{log} records {len(runs)} run(s) that sent drafts")
    sheet = folder / "recipients.csv"
    if sheet.is_file():
        try:
            table = pd.read_csv(sheet, dtype="str", keep_default_na=False, usecols=["delivery"])
        except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError):
            table = pd.DataFrame({"delivery": pd.Series(dtype="str")})
        done = int(table["delivery"].str.strip().str.startswith("sent").sum())
        if done:
            signs.append(f"the delivery column of {sheet} shows {done} draft(s) sent")
    return signs


def check_not_lost(
    source: str | os.PathLike[str], ledger: Ledger | None, *, action: str, checked_sent: bool
) -> None:
    """Refuse to send when the ledger is missing or empty while the folder shows that
    drafts were sent before: sending could repeat every one of them. Pass the ledger
    as it was before this run (``None``: there was none).

    Raises
    ------
    DeliveryError
        With what shows the earlier deliveries, and how to go on.
    """
    if action != "send" or checked_sent:
        return
    if ledger is not None and ledger.count():
        return
    signs = earlier_deliveries(source)
    if not signs:
        return
    state = "empty" if ledger is not None else "missing"
    raise DeliveryError(
        f"{ledger_path(source)} is {state}, but {'; '.join(signs)}: sending now could send "
        "those drafts a second time. Restore the ledger from a backup; or check your Sent "
        "folder, move the drafts you find there out of this folder, and send with "
        "ledger_lost_i_checked_sent (upload needs no ledger: it looks drafts up by Message-ID).",
        options=("ledger_lost_i_checked_sent",),
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
