"""MinHash signatures of word shingles, computed for a batch of texts at once with numpy.

Written by hand because neither peer fits: datasketch evaluates `num_perm` hash functions per shingle
and rensa, fast in Rust, takes shingles as Python strings, whose building costs more than its signing
(benchmarks/dedup_speed.py: 5.3k docs/s here, 1.5k rensa, 0.29k datasketch, on 5-word shingles;
rensa is 3x faster on sets of single words, which are not what copies are compared on). Hashing
each distinct word once in a dict and combining word hashes measured slower than this byte-level
pass (a dict lookup per token costs more than a few numpy passes over the bytes).
Here a whole batch is hashed as one byte array (a shingle is a substring of the space-joined tokens, so its hash comes
from prefix sums) and signed with one-permutation hashing and optimal densification (Li, Owen and
Zhang 2012; Shrivastava 2017): each shingle is hashed once, its hash picks one of `num_perm` bins
and the bin keeps its smallest value; an empty bin borrows the value of a bin chosen by a fixed
sequence of probes, the same for every text. Each bin is an unbiased MinHash of the set and two
texts agree in a bin with probability equal to their Jaccard similarity, as for `num_perm`
independent permutations, at the cost of one hash per shingle instead of `num_perm`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

_U64 = np.uint64
_MASK32 = _U64(0xFFFFFFFF)
# Odd base of the polynomial prefix hash, so invertible modulo 2**64 (FNV-1's 64-bit prime).
_BASE = 0x100000001B3
_BASE_INVERSE = pow(_BASE, -1, 2**64)
# Probes an empty bin makes for a filled one before falling back to the next filled bin: a text of
# 30 words (CopyDetector.min_words) fills at least about a fifth of 128 bins, so a bin is left
# empty after 64 probes with probability .8**64 < 1e-6.
_PROBES = 64
_EMPTY = np.uint32(0xFFFFFFFF)
# The hash seed of newsweave's shingles: signatures and the copy rules' fingerprints hash a text's
# shingles once, with this seed, and persisted band keys are only comparable under it.
SEED = 1
# Texts hashed together: few enough that one batch's byte arrays (and the power tables, sized to
# them) stay a few MB.
BATCH = 128


def fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: spreads every input bit over the whole word (in place)."""
    with np.errstate(over="ignore"):
        h ^= h >> _U64(33)
        h *= _U64(0xFF51AFD7ED558CCD)
        h ^= h >> _U64(33)
        h *= _U64(0xC4CEB9FE1A85EC53)
        h ^= h >> _U64(33)
    return h


class MinHasher:
    """Sign token lists so that equal signature bins estimate the Jaccard similarity of their shingles.

    `num_perm` is the signature length, `shingle_size` the words per shingle (a text shorter than
    that is one shingle), `seed` fixes the hash: signatures persisted in a store are only
    comparable with those made by a MinHasher of the same three settings.
    """

    def __init__(self, *, num_perm: int = 128, shingle_size: int = 5, seed: int = SEED) -> None:
        if not isinstance(num_perm, int) or not 16 <= num_perm <= 1024:
            raise ValueError(f"num_perm must be an int in [16, 1024]; got {num_perm!r}")
        if not isinstance(shingle_size, int) or shingle_size < 1:
            raise ValueError(f"shingle_size must be an int >= 1; got {shingle_size!r}")
        if not isinstance(seed, int) or seed < 0:
            raise ValueError(f"seed must be an int >= 0; got {seed!r}")
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.seed = seed
        rng = np.random.default_rng(seed)
        self._salt = _U64(int(rng.integers(0, 2**63)))
        self._probes = rng.integers(0, num_perm, size=(_PROBES, num_perm))
        self._powers = np.ones(0, dtype=_U64)
        self._inverse_powers = np.ones(0, dtype=_U64)

    def signatures(self, token_lists: Sequence[Sequence[str]], *, batch: int = BATCH) -> np.ndarray:
        """One row of `num_perm` uint32 values per token list; an empty list's row is all 0xFFFFFFFF."""
        out = np.empty((len(token_lists), self.num_perm), dtype=np.uint32)
        for start in range(0, len(token_lists), batch):
            chunk = token_lists[start : start + batch]
            out[start : start + len(chunk)] = self.sign_hashes(*self.shingle_hashes(chunk), len(chunk))
        return out

    def shingle_hashes(self, token_lists: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """64-bit hashes of every shingle of every list, and the list index of each.

        Tokens must hold no whitespace (newsweave.text.words never does): a shingle is hashed as the
        bytes of its tokens joined by single spaces, a substring of the batch's joined text.
        """
        data = "\n".join([" ".join(tokens) for tokens in token_lists]).encode("utf-8")
        raw = np.frombuffer(data, dtype=np.uint8)
        if raw.size == 0:
            return np.empty(0, dtype=_U64), np.empty(0, dtype=np.int64)
        sep = np.empty(raw.size + 2, dtype=bool)
        sep[0] = sep[-1] = True
        np.less_equal(raw, 0x20, out=sep[1:-1])
        edges = np.flatnonzero(sep[1:] != sep[:-1])  # token starts and ends alternate
        starts, ends = edges[0::2], edges[1::2]
        counts = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
        if starts.size == counts.sum():
            doc = np.repeat(np.arange(len(token_lists)), counts)  # list index of each token
        else:  # a token held whitespace and was split: count tokens from the bytes
            doc = np.searchsorted(np.flatnonzero(raw == 0x0A), starts)
            counts = np.bincount(doc, minlength=len(token_lists))
        size = self.shingle_size
        ends_of_lists = np.cumsum(counts)
        # A shingle starts at every token with size - 1 more after it in its list; a list shorter
        # than a shingle is one shingle, from its first token to its last.
        keep = np.ones(starts.size + size, dtype=bool)
        for back in range(1, size):
            keep[ends_of_lists - back] = False
        keep[(ends_of_lists - counts)[(counts > 0) & (counts < size)]] = True
        first = np.flatnonzero(keep[: starts.size])
        last = first + np.minimum(counts[doc[first]], size) - 1
        return self._substring_hashes(raw, starts[first], ends[last]), doc[first]

    def _substring_hashes(self, raw: np.ndarray, begin: np.ndarray, stop: np.ndarray) -> np.ndarray:
        """Hash of raw[b:e] for each pair: (prefix[e] - prefix[b]) / BASE**b modulo 2**64, then mixed."""
        powers, inverse = self._power_tables(raw.size)
        prefix = np.zeros(raw.size + 1, dtype=_U64)
        with np.errstate(over="ignore"):
            np.multiply(raw, powers[: raw.size], out=prefix[1:])
            np.add.accumulate(prefix, out=prefix)
            h = (prefix[stop] - prefix[begin]) * inverse[begin]
            h ^= self._salt
        return fmix64(h)

    def _power_tables(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """BASE**i and BASE**-i modulo 2**64 for i < n, grown on demand and kept by this instance."""
        if self._powers.size < n:
            size = max(n, 2 * self._powers.size)
            with np.errstate(over="ignore"):
                self._powers = np.cumprod(np.full(size, _BASE, dtype=_U64), dtype=_U64) * _U64(_BASE_INVERSE)
                self._inverse_powers = np.cumprod(np.full(size, _BASE_INVERSE, dtype=_U64), dtype=_U64) * _U64(_BASE)
        return self._powers, self._inverse_powers

    def sign_hashes(self, hashes: np.ndarray, doc: np.ndarray, count: int) -> np.ndarray:
        """Signatures of `count` lists from their `shingle_hashes`: for a caller that needs the hashes too."""
        k = self.num_perm
        bins = ((hashes >> _U64(32)) * _U64(k)) >> _U64(32)  # the top 32 bits pick the bin, without modulo bias
        key = doc * k + bins.astype(np.int64)
        sig = np.full(count * k, _EMPTY, dtype=np.uint32)
        np.minimum.at(sig, key, (hashes & _MASK32).astype(np.uint32))
        filled = np.zeros(count * k, dtype=bool)
        filled[key] = True
        sig, filled = sig.reshape(-1, k), filled.reshape(-1, k)
        self._densify(sig, filled)
        return sig

    def _densify(self, sig: np.ndarray, filled: np.ndarray) -> None:
        """Give each empty bin the value of the first filled bin its fixed probe sequence reaches."""
        has_any = filled.any(axis=1)
        rows, cols = np.nonzero(~filled & has_any[:, None])
        for probe in self._probes:
            if rows.size == 0:
                return
            source = probe[cols]
            hit = filled[rows, source]
            sig[rows[hit], cols[hit]] = sig[rows[hit], source[hit]]
            rows, cols = rows[~hit], cols[~hit]
        k = sig.shape[1]
        for row, col in zip(rows.tolist(), cols.tolist(), strict=True):  # about one bin in a million
            source = next((col + step) % k for step in range(1, k) if filled[row, (col + step) % k])
            sig[row, col] = sig[row, source]
