"""Articles to sparse term vectors (hashed columns, sublinear tf) and the IDF arithmetic shared by the clusterers."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from itertools import chain

import numpy as np
import scipy.sparse as sp
import snowballstemmer
from sklearn.utils import murmurhash3_32

from newsweave.text import STOPWORDS, content_words, words

# A capitalised word whose previous word does not end a sentence (nor a quote, a dash, a headline bar).
# The pattern opens with the whitespace before the word, whose first character the regex engine finds
# by a fast scan, and looks behind only from there: opening with the look-behind tested it at every
# character and cost twice the time.
_NAME = re.compile(r"\s(?<=[^\s.!?:\"“”—|\-]\s)\s*([A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩА-ЯЁ]\S*)")

# Capitalised by convention rather than because they name someone or somewhere.
CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


class _ColumnMemo(dict):
    """word -> hashed column of its stem (-1 for words that are not content words), filled on first use."""

    def __init__(self, n_features: int) -> None:
        super().__init__()
        self.n_features = n_features
        # Stemmed, so "taper" and "tapering" meet: headlines of one story vary the forms of few words.
        # snowballstemmer hands over to PyStemmer's C build when it is installed (a dependency): the
        # pure-Python stemmer took 70% of the time on a stream's first thousand full-length articles.
        self._stemmer = snowballstemmer.stemmer("english")
        if hasattr(self._stemmer, "maxCacheSize"):
            # PyStemmer's own cache of 10,000 words, consulted before every stem, tripled the cost of a word
            # this memo has not seen (2.0 against 0.6 us), and the memo already keeps each word's column.
            self._stemmer.maxCacheSize = 0

    def __missing__(self, word: str) -> int:
        if len(word) < 2 or word in STOPWORDS or word.isdigit():
            column = -1
        else:
            column = murmurhash3_32(self._stemmer.stemWord(word), positive=True) % self.n_features
        self[word] = column
        return column


class TermHasher:
    """Words to hashed columns with a memo, because sklearn's HashingVectorizer costs ~0.3 ms per single document."""

    def __init__(self, *, n_features: int) -> None:
        if n_features < 2**10:
            raise ValueError(f"n_features must be an int >= 1024; got {n_features!r}")
        self.n_features = n_features
        self._columns = _ColumnMemo(n_features)

    def __reduce__(self):
        # The memo's stemmer cannot be pickled (engine.dask sends clusterers to workers): rebuild the
        # hasher by its constructor and bring the memo, a cache, along.
        return _rebuilt_hasher, (self.n_features, dict(self._columns))

    def vector(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Sorted distinct columns of the content words among `words` (folded tokens), with their
        L2-normalised sublinear term frequencies (1 + log tf)."""
        return self.vectors([words])[0]

    def vectors(self, texts: Sequence[list[str]]) -> list[tuple[np.ndarray, np.ndarray]]:
        """`vector` of each token list, computed for all of them in a few numpy passes: per text, the
        numpy calls cost more than the arithmetic."""
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        # map over the memo's __getitem__ stays in C for every word seen before.
        columns = np.fromiter(map(self._columns.__getitem__, chain.from_iterable(texts)), dtype=np.int64)
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        keep = columns >= 0
        keys, tf = np.unique(rows[keep] * self.n_features + columns[keep], return_counts=True)
        rows, columns = np.divmod(keys, self.n_features)
        weights = 1.0 + np.log(tf)
        weights /= np.sqrt(np.bincount(rows, weights=weights * weights, minlength=len(texts)))[rows]
        bounds = np.searchsorted(rows, np.arange(len(texts) + 1)).tolist()
        return [(columns[b:e], weights[b:e]) for b, e in itertools.pairwise(bounds)]


def _rebuilt_hasher(n_features: int, memo: dict[str, int]) -> TermHasher:
    hasher = TermHasher(n_features=n_features)
    hasher._columns.update(memo)
    return hasher


def merge(columns: np.ndarray, weights: np.ndarray, more: np.ndarray, more_weights: np.ndarray) -> tuple:
    """The sum of two sparse vectors given as sorted (columns, weights)."""
    if not len(columns):
        return more.copy(), more_weights.copy()
    joined = np.concatenate([columns, more])
    # A stable sort of two sorted runs is one merge pass (timsort): half np.unique's time.
    order = np.argsort(joined, kind="stable")
    joined = joined[order]
    starts = np.flatnonzero(np.concatenate(([True], joined[1:] != joined[:-1])))
    return joined[starts], np.add.reduceat(np.concatenate([weights, more_weights])[order], starts)


def smoothed_idf(log_frequency: np.ndarray, n_documents: int) -> np.ndarray:
    """sklearn's smooth_idf, log((1 + n) / (1 + df)) + 1, recomputed as documents arrive; the +1s make it
    defined from the first one. Taken as log(1 + n) + 1 - log(1 + df), from each column's log(1 + df)
    kept as its count changes (StoryClusterer.count_documents): a log per column read cost a third of
    the time of scoring an article against its candidate stories."""
    return (np.log(1 + n_documents) + 1) - log_frequency


def cosine_to_many(
    columns: np.ndarray,
    weights: np.ndarray,
    rows: list[tuple[np.ndarray, np.ndarray]],
    log_frequency: np.ndarray,
    n_documents: int,
    scratch: np.ndarray,
) -> np.ndarray:
    """Cosine under the current IDF between one vector and each of `rows`, without building a matrix."""
    return cosines_to_many([(columns, weights, rows)], log_frequency, n_documents, scratch)[0]


def cosines_to_many(
    queries: list[tuple[np.ndarray, np.ndarray, list[tuple[np.ndarray, np.ndarray]]]],
    log_frequency: np.ndarray,
    n_documents: int,
    scratch: np.ndarray,
) -> list[np.ndarray]:
    """cosine_to_many for each (columns, weights, rows), all in one pass: an article is scored on its terms
    and on its names against the same stories, and numpy's cost per call exceeded the arithmetic."""
    # The rows are concatenated and summed per segment: one pass over their non-zeros, where stacking
    # them into a sparse matrix first cost several times as much.
    live = [query for query in queries if len(query[0]) and query[2]]
    if not live:
        return [np.zeros(len(rows)) for _, _, rows in queries]
    rows = [row for _, _, query_rows in live for row in query_rows]
    lengths = [len(c) for c, _ in rows]  # a list: numpy's per-call cost exceeds the work on 20 numbers
    all_columns = np.concatenate([c for c, _ in rows])
    query_columns = [columns for columns, _, _ in live]
    idf = smoothed_idf(log_frequency[np.concatenate([*query_columns, all_columns])], n_documents)
    at = sum(map(len, query_columns))
    weighted = np.concatenate([w for _, w in rows]) * idf[at:]
    gathered, at, first, entry = [], 0, 0, 0  # offsets of the query's columns, rows and row entries
    for columns, weights, query_rows in live:
        vector = weights * idf[at : at + len(columns)]
        vector /= np.sqrt(vector @ vector)
        entries = sum(lengths[first : first + len(query_rows)])
        scratch[columns] = vector
        gathered.append(scratch[all_columns[entry : entry + entries]])
        scratch[columns] = 0.0
        at, first, entry = at + len(columns), first + len(query_rows), entry + entries
    products = np.stack([weighted * np.concatenate(gathered), weighted * weighted])
    dots, squares = _segment_sums(products, lengths)
    norms = np.sqrt(squares)
    scores = np.divide(dots, norms, out=np.zeros(len(rows)), where=norms > 0)
    out, first = [], 0
    for columns, _, query_rows in queries:
        if len(columns) and query_rows:
            out.append(scores[first : first + len(query_rows)])
            first += len(query_rows)
        else:
            out.append(np.zeros(len(query_rows)))
    return out


def _segment_sums(values: np.ndarray, lengths: list[int]) -> np.ndarray:
    """Sums along the last axis of consecutive segments of `lengths`, each summed on its own (equal
    segments give equal sums, so ties stay ties); empty segments sum to 0, which np.add.reduceat alone
    does not give."""
    starts = list(itertools.accumulate(lengths[:-1], initial=0))
    if all(lengths):
        return np.add.reduceat(values, starts, axis=-1)
    sums = np.zeros((*values.shape[:-1], len(lengths)))
    filled = [i for i, length in enumerate(lengths) if length]
    if filled:
        sums[..., filled] = np.add.reduceat(values, [starts[i] for i in filled], axis=-1)
    return sums


def weighted_rows(
    rows: list[tuple[np.ndarray, np.ndarray]], log_frequency: np.ndarray, n_documents: int, n_features: int
) -> sp.csr_matrix:
    """Rows as a CSR matrix times the current IDF, L2-normalised: for comparing whole stories."""
    lengths = [len(c) for c, _ in rows]
    indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    columns = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
    data = np.concatenate([w for _, w in rows]) if rows else np.zeros(0)
    data = data * smoothed_idf(log_frequency[columns], n_documents)
    matrix = sp.csr_matrix((data, columns, indptr), shape=(len(rows), n_features))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1 / norms) @ matrix)


def article_words(title: str | None, text: str) -> list[str]:
    """Folded tokens of title and body (TermHasher.vector keeps the content words among them)."""
    return words("\n\n".join(t for t in (title, text) if t))


def entity_tokens(text: str) -> list[str]:
    """Folded tokens of capitalised words not opening a sentence: a cheap stand-in for named entities and places."""
    # Ranges of capitals rather than str.isupper: one regular expression instead of a Python loop per word.
    return [w.removesuffix("'s") for w in words(" ".join(_NAME.findall(text)))]


def entity_words(text: str) -> list[str]:
    """The content words among entity_tokens, calendar names left out."""
    return [w for w in content_words(" ".join(entity_tokens(text))) if w not in CALENDAR]
