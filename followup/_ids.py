"""Ids that never change: the same sheet gets the same ids with any pandas or Python.

An id is the first 8 bytes of a BLAKE2b hash of a documented key, in hex:

- ``interview_id``: the sheet's own interview id, if it has one (surrounding spaces
  removed); else ``iv-`` + the hash of
  ``candidate email | candidate name | company | start`` (email lower-cased, name and
  company case-folded with runs of spaces as one; the start in UTC as
  ``2026-11-24T20:30:00Z``);
- ``draft_id`` (also the local part of the draft's ``Message-ID``, and the delivery
  ledger's key): ``d-`` + the hash of ``interview id | interviewer email``, the email
  lower-cased.

Every field is UTF-8 and the fields are joined with ``|``.

>>> ids(pd.Series(["x|dana@example.com"]), "d-").tolist()
['d-fdf86c7efe128f58']
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from followup._distinct import per_distinct

#: Which rule made the ids, recorded beside each delivery in the ledger.
ID_SCHEME = "blake2b-64"


def ids(keys: pd.Series, prefix: str) -> pd.Series:
    """``prefix`` + 16 hex digits of BLAKE2b per key, hashed once per distinct key."""
    return per_distinct(
        keys.astype("str"),
        lambda key: prefix + hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest(),
    )


def _folded(values: pd.Series) -> pd.Series:
    """Case-folded, with runs of spaces as one."""
    return per_distinct(values.fillna("").astype("str"), lambda v: " ".join(v.casefold().split()))


def utc_texts(starts: pd.Series) -> pd.Series:
    """Each moment in UTC to the second, as ``2026-11-24T20:30:00Z`` ("" where missing).

    >>> starts = pd.Series(pd.to_datetime(["2026-11-24 14:30:59.9-06:00", None], utc=True))
    >>> utc_texts(starts).tolist()
    ['2026-11-24T20:30:59Z', '']
    """
    seconds = starts.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy().astype("datetime64[s]")
    text = np.datetime_as_string(seconds, unit="s", timezone="UTC").astype(object)
    text[np.isnat(seconds)] = ""
    return pd.Series(text, index=starts.index, dtype="str")


def interview_ids(recipients: pd.DataFrame) -> pd.Series:
    """The sheet's interview id, else one derived from candidate, company and start."""
    if recipients.empty:
        return pd.Series(dtype="str", index=recipients.index)
    start = utc_texts(recipients["interview_start"])
    key = (
        recipients["candidate_email"].fillna("").astype("str").str.lower()
        + "|"
        + _folded(recipients["candidate_name"])
        + "|"
        + _folded(recipients["company"])
        + "|"
        + start
    )
    given = recipients["interview_id"].fillna("").astype("str").str.strip()
    return given.where(given != "", ids(key, "iv-"))


def draft_ids(table: pd.DataFrame) -> pd.Series:
    """One id per interview and interviewer address."""
    key = table["interview_id"].astype("str") + "|" + table["interviewer_email"].str.lower()
    return ids(key, "d-")
