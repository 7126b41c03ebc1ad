import pytest

from newsweave.digest.context import StoryText
from newsweave.digest.quotes import extract_quotes

from .helpers import article


def _quotes(*articles):
    return extract_quotes(StoryText(list(articles)))


def _by_text(quotes, fragment):
    matches = [q for q in quotes if fragment in q.text]
    assert len(matches) == 1, f"{fragment!r} in {[q.text for q in quotes]}"
    return matches[0]


@pytest.fixture
def harbour():
    return article(
        "h1",
        "Mayor Dunstan Fairweather of Port Teverin spoke to residents on the quay on Sunday morning.",
        '"The bridge will reopen next month," said Orla Brennick, 61, who runs the ferry office.',
        '"We have no reports of casualties," the Teverin Council said in a statement.',
        'Fairweather told reporters: "Every street will be cleared by Friday."',
        "“Help is on the way,” Fairweather tweeted. He later thanked volunteers from the villages.",
        'He said: "We owe the volunteers a great deal."',
        'Residents chanted "we want answers now" outside the hall.',
        '"The water came up through the floor," according to the Teverin Gazette.',
        '"It took everything," said Jory Maddick, 72. "Forty years of work, gone in one night."',
        'Officials called it a "once in a century" flood and a "tragedy".',
        published="2031-04-14T10:00",
    )


def test_speaker_after_the_quote_with_age_and_with_an_institution(harbour):
    quotes = _quotes(harbour)
    assert _by_text(quotes, "bridge will reopen").speaker == "Orla Brennick"
    assert _by_text(quotes, "no reports of casualties").speaker == "the Teverin Council"
    assert _by_text(quotes, "came up through the floor").speaker == "the Teverin Gazette"


def test_speaker_before_the_quote_and_surname_resolved_to_full_name(harbour):
    quotes = _quotes(harbour)
    assert _by_text(quotes, "Every street will be cleared").speaker == "Dunstan Fairweather"
    assert _by_text(quotes, "Help is on the way").speaker == "Dunstan Fairweather"


def test_pronoun_resolves_to_the_last_person_named(harbour):
    assert _by_text(_quotes(harbour), "We owe the volunteers").speaker == "Dunstan Fairweather"


def test_quote_continuing_after_attribution_keeps_the_speaker(harbour):
    quotes = _quotes(harbour)
    assert _by_text(quotes, "It took everything").speaker == "Jory Maddick"
    assert _by_text(quotes, "Forty years of work").speaker == "Jory Maddick"


def test_unattributed_quote_has_no_speaker_and_short_scare_quotes_are_skipped(harbour):
    quotes = _quotes(harbour)
    assert _by_text(quotes, "we want answers now").speaker is None
    assert not any(q.text == "tragedy" for q in quotes)  # fewer than three words
    assert _by_text(quotes, "once in a century").speaker is None


def test_same_quote_in_several_articles_is_merged_with_all_sources_and_copies():
    first = article(
        "a", '"The harbour wall held for ninety years," said engineer Peadar Lusk.', published="2031-04-14T09:00"
    )
    second = article(
        "b",
        "Engineer Peadar Lusk was blunt. “The harbour wall held for ninety years,” Lusk said.",
        published="2031-04-14T12:00",
    )
    copy = article("c", second.text, copy_of="b", published="2031-04-15T08:00")
    quotes = _quotes(second, copy, first)
    assert len(quotes) == 1
    assert quotes[0].speaker == "Peadar Lusk"
    assert quotes[0].sources == ["a", "b", "c"]


def test_min_words_is_checked():
    with pytest.raises(ValueError, match="min_words"):
        extract_quotes(StoryText([article("a", "Nothing.")]), min_words=0)


def test_seed_quote_by_alla_georgievna(august):
    quotes = extract_quotes(StoryText(august))
    alla = [q for q in quotes if q.speaker == "Alla Georgievna"]
    assert any(q.text.startswith("I'm for Lukashenko") for q in alla)
    assert any("pensions and salaries" in q.text for q in alla)
    assert all(q.sources == ["001"] for q in alla)


def test_seed_speakers_resolved_to_full_names_and_institutions(august):
    quotes = extract_quotes(StoryText(august))
    assert _by_text(quotes, "There is a need to contact Putin").speaker == "Alexander Lukashenko"
    assert _by_text(quotes, "Defending Belarus today").speaker == "Alexander Lukashenko"  # "He said:"
    assert _by_text(quotes, "Former president of #Belarus").speaker == "Linas Linkevicius"
    assert _by_text(quotes, "These problems should not be exploited").speaker == "the Kremlin"
    assert _by_text(quotes, "The motherland is in danger").speaker is None  # "one speaker told the crowd"


def test_seed_wire_quote_carried_by_two_articles_is_merged(august):
    quotes = extract_quotes(StoryText(august))
    belta = _by_text(quotes, "at the first request")
    assert belta.sources == ["000", "001"]
    assert belta.speaker == "Alexander Lukashenko"  # "cited remarks by Lukashenko that ..."
    assert quotes[0] is belta or len(quotes[0].sources) >= 2  # most widely carried first


def test_seed_speakers_are_names_never_role_phrases(august):
    speakers = {q.speaker for q in extract_quotes(StoryText(august))} - {None}
    assert speakers
    for speaker in speakers:
        assert speaker[:1].isupper() or speaker.startswith("the ")
        assert speaker.split()[-1][:1].isupper(), speaker


def test_quote_paragraph_after_an_attributed_one_continues_it_but_not_after_prose():
    story = article(
        "q",
        '"We lost the boats first," said harbour master Edda Stromvik.',
        '"Then the nets went, and then the sheds along the quay."',
        "The harbour has been closed since the storm.",
        '"Nobody came to help us for two days."',
    )
    quotes = _quotes(story)
    assert _by_text(quotes, "Then the nets went").speaker == "Edda Stromvik"
    assert _by_text(quotes, "Nobody came to help").speaker is None


def test_apposition_partial_quote_and_subject_of_the_sentence():
    quotes = _quotes(
        article(
            "t1",
            "A ministry spokesman, Oskar Brandl, said the talks had been “frank and useful” and had dealt with trade.",
            "Katrin Allod, the transport minister, called the fire “an unacceptable failure” and said the inquiry "
            "would report within six weeks.",
            "\"The crew did everything right,\" said Tobias Renck, the coastguard commander for Gull Sound.",
        )
    )
    assert _by_text(quotes, "frank and useful").speaker == "Oskar Brandl"
    assert _by_text(quotes, "an unacceptable failure").speaker == "Katrin Allod"
    assert _by_text(quotes, "The crew did everything right").speaker == "Tobias Renck"  # not "Gull Sound"


def test_a_quote_running_on_into_the_next_paragraph_keeps_its_speaker():
    quotes = _quotes(
        article(
            "t2",
            "Relatives waited outside the pithead at Orvik through the night.",
            "“My husband has worked in that pit for twenty years,” said Marta Sedlin, 44. “He always said the new "
            "tunnel was not safe.",
            "“Nobody listened to him. Nobody listens to miners until something like this happens.”",
            "The company did not respond to questions.",
            "“We are still waiting for news of the others.”",
        )
    )
    assert _by_text(quotes, "Nobody listened to him").speaker == "Marta Sedlin"
    assert _by_text(quotes, "still waiting for news").speaker is None  # prose came between: not hers


def test_inverted_attribution_with_a_possessive_role_names_the_person_in_apposition():
    quotes = _quotes(
        article(
            "v1",
            "The Felskar Weavers' Guild met on Tuesday. Its treasurer is Sven Roald.",
            '"Prices are rising faster than wages," said the bank\'s governor, Amalie Brunn. "We had no choice."',
            '"It should have come in spring," said the union\'s treasurer, Sven Roald.',
            '"We will not strike this year," said her deputy, Ola Brekke, 54.',
            '"The figures are final," said the ministry, adding that Minister Tove Lind would speak on Friday.',
            "Bank of Veldria deputy governor Pia Holm spoke later. “We will watch wages closely,” the Bank of "
            "Veldria said in a statement.",
            published="2031-05-06T09:00",
        )
    )
    assert _by_text(quotes, "rising faster than wages").speaker == "Amalie Brunn"
    assert _by_text(quotes, "We had no choice").speaker == "Amalie Brunn"
    assert _by_text(quotes, "come in spring").speaker == "Sven Roald"
    assert _by_text(quotes, "not strike this year").speaker == "Ola Brekke"
    assert _by_text(quotes, "figures are final").speaker != "Tove Lind"  # not an apposition naming the speaker
    assert _by_text(quotes, "watch wages closely").speaker == "the Bank of Veldria"
