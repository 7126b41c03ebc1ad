"""Find articles that reproduce another article (syndicated or near-duplicate copies) and name the original."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from datasketch import MinHash, MinHashLSH

from newsweave.model import Article
from newsweave.text import fold, shingles, words
from newsweave.times import publication_key

# Jaccard at which MinHash LSH proposes a pair for verification. A copy trimmed to a fraction f of
# its original has Jaccard about f with it, so the cut is far below `threshold`. Calibrated on the
# ../shared/bench/extraction gold bodies of >= 300 words, each paired with its own opening: kept 30%
# found 809/815, kept 20% found 701/815, and 16 stray candidates among the 1,630 texts (all rejected
# by verification); at .3 only 504/815 of the 30% copies were found.
CANDIDATE_JACCARD = 0.15
# The opening compared by `_same_opening`: about the lead sentence of a news report (wire leads run
# 25-40 words); the other side's opening is read twice as long so a prepended credit line or dateline
# ("LONDON (Reuters) -") does not push the lead out of the window.
LEAD_WORDS = 40
# Share of one lead's shingles found in the other's opening for the two to "open the same way": half,
# so a typo or two in the lead (each breaks `shingle_size` shingles) still matches, while a rewritten
# lead (an update of a wire story) shares only names and stock phrases. Checked on the fixtures in
# tests/dedup/test_copies.py (trimmed copy with typos: >= .8; wire update: < .2).
SAME_OPENING = 0.5


@dataclass(slots=True)
class _Fingerprint:
    """What verification needs of one article: its shingles, and the shingles of its opening."""

    shingles: set[str]
    lead: set[str]  # shingles of the first LEAD_WORDS words
    opening: set[str]  # shingles of the first 2 * LEAD_WORDS words


class CopyDetector:
    """Group exact and near-duplicate copies, so each story counts a republished article once.

    `threshold` is the share of word `shingle_size`-grams a text must have in the other (see
    `_is_copy`); `num_perm` sizes the MinHash signatures that propose candidates. A text of fewer
    than `min_words` words is never a copy: 30 is about one short paragraph, below which two texts
    can match on a credit line or a boilerplate sentence alone.
    """

    def __init__(
        self, *, threshold: float = 0.8, num_perm: int = 128, shingle_size: int = 5, min_words: int = 30
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1]; got {threshold!r}")
        if num_perm < 16:
            raise ValueError(f"num_perm must be an int >= 16; got {num_perm!r}")
        if shingle_size < 1:
            raise ValueError(f"shingle_size must be an int >= 1; got {shingle_size!r}")
        if min_words < shingle_size:
            raise ValueError(f"min_words must be an int >= shingle_size ({shingle_size}); got {min_words!r}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.min_words = min_words

    def find(self, articles: Sequence[Article]) -> dict[str, str]:
        """Map every copy's id to its original's id; originals and unique articles are absent."""
        prints = {a.id: fp for a in articles if (fp := self._fingerprint(a)) is not None}
        pairs = [(a, b) for a, b in self._candidates(prints) if self._is_copy(prints[a], prints[b])]
        by_id = {a.id: a for a in articles}
        copies: dict[str, str] = {}
        for group in connected_groups(prints, pairs):
            if len(group) < 2:
                continue
            members = [by_id[i] for i in group]
            agencies = {fold(m.agency) for m in members if m.agency}
            original = min(members, key=lambda m: _original_rank(m, agencies))
            copies.update({i: original.id for i in group if i != original.id})
        return copies

    def _is_copy(self, a: _Fingerprint, b: _Fingerprint) -> bool:
        """Each text mostly found in the other, or the shorter found in the longer and both open alike.

        The first rule takes copies whose edits are spread (typos, a retouched lead, a credit line):
        at most 1 - threshold of either text is changed. It is read on containment both ways rather
        than on Jaccard, which counts each change on both sides: at Jaccard .8 a 300-word story with
        a reworded lead and an added credit line is already missed. The second rule takes a copy
        trimmed or extended at the tail, whose Jaccard with the whole may be .5. Containment of the
        shorter alone would take an update of a wire story for a copy, as an update keeps most of
        the earlier version; but news is written top-down (inverted pyramid): outlets that
        republish cut from the bottom, an update rewrites the top. So the shorter text being
        contained counts only when the two also open with the same lead.
        """
        common = len(a.shingles & b.shingles)
        small, large = sorted((len(a.shingles), len(b.shingles)))
        if common >= self.threshold * large:
            return True
        return common >= self.threshold * small and _same_opening(a, b)

    def _fingerprint(self, article: Article) -> _Fingerprint | None:
        tokens = words(article.text)
        if len(tokens) < self.min_words:
            return None  # a headline-only or near-empty text is too little to call it the same article
        size = self.shingle_size
        return _Fingerprint(
            shingles=shingles(tokens, size),
            lead=shingles(tokens[:LEAD_WORDS], size),
            opening=shingles(tokens[: 2 * LEAD_WORDS], size),
        )

    def _candidates(self, prints: dict[str, _Fingerprint]) -> list[tuple[str, str]]:
        """Pairs that MinHash LSH finds similar enough to be worth verifying on their exact shingles."""
        if len(prints) < 2:
            return []
        ids = list(prints)
        hashes = MinHash.bulk(([s.encode("utf-8") for s in prints[i].shingles] for i in ids), num_perm=self.num_perm)
        lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=self.num_perm)
        for i, h in zip(ids, hashes, strict=True):
            lsh.insert(i, h)
        pairs = {(min(i, j), max(i, j)) for i, h in zip(ids, hashes, strict=True) for j in lsh.query(h) if j != i}
        return sorted(pairs)


def _same_opening(a: _Fingerprint, b: _Fingerprint) -> bool:
    """Whether each text's lead is found in the other's opening."""
    for lead, opening in ((a.lead, b.opening), (b.lead, a.opening)):
        if len(lead & opening) < SAME_OPENING * len(lead):
            return False
    return True


def _original_rank(article: Article, agencies: set[str]) -> tuple[bool, bool, datetime, str]:
    """Sort key: the credited wire service's own article first, then the earliest published."""
    own = article.outlet is not None and fold(article.outlet) in agencies
    return (not own, *publication_key(article))


def connected_groups(nodes: Iterable[Hashable], pairs: Iterable[tuple[Hashable, Hashable]]) -> list[list]:
    """Connected components of an undirected graph, each in first-seen node order.

    A dozen lines of union-find: scipy's connected_components gives the same from a sparse matrix,
    but only after mapping ids to indices and back.
    """
    parent: dict = {n: n for n in nodes}

    def root(n: Hashable) -> Hashable:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[rb] = ra
    groups: dict = {}
    for n in parent:
        groups.setdefault(root(n), []).append(n)
    return list(groups.values())
