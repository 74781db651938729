"""Interview ids: the sheet's own, or one derived from candidate, company and start time."""

from __future__ import annotations

import numpy as np
import pandas as pd


def interview_ids(recipients: pd.DataFrame) -> pd.Series:
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
