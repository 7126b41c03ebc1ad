"""Concept-coverage selection of the summary: the exact optimum under the word budget, sources weighted once per
original, and an honest fallback to the greedy selection when the solver gives no optimum."""

import pytest
import snowballstemmer

from newsweave.digest import concepts, summarize
from newsweave.digest.concepts import concept_weights, select_concepts, sentence_concepts
from newsweave.digest.context import StoryText
from newsweave.digest.summary import summarize_story, word_count

from .helpers import article, flood_story


def _stemmer():
    return snowballstemmer.stemmer("english")


def test_concepts_are_stemmed_content_words_and_their_bigrams():
    found = sentence_concepts("The dockworkers walked out over pay.", _stemmer())
    assert {"dockwork", "walk", "pay", "dockwork walk", "walk pay"} <= found
    assert not any("the" in c.split() or "over" in c.split() for c in found)


def test_weights_sum_over_sources_and_drop_concepts_under_the_floor():
    weights = concept_weights(
        [{"pay rise": 2.0, "strike": 1.0}, {"pay rise": 1.0}, {"pay rise": 1.0, "strike": 1.5, "rain": 2.0}], floor=2
    )
    assert weights == {"pay rise": 4.0, "strike": 2.5}


def test_solver_finds_the_pair_that_a_greedy_pick_by_density_misses():
    # Budget 10: the densest sentence (7 for 6 words) leaves no room; the two 5-word sentences cover 10.
    chosen = select_concepts(
        [{"a1", "a2"}, {"b1", "b2"}, {"c1", "c2"}],
        [6, 5, 5],
        {"a1": 3.5, "a2": 3.5, "b1": 2.5, "b2": 2.5, "c1": 2.5, "c2": 2.5},
        10,
    )
    assert chosen.optimal and sorted(chosen.chosen) == [1, 2]


def test_a_concept_covered_twice_counts_once():
    # The second and third sentences share one heavy concept: counted twice they would be worth 18 together,
    # more than the first with either of them (8 + 9); counted once they are worth 10.
    chosen = select_concepts(
        [{"x", "y"}, {"big", "p"}, {"big", "q"}],
        [5, 5, 5],
        {"x": 4.0, "y": 4.0, "big": 8.0, "p": 1.0, "q": 1.0},
        10,
    )
    assert chosen.optimal and 0 in chosen.chosen and len(chosen.chosen) == 2


def test_nothing_fits_the_budget_gives_an_empty_but_optimal_selection():
    chosen = select_concepts([{"a"}, {"b"}], [12, 15], {"a": 1.0, "b": 1.0}, 10)
    assert chosen.optimal and chosen.chosen == []


def _toll_story():
    """One article (and two verbatim copies) leads with the bridge; two other outlets report the tolls."""
    lead = article(
        "a1",
        "The mayor of Kessel Ford opened the rebuilt harbour footbridge with a brass band on Monday morning.",
        "Crowds lined the quay for the ceremony, which lasted an hour.",
        published="2031-06-02T09:00",
        outlet="Kessel Ford Gazette",
    )
    copies = [
        article(i, lead.text, published=f"2031-06-02T{h}:00", outlet=o, copy_of="a1")
        for i, h, o in (("a2", "10", "Sarre Valley Times"), ("a3", "11", "Veldria Online"))
    ]
    second = article(
        "b1",
        "Harbour tolls in Kessel Ford will rise to four crowns a vessel next year, the harbour council said.",
        "Fishing crews called the rise unfair.",
        published="2031-06-02T12:00",
        outlet="The Eastreach Observer",
    )
    third = article(
        "c1",
        "Kessel Ford's harbour council said tolls will rise to four crowns a vessel next year.",
        "The council has not raised tolls since 2024.",
        published="2031-06-02T13:00",
        outlet="Radio Veldria News",
    )
    return [lead, *copies, second, third]


def test_copies_of_one_article_do_not_outweigh_a_fact_two_outlets_state():
    summary = summarize(_toll_story(), words=18)
    assert len(summary) == 1
    assert "tolls" in summary[0].text
    assert {"b1", "c1"} <= set(summary[0].sources)


def test_every_summary_sentence_still_lists_the_copies_of_its_articles():
    summary = summarize(_toll_story(), words=60)
    bridge = next(s for s in summary if "footbridge" in s.text)
    assert bridge.sources == ["a1", "a2", "a3"]


def test_a_sentence_that_is_only_a_quote_is_left_out_while_statements_remain():
    story = [
        article(
            "q1",
            "Nurses at four hospitals in Lindgate began a two-day strike on Saturday over pay.",
            "“We are here because the wards are empty of nurses, not of patients,” one ward sister told the crowd.",
            "The union wants a rise of 12%, and the government has offered 5%.",
            outlet="Lindgate Evening Star",
            published="2031-09-20T09:00",
        ),
        article(
            "q2",
            "About 3,000 nurses in Lindgate joined a strike on Saturday, demanding a 12% pay rise.",
            "“We are here because the wards are empty of nurses, not of patients,” the union's leader said.",
            outlet="Veldria Today",
            published="2031-09-20T10:00",
        ),
    ]
    for sentence in summarize(story, words=100):
        assert not sentence.text.startswith("“")


def test_solver_without_an_optimum_falls_back_to_the_greedy_selection_and_says_so(monkeypatch, caplog):
    story = StoryText(_toll_story())
    greedy = summarize_story(story, words=45, selection="greedy")
    assert summarize_story(story, words=45) != greedy  # the two selections differ on this story

    monkeypatch.setattr(concepts, "TIME_LIMIT_SECONDS", 0.0)  # stops before any solution is proven
    with caplog.at_level("WARNING", logger="newsweave.digest.summary"):
        assert summarize_story(story, words=45) == greedy
    assert "falls back to the greedy selection: solver stopped without a proven optimum" in caplog.text


def test_solver_error_is_reported_not_raised(monkeypatch):
    class _Refusing:
        def setOptionValue(self, name, value):
            pass

        def passModel(self, model):
            raise ValueError("model is malformed")

    monkeypatch.setattr(concepts.highspy, "Highs", _Refusing)
    chosen = select_concepts([{"a"}, {"b"}], [3, 3], {"a": 1.0, "b": 1.0}, 10)
    assert not chosen.optimal and "model is malformed" in chosen.reason


def test_selection_must_be_known():
    with pytest.raises(ValueError, match="selection must be 'concepts' or 'greedy'"):
        summarize_story(StoryText(flood_story()), selection="lexrank")


def test_concept_summary_keeps_the_budget_and_reading_order():
    story = StoryText(flood_story())
    for budget in (30, 60, 100, 200):
        summary = summarize_story(story, words=budget)
        assert sum(word_count(s.text) for s in summary) <= budget
        days = [min(story.by_id[a].published for a in s.sources)[:10] for s in summary]
        assert days == sorted(days)
