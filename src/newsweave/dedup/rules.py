"""The rules that decide whether one article copies another, and which of a group is the original."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime

from newsweave.model import Article
from newsweave.text import fold, shingles, words
from newsweave.times import publication_key

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
# each): at .05, 6 more true pairs and 3 more false ones (F1 .664 -> .677), at .10 F1 .679 with
# precision falling further; the labelled set gains 3 true pairs and no false one. The false pairs
# it adds are host pages whose chrome the extractor kept in both texts.
SAME_LEAD_ALLOWANCE = 0.05


@dataclass(slots=True)
class Fingerprint:
    """What verification needs of one article: its shingles, and the shingles of its opening."""

    shingles: set[str]
    lead: set[str]  # LEAD_SHINGLE-grams of the first LEAD_WORDS words
    opening: set[str]  # LEAD_SHINGLE-grams of the first LEAD_WORDS + PREFIX_WORDS words
    grams: set[str]  # LEAD_SHINGLE-grams of the whole text


def fingerprint(
    article: Article, *, shingle_size: int, min_words: int, tokens: list[str] | None = None
) -> Fingerprint | None:
    """The shingles verification compares, or None for a text too short to call it the same article.

    `tokens` are the article's words if the caller has them already (tokenising is the slow part).
    """
    tokens = words(article.text) if tokens is None else tokens
    if len(tokens) < min_words:
        return None
    return Fingerprint(
        shingles=shingles(tokens, shingle_size),
        lead=shingles(tokens[:LEAD_WORDS], LEAD_SHINGLE),
        opening=shingles(tokens[: LEAD_WORDS + PREFIX_WORDS], LEAD_SHINGLE),
        grams=shingles(tokens, LEAD_SHINGLE),
    )


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
    contained counts only when the two also open with the same lead, and then a little less of it
    (SAME_LEAD_ALLOWANCE) need be found.
    """
    if displaced_lead(a, b) or displaced_lead(b, a) or new_tops(a, b):
        return False
    common = len(a.shingles & b.shingles)
    small, large = sorted((len(a.shingles), len(b.shingles)))
    if common >= threshold * large:
        return True
    return common >= (threshold - SAME_LEAD_ALLOWANCE) * small and same_opening(a, b)


def displaced_lead(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether a's lead is in b, but below b's opening: b put a new top over a (an update).

    A long text kept whole under a new top of 40-120 words is still mostly found both ways, so
    containment alone takes it for a copy (112 of 133 such updates in benchmarks/dedup_quality.py).
    A copy keeps the lead at its top, after at most a dateline or credit line.
    """
    needed = SAME_OPENING * len(a.lead)
    return len(a.lead & b.grams) >= needed and len(a.lead & b.opening) < needed


def new_tops(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether neither lead is found in the other's opening: each text has its own top.

    That is an update which dropped the earlier lead under a new one: the rest may be unchanged,
    so both texts are mostly found in each other, which the first rule of `is_copy` alone takes
    for a copy with edits spread through it (120 false pairs of 1,621 texts in
    benchmarks/dedup_quality.py). A copy retouches its lead, it does not replace it.
    """
    pairs = ((a.lead, b.opening), (b.lead, a.opening))
    return all(len(lead & opening) < OTHER_OPENING * len(lead) for lead, opening in pairs)


def same_opening(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether each text's lead is found in the other's opening."""
    for lead, opening in ((a.lead, b.opening), (b.lead, a.opening)):
        if len(lead & opening) < SAME_OPENING * len(lead):
            return False
    return True


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
