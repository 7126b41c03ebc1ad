"""The rules that decide whether one article copies another, and which of a group is the original."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from newsweave.dedup.minhash import BATCH, MinHasher
from newsweave.model import Article
from newsweave.text import fold, words
from newsweave.times import parse_time, publication_key

# The opening compared by `same_opening`: about the lead sentence of a news report (wire leads run
# 25-40 words); the other side's opening is read PREFIX_WORDS longer so a prepended credit line or
# dateline ("LONDON (Reuters) -") does not push the lead out of the window, while the new top of an
# update (a new lead, 40 words or more) does: the earlier lead then starts past half the window.
# Was 2 * LEAD_WORDS until the update hard negatives of benchmarks/dedup_quality.py, whose new tops
# of 40-80 words were taken for prepended lines (233 false pairs of 1,621 texts).
LEAD_WORDS = 40
PREFIX_WORDS = 20
# Leads are compared on word 3-grams, not the text's shingles: a retouched lead (a word in eight
# changed) breaks each 5-gram it touches and so most of the lead's, but under half of its 3-grams.
# From benchmarks/dedup_quality.py: 5-grams missed 49 of 1,334 copy pairs, most of them such leads.
LEAD_SHINGLE = 3
# Share of one lead's shingles found in the other's opening for the two to "open the same way": half,
# so a typo or two in the lead (each breaks `shingle_size` shingles) still matches, while a rewritten
# lead (an update of a wire story) shares only names and stock phrases. Checked on the fixtures in
# tests/dedup/test_copies.py (trimmed copy with typos: >= .8; wire update: < .2).
SAME_OPENING = 0.5
# Below this share both ways, the two leads are different tops (rules.new_tops). On the labelled set
# of benchmarks/dedup_quality.py (400 originals, seed 3) the better-matching direction of a true copy
# pair is >= .45 for 99% of 1,334 pairs (one pair below .25, at .21), of an update and its earlier
# version <= .04 for 99% of 133 (at most .24, where the earlier lead is kept under a short new top,
# which displaced_lead catches).
OTHER_OPENING = 0.25
# How far under the containment threshold the shorter text may be when both texts open with the same
# lead (`is_copy`'s second rule). Re-hosted copies lose shingles on both sides at once: typos break
# five shingles each, and the host's chrome kept by extraction counts against the copy. Tuned on
# benchmarks/dedup_quality.py's re-hosted pages that are NOT held out (seeds 11 and 12, 150 originals
# each) with the labelled set's precision kept at 1.0: .05 / .15 / .25 / .35 gave F1 .901 / .913 / .917
# / .917 (seed 11) and .931 / .935 / .939 / .947 (seed 12) at precision 1.0, and the labelled set
# 1.0000 / 1.0000 / 1.0000 / .9985 precision. (At .05 in an earlier session, with an extractor that
# kept more chrome, the re-hosted pages' precision fell from .10 on.) An update that keeps the lead
# and rewrites most of the rest stays apart: under 55% of it is found in the other. A later copy whose top
# was cut (`cut_top`) is held to the same 55%.
SAME_LEAD_ALLOWANCE = 0.25


@dataclass(slots=True)
class Fingerprint:
    """What verification needs of one article: its shingles, and the shingles of its opening.

    Shingles are kept as sorted distinct 64-bit hashes (numpy), not sets of strings: a run holds one
    fingerprint per article it verifies, and the four sets of ~300 word n-gram strings took about 80 KB
    per article (most of a 20,000-article run's peak memory) where these arrays take about 5 KB. Two
    different n-grams share a 64-bit hash with probability about 1e-14 per pair of texts compared.
    """

    shingles: np.ndarray  # `shingle_size`-grams of the whole text
    lead: np.ndarray  # LEAD_SHINGLE-grams of the first LEAD_WORDS words
    grams: np.ndarray  # LEAD_SHINGLE-grams of the whole text
    in_opening: np.ndarray  # per entry of `grams`: also a gram of the first LEAD_WORDS + PREFIX_WORDS words
    published: datetime | None = None  # the printed publication time (never an estimate), when known

    @property
    def opening(self) -> np.ndarray:
        """LEAD_SHINGLE-grams of the first LEAD_WORDS + PREFIX_WORDS words."""
        return self.grams[self.in_opening]


def fingerprint(
    article: Article, *, shingle_size: int, min_words: int, tokens: list[str] | None = None
) -> Fingerprint | None:
    """The shingles verification compares, or None for a text too short to call it the same article.

    `tokens` are the article's words if the caller has them already (tokenising is the slow part).
    """
    return fingerprints([article], shingle_size=shingle_size, min_words=min_words,
                        tokens=None if tokens is None else [tokens])[0]


def fingerprints(
    articles: Sequence[Article], *, shingle_size: int, min_words: int, tokens: Sequence[list[str]] | None = None
) -> list[Fingerprint | None]:
    """`fingerprint` of each article, hashed BATCH at a time in a few numpy passes."""
    token_lists = [words(a.text) for a in articles] if tokens is None else tokens
    out: list[Fingerprint | None] = [None] * len(token_lists)
    chosen = [i for i, listed in enumerate(token_lists) if len(listed) >= min_words]
    for start in range(0, len(chosen), BATCH):
        part = chosen[start : start + BATCH]
        lists = [token_lists[i] for i in part]
        found = fingerprints_of([articles[i] for i in part], lists, _hasher(shingle_size).shingle_hashes(lists))
        for i, one in zip(part, found, strict=True):
            out[i] = one
    return out


def fingerprints_of(articles: Sequence[Article], lists: list[list[str]],
                    shingled: tuple[np.ndarray, np.ndarray]) -> list[Fingerprint]:
    """Fingerprints of articles whose tokens' shingles are already hashed (`MinHasher.shingle_hashes`
    with the default seed): the hashes their signatures are made from serve verification too."""
    shingles = _distinct_by_list(*shingled, len(lists))
    hashes, doc = _hasher(LEAD_SHINGLE).shingle_hashes(lists)
    position = np.arange(doc.size) - np.searchsorted(doc, doc)  # n-gram's first word within its list
    in_lead = position <= LEAD_WORDS - LEAD_SHINGLE
    leads = _distinct_by_list(hashes[in_lead], doc[in_lead], len(lists))
    grams, first = _distinct_by_list(hashes, doc, len(lists), first_positions=position)
    opening_end = LEAD_WORDS + PREFIX_WORDS - LEAD_SHINGLE  # the last first word of an n-gram in the opening
    return [
        Fingerprint(shingles=shingles[k], lead=leads[k], grams=grams[k], in_opening=first[k] <= opening_end,
                    published=None if article.published_estimated else parse_time(article.published))
        for k, article in enumerate(articles)
    ]


def _distinct_by_list(hashes: np.ndarray, doc: np.ndarray, n: int, *, first_positions: np.ndarray | None = None):
    """Per list (doc ascending), its sorted distinct hashes; with `first_positions`, also the smallest
    position at which each distinct hash occurs (so prefix membership can be read off)."""
    order = np.lexsort((first_positions, hashes, doc) if first_positions is not None else (hashes, doc))
    hashes, doc = hashes[order], doc[order]
    keep = np.ones(hashes.size, dtype=bool)
    keep[1:] = (hashes[1:] != hashes[:-1]) | (doc[1:] != doc[:-1])  # the first of equals: its smallest position
    bounds = np.searchsorted(doc[keep], np.arange(n + 1)).tolist()
    distinct = hashes[keep]
    parts = [distinct[b:e] for b, e in itertools.pairwise(bounds)]
    if first_positions is None:
        return parts
    positions = first_positions[order][keep]
    return parts, [positions[b:e] for b, e in itertools.pairwise(bounds)]


@functools.cache
def _hasher(size: int) -> MinHasher:
    """The byte-level n-gram hashing of MinHasher.shingle_hashes, for n-grams of `size` words, with the
    signatures' seed so the two share hashes (its signature settings are unused here)."""
    return MinHasher(num_perm=16, shingle_size=size)


def _lead_found(lead: np.ndarray, other: Fingerprint) -> tuple[int, int]:
    """How many of `lead`'s grams `other` has anywhere, and how many in its opening (one search for both)."""
    if not lead.size or not other.grams.size:
        return 0, 0
    at = np.searchsorted(other.grams, lead)
    np.minimum(at, other.grams.size - 1, out=at)
    hit = other.grams[at] == lead
    return int(np.count_nonzero(hit)), int(np.count_nonzero(hit & other.in_opening[at]))


def _common(a: np.ndarray, b: np.ndarray) -> int:
    """Size of the intersection of two sorted arrays of distinct values."""
    if a.size > b.size:
        a, b = b, a
    if not a.size:
        return 0
    at = np.searchsorted(b, a)
    np.minimum(at, b.size - 1, out=at)
    return int(np.count_nonzero(b[at] == a))


def is_copy(a: Fingerprint, b: Fingerprint, *, threshold: float) -> bool:
    """Each text mostly found in the other, or the shorter found in the longer and both open alike.

    The first rule takes copies whose edits are spread (typos, a retouched lead, a credit line):
    at most 1 - threshold of either text is changed. It is read on containment both ways rather
    than on Jaccard, which counts each change on both sides: at Jaccard .8 a 300-word story with
    a reworded lead and an added credit line is already missed. The second rule takes a copy
    trimmed or extended at the tail, whose Jaccard with the whole may be .5. Containment of the
    shorter alone would take an update of a wire story for a copy, as an update keeps most of
    the earlier version; but news is written top-down (inverted pyramid): outlets that
    republish cut from the bottom, an update rewrites the top. So the shorter text being
    contained counts only when the two also open with the same lead, and then less of it
    (threshold - SAME_LEAD_ALLOWANCE) need be found. The one text that may open below the other's top is a
    later one whose top was cut (`cut_top`).
    """
    a_in_b, b_in_a = _lead_found(a.lead, b), _lead_found(b.lead, a)
    common = _common(a.shingles, b.shingles)
    for late, late_in_early, early, early_in_late in ((a, a_in_b, b, b_in_a), (b, b_in_a, a, a_in_b)):
        if _cut_top(late, late_in_early, early, early_in_late):
            return common >= (threshold - SAME_LEAD_ALLOWANCE) * late.shingles.size
    if _displaced(a_in_b, a.lead.size) or _displaced(b_in_a, b.lead.size) or _new_tops(a_in_b, a, b_in_a, b):
        return False
    small, large = sorted((a.shingles.size, b.shingles.size))
    if common >= threshold * large:
        return True
    return common >= (threshold - SAME_LEAD_ALLOWANCE) * small and _same_opening(a_in_b, a, b_in_a, b)


def displaced_lead(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether a's lead is in b, but below b's opening: b put a new top over a (an update).

    A long text kept whole under a new top of 40-120 words is still mostly found both ways, so
    containment alone takes it for a copy (112 of 133 such updates in benchmarks/dedup_quality.py).
    A copy keeps the lead at its top, after at most a dateline or credit line.
    """
    return _displaced(_lead_found(a.lead, b), a.lead.size)


def _displaced(found: tuple[int, int], lead_size: int) -> bool:
    needed = SAME_OPENING * lead_size
    in_text, in_opening = found
    return in_text >= needed and in_opening < needed


def cut_top(late: Fingerprint, early: Fingerprint) -> bool:
    """Whether `late`, published after `early`, opens inside it and lacks its lead: its top was cut.

    That is a copy which dropped the first paragraphs, or one whose page extraction lost them, not
    an update: an update comes later and puts new text above the earlier lead, so it is the later
    text that holds the other's lead below its top (displaced_lead). An update that promotes a
    lower paragraph to its top keeps the earlier lead below it, so it is not taken here.
    """
    return _cut_top(late, _lead_found(late.lead, early), early, _lead_found(early.lead, late))


def _cut_top(late: Fingerprint, late_in_early: tuple[int, int], early: Fingerprint,
             early_in_late: tuple[int, int]) -> bool:
    if late.published is None or early.published is None or late.published <= early.published:
        return False
    return _displaced(late_in_early, late.lead.size) and early_in_late[0] < SAME_OPENING * early.lead.size


def new_tops(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether neither lead is found in the other's opening: each text has its own top.

    That is an update which dropped the earlier lead under a new one: the rest may be unchanged,
    so both texts are mostly found in each other, which the first rule of `is_copy` alone takes
    for a copy with edits spread through it (120 false pairs of 1,621 texts in
    benchmarks/dedup_quality.py). A copy retouches its lead, it does not replace it.
    """
    return _new_tops(_lead_found(a.lead, b), a, _lead_found(b.lead, a), b)


def _new_tops(a_in_b: tuple[int, int], a: Fingerprint, b_in_a: tuple[int, int], b: Fingerprint) -> bool:
    return a_in_b[1] < OTHER_OPENING * a.lead.size and b_in_a[1] < OTHER_OPENING * b.lead.size


def same_opening(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether each text's lead is found in the other's opening."""
    return _same_opening(_lead_found(a.lead, b), a, _lead_found(b.lead, a), b)


def _same_opening(a_in_b: tuple[int, int], a: Fingerprint, b_in_a: tuple[int, int], b: Fingerprint) -> bool:
    return a_in_b[1] >= SAME_OPENING * a.lead.size and b_in_a[1] >= SAME_OPENING * b.lead.size


def choose_original(members: Iterable[Article]) -> Article:
    """The credited wire service's own article if the group has it, else the earliest published."""
    members = list(members)
    agencies = {fold(m.agency) for m in members if m.agency}
    return min(members, key=lambda m: _original_rank(m, agencies))


def _original_rank(article: Article, agencies: set[str]) -> tuple[bool, bool, datetime, str]:
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
