"""link_storylines on stories of the fictional stream and of the seed pages."""

import dataclasses
import json
from pathlib import Path

import pytest

from newsweave.cluster.stories import StoryClusterer
from newsweave.cluster.storylines import link_storylines
from newsweave.model import Article, Storyline

STREAM = Path(__file__).parent / "data" / "stream.jsonl"  # fictional, see test_stories.py


@pytest.fixture
def stories() -> dict[str, list[Article]]:
    """The stream's stories as the clusterer labels them (test_stories.py checks them)."""
    with STREAM.open(encoding="utf-8") as lines:
        articles = [Article(source=f"{STREAM.name}#{n}", **json.loads(line)) for n, line in enumerate(lines)]
    return group(articles, StoryClusterer().partial_fit(articles).labels_)


def group(articles, labels: dict[str, str]) -> dict[str, list[Article]]:
    stories: dict[str, list[Article]] = {}
    for article in articles:
        stories.setdefault(labels[article.id], []).append(article)
    return stories


def test_a_later_development_is_linked_to_its_story_and_unrelated_stories_are_not(stories) -> None:
    assert link_storylines(stories) == [
        Storyline(id="l-s-a1", title="Crane collapse shuts Port Alder container terminal", stories=["s-a1", "s-d1"])
    ]


def test_storyline_stories_are_in_time_order_however_the_mapping_is_ordered(stories) -> None:
    backwards = dict(reversed(stories.items()))

    assert [line.stories for line in link_storylines(backwards)] == [["s-a1", "s-d1"]]


def test_stories_further_apart_than_max_gap_days_are_not_linked(stories) -> None:
    # The inquiry (27 March) began three weeks after the collapse story's last dated article (6 March).
    assert link_storylines(stories, max_gap_days=30) != []
    assert link_storylines(stories, max_gap_days=14) == []


def test_title_is_the_first_titled_article_of_the_first_story(stories) -> None:
    untitled = {
        story: [dataclasses.replace(a, title=None) if a.id == "a1" else a for a in members]
        for story, members in stories.items()
    }

    (line,) = link_storylines(untitled)
    assert line.title == "Crane collapse shuts Port Alder terminal"  # a4, the next article of s-a1


def test_input_articles_are_left_unchanged(stories) -> None:
    link_storylines(stories)

    assert all(a.story is None for members in stories.values() for a in members)


def test_seed_stories_form_one_storyline_from_august_to_september(seed_articles) -> None:
    articles = list(seed_articles.values())
    stories = group(articles, StoryClusterer().partial_fit(articles).labels_)

    assert link_storylines(stories) == [
        Storyline(
            id="l-s-002",
            title=seed_articles["002"].title,  # the August story's earliest page
            stories=["s-002", "s-003"],
        )
    ]


@pytest.mark.parametrize(("setting", "value"), [("threshold", 0.0), ("max_gap_days", -1), ("entity_weight", 2)])
def test_invalid_settings_name_the_parameter(setting: str, value: float) -> None:
    with pytest.raises(ValueError, match=rf"{setting} must be .*; got {value!r}"):
        link_storylines({}, **{setting: value})
