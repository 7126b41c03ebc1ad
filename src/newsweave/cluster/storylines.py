"""Link stories that continue one another (later developments of one situation) into storylines."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime

import numpy as np
import scipy.sparse as sp

from newsweave.cluster.stories import StoryClusterer, StoryVectors, entity_words
from newsweave.model import Article, Storyline
from newsweave.text import content_words
from newsweave.times import publication_key

_FEW = 64  # rows up to which slicing them beats one product with every story


def link_storylines(
    stories: Mapping[str, Sequence[Article]],
    *,
    threshold: float = 0.2,
    max_gap_days: float = 90.0,
    entity_weight: float = 0.3,
    min_shared_title_words: int = 2,
) -> list[Storyline]:
    """Chain each story to its most similar earlier story, so a reader can follow a situation over time.

    Similarity is the clusterer's own (TF-IDF of title + body and of capitalised words, IDF over all
    the given articles), between whole stories. A story links to at most one earlier story that
    ended no more than `max_gap_days` before it began (undated stories: content only), so a
    storyline is a tree grown forwards in time rather than every pair above the threshold.
    Only storylines of two or more stories are returned.

    Calibration: the seed pages' August and September stories score .27; among 152 stories of one
    day (googlenews-ts gold clusters) .2 links 11 pairs, mostly one situation (the Snowden leaks,
    a SpaceX launch, Black Friday sales, IRS rules), and .3 links 6.

    Body similarity alone also links neighbouring situations that a story merely discusses (an
    election campaign dominated by last month's floods scores .31 in examples/). A continuation
    is headlined with the same protagonists, so the two stories' headlines must also share
    `min_shared_title_words` names (Belarus and Putin; Port and Alder): headline words that the
    stories' bodies print capitalised mid-sentence.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1]; got {threshold!r}")
    if not max_gap_days > 0:
        raise ValueError(f"max_gap_days must be > 0; got {max_gap_days!r}")
    if not 0.0 <= entity_weight <= 1.0:
        raise ValueError(f"entity_weight must be in [0, 1]; got {entity_weight!r}")
    clusterer = StoryClusterer(entity_weight=entity_weight)
    # The articles are filed under the given stories (copies counted once), which builds the
    # clusterer's story vectors without letting it regroup anything. Copies of the articles are
    # filed, so the caller's objects keep their `story`.
    clusterer.partial_fit(
        dataclasses.replace(article, story=story) for story, members in stories.items() for article in members
    )
    vectors = clusterer.story_vectors()
    row = {story: i for i, story in enumerate(vectors.ids)}
    order = sorted(
        (s for s in stories if s in row),
        key=lambda s: (vectors.first[row[s]] is None, vectors.first[row[s]] or datetime.max, s),
    )
    headline_words = {story: _headline_names(members) for story, members in stories.items()}
    parent: dict[str, str] = {}
    # Earlier stories by headline name, so each story meets only those sharing enough names with it: comparing
    # it with every earlier story was quadratic in stories, and each dense story x story matrix it read from
    # is 350 MB at 20,000 articles (6,588 stories), 35 GB at 200,000.
    posted: dict[str, list[int]] = defaultdict(list)
    mixed = _Similarity(vectors, entity_weight)
    for k, story in enumerate(order):
        i = row[story]
        if min_shared_title_words > 0:
            shared = Counter(p for word in headline_words[story] for p in posted[word])
            sharing = sorted(p for p, count in shared.items() if count >= min_shared_title_words)
        else:
            sharing = range(k)
        for word in headline_words[story]:
            posted[word].append(k)
        earlier = [row[order[p]] for p in sharing]
        earlier = [j for j in earlier if _close_enough(vectors.last[j], vectors.first[i], max_gap_days)]
        if earlier:
            similarity = mixed(i, earlier)
            best = int(np.argmax(similarity))
            if similarity[best] >= threshold:
                parent[story] = vectors.ids[earlier[best]]
    lines: dict[str, list[str]] = {}
    for story in order:  # in time order, so each line's stories are too
        root = story
        while root in parent:
            root = parent[root]
        lines.setdefault(root, []).append(story)
    return [
        Storyline(id=f"l-{members[0]}", title=_title(members, stories), stories=members)
        for members in lines.values()
        if len(members) >= 2
    ]


class _Similarity:
    """The clusterer's mixed cosine of one story with some others, computed for those only: each sum is taken
    in the same order as in the whole story x story product, so the values are the same to the last bit."""

    def __init__(self, vectors: StoryVectors, entity_weight: float) -> None:
        self.vectors, self.entity_weight = vectors, entity_weight
        self.transposed: tuple[sp.csr_matrix, sp.csr_matrix] | None = None

    def __call__(self, i: int, rows: list[int]) -> np.ndarray:
        terms, entities = self.vectors.terms, self.vectors.entities
        if len(rows) <= _FEW:
            mixed = (1 - self.entity_weight) * (terms[i] @ terms[rows].T).toarray().ravel()
            mixed += self.entity_weight * (entities[i] @ entities[rows].T).toarray().ravel()
            return mixed
        if self.transposed is None:  # many rows: against every story at once, then the rows asked for
            self.transposed = (terms.T.tocsr(), entities.T.tocsr())
        mixed = (1 - self.entity_weight) * (terms[i] @ self.transposed[0]).toarray().ravel()
        mixed += self.entity_weight * (entities[i] @ self.transposed[1]).toarray().ravel()
        return mixed[rows]


def _headline_names(members: Sequence[Article]) -> set[str]:
    names = {w for article in members for w in entity_words(article.text)}
    return {w for article in members if article.title for w in content_words(article.title) if w in names}


def _close_enough(earlier_end: datetime | None, start: datetime | None, max_gap_days: float) -> bool:
    if earlier_end is None or start is None:
        return True
    return (start - earlier_end).total_seconds() <= max_gap_days * 86400


def _title(members: list[str], stories: Mapping[str, Sequence[Article]]) -> str:
    """The first story's headline: its earliest article's title; failing that, a later story's."""
    for story in members:
        for article in sorted(stories[story], key=publication_key):
            if article.title:
                return article.title
    return ""
