"""The whole pipeline on ../shared/seeds: five pages, two stories, one storyline, no copies."""

import pytest

import newsweave


@pytest.fixture
def result(seeds_dir):
    return newsweave.run([seeds_dir])


def _by_number(result):
    return {a.source.rsplit("/", 1)[1][:3]: a for a in result.articles}


def test_five_articles_nothing_rejected(result):
    assert len(result.articles) == 5
    assert result.rejected == []


def test_august_pages_form_one_story_september_another_linked_in_a_storyline(result):
    by = _by_number(result)
    august = {by[n].story for n in ("000", "001", "002", "004")}
    assert len(august) == 1
    (august_story,) = august
    assert by["003"].story != august_story
    assert len(result.stories) == 2
    assert [line.stories for line in result.storylines] == [[august_story, by["003"].story]]


def test_no_article_is_a_copy(result):
    assert all(a.copy_of is None for a in result.articles)


def test_shared_passages_between_the_two_reuters_reports(result):
    by = _by_number(result)
    story = next(s for s in result.stories if s.id == by["000"].story)
    pairs = [p for p in story.shared_passages if {s.article for s in p.spans} == {by["000"].id, by["001"].id}]
    assert len(pairs) >= 5
    for passage in pairs:
        for span in passage.spans:
            text = by["000"].text if span.article == by["000"].id else by["001"].text
            assert len(text[span.start : span.end].split()) >= 12


def test_undated_page_gets_a_date_estimated_from_its_story(result):
    by = _by_number(result)
    assert by["004"].published_estimated is True
    assert by["004"].published and by["004"].published[:7] == "2020-08"
    assert all(not by[n].published_estimated for n in ("000", "001", "002", "003"))


def test_story_digest_is_attributed(result):
    by = _by_number(result)
    story = next(s for s in result.stories if s.id == by["000"].story)
    assert story.start == "2020-08-15T17:30"
    assert story.articles[0] == by["002"].id
    members = set(story.articles)
    assert story.summary and all(set(s.sources) <= members and s.sources for s in story.summary)
    assert any(q.speaker for q in story.quotes)
    names = {e.name: e.type for e in story.entities}
    assert names.get("Belarus") == "place"
    assert any(c.independent_sources >= 2 for c in story.claims)


def test_the_kremlin_statement_is_shown_as_a_conflict(result):
    by = _by_number(result)
    story = next(s for s in result.stories if s.id == by["000"].story)
    assert any("made no mention" in c.cue for c in story.conflicts)
    assert all(set(c.sources) <= set(story.articles) for c in story.conflicts)
