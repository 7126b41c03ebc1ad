import pytest

from newsweave.digest import summarize
from newsweave.digest.context import StoryText
from newsweave.digest.grouping import group_sentences
from newsweave.digest.summary import word_count
from newsweave.text import content_words

from .helpers import article, flood_story


def test_fact_told_by_every_outlet_leads_and_lists_all_carriers_including_the_copy():
    summary = summarize(flood_story(), words=60)
    assert summary[0].text.startswith("Floodwater swept through the fishing town of Port Teverin")
    # The local paper paraphrases it and its copy carries what the paper carries.
    assert summary[0].sources == ["w1", "w2", "p1", "p1-copy"]


def test_summary_stays_within_the_word_budget_and_says_each_thing_once():
    for budget in (30, 60, 100, 200):
        summary = summarize(flood_story(), words=budget)
        assert summary
        assert sum(word_count(s.text) for s in summary) <= budget
        texts = [s.text for s in summary]
        assert len(set(texts)) == len(texts)
        assert not any(t.startswith("About 4,000 people") for t in texts), "paraphrase of the lead repeated"


def test_larger_budget_adds_single_source_details():
    short = summarize(flood_story(), words=45)
    long = summarize(flood_story(), words=200)
    assert len(long) > len(short)
    assert any(s.sources == ["w1"] for s in long)


def test_budget_smaller_than_any_sentence_cuts_the_best_sentence():
    summary = summarize(flood_story(), words=5)
    assert len(summary) == 1
    assert word_count(summary[0].text) == 5
    assert summary[0].text.endswith("…")


def test_no_articles_or_no_prose_gives_an_empty_summary():
    assert summarize([]) == []
    assert summarize([article("x", "Photo: Collected"), article("y", "Home | News | Sport")]) == []


def test_words_must_be_positive():
    with pytest.raises(ValueError, match="words must be at least 1"):
        summarize(flood_story(), words=0)


def test_grouping_joins_paraphrases_across_articles_but_not_different_facts():
    story = StoryText(flood_story())
    groups = group_sentences(story)
    lead = next(g for g in groups.groups if "Floodwater swept" in story.sentences[g.representative].text)
    assert lead.articles == ["w1", "w2", "p1"]  # originals only: copies are added by carriers()
    council = next(g for g in groups.groups if "town council" in story.sentences[g.representative].text)
    assert council.articles == ["p1"]


def test_seed_summary_is_bounded_sourced_and_about_the_story(august):
    summary = summarize(august, words=80)
    assert 1 <= len(summary) <= 4
    assert sum(word_count(s.text) for s in summary) <= 80
    joined = " ".join(s.text for s in summary)
    assert "Lukashenko" in joined and ("assistance" in joined or "security" in joined)
    for sentence in summary:
        # Every article holding this very sentence is listed among its sources.
        holders = {a.id for a in august if sentence.text in a.text}
        assert holders <= set(sentence.sources)
        assert sentence.sources == sorted(sentence.sources, key=[a.id for a in _by_time(august)].index)


def test_seed_summary_credits_the_paraphrase_in_another_outlet(august):
    summary = summarize(august, words=150)
    pledge = next(s for s in summary if "pledge" in s.text or "ready to ensure the security" in s.text)
    # 000 (Reuters) and 004 tell the phone-call pledge in different words.
    assert {"000", "004"} <= set(pledge.sources)
    kremlin = next((s for s in summary if "Kremlin statement" in s.text), None)
    if kremlin is not None:
        assert {"000", "001"} <= set(kremlin.sources)


def test_seed_summary_leaves_out_page_furniture(august):
    summary = summarize(august, words=300)
    for sentence in summary:
        assert not sentence.text.startswith("•")
        assert "comments" not in content_words(sentence.text)
        assert "Photo" not in sentence.text


def _by_time(articles):
    return StoryText(articles).members


def test_a_wire_dateline_is_neither_shown_nor_counted():
    wire = article(
        "d1",
        "LINDGATE, Veldria (Lantern Wire) - Nurses at four hospitals in Lindgate walked out on Saturday in the "
        "first strike by Veldrian nurses in almost twenty years, demanding a 12% pay rise.",
        "The Veldrian Nurses' Union said about 3,000 of its members had joined the 48-hour stoppage.",
        published="2031-09-20T09:00",
        agency="Lantern Wire",
    )
    summary = summarize([wire], words=26)
    assert summary[0].text.startswith("Nurses at four hospitals in Lindgate walked out")
    assert word_count(summary[0].text) == 26 and summary[0].text.endswith("rise.")  # fits once the dateline goes
