"""StoryClusterer on a fictional stream of four stories and on the seed pages."""

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from newsweave.cluster.stories import StoryClusterer, entity_words
from newsweave.model import Article
from newsweave.times import publication_key

# Fictional articles written for these tests, in publication order (every name is invented): a crane
# collapse at a port (a1-a5: a4 is a copy of a1, a5 is undated), a cup final (b1, b2), a snap
# election (c1, c2), and the port's inquiry three weeks after the collapse (d1, d2).
STREAM = Path(__file__).parent / "data" / "stream.jsonl"


@pytest.fixture
def stream() -> list[Article]:
    with STREAM.open(encoding="utf-8") as lines:
        return [Article(source=f"{STREAM.name}#{n}", **json.loads(line)) for n, line in enumerate(lines)]


def by_id(articles: list[Article]) -> dict[str, Article]:
    return {a.id: a for a in articles}


def test_stream_forms_one_story_per_event_named_after_its_first_article(stream) -> None:
    clusterer = StoryClusterer().partial_fit(stream)

    assert clusterer.labels_ == {
        "a1": "s-a1",
        "a2": "s-a1",
        "a3": "s-a1",
        "a4": "s-a1",
        "a5": "s-a1",  # undated: joins on content alone
        "b1": "s-b1",
        "b2": "s-b1",
        "c1": "s-c1",
        "c2": "s-c1",
        "d1": "s-d1",  # the same port and people three weeks on: a new story, not the old one
        "d2": "s-d1",
    }


@pytest.mark.parametrize("which", ["four events", "two fragments merged by a later snippet"])
def test_clusterer_partial_fit_in_chunks_matches_one_batch(which, stream, two_sides) -> None:
    if which != "four events":  # the merge relabels an article of an earlier chunk
        stream = two_sides(shared=6, side=20, bridge=10)
    at_once = StoryClusterer().partial_fit(stream)
    chunked = StoryClusterer()
    for start in range(0, len(stream), 3):
        chunked.partial_fit(stream[start : start + 3])

    assert chunked.labels_ == at_once.labels_
    assert chunked.n_documents_ == at_once.n_documents_
    assert np.array_equal(chunked.document_frequency_, at_once.document_frequency_)
    assert chunked.stories_.keys() == at_once.stories_.keys()
    for story, state in at_once.stories_.items():
        assert (chunked.stories_[story].terms != state.terms).nnz == 0
        assert (chunked.stories_[story].first, chunked.stories_[story].last) == (state.first, state.last)


def test_batch_is_taken_in_publication_order_whatever_order_it_is_given_in(stream) -> None:
    in_order = StoryClusterer().partial_fit(stream)
    reversed_ = StoryClusterer().partial_fit(reversed(stream))

    assert reversed_.labels_ == in_order.labels_


def test_a_copy_joins_its_originals_story_without_changing_it(stream) -> None:
    without_copy = StoryClusterer().partial_fit(a for a in stream if a.id != "a4")
    with_copy = StoryClusterer().partial_fit(stream)

    assert with_copy.labels_["a4"] == with_copy.labels_["a1"]
    assert with_copy.n_documents_ == without_copy.n_documents_
    assert np.array_equal(with_copy.document_frequency_, without_copy.document_frequency_)
    assert (with_copy.stories_["s-a1"].terms != without_copy.stories_["s-a1"].terms).nnz == 0


def test_a_copy_published_before_its_original_stands_in_for_it(stream) -> None:
    articles = by_id(stream)
    early_copy = dataclasses.replace(articles["a4"], published="2024-03-05T08:00")

    clusterer = StoryClusterer().partial_fit([articles["a1"], early_copy])

    assert clusterer.labels_ == {"a4": "s-a4", "a1": "s-a4"}
    assert clusterer.n_documents_ == 1  # the group counts once


def test_an_article_with_a_stored_story_only_updates_that_story(stream) -> None:
    articles = by_id(stream)
    clusterer = StoryClusterer()
    clusterer.partial_fit([dataclasses.replace(articles["a1"], story="s-from-the-store")])
    clusterer.partial_fit([articles["a2"], articles["b1"]])

    assert clusterer.labels_ == {"a1": "s-from-the-store", "a2": "s-from-the-store", "b1": "s-b1"}


def test_an_article_far_in_time_opens_a_new_story_even_with_the_same_text(stream) -> None:
    a1 = by_id(stream)["a1"]
    later = dataclasses.replace(a1, id="later", published="2024-03-15T08:30")
    undated = dataclasses.replace(a1, id="undated", published=None)

    clusterer = StoryClusterer(window_days=3).partial_fit([a1, later, undated])

    assert clusterer.labels_["later"] == "s-later"
    assert clusterer.labels_["undated"] == "s-a1"  # first of equally good stories: by id
    assert StoryClusterer(window_days=14, half_life_days=30).partial_fit([a1, later]).labels_["later"] == "s-a1"


def test_story_vectors_are_normalised_rows_with_time_spans(stream) -> None:
    vectors = StoryClusterer().partial_fit(stream).story_vectors()

    assert vectors.ids == ["s-a1", "s-b1", "s-c1", "s-d1"]
    norms = np.sqrt(vectors.terms.multiply(vectors.terms).sum(axis=1)).A.ravel()
    assert np.allclose(norms, 1.0)
    similarity = (vectors.terms @ vectors.terms.T).toarray()
    assert similarity[0, 3] > similarity[0, 1]  # the port's inquiry is closer to its collapse than the cup
    assert [t.isoformat() for t in (vectors.first[0], vectors.last[0])] == [
        "2024-03-05T08:30:00",
        "2024-03-06T09:15:00",
    ]


def test_entity_words_are_capitalised_words_inside_sentences() -> None:
    text = "On Tuesday the harbour master Ilse Varnholt spoke. Divers inspected Port Alder's cranes."

    assert entity_words(text) == ["ilse", "varnholt", "port", "alder"]


def test_seed_pages_form_an_august_story_and_a_september_story(seed_articles) -> None:
    clusterer = StoryClusterer().partial_fit(seed_articles.values())

    # 002 is the earliest August page, so the August story is named after it.
    assert clusterer.labels_ == {"000": "s-002", "001": "s-002", "002": "s-002", "004": "s-002", "003": "s-003"}


def test_seed_pages_fitted_in_chunks_match_one_batch(seed_articles) -> None:
    at_once = StoryClusterer().partial_fit(seed_articles.values())
    chunked = StoryClusterer()
    for chunk in (["002", "000"], ["001", "003"], ["004"]):
        chunked.partial_fit(seed_articles[k] for k in chunk)

    assert chunked.labels_ == at_once.labels_


@pytest.mark.parametrize(
    ("setting", "value"),
    [("threshold", 0.0), ("window_days", 0), ("entity_weight", 1.5), ("n_features", 8)],
)
def test_invalid_settings_name_the_parameter(setting: str, value: float) -> None:
    with pytest.raises(ValueError, match=rf"{setting} must be .*; got {value!r}"):
        StoryClusterer(**{setting: value})


def test_a_clusterer_rebuilt_from_stored_stories_continues_them_as_one_run_would(stream) -> None:
    # What the engine does on a later run: articles read back from the store carry their story.
    ordered = sorted(stream, key=publication_key)
    earlier, later = ordered[:6], ordered[6:]
    first_run = StoryClusterer().partial_fit(earlier)
    stored = [dataclasses.replace(a, story=first_run.labels_[a.id]) for a in earlier]

    second_run = StoryClusterer().partial_fit(stored).partial_fit(later)

    assert second_run.labels_ == StoryClusterer().partial_fit(stream).labels_
    assert len(set(second_run.labels_.values())) == 4


def test_an_article_without_a_body_takes_its_names_from_its_headline() -> None:
    headline = Article(id="h1", source="fictional", text="", title="Strike at Port Brannock halts the Orvik ferry",
                       published="2031-05-01T10:00:00+00:00")
    report = dataclasses.replace(headline, id="r1", text="Crews walked out at dawn, said Mara Quell of the union.")

    from_headline = StoryClusterer().partial_fit([headline])
    from_report = StoryClusterer().partial_fit([report])

    hasher = from_headline._hasher
    assert set(hasher.vector(["brannock", "orvik"])[0]) <= set(from_headline.stories_["s-h1"].entity_columns)
    # a body's names come from the body, not from its title
    assert set(from_report.stories_["s-r1"].entity_columns) == set(hasher.vector(["mara", "quell"])[0])
