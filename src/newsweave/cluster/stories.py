"""Group articles into stories online, as they arrive, so a stream can be clustered in chunks."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, repeat
from operator import itemgetter
from typing import Protocol

import numpy as np
import scipy.sparse as sp

from newsweave.cluster.vectors import (
    CALENDAR,
    TermHasher,
    article_words,
    cosine_to_many,
    cosines_to_many,
    entity_tokens,
    entity_words,
    merge,
    smoothed_idf,
    weighted_rows,
)
from newsweave.model import Article
from newsweave.times import parse_time

__all__ = ["StoryClusterer", "StoryState", "StoryVectors", "entity_words"]

# Terms of an article looked up in the inverted index of stories (its highest TF-IDF terms), and the
# terms under which each member files its story. 30 covers the names and topic words of a news
# report; lower-weight terms rarely decide a match and would only lengthen the posting lists.
INDEX_TERMS = 30
# Stories scored exactly per article: those sharing the most index terms with it. On the first half
# of googlenews-ts and uci-news-aggregator-head, 20 and 40 gave the same B-cubed F1 to three decimals.
MAX_CANDIDATES = 20
# A full report (FULL_LENGTH distinct words or more) is scored only against stories filed under at least
# this many of its INDEX_TERMS. Over the 888 full-length bench bodies (twice, two weeks apart), no story
# sharing one of them cleared the threshold (0 of 82,016) though such stories filled most candidate
# slots, and every join made on two, read one by one, joined pages of one topic, not one event. Not 4:
# the seeds' first Reuters report joins its story on exactly 4. Headlines and snippets, with few terms,
# are compared on one.
FULL_REPORT_SHARED = 3
# Join thresholds for full-length texts, TF-IDF alone and with the dense encoder (StoryClusterer).
THRESHOLD = 0.25
DENSE_THRESHOLD = 0.45
# Short texts score lower against a story than full reports of the same event, because a centroid's
# weight is spread over many more words than a headline has. The threshold is scaled by
# (distinct content words / FULL_LENGTH) ** LENGTH_EXPONENT below FULL_LENGTH words: calibrated on the
# first halves of the streams in ../shared/bench/clustering (titles + snippets of ~20 words do best
# near .11, headlines of ~6 words near .07, with full reports at .25).
FULL_LENGTH = 150
LENGTH_EXPONENT = 0.4
# Only an article's lead (its first LEAD_CHARS characters, ~500 words) is read: a report states its
# event, people and places first, and the tail (background, reactions) adds cost and topic drift more
# than evidence. The seeds, examples/ and the fictional stream in tests/cluster form the same stories
# as with whole texts (at 2,000 an examples/ report of the port strike split off); whole texts ran at a
# third of the speed.
LEAD_CHARS = 3000
# Stories leave the inverted index this often (in articles) once out of the window or closed, so the
# candidate lists stay as short as the stream is busy, not as long as it is old.
RETIRE_EVERY = 256
# Articles whose term vectors are computed together: numpy's per-call cost exceeds the arithmetic of one
# article's few hundred words.
VECTOR_BATCH = 256
# A story's centroid keeps its CENTROID_TERMS heaviest terms. Scoring and merging cost grows with the
# centroid, and a long story's tail of words seen once adds nothing to a cosine: on the first halves of
# ../shared/bench/clustering B-cubed F1 moved by at most .001 at 300, and full-length clustering ran ~7% faster.
CENTROID_TERMS = 300
# Drift: a story remembers the terms of its first and its latest SEED_MEMBERS counted members, and
# closes when the latest score below `drift` times the join threshold against the first
# (StoryClusterer._check_drift; why .3 in the class docstring).
SEED_MEMBERS = 5
DRIFT = 0.3
# Drift is judged only on members with this many distinct content words between them: through the
# whole pipeline, judging five headlines (~30 words) cost the UCI first half .019 of B-cubed F1.
DRIFT_MIN_TERMS = 60
# Caution on young stories of short texts: a story of n members with few distinct words asks
# threshold * (1 + SMALL_STORY_CAUTION * shortness / n), shortness = 1 - its distinct words / FULL_LENGTH
# (0 for a full report). Two headlines sharing a name score like two reports of one event; almost every
# merge of two gold stories on the first halves of ../shared/bench/clustering began when the story had
# 0-2 members. Calibrated there, with MERGE_AT: .5 / .7 / 1.0 gave googlenews-ts .906 / .908 / .905.
# Full reports are left alone: the seed pages join their August story at .26-.35.
SMALL_STORY_CAUTION = 0.7
# Fragments rejoin: when an article clears the threshold of several open stories of short texts and the
# centroid of the one it joins has this cosine with another of them, the two merge. On the first halves,
# caution alone split as much as it saved (googlenews-ts .878 -> .895 at most); with an unscaled caution
# of .5, merges at .2 / .25 / .3 / .35 gave .882 / .903 / .915 / .915 (.908 at .3 once the caution is
# scaled by shortness). Stories whose members average FULL_LENGTH distinct words or more never merge:
# over the 888 full-length bench bodies, merges at .3 joined only same-topic pages (espresso makers,
# online courses) and grew the largest story 17 -> 40.
MERGE_AT = 0.3
# An article without a body takes its names from its headline, at HEADLINE_ENTITY_WEIGHT instead of
# entity_weight: a headline's capitalised words are most of the words the term score already compares.
# On the first half of uci-news-aggregator-head: .15 -> .831, .3 -> .815, no headline names -> .814.
HEADLINE_ENTITY_WEIGHT = 0.15


class Encoder(Protocol):
    """A dense text encoder: one L2-normalised row per text (cluster.dense.MiniLMEncoder)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(slots=True)
class StoryState:
    """What a story remembers of its members: term and entity sums, size and time span."""

    n_features: int
    columns: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    weights: np.ndarray = field(default_factory=lambda: np.zeros(0))  # sum of members' normalised sublinear tf
    entity_columns: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    entity_weights: np.ndarray = field(default_factory=lambda: np.zeros(0))
    first: datetime | None = None  # earliest dated member
    last: datetime | None = None  # latest dated member
    size: int = 0  # members counted: copies of one original count once
    words: int = 0  # distinct content words of the counted members, summed (their mean tells headlines from reports)
    closed: str | None = None  # why the story takes no new members, if it does not
    embedding: np.ndarray | None = None  # sum of members' dense embeddings (dense backend only)
    filed: set[int] = field(default_factory=set)  # index columns it is filed under
    seed_columns: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # its first members' terms
    seed_weights: np.ndarray = field(default_factory=lambda: np.zeros(0))
    recent: deque = field(default_factory=lambda: deque(maxlen=SEED_MEMBERS))  # its latest members' term vectors
    members: list[str] = field(default_factory=list)  # article ids labelled with it (relabelled if it is merged away)
    roots: list[str] = field(default_factory=list)  # copy-group roots filed under it
    given: bool = False  # a member came with this story (stored): it is never merged away

    @property
    def terms(self) -> sp.csr_matrix:
        return _row(self.columns, self.weights, self.n_features)

    @property
    def entities(self) -> sp.csr_matrix:
        return _row(self.entity_columns, self.entity_weights, self.n_features)


@dataclass(slots=True)
class StoryVectors:
    """Stories side by side: row i of each matrix and item i of each list describe story ids[i]."""

    ids: list[str]
    terms: sp.csr_matrix  # TF-IDF centroid of title + body, L2-normalised
    entities: sp.csr_matrix  # TF-IDF centroid of capitalised words, L2-normalised
    first: list[datetime | None]
    last: list[datetime | None]


class StoryClusterer:
    """Assign each article to the best earlier story, or open a new one (single-pass clustering).

    An article joins the best-scoring story when the score reaches the threshold: cosine of TF-IDF
    (title + body, against the story's centroid; IDF over the articles seen so far), mixed with
    `entity_weight` of the same over capitalised words (`headline_entity_weight` for an article with
    no body, whose names come from its headline), times a time decay halving every
    `half_life_days` of distance from the story's span. Only open stories with a dated member within
    `window_days` of a dated article compete, and only those found through an inverted index of
    their top terms (for a full report, those sharing FULL_REPORT_SHARED of its own). `threshold` is
    for full reports; shorter texts use a lower one (FULL_LENGTH).

    Calibrated on full news texts (../shared/bench/extraction/scrapinghub gold bodies: 181 pages of
    18-19 Nov 2019): at .25 same-event reports group (the plague case, the WeWork inquiry) with few
    same-topic merges, at .2 whole topics merge (space news, Apple); the seed pages join their August
    story at .26-.35. Three days since a story's latest article keeps daily coverage together and
    sends a development weeks later to a new story, which storylines then link.

    The half-life of 1.5 days: .5 scored better on the first half of uci-news-aggregator-head (B-cubed
    F1 .796 against .780 without decay) but split examples/' multi-day strike and flood coverage.

    With a dense `encoder` (cluster.dense.MiniLMEncoder, the `[embed]` extra), the text score is
    `dense_weight` of the cosine to the story's mean embedding and the rest TF-IDF; candidates still
    come from the term index. MiniLM gives unrelated news .1-.3 cosine, so the threshold defaults to
    DENSE_THRESHOLD then: on the first halves of ../shared/bench/clustering, weight .3 and threshold
    .45 scored B-cubed F1 .904 (googlenews-ts) and .851 (uci head), against .878 and .802 without the
    encoder; at the sparse .25 the dense share alone joined unrelated headlines (.655, .808).

    Young stories of short texts ask more (`small_story_caution`), and fragments of one story rejoin
    (`merge_at`): when an article clears the threshold of several open stories whose centroids agree,
    the smaller merges into the larger, its members relabelled. A story that came with a member's
    given `story` (the store's) is never the one merged away, so stored labels stand; see the
    constants for the calibration.

    Giant stories are prevented: a story stops taking members once it has `max_size` of them, its
    dated members span `max_span_days`, or its latest members have drifted from its first ones (they
    score below `drift` times the join threshold against them); later reports open a new story, and
    storylines link them. `drift` .3 cost at most .001 of B-cubed F1 on either half of both streams
    in ../shared/bench/clustering, whose gold stories are broad (one holds every Black Friday report);
    1.0 raised the UCI first half from .802 to .824 but lowered its second half from .816 to .785.

    Fitted state, public (trailing underscore, as in scikit-learn) because engine.dask_blocks carries
    it across time blocks: `labels_` (article -> story), `stories_` (story -> StoryState),
    `n_documents_` and `document_frequency_` (the IDF counts), `group_story_` (copy-group root ->
    story), `index_` (term column -> open, recent stories), `clock_` (latest time seen) and
    `since_retire_` (counted articles since `retire` last pruned the index).
    """

    def __init__(
        self,
        *,
        threshold: float | None = None,
        window_days: float = 3.0,
        entity_weight: float = 0.3,
        headline_entity_weight: float = HEADLINE_ENTITY_WEIGHT,
        half_life_days: float = 1.5,
        max_size: int = 500,
        max_span_days: float = 10.0,
        drift: float = DRIFT,
        n_features: int = 2**20,
        encoder: Encoder | None = None,
        dense_weight: float = 0.3,
        small_story_caution: float = SMALL_STORY_CAUTION,
        merge_at: float = MERGE_AT,
    ) -> None:
        if threshold is None:
            threshold = THRESHOLD if encoder is None else DENSE_THRESHOLD
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1]; got {threshold!r}")
        if not window_days > 0:
            raise ValueError(f"window_days must be > 0; got {window_days!r}")
        if not 0.0 <= entity_weight <= 1.0:
            raise ValueError(f"entity_weight must be in [0, 1]; got {entity_weight!r}")
        if not 0.0 <= headline_entity_weight <= 1.0:
            raise ValueError(f"headline_entity_weight must be in [0, 1]; got {headline_entity_weight!r}")
        if not half_life_days > 0:
            raise ValueError(f"half_life_days must be > 0; got {half_life_days!r}")
        if not (isinstance(max_size, int) and max_size >= 2):
            raise ValueError(f"max_size must be an int >= 2; got {max_size!r}")
        if not max_span_days > 0:
            raise ValueError(f"max_span_days must be > 0; got {max_span_days!r}")
        if not 0.0 <= drift <= 2.0:
            raise ValueError(f"drift must be in [0, 2]; got {drift!r}")
        if not (isinstance(n_features, int) and n_features >= 2**10):
            raise ValueError(f"n_features must be an int >= 1024; got {n_features!r}")
        if encoder is not None and not callable(getattr(encoder, "encode", None)):
            raise ValueError(f"encoder must have an encode(texts) method; got {encoder!r}")
        if not 0.0 <= dense_weight <= 1.0:
            raise ValueError(f"dense_weight must be in [0, 1]; got {dense_weight!r}")
        if not small_story_caution >= 0.0:
            raise ValueError(f"small_story_caution must be >= 0; got {small_story_caution!r}")
        if not 0.0 <= merge_at <= 1.0:
            raise ValueError(f"merge_at must be in [0, 1] (0: never merge); got {merge_at!r}")
        self.threshold = threshold
        self.window_days = window_days
        self.entity_weight = entity_weight
        self.headline_entity_weight = headline_entity_weight
        self.half_life_days = half_life_days
        self.max_size = max_size
        self.max_span_days = max_span_days
        self.drift = drift
        self.n_features = n_features
        self.encoder = encoder
        self.dense_weight = dense_weight
        self.small_story_caution = small_story_caution
        self.merge_at = merge_at

    def partial_fit(self, articles: Iterable[Article]) -> StoryClusterer:
        """Cluster one batch after all earlier ones; the batch is taken in publication order."""
        if not hasattr(self, "labels_"):
            self._start()
        # Dated articles by time (ties by id), then the undated ones in the order they were given.
        keyed = [(parse_time(a.published), a) for a in articles]
        keyed.sort(key=lambda pair: (pair[0] is None, pair[0] or datetime.max, pair[1].id if pair[0] else ""))
        embeddings = self._embed([a for _, a in keyed])
        for begin in range(0, len(keyed), VECTOR_BATCH):
            chunk = [article for _, article in keyed[begin : begin + VECTOR_BATCH]]
            leads = [article.text[:LEAD_CHARS] for article in chunk]
            terms = self._hasher.vectors([article_words(a.title, lead) for a, lead in zip(chunk, leads, strict=True)])
            names = [lead if _has_body(a) else (a.title or "") for a, lead in zip(chunk, leads, strict=True)]
            # Names hashed by the term hasher, calendar words left out: one memo, so a name is stemmed once.
            entities = self._hasher.vectors([[w for w in entity_tokens(text) if w not in CALENDAR] for text in names])
            for k in range(len(chunk)):
                when, article = keyed[begin + k]
                embedding = None if embeddings is None else embeddings[begin + k]
                self._add(article, when, terms[k], entities[k], embedding)
        return self

    def _embed(self, articles: list[Article]) -> np.ndarray | None:
        """Dense embeddings of the batch's leads, in one call (the encoder batches); None without an encoder."""
        if self.encoder is None:
            return None
        return self.encoder.encode(["\n\n".join(t for t in (a.title, a.text[:LEAD_CHARS]) if t) for a in articles])

    def story_vectors(self) -> StoryVectors:
        """Every story's TF-IDF centroids under the current IDF, for comparing stories (storylines)."""
        ids = list(self.stories_)
        states = [self.stories_[i] for i in ids]
        logs, n = self._log_frequency, self.n_documents_
        return StoryVectors(
            ids=ids,
            terms=weighted_rows([(s.columns, s.weights) for s in states], logs, n, self.n_features),
            entities=weighted_rows([(s.entity_columns, s.entity_weights) for s in states], logs, n, self.n_features),
            first=[s.first for s in states],
            last=[s.last for s in states],
        )

    def __getstate__(self) -> dict:
        # engine.dask ships fitted clusterers to workers: the scratch row (zeros) and the logs of the
        # document frequencies are rebuilt on arrival, not sent (8 MB each at the default n_features).
        state = self.__dict__.copy()
        state.pop("_scratch", None)
        state.pop("_log_frequency", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        if "document_frequency_" in state:
            self._scratch = np.zeros(self.n_features)
            self._log_frequency = np.log(1.0 + self.document_frequency_)

    def _start(self) -> None:
        self.labels_: dict[str, str] = {}
        self.stories_: dict[str, StoryState] = {}
        self.n_documents_ = 0
        self.document_frequency_ = np.zeros(self.n_features, dtype=np.int64)
        self._log_frequency = np.zeros(self.n_features)  # log(1 + document_frequency_), see smoothed_idf
        self._hasher = TermHasher(n_features=self.n_features)
        self.group_story_: dict[str, str] = {}  # copy-group root -> story, once one member counted
        self.index_: dict[int, set[str]] = {}  # term column -> open, recent stories filed under it
        self._scratch = np.zeros(self.n_features)
        self.clock_: datetime | None = None  # latest publication time seen
        self.since_retire_ = 0

    def _add(
        self,
        article: Article,
        when: datetime | None,
        terms: tuple[np.ndarray, np.ndarray],
        entity_terms: tuple[np.ndarray, np.ndarray],
        embedding: np.ndarray | None = None,
    ) -> None:
        if article.id in self.labels_:
            return  # seen in an earlier batch: counting it again would weigh its story twice
        root = article.copy_of or article.id
        story = article.story or self.group_story_.get(root)
        if root in self.group_story_:  # a copy (or an original whose copy came first): counted once
            self._join(story, article, when)
            return
        (columns, weights), (entities, entity_weights) = terms, entity_terms
        top = self._top_terms(columns, weights)
        also: list[str] = []  # other open stories the article cleared the threshold of
        if story is None:
            entity_weight = self.entity_weight if _has_body(article) else self.headline_entity_weight
            story, also = self._best_story(columns, weights, entities, entity_weights, entity_weight, top, when,
                                           embedding)
            story = story or f"s-{article.id}"
        self.group_story_[root] = story
        state = self._join(story, article, when)
        state.given = state.given or article.story is not None
        state.roots.append(root)
        state.size += 1
        state.words += len(columns)
        if state.size <= SEED_MEMBERS:
            state.seed_columns, state.seed_weights = merge(state.seed_columns, state.seed_weights, columns, weights)
        state.recent.append((columns, weights))
        self._check_drift(state)
        _absorb(state, (columns, weights), (entities, entity_weights), embedding)
        self._check_guards(state)
        if state.closed is None:
            self.file(story, state, top.tolist())
        self.n_documents_ += 1
        self.count_documents(columns, 1)
        if also and self.merge_at:
            self._merge_fragments(story, also)
        self.since_retire_ += 1
        if self.since_retire_ >= RETIRE_EVERY:
            self.retire()

    def _join(self, story: str, article: Article, when: datetime | None) -> StoryState:
        state = self.stories_.get(story)
        if state is None:
            state = self.stories_[story] = StoryState(n_features=self.n_features)
        self.labels_[article.id] = story
        state.members.append(article.id)
        if when is not None:
            _widen(state, when)
            self.clock_ = when if self.clock_ is None else max(self.clock_, when)
        return state

    def _check_guards(self, state: StoryState) -> None:
        """Close a story grown too large or too long, so it cannot swallow a whole topic."""
        if state.closed is not None:
            return
        if state.size >= self.max_size:
            state.closed = f"{state.size} members (max_size {self.max_size})"
        elif state.first is not None and _days(state.last - state.first) >= self.max_span_days:
            state.closed = f"spans {_days(state.last - state.first):.1f} days (max_span_days {self.max_span_days})"

    def _check_drift(self, state: StoryState) -> None:
        """Close a story whose latest members have drifted from what its first members reported: later
        articles open a new story, which storylines link. Members are compared as groups, since one
        headline can share no word with its own story's first reports."""
        if state.closed is not None or state.size < 2 * SEED_MEMBERS or not self.drift:
            return
        recent = (np.zeros(0, dtype=np.int64), np.zeros(0))
        for columns, weights in state.recent:
            recent = merge(*recent, columns, weights)
        seed = (state.seed_columns, state.seed_weights)
        score = cosine_to_many(*recent, [seed], self._log_frequency, self.n_documents_, self._scratch)[0]
        if len(recent[0]) < DRIFT_MIN_TERMS:
            return  # a handful of headlines can share no word with the story's first ones and still belong
        floor = self.drift * self._threshold_for(len(recent[0]))
        if score < floor:
            state.closed = (f"drifted: its latest {SEED_MEMBERS} members score {score:.2f} against its first "
                            f"{SEED_MEMBERS} (below {floor:.2f})")

    def _best_story(
        self,
        columns: np.ndarray,
        weights: np.ndarray,
        entities: np.ndarray,
        entity_weights: np.ndarray,
        entity_weight: float,
        top: np.ndarray,
        when: datetime | None,
        embedding: np.ndarray | None = None,
    ) -> tuple[str | None, list[str]]:
        """The most similar open story within the time window if similar enough, and the other stories
        that were similar enough too (candidates for a merge)."""
        # Stories by index terms shared, most first, ties by id. Built from C-level calls (map, Counter,
        # two stable sorts on itemgetter keys): in Python these lines took a fifth of an article's time.
        shared = Counter(chain.from_iterable(map(self.index_.get, top.tolist(), repeat(()))))
        ranked = sorted(shared.items(), key=itemgetter(0))
        ranked.sort(key=itemgetter(1), reverse=True)  # stable with reverse too: equal counts stay by id
        least = FULL_REPORT_SHARED if len(columns) >= FULL_LENGTH else 1
        found = []  # (story, days from the article to its span)
        for story, count in ranked:
            if count < least:
                break
            state = self.stories_[story]
            if state.closed is not None:
                continue
            gap = 0.0 if when is None else _gap_days(state, when)
            if gap <= self.window_days:
                found.append((story, gap))
                if len(found) == MAX_CANDIDATES:
                    break
        if not found:
            return None, []
        found.sort()  # ties go to the first story by id, whatever the index's order
        candidates = [story for story, _ in found]
        states = [self.stories_[s] for s in candidates]
        logs, n = self._log_frequency, self.n_documents_
        scores, entity_scores = cosines_to_many(
            [(columns, weights, [(s.columns, s.weights) for s in states]),
             (entities, entity_weights, [(s.entity_columns, s.entity_weights) for s in states])],
            logs, n, self._scratch,
        )
        if embedding is not None:
            sums = np.stack([s.embedding if s.embedding is not None else np.zeros_like(embedding) for s in states])
            norms = np.linalg.norm(sums, axis=1)
            dense = np.divide(sums @ embedding, norms, out=np.zeros(len(states)), where=norms > 0)
            scores = (1 - self.dense_weight) * scores + self.dense_weight * dense
        if len(entities):
            scores = (1 - entity_weight) * scores + entity_weight * entity_scores
        if when is not None:
            scores = scores * 0.5 ** (np.array([gap for _, gap in found]) / self.half_life_days)
        base = self._threshold_for(len(columns))
        cleared = [i for i in np.flatnonzero(scores >= base).tolist() if scores[i] >= base * self._caution(states[i])]
        if not cleared:
            return None, []
        best = max(cleared, key=lambda i: scores[i])  # first of equals: candidates are sorted
        return candidates[best], [candidates[i] for i in cleared if i != best]

    def _caution(self, state: StoryState) -> float:
        """How much more than the base threshold a story asks (SMALL_STORY_CAUTION): 1 for full reports."""
        shortness = max(0.0, 1 - len(state.columns) / FULL_LENGTH)
        return 1 + self.small_story_caution * shortness / max(state.size, 1)

    def _merge_fragments(self, story: str, also: list[str]) -> None:
        """Merge into `story` each other story its latest article also cleared whose centroid agrees with it."""
        for other in also:
            state, other_state = self.stories_.get(story), self.stories_.get(other)
            if state is None or other_state is None or state.closed is not None or other_state.closed is not None:
                continue
            if max(state.words / max(state.size, 1), other_state.words / max(other_state.size, 1)) >= FULL_LENGTH:
                continue  # caution splits only stories of short texts; full reports' centroids agree on a topic
            if state.first is not None and other_state.first is not None and max(
                _days(other_state.first - state.last), _days(state.first - other_state.last)
            ) > self.window_days:
                continue  # an undated article clears stories of any time: weeks apart, they stay two
            score = cosine_to_many(state.columns, state.weights, [(other_state.columns, other_state.weights)],
                                   self._log_frequency, self.n_documents_, self._scratch)[0]
            if score >= self.merge_at:
                story = self._merge(story, other)

    def _merge(self, story: str, other: str) -> str:
        """One story of two: the larger keeps its id and takes the other's members, unless only the other
        holds given (stored) members. Two stories that both hold them stay apart. Returns the survivor."""
        keep, gone = self.stories_[story], self.stories_[other]
        if gone.given and keep.given:
            return story
        if gone.given or (not keep.given and gone.size > keep.size):
            story, other, keep, gone = other, story, gone, keep
        keep.size += gone.size
        keep.words += gone.words
        _absorb(keep, (gone.columns, gone.weights), (gone.entity_columns, gone.entity_weights), gone.embedding)
        for when in (gone.first, gone.last):
            if when is not None:
                _widen(keep, when)
        for article_id in gone.members:
            self.labels_[article_id] = story
        for root in gone.roots:
            self.group_story_[root] = story
        keep.members += gone.members
        keep.roots += gone.roots
        self.unfile(other, gone)
        self.file(story, keep, gone.filed)
        del self.stories_[other]
        self._check_guards(keep)
        return story

    def count_documents(self, columns: np.ndarray, counts: np.ndarray | int) -> None:
        """Add `counts` to the document frequencies of `columns` (distinct), keeping their logs current."""
        self.document_frequency_[columns] += counts
        self._log_frequency[columns] = np.log(1.0 + self.document_frequency_[columns])

    def _threshold_for(self, n_terms: int) -> float:
        """The join threshold for an article of `n_terms` distinct content words (see FULL_LENGTH)."""
        return self.threshold * min(1.0, max(n_terms, 1) / FULL_LENGTH) ** LENGTH_EXPONENT

    def retire(self) -> None:
        """Drop closed stories and those out of the window behind the stream's clock from the index."""
        self.since_retire_ = 0
        clock = self.clock_
        for story, state in self.stories_.items():
            if not state.filed:
                continue
            stale = clock is not None and state.last is not None and _days(clock - state.last) > self.window_days
            if state.closed is not None or stale:
                self.unfile(story, state)
                state.filed = set()

    def file(self, story: str, state: StoryState, columns: Iterable[int]) -> None:
        """Put `story` into the index of recent stories under `columns`, and note them in `state`."""
        for column in columns:
            self.index_.setdefault(column, set()).add(story)
        state.filed.update(columns)

    def unfile(self, story: str, state: StoryState) -> None:
        """Take `story` out of the index of recent stories under the columns `state` was filed under."""
        for column in state.filed:
            posting = self.index_.get(column)
            if posting is not None:
                posting.discard(story)
                if not posting:
                    del self.index_[column]

    def _top_terms(self, columns: np.ndarray, weights: np.ndarray) -> np.ndarray:
        weighted = weights * smoothed_idf(self._log_frequency[columns], self.n_documents_)
        order = np.argsort(-weighted, kind="stable")[:INDEX_TERMS]
        return columns[order]


def _absorb(
    state: StoryState,
    terms: tuple[np.ndarray, np.ndarray],
    entities: tuple[np.ndarray, np.ndarray],
    embedding: np.ndarray | None,
) -> None:
    """Add an article's (or a merged-away story's) vectors to a story's centroids."""
    state.columns, state.weights = _strongest(*merge(state.columns, state.weights, *terms))
    state.entity_columns, state.entity_weights = _strongest(*merge(state.entity_columns, state.entity_weights,
                                                                   *entities))
    if embedding is not None:
        state.embedding = embedding.copy() if state.embedding is None else state.embedding + embedding


def _widen(state: StoryState, when: datetime) -> None:
    """Stretch the story's dated span to cover `when`."""
    state.first = when if state.first is None else min(state.first, when)
    state.last = when if state.last is None else max(state.last, when)


def _has_body(article: Article) -> bool:
    return bool(article.text) and not article.text.isspace()


def _strongest(columns: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The CENTROID_TERMS heaviest entries of a sorted sparse vector, still sorted by column."""
    if len(columns) <= CENTROID_TERMS:
        return columns, weights
    keep = np.sort(np.argpartition(-weights, CENTROID_TERMS)[:CENTROID_TERMS])
    return columns[keep], weights[keep]


def _gap_days(state: StoryState, when: datetime) -> float:
    """Days between `when` and the story's dated span (0 inside it); 0 for an undated story."""
    if state.first is None:
        return 0.0
    if when < state.first:  # one subtraction, not two and a max: this runs for every candidate of every article
        return _days(state.first - when)
    return _days(when - state.last) if when > state.last else 0.0


def _days(delta) -> float:
    return delta.total_seconds() / 86400


def _row(columns: np.ndarray, weights: np.ndarray, n_features: int) -> sp.csr_matrix:
    return sp.csr_matrix((weights, columns, np.array([0, len(columns)])), shape=(1, n_features))
