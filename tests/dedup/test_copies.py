"""CopyDetector on fictional wire copies, hard negatives and the seed pages."""

from pathlib import Path

import pytest

from newsweave.dedup.copies import CopyDetector
from newsweave.model import Article

DATA = Path(__file__).parent / "data"  # fictional texts written for these tests: every name is invented


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8").strip()


WIRE = read("wire_v1.txt")
LEAD = WIRE.split("\n\n")[0]

# Another outlet's wording of the lead, and a credit line at the end.
RELEAD = (
    WIRE.replace(
        LEAD,
        "The harbour authority of Veloria shut the island's main container terminal on Tuesday after a"
        " crane fell onto a cargo ship in a storm, halting most of its imports for at least a week.",
    )
    + "\n\nWith reporting by Meridian Press."
)

# The first four paragraphs only, with the agency credited.
TRIMMED = "\n\n".join(WIRE.split("\n\n")[:4]) + "\n\n(Meridian Press)"

# Eight typos, one every 35 words or so.
TYPOS = WIRE
for right, wrong in [
    ("container terminal", "container termnial"),
    ("hospital", "hosptial"),
    ("anchor", "anchr"),
    ("independent", "independant"),
    ("warehouse", "warehose"),
    ("corrosion", "corossion"),
    ("customs staff", "custom staff"),
    ("materials", "materails"),
]:
    TYPOS = TYPOS.replace(right, wrong, 1)

# The outlet's own paragraph appended.
EXTENDED = (
    WIRE + "\n\nThe Harbour Times asked the authority how long cargo bound for the eastern islands would be"
    " delayed, but had received no reply by the time of publication."
)

# The next version of the wire story: a new top, and most of the first version kept below it.
UPDATE = read("wire_v2.txt")

# One outlet's boilerplate, closing two different articles of its own.
BOILERPLATE = (
    "The Harbour Times is an independent newspaper funded by its readers. If you value reporting like this,"
    " please consider a subscription: it costs less than a cup of coffee a week and keeps our journalists"
    " on the waterfront, where the stories are."
)
FESTIVAL = read("festival.txt") + "\n\n" + BOILERPLATE
FERRY = read("ferry.txt") + "\n\n" + BOILERPLATE


def article(id: str, text: str, **fields) -> Article:
    return Article(id=id, source=f"test:{id}", text=text, **fields)


def test_copies_with_edits_map_to_the_wire_services_own_article() -> None:
    articles = [
        article("relead", RELEAD, outlet="The Harbour Times", agency="Meridian Press", published="2024-03-05T09:00"),
        article("trimmed", TRIMMED, outlet="Island Daily", agency="Meridian Press", published="2024-03-05T08:10"),
        article("typos", TYPOS, outlet="Veloria Now", published="2024-03-05T11:30"),
        article("extended", EXTENDED, outlet="The Harbour Times", published="2024-03-05T12:00"),
        # The wire's own article is published after a copy: the credited agency still makes it the original.
        article("wire", WIRE, outlet="Meridian Press", agency="Meridian Press", published="2024-03-05T08:30"),
    ]

    copies = CopyDetector().find(articles)

    assert copies == {"relead": "wire", "trimmed": "wire", "typos": "wire", "extended": "wire"}


def test_without_the_agencys_own_article_the_earliest_dated_is_the_original() -> None:
    articles = [
        article("undated", TYPOS, outlet="Veloria Now"),
        article("at-0830z", TRIMMED, outlet="Island Daily", published="2024-03-05T08:30+00:00"),
        # 08:00 UTC: earlier, though its local time reads later.
        article("at-0800z", EXTENDED, outlet="The Harbour Times", published="2024-03-05T09:00+01:00"),
    ]

    assert CopyDetector().find(articles) == {"undated": "at-0800z", "at-0830z": "at-0800z"}


def test_successive_updates_of_one_wire_story_are_not_copies() -> None:
    articles = [
        article("v1", WIRE, outlet="Meridian Press", agency="Meridian Press", published="2024-03-05T08:30"),
        article("v2", UPDATE, outlet="Meridian Press", agency="Meridian Press", published="2024-03-07T10:00"),
    ]

    assert CopyDetector().find(articles) == {}


def test_an_update_that_keeps_all_of_the_earlier_version_under_a_new_top_is_not_a_copy() -> None:
    # Every word of v1 is in v2, so containment is 1: only the different opening tells them apart.
    new_top = "\n\n".join(UPDATE.split("\n\n")[:3])
    articles = [
        article("v1", WIRE, outlet="Meridian Press", published="2024-03-05T08:30"),
        article(
            "v2", new_top + "\n\n" + WIRE.removeprefix("PORT ALDER (Meridian Press) - "), published="2024-03-07T10:00"
        ),
    ]

    assert CopyDetector().find(articles) == {}


def test_an_update_that_drops_the_earlier_lead_under_a_new_top_is_not_a_copy() -> None:
    # Everything but the lead paragraph is kept word for word, so each text is mostly found in the
    # other (as for a copy with edits spread through it); neither lead opens the other text.
    new_top = UPDATE.split("\n\n")[0]
    body = "\n\n".join(WIRE.split("\n\n")[1:])
    articles = [
        article("v1", WIRE, outlet="Meridian Press", published="2024-03-05T08:30"),
        article("v2", new_top + "\n\n" + body, outlet="Meridian Press", published="2024-03-07T10:00"),
        article("relead", RELEAD, outlet="The Harbour Times", published="2024-03-05T09:00"),
    ]

    assert CopyDetector().find(articles) == {"relead": "v1"}


def test_a_trimmed_copy_with_typos_and_the_hosts_headlines_is_found_by_its_lead() -> None:
    # What a re-hosted copy looks like after extraction: six of eight paragraphs, four typos, and
    # three lines of the host's "most read" box the extractor kept. 79% of its 5-shingles are in
    # the wire story (under the 80% threshold); both open with the same lead, so it is a copy. The
    # host's own article, ending in the same box, is not.
    kept = "\n\n".join(WIRE.split("\n\n")[:6])
    for right, wrong in [("hospital", "hosptial"), ("anchor", "anchr"), ("warehouse", "warehose"),
                         ("reporters", "reproters")]:
        kept = kept.replace(right, wrong, 1)
    most_read = (
        "Most read on the Island Daily\n\nFerry fares to rise by a fifth from June, Veloria council confirms"
        "\n\nFestival organisers count the cost of a wet opening weekend"
    )
    articles = [
        article("wire", WIRE, outlet="Meridian Press", published="2024-03-05T08:30"),
        article("rehosted", kept + "\n\n" + most_read, outlet="Island Daily", published="2024-03-05T09:30"),
        article("host", read("ferry.txt") + "\n\n" + most_read, outlet="Island Daily", published="2024-03-05T07:00"),
    ]

    assert CopyDetector().find(articles) == {"rehosted": "wire"}


MOST_READ = (
    "Most read on the Island Daily\n\nFerry fares to rise by a fifth from June, Veloria council confirms\n\nFestival"
    " organisers count the cost of a wet opening weekend\n\nVeloria's oldest lighthouse keeper retires after"
    " forty-one winters on Gull Rock\n\nCouncil votes to keep the harbour market open on Sundays through the"
    " summer\n\nIsland Daily readers pick the best fish stall on the quay"
)


def test_a_copy_cut_to_half_under_a_long_box_of_the_hosts_headlines_is_found_by_its_lead() -> None:
    # Four of eight paragraphs and six lines of the host's box: 68% of its 5-shingles are in the wire story,
    # and both open with the same lead.
    half = "\n\n".join(WIRE.split("\n\n")[:4]) + "\n\n" + MOST_READ
    articles = [
        article("wire", WIRE, outlet="Meridian Press", published="2024-03-05T08:30"),
        article("rehosted", half, outlet="Island Daily", published="2024-03-05T09:30"),
    ]

    assert CopyDetector().find(articles) == {"rehosted": "wire"}


def test_an_update_that_keeps_the_lead_and_rewrites_the_rest_is_not_a_copy() -> None:
    # Same lead and second paragraph, four new paragraphs: 44% of it is in the earlier version.
    new = [
        "Engineers from the mainland arrived on Wednesday to begin cutting the crane free, a job the harbour"
        " authority said would take at least four days if the weather held.",
        "Shipping lines began diverting vessels to the smaller port at Calder Bay, where dock workers agreed to"
        " extra shifts through the weekend.",
        "Fuel merchants said stocks on the island would last about ten days, and the council asked drivers to"
        " avoid unnecessary journeys until deliveries resumed.",
        "The insurer of the damaged ship, which was carrying timber and farm machinery, sent its own surveyors"
        " to inspect the hull.",
    ]
    articles = [
        article("v1", WIRE, outlet="Meridian Press", published="2024-03-05T08:30"),
        article("v2", "\n\n".join(WIRE.split("\n\n")[:2] + new), outlet="Meridian Press",
                published="2024-03-06T08:30"),
    ]

    assert CopyDetector().find(articles) == {}


def test_a_later_copy_whose_top_was_cut_is_found_only_when_it_came_later() -> None:
    # A page whose extraction lost the first two paragraphs: it opens inside the wire story. Later
    # than the wire story it is a cut copy; earlier, the wire story would be an update over it.
    cut = "\n\n".join(WIRE.split("\n\n")[2:])
    wire = article("wire", WIRE, outlet="Meridian Press", published="2024-03-05T08:30")

    later = article("cut", cut, outlet="Island Daily", published="2024-03-05T11:00")
    earlier = article("cut", cut, outlet="Island Daily", published="2024-03-04T11:00")
    undated = article("cut", cut, outlet="Island Daily")

    assert CopyDetector().find([wire, later]) == {"cut": "wire"}
    assert CopyDetector().find([wire, earlier]) == {}
    assert CopyDetector().find([wire, undated]) == {}


def test_an_update_that_promotes_a_lower_paragraph_to_its_top_is_not_a_copy() -> None:
    # Wire updates often move a paragraph up to be the new lead: the later text then opens inside
    # the earlier one, but keeps the earlier lead below its top, which a cut copy has lost.
    paragraphs = WIRE.split("\n\n")
    promoted = "\n\n".join([paragraphs[5], *paragraphs[:5], *paragraphs[6:]])
    articles = [
        article("v1", WIRE, outlet="Meridian Press", published="2024-03-05T08:30"),
        article("v2", promoted, outlet="Meridian Press", published="2024-03-05T12:00"),
    ]

    assert CopyDetector().find(articles) == {}


def test_articles_sharing_an_outlets_boilerplate_are_not_copies() -> None:
    articles = [article("festival", FESTIVAL), article("ferry", FERRY)]

    assert CopyDetector().find(articles) == {}


def test_short_texts_are_never_copies() -> None:
    headline = "Crane collapses onto cargo ship at Port Alder"
    articles = [
        article("empty-1", ""),
        article("empty-2", ""),
        article("headline-1", headline),
        article("headline-2", headline),
    ]

    assert CopyDetector().find(articles) == {}


def test_copies_of_copies_join_one_group() -> None:
    # trimmed-of-typos shares nothing with WIRE that the typos copy does not, so it reaches the
    # original only through the group.
    trimmed_typos = "\n\n".join(TYPOS.split("\n\n")[:3])
    articles = [
        article("wire", WIRE, published="2024-03-05T08:30"),
        article("typos", TYPOS, published="2024-03-05T09:30"),
        article("trimmed-typos", trimmed_typos, published="2024-03-05T10:30"),
    ]

    assert CopyDetector().find(articles) == {"typos": "wire", "trimmed-typos": "wire"}


def test_seed_pages_are_not_copies_of_one_another(seed_articles) -> None:
    assert CopyDetector().find(list(seed_articles.values())) == {}


@pytest.mark.parametrize(
    ("setting", "value"),
    [("threshold", 0.0), ("threshold", 1.5), ("num_perm", 4), ("shingle_size", 0), ("min_words", 2)],
)
def test_invalid_settings_name_the_parameter(setting: str, value: float) -> None:
    with pytest.raises(ValueError, match=rf"{setting} must be .*; got {value!r}"):
        CopyDetector(**{setting: value})
