"""The arithmetic under story clustering, checked against plain dense numpy: its fast paths must not change a score."""

import re
from datetime import datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster import stories, vectors
from newsweave.cluster.stories import FULL_LENGTH, StoryClusterer
from newsweave.cluster.vectors import cosine_to_many, cosines_to_many, entity_tokens, merge, smoothed_idf
from newsweave.model import Article

N_FEATURES = 64



def _sorted_sparse(entries: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
    columns = sorted(entries)
    return np.array(columns, dtype=np.int64), np.array([entries[c] for c in columns])


sparse_vectors = st.dictionaries(st.integers(0, N_FEATURES - 1), st.floats(0.01, 5.0), max_size=20).map(_sorted_sparse)


def dense(columns: np.ndarray, weights: np.ndarray) -> np.ndarray:
    row = np.zeros(N_FEATURES)
    row[columns] = weights
    return row


@settings(max_examples=300, deadline=None)
@given(sparse_vectors, sparse_vectors)
def test_merge_is_the_sum_of_two_sparse_vectors(a, b) -> None:
    columns, weights = merge(*a, *b)
    assert np.all(np.diff(columns) > 0)  # sorted and distinct, as every other function expects
    assert np.allclose(dense(columns, weights), dense(*a) + dense(*b))


@settings(max_examples=300, deadline=None)
@given(sparse_vectors, st.lists(sparse_vectors, min_size=1, max_size=6), st.integers(1, 50))
def test_cosine_to_many_is_the_cosine_of_the_idf_weighted_vectors(query, rows, n_documents) -> None:
    frequency = np.arange(N_FEATURES) % (n_documents + 1)
    idf = np.log((1 + n_documents) / (1 + frequency)) + 1
    scores = cosine_to_many(*query, rows, np.log(1.0 + frequency), n_documents, np.zeros(N_FEATURES))
    q = dense(*query) * idf
    for score, row in zip(scores, rows, strict=True):
        r = dense(*row) * idf
        expected = 0.0 if not q.any() or not r.any() else q @ r / np.linalg.norm(q) / np.linalg.norm(r)
        assert score == pytest.approx(expected, abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(sparse_vectors, st.lists(sparse_vectors, max_size=4)), min_size=1, max_size=3))
def test_cosines_of_several_queries_in_one_pass_equal_one_query_at_a_time(queries) -> None:
    frequency = np.arange(N_FEATURES) % 7
    logs, scratch = np.log(1.0 + frequency), np.zeros(N_FEATURES)
    together = cosines_to_many([(*query, rows) for query, rows in queries], logs, 30, scratch)
    for scores, (query, rows) in zip(together, queries, strict=True):
        assert np.array_equal(scores, cosine_to_many(*query, rows, logs, 30, scratch))
    assert not scratch.any()  # left clean for the next call


def test_smoothed_idf_is_sklearns_smooth_idf() -> None:
    frequency = np.array([0, 1, 5, 9])
    assert np.allclose(smoothed_idf(np.log(1.0 + frequency), 9), np.log(10 / (1 + frequency)) + 1)


def test_the_clusterer_keeps_the_logs_of_its_document_frequencies() -> None:
    reports = [Article(id=f"a{k}", source="fiction", text=f"Tarvel glassworks strike day {k} in Osmund")
               for k in range(4)]
    clusterer = StoryClusterer().partial_fit(reports)
    assert np.array_equal(clusterer._log_frequency, np.log(1.0 + clusterer.document_frequency_))


def test_a_pickled_clusterer_leaves_its_derived_arrays_behind_and_continues_alike() -> None:
    """engine.dask ships fitted clusterers to workers: the scratch row and the logs are rebuilt there."""
    import copy
    import pickle

    def report(k: int, words: str) -> Article:
        return Article(id=f"a{k}", source="fiction", text=f"Tarvel glassworks strike in Osmund {words}",
                       published=(datetime(2031, 3, 3) + timedelta(hours=k)).isoformat())

    first, later = [report(k, "day") for k in range(3)], [report(k, "talks resume") for k in range(3, 6)]
    fitted = StoryClusterer().partial_fit(first)
    shipped = pickle.dumps(fitted)
    assert len(shipped) < 1.5 * fitted.document_frequency_.nbytes  # the frequencies, not three arrays
    expected = StoryClusterer().partial_fit(first).partial_fit(later).labels_  # never copied
    for arrived in (pickle.loads(shipped), copy.deepcopy(fitted)):
        assert np.array_equal(arrived._log_frequency, fitted._log_frequency)
        assert not arrived._scratch.any()
        assert arrived.partial_fit(later).labels_ == expected
    assert pickle.loads(pickle.dumps(StoryClusterer())).threshold == StoryClusterer().threshold  # unfitted


# The pattern entity_tokens used before it was made faster: a look-behind tried at every character.
_PLAIN_NAME = re.compile(r"(?<=[^\s.!?:\"“”—|\-])\s+([A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩА-ЯЁ]\S*)")


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="aZ É .!?:\"“”—|-\n\t'", max_size=30))
def test_names_pattern_finds_what_the_plain_look_behind_finds(text) -> None:
    assert vectors._NAME.findall(text) == _PLAIN_NAME.findall(text)


def test_entity_tokens_skip_words_that_open_a_sentence() -> None:
    text = "The mayor of Port Alder, Mara Quint, met Tovin Reyes. Officials said the Quint plan stands."
    assert entity_tokens(text) == ["port", "alder", "mara", "quint", "tovin", "reyes", "quint"]


def _report(article_id: str, words: list[str], key: str, hour: int) -> Article:
    return Article(id=article_id, source="fiction", text=" ".join([key] * 6 + words),
                   published=(datetime(2031, 3, 3) + timedelta(hours=hour)).isoformat())


def test_a_full_report_is_not_scored_against_a_story_sharing_one_index_term(two_sides, monkeypatch) -> None:
    """Stories sharing few index terms with a full report joined it only on a shared topic on the bench's
    full-length stream (FULL_REPORT_SHARED); a headline, whose few terms are all it has, is still compared on one."""
    first, second = (a.text.split() for a in two_sides(shared=0, side=180)[:2])  # unrelated invented words
    assert len(set(second)) >= FULL_LENGTH
    scored = []
    real = stories.cosines_to_many

    def counted(queries, *rest):
        scored.append(len(queries[0][2]))  # the stories the article's terms are scored against
        return real(queries, *rest)

    monkeypatch.setattr(stories, "cosines_to_many", counted)
    StoryClusterer().partial_fit([_report("a", first, "quenvemdor", 0), _report("b", second, "quenvemdor", 1)])
    assert scored == []  # one shared index term: the second report opens its own story unscored
    StoryClusterer().partial_fit([_report("a", first, "quenvemdor", 0), _report("b", ["quenvemdor"], "ko", 1)])
    assert scored and scored[0] == 1
