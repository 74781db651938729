"""Keys seen so far in a run read in chunks, so a key met again in a later chunk is told."""

from __future__ import annotations

import numpy as np


class HashSet:
    """64-bit hashes seen so far, kept sorted in one array: 8 bytes each, not a set's ~60.

    >>> seen, batch = HashSet(), lambda *h: np.array(h, dtype=np.uint64)
    >>> [seen.add(batch(*h)).tolist() for h in [(), (5, 3, 5), (3, 9)]]
    [[], [False, False, False], [True, False]]
    >>> len(seen)
    3
    """

    def __init__(self) -> None:
        self._seen = np.empty(0, dtype=np.uint64)

    def add(self, hashes: np.ndarray) -> np.ndarray:
        """Add ``hashes``; return which of them were seen before (in earlier calls)."""
        at = np.searchsorted(self._seen, hashes).clip(max=max(len(self._seen) - 1, 0))
        before = (self._seen[at] == hashes) if len(self._seen) else np.zeros(len(hashes), bool)
        # two sorted runs, merged by a stable sort in linear time (union1d sorts all anew)
        merged = np.sort(np.concatenate([self._seen, np.sort(hashes)]), kind="stable")
        first = np.ones(len(merged), dtype=bool)
        first[1:] = merged[1:] != merged[:-1]
        self._seen = merged[first]
        return before

    def __len__(self) -> int:
        return len(self._seen)
