import pytest

from newsweave.extract.dates import find_dates, parse_given, strip_leading_date


@pytest.mark.parametrize(
    ("printed", "iso", "label"),
    [
        ("16 August, 2031, 07:35 am", "2031-08-16T07:35", None),
        ("Last modified: 16 August, 2031, 05:50 pm", "2031-08-16T17:50", "updated"),
        ("Published 09/13/2031, 07:11 PM", "2031-09-13T19:11", "published"),
        ("Updated 13/09/2031, 19:15", "2031-09-13T19:15", "updated"),
        ("May 14, 2031 9:12 a.m.", "2031-05-14T09:12", None),
        ("Posted: 2031-05-14 09:12", "2031-05-14T09:12", "published"),
        ("2031-05-14T09:12:00+02:00", "2031-05-14T09:12:00+02:00", None),
        ("Friday, 14.05.2031", "2031-05-14", None),
        ("MONDAY, MARCH 3, 2033", "2033-03-03", None),
    ],
)
def test_printed_dates_keep_their_precision_and_label(printed, iso, label):
    found = find_dates(printed)
    assert [(d.value, d.label) for d in found] == [(iso, label)]


def test_no_date_in_relative_or_year_only_text():
    assert find_dates("Yesterday, 23:02 Ministers met") == []
    assert find_dates("Copyright © 2031 The Meridian Chronicle") == []


def test_leading_date_is_stripped_from_a_one_line_article():
    line = "2155 Saturday, 15 May, 2031, 17:30 The ferry union said talks would resume on Monday."
    assert strip_leading_date(line) == "The ferry union said talks would resume on Monday."
    assert strip_leading_date("The union met on 15 May, 2031, 17:30 to vote.").startswith("The union")


def test_given_dates_are_normalised():
    assert parse_given("2031-05-14") == "2031-05-14"
    assert parse_given("Wed, 14 May 2031 09:12:00 GMT") == "2031-05-14T09:12:00+00:00"
    assert parse_given("2031-05-14 09:12") == "2031-05-14T09:12"
    assert parse_given(None) is None


def test_a_given_fraction_of_a_second_is_kept_unless_it_is_zero():
    # Feeds stamp items to the millisecond; several a second must keep their order.
    assert parse_given("2031-05-14T09:12:07.698000+00:00") == "2031-05-14T09:12:07.698+00:00"
    assert parse_given("2031-05-14T09:12:07.123456Z") == "2031-05-14T09:12:07.123456+00:00"
    assert parse_given("2031-05-14T09:12:07.000Z") == "2031-05-14T09:12:07+00:00"


def test_given_dates_keep_their_printed_zone_and_invent_no_part():
    assert parse_given("May 14, 2031, 07:47 PM EST") == "2031-05-14T19:47-05:00"
    assert parse_given('"2031-05-14T09:12:00+02:00"') == "2031-05-14T09:12:00+02:00"  # quoted in a meta tag
    assert parse_given("May 14, 2031") == "2031-05-14"
    # A date without its day is not completed with today's day (dateparser reads it as the 1st).
    assert parse_given("May 2031") == "2031-05-01"
