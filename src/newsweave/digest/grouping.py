"""Which sentences of a story say the same thing: the summary's and the timeline's grouping, and, over other
terms, the claims'."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from newsweave.digest.context import StoryText
from newsweave.text import content_words

# Average-link TF-IDF cosine at or above which sentences are taken to state the same thing. Calibrated
# on the Belarus seed pages (000/001/002/004) and the fixtures in tests/digest: verbatim wire copies
# score 1.0, light rewrites ("had signed an agreement in 1999 which" / "signed an agreement in 1999
# that") 0.92-1.0, paraphrases across outlets 0.52-0.72 (the Kremlin's "confidence that all problems in
# Belarus would be resolved"), while different facts about the same people stay under 0.45. Numbers
# are not content words, so "4,000" and "5,000" residents group together (claims flag the figures).
SAME_THING = 0.5


@dataclass(slots=True)
class SentenceGroup:
    """Sentences (indices into StoryText.sentences) that say the same thing."""

    members: list[int]
    articles: list[str]  # originals carrying it, in story time order
    representative: int  # the member closest to the others


@dataclass(slots=True)
class SentenceGroups:
    """All groups of one story, with the vectors the summary needs for centrality and redundancy."""

    groups: list[SentenceGroup]
    group_of: list[int]  # sentence index -> group index
    vectors: sparse.csr_matrix  # one L2-normalised TF-IDF row per sentence
    centroids: sparse.csr_matrix  # one L2-normalised row per group
    similarity: np.ndarray  # sentence x sentence cosine
    group_similarity: np.ndarray  # group x group cosine of the centroids


def _vectorise(texts: list[str], terms: Callable[[str], list[str]] = content_words) -> sparse.csr_matrix:
    """TF-IDF over the shared content words (sublinear tf, smoothed idf, L2 rows: scikit-learn's
    TfidfVectorizer(sublinear_tf=True) formula); an all-stopword story yields an empty matrix.

    Written out because a story is small (a few dozen sentences) and is digested once per run: the
    vectoriser's per-call set-up and input checks took two thirds of the grouping time there.
    """
    entries = tfidf_entries(texts, terms)
    if entries is None:
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)
    return _normalised_rows(*entries)


def tfidf_entries(
    texts: list[str], terms: Callable[[str], list[str]] = content_words
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int] | None:
    """The raw TF-IDF rows as CSR parts (weights, indices, indptr, width), or None without terms."""
    counts = [Counter(terms(text)) for text in texts]
    vocabulary: dict[str, int] = {}
    for row in counts:
        for word in row:
            vocabulary.setdefault(word, len(vocabulary))
    if not vocabulary:
        return None
    document_frequency = np.zeros(len(vocabulary))
    indptr, indices, tf = [0], [], []
    for row in counts:
        for word, count in row.items():
            indices.append(vocabulary[word])
            tf.append(1.0 + math.log(count))
        indptr.append(len(indices))
    np.add.at(document_frequency, indices, 1)
    idf = np.log((1 + len(texts)) / (1 + document_frequency)) + 1.0
    return np.asarray(tf) * idf[indices], np.asarray(indices), np.asarray(indptr), len(vocabulary)


def _normalised_rows(weights: np.ndarray, indices: np.ndarray, indptr: np.ndarray, width: int) -> sparse.csr_matrix:
    """The CSR rows (weights, indices, indptr) L2-normalised as float32, with the very values and entry order
    that `_normalise` gives them (its scipy products list each row's entries in reverse and sum the squares in
    that order): the similarities, and so the groups, stay the same to the last bit. Built directly because
    the five scipy calls of `_normalise` took about half of the vectorising on stories of a few dozen sentences.
    """
    lengths = np.diff(indptr)
    row_of = np.repeat(np.arange(len(lengths)), lengths)
    reverse = indptr[row_of] + indptr[row_of + 1] - 1 - np.arange(len(weights))
    data, columns = weights[reverse], indices[reverse]
    squares = (data * data).tolist()
    norms = np.empty(len(lengths))
    for r, (start, end) in enumerate(zip(indptr.tolist(), indptr[1:].tolist(), strict=False)):
        total = 0.0
        for square in squares[start:end]:  # one after another, as scipy's sparse product adds them
            total += square
        norms[r] = total
    norms = np.sqrt(norms)
    norms[norms == 0] = 1.0
    scaled = (data * (1.0 / norms)[row_of]).astype(np.float32)
    return sparse.csr_matrix((scaled, columns, indptr), shape=(len(lengths), width))


def _normalise(rows: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ rows, dtype=np.float32)


def mean_rows(vectors: sparse.csr_matrix, rows: list[list[int]]) -> sparse.csr_matrix:
    """One mean row per list of row numbers, kept sparse: a dense story x vocabulary matrix is large."""
    data, row_ids, col_ids = [], [], []
    for r, members in enumerate(rows):
        data.extend([1.0 / len(members)] * len(members))
        row_ids.extend([r] * len(members))
        col_ids.extend(members)
    indicator = sparse.csr_matrix((data, (row_ids, col_ids)), shape=(len(rows), vectors.shape[0]), dtype=np.float32)
    return sparse.csr_matrix(indicator @ vectors)


def group_sentences(
    story: StoryText, *, threshold: float = SAME_THING, terms: Callable[[str], list[str]] = content_words
) -> SentenceGroups:
    """Cluster the story's sentences by average-link cosine of their `terms` so paraphrases across articles meet."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1]; got {threshold!r}")
    texts = [s.text for s in story.sentences]
    n = len(texts)
    if n == 0:
        empty = sparse.csr_matrix((0, 1), dtype=np.float32)
        nothing = np.zeros((0, 0), np.float32)
        return SentenceGroups([], [], empty, empty, nothing, nothing)
    vectors = _vectorise(texts, terms)
    similarity = np.asarray((vectors @ vectors.T).todense(), dtype=np.float32)
    np.clip(similarity, 0.0, 1.0, out=similarity)
    # A sentence with no content words is like nothing else, itself included.
    empty_rows = np.asarray(vectors.getnnz(axis=1) == 0)
    if n == 1:
        labels = np.zeros(1, dtype=int)
    else:
        distance = 1.0 - similarity
        distance[empty_rows, :] = 1.0
        distance[:, empty_rows] = 1.0
        np.fill_diagonal(distance, 0.0)
        tree = linkage(squareform(distance, checks=False), method="average")
        labels = fcluster(tree, t=1.0 - threshold + 1e-6, criterion="distance")
    by_label: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        by_label.setdefault(int(label), []).append(i)
    # Groups in reading order: by the first member's article time, then its position.
    ordered = sorted(
        by_label.values(),
        key=lambda m: min((story.rank(story.sentences[i].article), story.sentences[i].index) for i in m),
    )
    groups: list[SentenceGroup] = []
    group_of = [0] * n
    for g, members in enumerate(ordered):
        for i in members:
            group_of[i] = g
        if len(members) == 1:
            best = members[0]
        else:
            inner = similarity[np.ix_(members, members)].sum(axis=1)
            closeness = {i: round(float(inner[k]), 3) for k, i in enumerate(members)}
            best = max(members, key=lambda i: (closeness[i], -story.rank(story.sentences[i].article), -i))
        articles = story.carriers({story.sentences[i].article for i in members})
        originals = [a for a in articles if story.root[a] == a]
        groups.append(SentenceGroup(members=members, articles=originals, representative=best))
    centroids = _centroids(vectors, ordered)
    group_similarity = np.asarray((centroids @ centroids.T).todense(), dtype=np.float32)
    return SentenceGroups(groups, group_of, vectors, centroids, similarity, group_similarity)


def _centroids(vectors: sparse.csr_matrix, groups: list[list[int]]) -> sparse.csr_matrix:
    """`_normalise(mean_rows(vectors, groups))` to the last bit: the means are summed member by member in float32
    and listed in reverse order of first appearance, as mean_rows' sparse product does, without the four scipy
    calls it takes to build and multiply an indicator matrix per story."""
    data, indices, indptr = vectors.data, vectors.indices, vectors.indptr
    sums = np.zeros(vectors.shape[1], dtype=np.float32)
    out_data, out_indices, out_indptr = [], [], [0]
    for members in groups:
        share = np.float32(1.0 / len(members))
        columns = np.concatenate([indices[indptr[m] : indptr[m + 1]] for m in members])
        _, first = np.unique(columns, return_index=True)
        columns = columns[np.sort(first)[::-1]]
        for m in members:
            sums[indices[indptr[m] : indptr[m + 1]]] += share * data[indptr[m] : indptr[m + 1]]
        out_data.append(sums[columns])
        sums[columns] = 0.0
        out_indices.append(columns)
        out_indptr.append(out_indptr[-1] + len(columns))
    means = sparse.csr_matrix(
        (np.concatenate(out_data), np.concatenate(out_indices), out_indptr), shape=(len(groups), vectors.shape[1])
    )
    return _normalise(means)
