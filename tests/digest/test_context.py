from datetime import date, datetime

from newsweave.digest.context import StoryText
from newsweave.times import local_date, parse_time

from .helpers import article


def test_members_in_time_order_with_undated_last_and_copies_resolved_to_their_original():
    story = StoryText(
        [
            article("late", "B.", published="2031-04-14T09:00"),
            article("undated", "C."),
            article("copy-of-copy", "A.", copy_of="copy"),
            article("copy", "A.", copy_of="early", published="2031-04-13T12:00"),
            article("early", "A.", published="2031-04-13T08:00"),
            article("orphan", "D.", copy_of="not-a-member"),
        ]
    )
    assert [a.id for a in story.members][:3] == ["early", "copy", "late"]
    assert story.root["copy-of-copy"] == "early"
    assert [a.id for a in story.originals] == ["early", "late", "undated", "orphan"]
    assert story.carriers({"early"}) == ["early", "copy", "copy-of-copy"]


def test_a_loop_of_copies_keeps_one_original():
    story = StoryText([article("a", "Same.", copy_of="b"), article("b", "Same.", copy_of="a")])
    assert [a.id for a in story.originals] == ["a"]
    assert story.carriers({"a"}) == ["a", "b"]


def test_independence_by_agency_then_outlet_then_article():
    story = StoryText(
        [
            article("r1", "x", agency="Wirepress", outlet="Ledger"),
            article("r2", "x", agency="wirepress ", outlet="Gazette"),
            article("g1", "x", outlet="Gazette"),
            article("g2", "x", outlet="Gazette"),
            article("n1", "x"),
            article("n2", "x"),
            article("c1", "x", copy_of="n1", outlet="Elsewhere"),
        ]
    )
    assert story.independent(["r1", "r2"]) == 1
    assert story.independent(["g1", "g2"]) == 1
    assert story.independent(["n1", "n2"]) == 2
    assert story.independent(["n1", "c1"]) == 1
    assert story.independent(["r1", "g1", "n1", "c1"]) == 3


def test_times_iso_zoned_and_printed():
    assert parse_time("2031-04-13T08:00") == datetime(2031, 4, 13, 8, 0)
    assert parse_time("2031-04-13T08:00+02:00") == datetime(2031, 4, 13, 6, 0)  # sorted as UTC
    assert local_date("2031-04-13T01:00+05:00") == date(2031, 4, 13)  # the day as printed
    assert parse_time("13 April, 2031, 08:00 am") == datetime(2031, 4, 13, 8, 0)  # not ISO: dateparser
    assert parse_time("yesterday-ish") is None and local_date(None) is None
