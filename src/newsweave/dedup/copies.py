"""Find articles that reproduce another article (syndicated or near-duplicate copies) and name the original."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from newsweave.dedup.lsh import BandPostings, band_keys, colliding_pairs
from newsweave.dedup.minhash import BATCH, SEED, MinHasher
from newsweave.dedup.rules import (
    Fingerprint,
    choose_original,
    connected_groups,
    fingerprint,
    fingerprints_of,
    is_copy,
)
from newsweave.model import Article
from newsweave.text import words

__all__ = ["CopyDetector", "CopyUpdate", "KeyIndex", "MemoryKeyIndex", "connected_groups", "link_copies"]

# Bands of the LSH index: 64 bands of 2 rows of a 128-value signature propose a pair at Jaccard
# .3 with probability .998, .2 with .93 and .15 with .76; a copy trimmed to 30% of its original has
# Jaccard about .3 with it. The cut was calibrated with datasketch at Jaccard .15 (51 bands of 2) on
# the ../shared/bench/extraction gold bodies of >= 300 words, each paired with its own opening:
# kept 30% found 809/815, kept 20% 701/815, and 16 stray candidates among 1,630 texts, all rejected
# by verification. 64 bands (not 51) so the band count divides the signature, as rensa requires,
# and the speed benchmark runs all three implementations with the same bands.
BANDS = 64
# New articles tokenised, signed and fingerprinted together: a run holds only one batch's tokens (a
# list of ~300 word strings per article, 8x its text), not every article's at once.
SIGN_BATCH = 512


class KeyIndex(Protocol):
    """Band keys of articles seen before: the store's persisted table, or a dict in memory."""

    def candidates(self, keys: np.ndarray) -> list[set[str]]:
        """For each row of band keys, the ids of indexed articles that share at least one."""
        ...

    def unindexed(self, ids: Iterable[str]) -> list[str]:
        """The given ids whose keys the index does not hold."""
        ...

    def indexed_count(self) -> int:
        """How many articles the index holds, without listing them."""
        ...

    def add(self, keys: Mapping[str, np.ndarray]) -> None:
        """Index articles' band keys (an empty row records an article too short to compare)."""
        ...


class MemoryKeyIndex:
    """A KeyIndex in memory, for runs without a store and for tests."""

    def __init__(self) -> None:
        self.postings = BandPostings()

    def unindexed(self, ids: Iterable[str]) -> list[str]:
        return [i for i in ids if i not in self.postings]

    def indexed_count(self) -> int:
        return len(self.postings)

    def add(self, keys: Mapping[str, np.ndarray]) -> None:
        for article_id, row in keys.items():
            self.postings.add(article_id, row)

    def candidates(self, keys: np.ndarray) -> list[set[str]]:
        return self.postings.candidates(keys)


@dataclass(slots=True)
class CopyUpdate:
    """What adding articles changed: `copy_of` for every new article and every member of a group it
    joined (None for an original or unique article), and the band keys to index for each new article
    (empty for a text too short to compare, so it is recorded as seen)."""

    copy_of: dict[str, str | None] = field(default_factory=dict)
    keys: dict[str, np.ndarray] = field(default_factory=dict)


class CopyDetector:
    """Group exact and near-duplicate copies, so each story counts a republished article once.

    `threshold` is the share of word `shingle_size`-grams a text must have in the other (see
    rules.is_copy); `num_perm` sizes the MinHash signatures whose `bands` propose candidates. A text
    of fewer than `min_words` words is never a copy: 30 is about one short paragraph, below which two
    texts can match on a credit line or a boilerplate sentence alone.
    """

    def __init__(
        self,
        *,
        threshold: float = 0.8,
        num_perm: int = 128,
        shingle_size: int = 5,
        min_words: int = 30,
        bands: int = BANDS,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1]; got {threshold!r}")
        if not isinstance(num_perm, int) or num_perm < 16:
            raise ValueError(f"num_perm must be an int >= 16; got {num_perm!r}")
        if not isinstance(shingle_size, int) or shingle_size < 1:
            raise ValueError(f"shingle_size must be an int >= 1; got {shingle_size!r}")
        if not isinstance(min_words, int) or min_words < shingle_size:
            raise ValueError(f"min_words must be an int >= shingle_size ({shingle_size}); got {min_words!r}")
        if not isinstance(bands, int) or bands < 1 or num_perm % bands:
            raise ValueError(f"bands must be an int >= 1 dividing num_perm ({num_perm}); got {bands!r}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.min_words = min_words
        self.bands = bands
        self.hasher = MinHasher(num_perm=num_perm, shingle_size=shingle_size, seed=SEED)

    @property
    def index_settings(self) -> str:
        """Everything persisted band keys depend on: a store whose keys were made otherwise re-indexes."""
        shingled = f"num_perm={self.num_perm} shingle_size={self.shingle_size}"
        return f"oph-minhash-v1 {shingled} seed={SEED} bands={self.bands}"

    def find(self, articles: Sequence[Article]) -> dict[str, str]:
        """Map every copy's id to its original's id; originals and unique articles are absent."""
        update = self.update(articles, known={}, index=MemoryKeyIndex())
        return {aid: original for aid, original in update.copy_of.items() if original}

    def keys(
        self, articles: Sequence[Article], *, tokens: Sequence[list[str]] | None = None,
        prints: dict[str, Fingerprint | None] | None = None,
    ) -> dict[str, np.ndarray]:
        """Band keys of each article long enough to compare; a shorter one gets an empty row.

        Given `prints`, it also receives each article's fingerprint (None when too short), made from the
        shingle hashes its signature is made from (hashing every 5-gram twice cost 5-15% of `update`).
        """
        tokens = [words(a.text) for a in articles] if tokens is None else tokens
        found = {a.id: np.empty(0, dtype=np.int64) for a in articles}
        if prints is not None:
            prints.update(dict.fromkeys(found))
        long_enough = [i for i, t in enumerate(tokens) if len(t) >= self.min_words]
        for start in range(0, len(long_enough), BATCH):
            part = long_enough[start : start + BATCH]
            lists = [tokens[i] for i in part]
            hashed = self.hasher.shingle_hashes(lists)
            rows = band_keys(self.hasher.sign_hashes(*hashed, len(lists)), bands=self.bands)
            found.update((articles[i].id, row) for i, row in zip(part, rows, strict=True))
            if prints is not None:
                printed = fingerprints_of([articles[i] for i in part], lists, hashed)
                prints.update((articles[i].id, one) for i, one in zip(part, printed, strict=True))
        return found

    def update(self, new: Sequence[Article], *, known: Mapping[str, Article], index: KeyIndex) -> CopyUpdate:
        """Link new articles to the copy groups of `known` ones, checking only what the index proposes.

        Known articles keep their `copy_of` unless a new article joins their group: then the whole
        group's original is chosen again (the wire's own article or an earlier one may arrive late).
        The result equals `find` over known and new together, as both verify the same proposed pairs.
        New articles are tokenised SIGN_BATCH at a time: their tokens (about 17 KB of word strings per
        2 KB of text) are dropped once the batch is signed and fingerprinted.
        """
        new = [a for a in new if a.id not in known]
        keys: dict[str, np.ndarray] = {}
        prints: dict[str, Fingerprint | None] = {}
        proposed: set[tuple[str, str]] = set()
        for start in range(0, len(new), SIGN_BATCH):
            batch = new[start : start + SIGN_BATCH]
            tokens = [words(a.text) for a in batch]
            batch_keys = self.keys(batch, tokens=tokens, prints=prints)
            keys.update(batch_keys)
            del tokens
            signed = [a.id for a in batch if batch_keys[a.id].size]
            if signed:  # the index holds no new article yet, so a batch's lookups equal the whole run's
                matrix = np.stack([batch_keys[aid] for aid in signed])
                for aid, olds in zip(signed, index.candidates(matrix), strict=True):
                    proposed.update((old, aid) for old in olds if old in known and old != aid)
        signed = [a.id for a in new if keys[a.id].size]
        if signed:
            matrix = np.stack([keys[aid] for aid in signed])
            proposed.update((signed[i], signed[j]) for i, j in colliding_pairs(matrix).tolist())
            del matrix
        by_id = {**known, **{a.id: a for a in new}}

        def print_of(aid: str) -> Fingerprint | None:
            if aid not in prints:  # a known article (new ones were fingerprinted with their batch)
                prints[aid] = fingerprint(by_id[aid], shingle_size=self.shingle_size, min_words=self.min_words)
            return prints[aid]

        verified = [
            (a, b)
            for a, b in sorted(proposed)
            if (fa := print_of(a)) and (fb := print_of(b)) and is_copy(fa, fb, threshold=self.threshold)
        ]
        prints.clear()
        return CopyUpdate(copy_of=group_copies(verified, new, known), keys=keys)


def group_copies(
    verified: Iterable[tuple[str, str]], new: Sequence[Article], known: Mapping[str, Article]
) -> dict[str, str | None]:
    """`copy_of` for every new article and every known one whose group a verified pair joined.

    Known groups that a pair touches are joined whole, and each group's original is chosen again.
    """
    verified = list(verified)
    by_id = {**known, **{a.id: a for a in new}}
    joined = {_root(known[aid]) for pair in verified for aid in pair if aid in known}
    old_members = [a for a in known.values() if _root(a) in joined] if joined else []
    nodes = [a.id for a in new] + [a.id for a in old_members]
    edges = verified + [(a.id, a.copy_of) for a in old_members if a.copy_of and a.copy_of in by_id]
    copy_of: dict[str, str | None] = {}
    for group in connected_groups(nodes, edges):
        original = choose_original(by_id[aid] for aid in group).id
        copy_of.update({aid: (None if aid == original else original) for aid in group})
    return copy_of


def link_copies(
    existing: Sequence[Article], new: Sequence[Article], *, detector: CopyDetector, index: KeyIndex
) -> None:
    """Set `copy_of` of the new articles, and of known ones whose group they join; index the new ones.

    Known articles missing from the index (a store made before it existed, or under other
    settings) are signed and indexed once, keeping the `copy_of` they have. Only articles that
    were known are ever indexed and none is removed, so an index holding as many as are known
    holds them all: then the ids are not listed, and a run's index work is proportional to its
    new articles.
    """
    known = {a.id: a for a in existing}
    index_known(known, detector=detector, index=index)
    update = detector.update(new, known=known, index=index)
    index.add(update.keys)
    by_id = {**known, **{a.id: a for a in new}}
    for aid, original in update.copy_of.items():
        by_id[aid].copy_of = original


def index_known(known: Mapping[str, Article], *, detector: CopyDetector, index: KeyIndex) -> None:
    """Sign and index the known articles the index lacks (a store made before it existed, or under
    other settings); ids are listed only when the index holds fewer articles than are known."""
    missing = index.unindexed(list(known)) if index.indexed_count() < len(known) else []
    if missing:
        index.add(detector.keys([known[aid] for aid in missing]))


def _root(article: Article) -> str:
    return article.copy_of or article.id
