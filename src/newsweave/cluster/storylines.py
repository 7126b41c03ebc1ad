"""Link stories that continue one another (later developments of one situation) into storylines."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import datetime

import numpy as np

from newsweave.cluster.stories import StoryClusterer, entity_words
from newsweave.model import Article, Storyline
from newsweave.text import content_words
from newsweave.times import publication_key


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
    similarity = (1 - entity_weight) * (vectors.terms @ vectors.terms.T).toarray()
    similarity += entity_weight * (vectors.entities @ vectors.entities.T).toarray()
    row = {story: i for i, story in enumerate(vectors.ids)}
    order = sorted(
        (s for s in stories if s in row),
        key=lambda s: (vectors.first[row[s]] is None, vectors.first[row[s]] or datetime.max, s),
    )
    headline_words = {story: _headline_names(members) for story, members in stories.items()}
    parent: dict[str, str] = {}
    for k, story in enumerate(order):
        i = row[story]
        earlier = [row[p] for p in order[:k] if _close_enough(vectors.last[row[p]], vectors.first[i], max_gap_days)]
        earlier = [
            j for j in earlier if len(headline_words[story] & headline_words[vectors.ids[j]]) >= min_shared_title_words
        ]
        if earlier:
            best = earlier[int(np.argmax(similarity[i, earlier]))]
            if similarity[i, best] >= threshold:
                parent[story] = vectors.ids[best]
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
