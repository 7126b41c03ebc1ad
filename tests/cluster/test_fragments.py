"""Fragments of one story rejoin when a later article bridges them; stored stories are never merged away."""

import dataclasses

import pytest

from newsweave.cluster.stories import StoryClusterer
from newsweave.model import Article


@pytest.fixture
def stream(two_sides) -> list[Article]:
    """Snippets of about 30 words, as a stream of titles and teasers (tests/conftest.py: two_sides)."""
    return two_sides(shared=6, side=20, bridge=10)


def test_an_article_bridging_two_fragments_merges_them_into_one_story(stream) -> None:
    labels = StoryClusterer().partial_fit(stream).labels_

    assert labels["x1"] == labels["y1"] == labels["z1"]
    assert len({labels["n1"], labels["n2"], labels["x1"]}) == 3


def test_without_merging_the_first_fragment_stays_a_story_of_its_own(stream) -> None:
    labels = StoryClusterer(merge_at=0).partial_fit(stream).labels_

    assert labels["y1"] == labels["z1"] != labels["x1"]


def test_stories_of_full_reports_are_never_merged(two_sides) -> None:
    # The same two sides told at length (30 shared words, 120 each side's own): full reports' centroids
    # agree on a topic (the clusterer's MERGE_AT), so the first report keeps its story.
    full = two_sides(shared=30, side=120, bridge=60)

    labels = StoryClusterer().partial_fit(full).labels_

    assert labels["y1"] == labels["z1"] != labels["x1"]


def test_the_merged_away_story_is_gone_and_the_survivor_holds_every_member(stream) -> None:
    clusterer = StoryClusterer().partial_fit(stream)

    survivor = clusterer.stories_[clusterer.labels_["z1"]]
    assert len(clusterer.stories_) == 3
    assert sorted(survivor.members) == ["x1", "y1", "z1"]
    assert survivor.size == 3
    assert all(clusterer.group_story_[root] == clusterer.labels_["z1"] for root in ("x1", "y1", "z1"))
    (gone,) = {"s-x1", "s-y1"} - {clusterer.labels_["z1"]}
    assert not any(gone in stories for stories in clusterer.index_.values())


def test_a_story_with_stored_members_keeps_its_id_when_a_fragment_merges_into_it(stream) -> None:
    stream[2] = dataclasses.replace(stream[2], story="stored-x")  # x1 was written to the store earlier

    labels = StoryClusterer().partial_fit(stream).labels_

    assert labels["x1"] == labels["y1"] == labels["z1"] == "stored-x"


def test_two_stories_with_stored_members_are_never_merged(stream) -> None:
    stream[2] = dataclasses.replace(stream[2], story="stored-x")
    stream[3] = dataclasses.replace(stream[3], story="stored-y")

    labels = StoryClusterer().partial_fit(stream).labels_

    assert (labels["x1"], labels["y1"]) == ("stored-x", "stored-y")


def test_a_young_story_of_short_texts_asks_more_than_the_base_threshold(two_sides) -> None:
    # Two short texts sharing four words: enough for the short-text threshold, not for a one-member story.
    short = two_sides(shared=4, side=6)

    cautious = StoryClusterer(merge_at=0).partial_fit(short).labels_
    bold = StoryClusterer(merge_at=0, small_story_caution=0).partial_fit(short).labels_

    assert cautious["y1"] != cautious["x1"]
    assert bold["y1"] == bold["x1"]


@pytest.mark.parametrize(("setting", "value"), [("merge_at", 1.5), ("merge_at", -0.1), ("small_story_caution", -1)])
def test_invalid_merge_settings_name_the_parameter(setting: str, value: float) -> None:
    with pytest.raises(ValueError, match=setting):
        StoryClusterer(**{setting: value})
