"""Keys seen so far in a run read in chunks, so a key met again in a later chunk is told."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd


class SeenCounts:
    """How often each key was seen so far, kept as 64-bit hashes and counts in two sorted
    arrays: 12 bytes a key, not a dict's ~100.

    >>> seen, keys = SeenCounts(), lambda *k: pd.Series(k, dtype="str")
    >>> [seen.add(keys(*k)).tolist() for k in [(), ("a", "b", "a"), ("b", "c", "a")]]
    [[], [0, 0, 0], [1, 0, 2]]
    >>> len(seen)
    3
    """

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.uint64)
        self._counts = np.empty(0, dtype=np.uint32)

    def add(self, keys: pd.Series) -> np.ndarray:
        """Count ``keys``; return how often each was seen before (in earlier calls)."""
        hashes = pd.util.hash_pandas_object(keys, index=False).to_numpy()
        before = np.zeros(len(hashes), dtype=np.int64)
        if not len(hashes):
            return before
        if len(self._keys):
            at = np.searchsorted(self._keys, hashes).clip(max=len(self._keys) - 1)
            found = self._keys[at] == hashes
            before[found] = self._counts[at[found]]
        new, counts = np.unique(hashes, return_counts=True)
        # two sorted runs, merged by a stable sort in linear time (np.unique sorts all anew)
        merged = np.concatenate([self._keys, new])
        order = np.argsort(merged, kind="stable")
        merged, counts = merged[order], np.concatenate([self._counts, counts])[order]
        first = np.flatnonzero(np.r_[True, merged[1:] != merged[:-1]])
        self._keys = merged[first]
        self._counts = np.add.reduceat(counts, first).astype(np.uint32)
        return before

    def __len__(self) -> int:
        return len(self._keys)


@dataclass
class Places:
    """The places the drafts of earlier chunks took: on each panel (by interview) and in
    each Latin square of frames (by company, role and day)."""

    panels: SeenCounts = field(default_factory=SeenCounts)
    squares: SeenCounts = field(default_factory=SeenCounts)
