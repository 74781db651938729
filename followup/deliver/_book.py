"""Replies and check-ins, in their own tables of the drafts folder's ``delivery.sqlite``.

The delivery ledger's ``attempts`` table records what went out; these tables
record what came back and the one check-in each interview may get. Both are
only ever added to: a reply is keyed by its Message-ID and the draft it
answers, a check-in by its interview, so reruns and a ``kill -9`` at any point
never duplicate nor lose a row.

>>> with Book(":memory:") as book:
...     row = dict(reply_id="<r@y>", draft_id="d-1", interview_id="iv-1",
...                received_at="2026-11-25T16:00:00+00:00", reply_from="dana@y.example",
...                kind="reply", matched_by="in-reply-to", subject="Re: Thanks", source="a#1")
...     book.add_replies(pd.DataFrame([row, row])), len(book.replies())
(1, 1)
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime

import pandas as pd

from followup.errors import DeliveryError

REPLY_COLUMNS = (
    "reply_id",
    "draft_id",
    "interview_id",
    "received_at",
    "reply_from",
    "kind",
    "matched_by",
    "subject",
    "source",
)
CHECKIN_COLUMNS = (
    "interview_id",
    "draft_id",
    "message_id",
    "recipient",
    "in_reply_to",
    "due_at",
    "file",
)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS replies (
    reply_id     TEXT NOT NULL,  -- the reply's Message-ID
    draft_id     TEXT NOT NULL,  -- the thank-you it answers
    interview_id TEXT NOT NULL,
    received_at  TEXT NOT NULL,  -- UTC, ISO 8601
    reply_from   TEXT NOT NULL,
    kind         TEXT NOT NULL,  -- reply | auto-reply | bounce
    matched_by   TEXT NOT NULL,  -- in-reply-to | references | sender | same-domain
    subject      TEXT NOT NULL,
    source       TEXT NOT NULL,  -- where it was read: file#n, folder/uid
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (reply_id, draft_id)
);
CREATE TABLE IF NOT EXISTS checkins (
    interview_id TEXT PRIMARY KEY,  -- one check-in per interview, ever
    draft_id     TEXT NOT NULL,
    message_id   TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    in_reply_to  TEXT NOT NULL,     -- the thank-you it follows, in its thread
    due_at       TEXT NOT NULL,
    file         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
"""


class Book:
    """The replies and check-ins tables of one ledger file; a context manager."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        try:
            self._db = sqlite3.connect(path, isolation_level=None, timeout=30)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise DeliveryError(
                f"{path}: cannot open the delivery ledger ({exc}); is it a followup ledger?"
            ) from None

    def add_replies(self, rows: pd.DataFrame) -> int:
        """Record replies not yet known, in one transaction; return how many were new."""
        if rows.empty:
            return 0
        values = rows[list(REPLY_COLUMNS)].astype("str").to_numpy().tolist()
        now = _now()
        with self._transaction():
            before = self._db.total_changes
            self._db.executemany(
                f"INSERT OR IGNORE INTO replies ({', '.join(REPLY_COLUMNS)}, recorded_at) "
                f"VALUES ({', '.join('?' * (len(REPLY_COLUMNS) + 1))})",
                [[*v, now] for v in values],
            )
            return self._db.total_changes - before

    def replies(self) -> pd.DataFrame:
        """Every reply recorded, oldest first."""
        return pd.read_sql_query(
            f"SELECT {', '.join(REPLY_COLUMNS)} FROM replies ORDER BY received_at, reply_id",
            self._db,
            dtype="str",
        )

    def claim_checkin(self, row: dict[str, str]) -> bool:
        """Record the check-in of an interview before its file is written; False when the
        interview has one already (the earlier row stands). Synced to disk at once."""
        self._db.execute("PRAGMA synchronous = FULL")
        cursor = self._db.execute(
            f"INSERT OR IGNORE INTO checkins ({', '.join(CHECKIN_COLUMNS)}, created_at) "
            f"VALUES ({', '.join('?' * (len(CHECKIN_COLUMNS) + 1))})",
            [*(row[c] for c in CHECKIN_COLUMNS), _now()],
        )
        return cursor.rowcount == 1

    def checkins(self) -> pd.DataFrame:
        """Every check-in recorded, one per interview."""
        return pd.read_sql_query(
            f"SELECT {', '.join(CHECKIN_COLUMNS)}, created_at FROM checkins ORDER BY created_at",
            self._db,
            dtype="str",
        )

    def _transaction(self) -> sqlite3.Connection:
        self._db.execute("BEGIN IMMEDIATE")
        return self._db  # sqlite3's connection commits, or rolls back on an error

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
