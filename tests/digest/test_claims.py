import pytest

from newsweave.digest.claims import extract_claims, find_conflicts, group_claims
from newsweave.digest.context import StoryText

from .helpers import article, flood_story

FACT = "The Aldmere river burst its banks on Saturday and flooded 300 houses in the lower town."


def _claim(claims, fragment):
    matches = [c for c in claims if fragment in c.text]
    assert len(matches) == 1, f"{fragment!r} in {[c.text for c in claims]}"
    return matches[0]


def test_wire_story_in_two_outlets_counts_once_and_a_copy_counts_with_its_original():
    claims = extract_claims(StoryText(flood_story()))
    lead = _claim(claims, "Port Teverin on Saturday")
    assert lead.sources == ["w1", "w2", "p1", "p1-copy"]
    assert lead.independent_sources == 2  # Wirepress (two outlets) + the Teverin Gazette (and its copy)
    ministry = _claim(claims, "200 engineers")
    assert ministry.sources == ["w1", "w2"]
    assert ministry.independent_sources == 1
    council = _claim(claims, "schools would stay closed")
    assert council.sources == ["p1", "p1-copy"]
    assert council.independent_sources == 1


def test_shared_claims_come_first_most_independent_first_then_few_factual_single_source_ones():
    claims = extract_claims(StoryText(flood_story()), singles=1)
    assert claims[0].text.startswith("Floodwater swept")
    counts = [(c.independent_sources, len(c.sources)) for c in claims if len(c.sources) >= 2]
    assert counts == sorted(counts, reverse=True)
    lone = [c for c in claims if len(c.sources) == 1]
    assert len(lone) == 1
    assert lone[0].text.startswith("Mayor Dunstan Fairweather said")  # a reported statement
    assert not any("Rescue boats searched" in c.text for c in claims)  # neither number nor attribution


def test_outlets_without_agency_count_separately_and_one_outlet_counts_once():
    members = [
        article("a", FACT, outlet="Teverin Gazette"),
        article("b", FACT, outlet="Teverin Gazette"),
        article("c", FACT, outlet="Coastal Ledger"),
        article("d", FACT),
        article("e", FACT),
    ]
    claim = _claim(extract_claims(StoryText(members)), "300 houses")
    assert claim.sources == ["a", "b", "c", "d", "e"]
    assert claim.independent_sources == 4  # one Gazette, the Ledger, and two articles with no outlet


def test_limits_are_checked():
    with pytest.raises(ValueError, match="limit and singles"):
        extract_claims(StoryText(flood_story()), singles=-1)


def test_conflict_where_one_account_makes_no_mention_of_a_fact():
    members = [
        article(
            "a",
            "The Veskan government said it would pay compensation to every flooded household in Port Teverin.",
            outlet="Coastal Ledger",
        ),
        article(
            "b",
            "A government statement made no mention of compensation but said repairs would begin within a week.",
            outlet="Teverin Gazette",
        ),
    ]
    conflicts = find_conflicts(StoryText(members))
    assert len(conflicts) == 1
    assert conflicts[0].cue == "made no mention of"
    assert conflicts[0].claim.startswith("The Veskan government said it would pay compensation")
    assert conflicts[0].sources == ["a"] and conflicts[0].disputed_sources == ["b"]
    assert find_conflicts(StoryText(flood_story())) == []


def test_seed_kremlin_statement_from_one_wire_counts_once(august):
    story = StoryText(august)
    claim = _claim(extract_claims(story), "A Kremlin statement made no mention")
    assert {"000", "001"} <= set(claim.sources)
    assert story.independent(["000", "001"]) == 1  # both Reuters
    assert claim.independent_sources == 1 + ("002" in claim.sources) + ("004" in claim.sources)


def test_seed_claims_order_and_bounds(august):
    claims = extract_claims(StoryText(august), limit=20, singles=5)
    shared = [c for c in claims if len(c.sources) >= 2]
    lone = [c for c in claims if len(c.sources) == 1]
    assert claims[: len(shared)] == shared and len(lone) <= 5
    assert [c.independent_sources for c in shared] == sorted((c.independent_sources for c in shared), reverse=True)
    assert shared[0].independent_sources >= 2


def test_seed_conflict_kremlin_silent_on_assistance(august):
    conflicts = find_conflicts(StoryText(august))
    assert conflicts
    conflict = conflicts[0]
    assert "made no mention of such assistance" in conflict.disputed_by
    assert "assistance" in conflict.claim
    assert {"000", "001"} <= set(conflict.disputed_sources)


def test_conflict_where_independent_sources_give_different_figures():
    members = [
        article(
            "a", "Floodwater forced 4,000 residents of Port Teverin from their homes on Saturday.", outlet="Ledger"
        ),
        article(
            "b", "Floodwater forced 5,000 residents of Port Teverin from their homes on Saturday.", outlet="Gazette"
        ),
        article(
            "c", "Floodwater forced 4,000 residents of Port Teverin from their homes on Saturday.", outlet="Ledger"
        ),
    ]
    claim = _claim(extract_claims(StoryText(members)), "residents of Port Teverin")
    assert claim.sources == ["a", "b", "c"]  # one claim: the figure is what they disagree on
    conflicts = find_conflicts(StoryText(members))
    assert [(c.cue, c.sources, c.disputed_sources) for c in conflicts] == [("different figures", ["a", "c"], ["b"])]
    same_source = [members[0], article("d", members[1].text, outlet="Ledger")]
    assert find_conflicts(StoryText(same_source)) == []


def test_a_denial_in_other_word_forms_disputes_the_claim():
    story = StoryText(
        [
            article(
                "c1",
                "The miners' union said it had warned the company about cracks in the tunnel roof.",
                "Company spokesman Teodor Brask denied that the company had received any warning.",
                "Rescuers began drilling a second shaft towards the trapped men on Saturday.",
                published="2031-10-18T18:30",
                outlet="Orvik Weekly",
            ),
            article(
                "c2",
                "Rescue teams began drilling a second shaft towards the trapped men at Orvik on Saturday.",
                published="2031-10-18T19:00",
                outlet="The Northmarch Courier",
            ),
        ]
    )
    conflicts = find_conflicts(story)
    assert len(conflicts) == 1
    assert conflicts[0].claim.startswith("The miners' union said it had warned")  # "warning" meets "warned"
    assert conflicts[0].disputed_by.startswith("Company spokesman Teodor Brask denied")
    assert conflicts[0].cue == "denied"


def _violin_story(*extra_b: str) -> list:
    return [
        article(
            "a",
            "Thieves took a violin from the Hollin Museum of Music overnight, police said on Tuesday.",
            "The violin, valued at about 2 million crowns, was lifted from a locked case in the west hall.",
            "Eleven guards were questioned by detectives on Tuesday morning.",
            outlet="Hollin Courier",
            published="2031-03-04T10:00:00Z",
        ),
        article(
            "b",
            "A violin was stolen from the Hollin Museum of Music on Monday night.",
            "Experts value the violin at around 2 million crowns.",
            "Detectives have questioned 11 guards, the police said.",
            *extra_b,
            outlet="Skerry Post",
            published="2031-03-04T12:00:00Z",
        ),
    ]


def test_one_fact_in_other_words_and_figures_counts_both_outlets():
    # "valued" / "value" and "Eleven" / "11": the summary's grouping keeps each pair apart, claims join them
    claims = extract_claims(StoryText(_violin_story()))
    for fragment in ("valued at about 2 million crowns", "Eleven guards"):
        claim = _claim(claims, fragment)
        assert claim.sources == ["a", "b"]
        assert claim.independent_sources == 2


def test_a_short_quote_is_not_a_source_of_a_longer_claim_that_shares_its_words():
    # "receipts" / "receipt" alone would join them (cosine .59), and the two say opposite things
    story = StoryText(_violin_story('"We have the receipts."', '"We received no receipt for that violin."'))
    groups = group_claims(story)
    short = next(i for i, s in enumerate(story.sentences) if s.text == '"We have the receipts."')
    assert groups.groups[groups.group_of[short]].members == [short]
