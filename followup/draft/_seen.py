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
        new, inverse, counts = np.unique(hashes, return_inverse=True, return_counts=True)
        at = np.searchsorted(self._keys, new)
        known = at < len(self._keys)
        known[known] = self._keys[at[known]] == new[known]
        before = np.zeros(len(new), dtype=np.int64)
        before[known] = self._counts[at[known]]
        self._counts[at[known]] += counts[known].astype(np.uint32)
        # keys met for the first time go in where they sort: one copy, no sort of them all
        self._keys = np.insert(self._keys, at[~known], new[~known])
        self._counts = np.insert(self._counts, at[~known], counts[~known].astype(np.uint32))
        return before[inverse]

    def __len__(self) -> int:
        return len(self._keys)


@dataclass
class Places:
    """The places the drafts of earlier chunks took: on each panel (by interview) and in
    each Latin square of frames (by company and role)."""

    panels: SeenCounts = field(default_factory=SeenCounts)
    squares: SeenCounts = field(default_factory=SeenCounts)
