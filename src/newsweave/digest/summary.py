"""Extractive multi-document summary: the facts most sources state, each said once, every sentence credited to
all the articles that carry it or a paraphrase of it."""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import snowballstemmer

from newsweave.digest.concepts import concept_weights, select_concepts, sentence_concepts
from newsweave.digest.context import StoryText
from newsweave.digest.grouping import SentenceGroups, group_sentences, mean_rows
from newsweave.digest.sentences import without_dateline
from newsweave.model import SummarySentence

_log = logging.getLogger(__name__)

# The selection is concept coverage (digest/concepts.py): stemmed content words and word bigrams weighted by
# the sources (an original with its copies) that state them, keeping those stated by at least CONCEPT_FLOOR
# sources once a story has MANY_SOURCES or more (Gillick & Favre kept 3 of 10 documents; our stories have
# 2-10). Reporters put the news first, so position counts twice: a source's concept weighs
# 1 + LEAD_CONCEPT_WEIGHT * exp(-index / LEAD_DECAY) by the first sentence stating it, and a sentence adds
# POSITION_WEIGHT * exp(-index / LEAD_DECAY) per POSITION_WORDS of its length to its own value (in the unit of
# a concept one source states; per word, so that a long lead is not outbid by short later lines).
# Chosen on the ten dev stories of benchmarks/data/digest (ROUGE-2 recall x100; 31.7 as set): a floor of 1 gave
# 29.0, of 3 gave 29.7; a position weight of 2 gave 31.0, of 8 gave 31.1, a flat one (not per word) of 4 gave
# 31.2. A lead-concept weight of 0 gave 32.2, and it is kept anyway: without it the Belarus seed summary leaves
# out the story's news (the pledge of security assistance) for background that two near-identical Reuters
# pages both carry.
CONCEPT_FLOOR = 2
MANY_SOURCES = 3
POSITION_WEIGHT = 4.0
POSITION_WORDS = 20
LEAD_CONCEPT_WEIGHT = 1.0
# The greedy selection below is the fallback when the solver gives no proven optimum. Its weights and MMR
# trade-off were set by reading summaries of the Belarus seed pages and the fixtures in tests/digest:
# centrality alone picks background paragraphs that repeat the story's names, support alone picks
# boilerplate that every page of one site carries, the lead alone ignores other articles.
CENTRALITY_WEIGHT = 0.35
SUPPORT_WEIGHT = 0.25
LEAD_WEIGHT = 0.40
LEAD_DECAY = 3.0  # sentences; exp(-index / 3): the 4th sentence weighs 0.37 of the first
MMR_LAMBDA = 0.7
# A sentence scoring under this share of the best one is filler: the greedy summary stops short of the
# budget rather than pad it with the shortest leftovers.
FLOOR = 0.3
# Centroid cosine above which a candidate repeats a chosen sentence outright (see grouping.SAME_THING).
REDUNDANT = 0.5
# Sentence length bounds for a summary line, in words: shorter is a caption or a fragment, longer a
# run-on quote that would eat the budget.
MIN_WORDS = 6
MAX_WORDS = 55
# Openers that lean on the sentence before (an unresolved pronoun or a connective).
_DANGLING = frozenset(
    {"he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "its", "their", "him", "them", "but",
     "and", "however", "also", "yet", "so", "meanwhile", "instead", "still"}
)  # fmt: skip
_TERMINAL = re.compile(r"[.!?][\"”’')\]]*$")


def word_count(text: str) -> int:
    """Words as a reader counts them: whitespace-separated."""
    return len(text.split())


def _quality(text: str) -> float:
    """How well a sentence stands alone in a summary: 0 rules it out, 1 is a clean statement."""
    n = word_count(text)
    if n < MIN_WORDS or n > MAX_WORDS or not _TERMINAL.search(text) or text.rstrip("\"”’' ").endswith("?"):
        return 0.0
    first = text.lstrip("\"“‘'(")[:1]
    if not (first.isupper() or first.isdigit()):
        return 0.0
    if text.count("“") != text.count("”") or text.count('"') % 2:
        return 0.0
    opener = re.match(r"[\w']+", text)
    score = 1.0
    if opener and opener.group(0).lower() in _DANGLING:
        score *= 0.6
    if text[:1] in '"“':
        score *= 0.8  # a bare quote reads as colour, not as the news
    return score


def _truncate(text: str, words: int) -> str:
    kept = text.split()[: max(words, 1)]
    return " ".join(kept).rstrip(",;:") + "…"


@dataclass(slots=True)
class _Candidate:
    """One sentence group that could stand in the summary, shown by its best-standing member."""

    group: int
    shown: int  # index into story.sentences
    quality: float
    lead: float  # exp(-position / LEAD_DECAY) of the group's earliest standalone sentence
    score: float  # the greedy fallback's score


def _prose_index(story: StoryText) -> dict[int, int]:
    """Each standalone sentence's position among its article's standalone sentences, so captions and link
    lists that an extractor left above the body do not push the real lead down."""
    prose_index: dict[int, int] = {}
    seen_per_article: dict[str, int] = {}
    for i, sentence in enumerate(story.sentences):
        if _quality(sentence.text) > 0.0:
            prose_index[i] = seen_per_article.get(sentence.article, 0)
            seen_per_article[sentence.article] = prose_index[i] + 1
    return prose_index


def _candidates(
    story: StoryText, groups: SentenceGroups, texts: list[str], prose_index: dict[int, int]
) -> list[_Candidate]:
    """Groups with a sentence that can stand alone, scored for the greedy fallback."""
    # Story centroid with every original weighing the same, however long it is.
    by_article: dict[str, list[int]] = {}
    for i, sentence in enumerate(story.sentences):
        by_article.setdefault(sentence.article, []).append(i)
    centroid = np.asarray(mean_rows(groups.vectors, list(by_article.values())).mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid)) or 1.0
    centrality = np.asarray(groups.centroids @ (centroid / norm)).ravel()
    top = float(centrality.max()) or 1.0
    all_keys = {story.independence_key(a.id) for a in story.originals}
    support_scale = math.log1p(len(all_keys)) if len(all_keys) > 1 else 0.0
    candidates: list[_Candidate] = []
    qualities = [_quality(text) for text in texts]  # every sentence is in one group: each is rated once
    for g, group in enumerate(groups.groups):
        shown = max(group.members, key=lambda i: (qualities[i], i == group.representative))
        quality = qualities[shown]
        if quality == 0.0:
            continue
        support = (
            (math.log1p(story.independent(group.articles)) - math.log1p(1)) / (support_scale - math.log1p(1))
            if support_scale > math.log1p(1)
            else 0.0
        )
        lead = math.exp(-min(prose_index.get(i, 99) for i in group.members) / LEAD_DECAY)
        score = CENTRALITY_WEIGHT * float(centrality[g]) / top + SUPPORT_WEIGHT * support + LEAD_WEIGHT * lead
        candidates.append(_Candidate(g, shown, quality, lead, score * quality))
    return candidates


def _by_concepts(
    story: StoryText, candidates: list[_Candidate], texts: list[str], prose_index: dict[int, int], words: int
) -> list[_Candidate] | None:
    """The candidates covering the most widely stated concepts within `words`; None if the solver failed."""
    stemmer = snowballstemmer.stemmer("english")  # one per call: a stemmer cannot travel to Dask workers
    concepts = [sentence_concepts(text, stemmer) for text in texts]
    # A source is an original with its copies: the story's sentences are the originals' only. What a source
    # says early weighs more (1 + LEAD_CONCEPT_WEIGHT at its first sentence, decaying like the lead bonus).
    by_source: dict[str, dict[str, float]] = {}
    for i, (sentence, held) in enumerate(zip(story.sentences, concepts, strict=True)):
        stated = by_source.setdefault(sentence.article, {})
        value = 1.0 + LEAD_CONCEPT_WEIGHT * math.exp(-prose_index.get(i, 99) / LEAD_DECAY)
        for concept in held:
            stated[concept] = max(stated.get(concept, 0.0), value)
    floor = CONCEPT_FLOOR if len(by_source) >= MANY_SOURCES else 1
    weights = concept_weights(list(by_source.values()), floor=floor)
    # As in ICSI's pre-filter, a sentence that leans on the one before ("He said ...") or opens as a bare
    # quote is left out, unless nothing else stands: on the dev stories such lines were picked for their
    # concepts and read as fragments.
    clean = [c for c in candidates if c.quality == 1.0] or candidates
    selection = select_concepts(
        [concepts[c.shown] for c in clean],
        [word_count(texts[c.shown]) for c in clean],
        weights,
        words,
        bonus=[POSITION_WEIGHT * c.lead * word_count(texts[c.shown]) / POSITION_WORDS for c in clean],
    )
    if not selection.optimal:
        _log.warning("summary falls back to the greedy selection: %s", selection.reason)
        return None
    return [clean[k] for k in selection.chosen]


def _greedy(groups: SentenceGroups, candidates: list[_Candidate], texts: list[str], words: int) -> list[_Candidate]:
    """Maximal marginal relevance over the greedy scores: the fallback when the solver gives no optimum."""
    chosen: list[_Candidate] = []
    budget = words
    floor = FLOOR * max(c.score for c in candidates)
    remaining = [c for c in candidates if c.score >= floor]
    while remaining:
        best, best_value = None, -math.inf
        for item in remaining:
            if word_count(texts[item.shown]) > budget:
                continue
            redundancy = max((float(groups.group_similarity[item.group, c.group]) for c in chosen), default=0.0)
            if redundancy >= REDUNDANT:
                continue
            value = MMR_LAMBDA * item.score - (1 - MMR_LAMBDA) * redundancy
            if value > best_value:
                best, best_value = item, value
        if best is None:
            break
        chosen.append(best)
        budget -= word_count(texts[best.shown])
        remaining.remove(best)
    return chosen


def summarize_story(
    story: StoryText,
    groups: SentenceGroups | None = None,
    *,
    words: int = 100,
    selection: Literal["concepts", "greedy"] = "concepts",
) -> list[SummarySentence]:
    """Pick the sentence groups that cover the story's widely stated facts within `words`, in reading order.

    `selection="greedy"` forces the fallback (the selection before concept coverage), for comparison.
    """
    if words < 1:
        raise ValueError(f"words must be at least 1; got {words!r}")
    if selection not in ("concepts", "greedy"):
        raise ValueError(f"selection must be 'concepts' or 'greedy'; got {selection!r}")
    if groups is None:
        groups = group_sentences(story)
    if not groups.groups:
        return []
    sentences = story.sentences
    # A wire dateline ("LINDGATE, Veldria (Lantern Wire) - ") is the article's furniture, not the news: the
    # summary shows the sentence without it and does not spend its word budget on it.
    texts = [without_dateline(s.text) for s in sentences]
    prose_index = _prose_index(story)
    candidates = _candidates(story, groups, texts, prose_index)
    if not candidates:
        return []
    # Concepts are weighed by how many sources state them: with one source (a lone article, or an original and
    # its copies) there is nothing to weigh, and the solver's start-up (about 15 ms) was a third of a digest.
    several = len(story.originals) > 1
    chosen = _by_concepts(story, candidates, texts, prose_index, words) if selection == "concepts" and several else None
    if chosen is None:  # one source, or no proven optimum (solver error or time limit): the greedy selection
        chosen = _greedy(groups, candidates, texts, words)

    if not chosen:  # the budget is shorter than any usable sentence: cut the best one
        best = max(candidates, key=lambda c: c.score)
        articles = story.carriers(groups.groups[best.group].articles)
        return [SummarySentence(text=_truncate(texts[best.shown], words), sources=articles)]

    def reading_order(item: _Candidate) -> tuple[str, int, int]:
        # By the day of the article the shown sentence comes from, then its place there: a sentence
        # keeps the context it was written in ("such assistance" after the pledge it refers to).
        sentence = sentences[item.shown]
        day = (story.by_id[sentence.article].published or "")[:10] or "9999"
        return (day, prose_index.get(item.shown, 99), story.rank(sentence.article))

    chosen.sort(key=reading_order)
    # A group left out as a repeat of a chosen one says the same thing in other words: its articles
    # carry the chosen sentence too.
    carried = [set(groups.groups[c.group].articles) for c in chosen]
    picked = [c.group for c in chosen]
    likeness = groups.group_similarity[:, picked]
    for g, group in enumerate(groups.groups):
        if g in picked:
            continue
        best = int(np.argmax(likeness[g]))
        if likeness[g, best] >= REDUNDANT:
            carried[best].update(group.articles)
    return [
        SummarySentence(text=texts[c.shown], sources=story.carriers(articles))
        for c, articles in zip(chosen, carried, strict=True)
    ]
