"""Locality-sensitive hashing of MinHash signatures: band keys, and the pairs that share one."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from newsweave.dedup.minhash import fmix64

_U64 = np.uint64
# Odd multipliers folding the rows of a band into one word, and the band's number into its key, so
# equal rows in different bands give different keys and one integer column can index every band.
_ROW_MULTIPLIER = _U64(0x9E3779B97F4A7C15)
_BAND_MULTIPLIER = _U64(0xD6E8FEB86659FD93)
_ROWS_AT_ONCE = 16_384


def collision_probability(jaccard: float, *, bands: int, rows: int) -> float:
    """Chance that two texts of this Jaccard similarity share at least one band key: 1 - (1 - J**r)**b."""
    return 1.0 - (1.0 - jaccard**rows) ** bands


def band_keys(signatures: np.ndarray, *, bands: int) -> np.ndarray:
    """One signed 64-bit key per band per row (SQLite's INTEGER), from `num_perm // bands` values each.

    A row that is all 0xFFFFFFFF (an empty text) still gets keys; callers skip texts too short to
    compare before asking.
    """
    if signatures.ndim != 2:
        raise ValueError(f"signatures must be a 2-d array; got {signatures.ndim} dimensions")
    n, num_perm = signatures.shape
    if not isinstance(bands, int) or bands < 1 or num_perm % bands:
        raise ValueError(f"bands must be an int >= 1 dividing num_perm ({num_perm}); got {bands!r}")
    rows = num_perm // bands
    out = np.empty((n, bands), dtype=np.int64)
    offsets = np.arange(1, bands + 1, dtype=_U64) * _BAND_MULTIPLIER
    for start in range(0, n, _ROWS_AT_ONCE):  # in slices: temporaries stay small for a million rows
        values = signatures[start : start + _ROWS_AT_ONCE].reshape(-1, bands, rows)
        with np.errstate(over="ignore"):
            keys = np.zeros(values.shape[:2], dtype=_U64)
            for r in range(rows):
                keys *= _ROW_MULTIPLIER
                keys += values[:, :, r]
            keys += offsets
        out[start : start + _ROWS_AT_ONCE] = fmix64(keys).view(np.int64)
    return out


def colliding_pairs(keys: np.ndarray) -> np.ndarray:
    """Row pairs (i < j), each once, that share at least one band key: an (m, 2) int64 array.

    One sort of the keys replaces a hash table per band: equal keys become neighbours, and each run
    of equal keys yields every pair within it. Bands are sorted a slice at a time (at most about
    four million keys), so the working memory stays a fraction of `keys` itself.
    """
    n, bands = keys.shape
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    step = max(1, min(bands, (1 << 22) // n))
    codes = [_pair_codes(keys[:, b : b + step], n) for b in range(0, bands, step)]
    found = np.unique(np.concatenate(codes))  # pairs sharing several bands once
    return np.stack((found // n, found % n), axis=1)


def _pair_codes(keys: np.ndarray, n: int) -> np.ndarray:
    """i * n + j for each pair of rows (i < j) sharing a key of this slice of bands."""
    width = keys.shape[1]
    flat = keys.ravel()
    order = np.argsort(flat)
    ordered = flat[order]
    row = order // width
    same = ordered[1:] == ordered[:-1]
    if not same.any():
        return np.empty(0, dtype=np.int64)
    boundaries = np.flatnonzero(np.concatenate(([True], ~same, [True])))
    run_starts, run_lengths = boundaries[:-1], np.diff(boundaries)
    codes = []
    for length in np.unique(run_lengths[run_lengths > 1]).tolist():
        members = row[run_starts[run_lengths == length][:, None] + np.arange(length)]  # one line per run
        i, j = np.triu_indices(length, k=1)
        low, high = np.minimum(members[:, i], members[:, j]).ravel(), np.maximum(members[:, i], members[:, j]).ravel()
        codes.append((low * n + high)[low != high])
    return np.concatenate(codes)


class BandPostings:
    """Band keys of indexed articles, for finding those that share a key with given rows.

    Kept as flat numpy arrays (keys, and the number of the article holding each) sorted by key, not a
    dict of a set per key: with 64 keys per article nearly every key has its own set, and those took
    about 18 KB per article (2.5 GB for a run of 200,000) where the arrays take 1 KB.
    """

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        """Forget every indexed article."""
        self.ids: list[str] = []  # article numbers -> ids, in the order they were added
        self._number: dict[str, int] = {}
        self._pending: list[tuple[np.ndarray, np.ndarray]] = []  # (keys, numbers) added since the last sort
        self._keys = np.empty(0, dtype=np.int64)
        self._numbers = np.empty(0, dtype=np.int64)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._number

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, article_id: str, row: np.ndarray) -> None:
        """Index one article's band keys (an empty row: too short to compare, recorded all the same)."""
        if article_id in self._number:
            return  # keys depend only on the text and the detector's settings: the same as before
        number = self._number[article_id] = len(self.ids)
        self.ids.append(article_id)
        if row.size:
            self._pending.append((row.astype(np.int64, copy=False), np.full(row.size, number, dtype=np.int64)))

    def sizes(self) -> list[int]:
        """How many band keys each article has, in the order they were added."""
        self._sort()
        return np.bincount(self._numbers, minlength=len(self.ids)).tolist()

    def pairs(self) -> Iterator[tuple[int, str]]:
        """(band key, article id) of every key indexed, by key."""
        self._sort()
        ids = self.ids
        return ((key, ids[number]) for key, number in zip(self._keys.tolist(), self._numbers.tolist(), strict=True))

    def candidates(self, keys: np.ndarray) -> list[set[str]]:
        """For each row of band keys, the ids of indexed articles that share at least one."""
        self._sort()
        found: list[set[str]] = [set() for _ in range(len(keys))]
        if not self._keys.size or not keys.size:
            return found
        flat = keys.ravel()
        low, high = np.searchsorted(self._keys, flat, "left"), np.searchsorted(self._keys, flat, "right")
        counts = high - low
        if not counts.any():
            return found
        queried = np.repeat(np.arange(flat.size) // keys.shape[1], counts)  # the row asking, per hit
        starts = np.repeat(low - np.cumsum(counts) + counts, counts)
        hits = self._numbers[starts + np.arange(counts.sum())]
        for row, number in np.unique(np.stack((queried, hits), axis=1), axis=0).tolist():
            found[row].add(self.ids[number])
        return found

    def _sort(self) -> None:
        """Merge what was added since the last lookup into the sorted arrays."""
        if not self._pending:
            return
        keys = np.concatenate([self._keys, *(k for k, _ in self._pending)])
        numbers = np.concatenate([self._numbers, *(n for _, n in self._pending)])
        self._pending = []
        order = np.argsort(keys, kind="stable")
        self._keys, self._numbers = keys[order], numbers[order]
