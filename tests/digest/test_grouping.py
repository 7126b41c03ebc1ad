"""The grouping builds its TF-IDF rows and group centroids without scipy's per-call set-up: these check that
it gives the very arrays (values, entry order) that the scipy products gave, so groups cannot drift."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from newsweave.digest.context import StoryText
from newsweave.digest.grouping import _centroids, _normalise, _vectorise, group_sentences, mean_rows, tfidf_entries

from .helpers import article, flood_story


def _same(a: sparse.csr_matrix, b: sparse.csr_matrix) -> bool:
    return (
        a.shape == b.shape
        and a.dtype == b.dtype
        and np.array_equal(a.indptr, b.indptr)
        and np.array_equal(a.indices, b.indices)
        and a.data.tobytes() == b.data.tobytes()
    )


def _by_scipy(texts: list[str]) -> sparse.csr_matrix:
    """The same raw TF-IDF rows, L2-normalised by the scipy products (`_normalise`)."""
    weights, indices, indptr, width = tfidf_entries(texts)
    return _normalise(sparse.csr_matrix((weights, indices, indptr), shape=(len(texts), width)))


def _stories() -> list[StoryText]:
    quiet = [
        article("q1", "The Lindgate council met on Monday.", "Nothing was decided.", "", "   "),
        article("q2", "The council of Lindgate met on Monday and decided nothing, its clerk said."),
    ]
    return [StoryText(flood_story()), StoryText(quiet)]


@pytest.mark.parametrize("story", _stories(), ids=["flood", "council"])
def test_rows_and_centroids_are_the_scipy_products_to_the_last_bit(story: StoryText) -> None:
    texts = [s.text for s in story.sentences]
    vectors = _vectorise(texts)
    assert vectors.nnz > 0
    assert _same(vectors, _by_scipy(texts))
    groups = group_sentences(story)
    members = [[i for i, g in enumerate(groups.group_of) if g == k] for k in range(len(groups.groups))]
    assert _same(_centroids(vectors, members), _normalise(mean_rows(vectors, members)))
    assert _same(groups.centroids, _normalise(mean_rows(vectors, members)))


def test_a_story_of_stopwords_only_still_groups() -> None:
    story = StoryText([article("s1", "It was so. And then it was.", "But it is as it was.")])
    groups = group_sentences(story)
    assert groups.vectors.nnz == 0
    assert len(groups.group_of) == len(story.sentences)
