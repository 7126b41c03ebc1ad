from datetime import date

from newsweave.digest import estimate_published
from newsweave.digest.context import StoryText
from newsweave.digest.timeline import build_timeline, find_dates

from .helpers import article, flood_story

SUNDAY = date(2031, 4, 13)


def _days(text, base=SUNDAY):
    return [m.day.isoformat() for m in find_dates(text, base)]


def test_weekdays_resolve_against_the_article_date_by_tense():
    assert _days("The river burst its banks on Saturday.") == ["2031-04-12"]
    assert _days("Boats went out on Sunday morning.") == ["2031-04-13"]  # the day itself
    assert _days("It rained on Thursday and on Friday.") == ["2031-04-10", "2031-04-11"]
    assert _days("The council will meet on Monday.") == ["2031-04-14"]
    assert _days("He plans on Friday to visit the quay.") == ["2031-04-18"]
    assert _days("Polls closed last Sunday.") == ["2031-04-06"]  # "last" is never the day itself
    assert _days("Talks resume next Sunday.") == ["2031-04-20"]
    assert _days("Water rose yesterday.") == ["2031-04-12"]


def test_explicit_dates_with_and_without_a_year():
    assert _days("The wall was built on Aug. 14, 1998.") == ["1998-08-14"]
    assert _days("Inspectors last visited on September 4, 2018.") == ["2018-09-04"]
    assert _days("Repairs began on 16 August, 2030.") == ["2030-08-16"]
    assert _days("The harbour was dredged on Dec. 28.") == ["2030-12-28"]  # nearest year to April 2031
    assert _days("Repairs begin on Sept. 25.", base=date(2031, 9, 13)) == ["2031-09-25"]
    assert _days("Saturday, 12 April, 2031: the water rose.") == ["2031-04-12"]  # weekday not read twice


def test_no_article_date_means_only_explicit_years_resolve():
    assert _days("The river burst its banks on Saturday.", base=None) == []
    assert _days("The river burst its banks on Aug. 14.", base=None) == []
    assert _days("The wall was built on Aug. 14, 1998.", base=None) == ["1998-08-14"]


def test_dates_after_the_article_told_in_the_past_are_page_furniture():
    assert _days("A man stands near rubble in Aleppo, Syria February 6, 2033.") == []
    assert _days("The inquiry will report on February 6, 2033.") == ["2033-02-06"]


def test_timeline_holds_publications_and_merged_dated_facts_in_time_order():
    timeline = build_timeline(StoryText(flood_story()))
    times = [e.time for e in timeline]
    assert times == sorted(times)
    flood = [e for e in timeline if e.time == "2031-04-12" and "Port Teverin" in e.text]
    assert len(flood) == 1  # the same fact told by three outlets is one entry
    assert flood[0].sources == ["w1", "w2", "p1", "p1-copy"]
    publications = [e for e in timeline if "T" in e.time]
    assert [e.time for e in publications] == ["2031-04-13T09:00", "2031-04-13T11:00", "2031-04-13T15:30"]
    assert publications[0].text == "Floods force thousands from Port Teverin homes"
    assert any(e.time == "2031-04-13" and e.text.startswith("Shops in the market square") for e in timeline)


def test_estimated_dates_are_not_used_to_resolve_weekdays():
    guessed = article(
        "g", "The pier collapsed on Saturday after the storm.", published="2031-04-13", published_estimated=True
    )
    assert build_timeline(StoryText([guessed])) == []


def test_estimate_published_uses_the_original_then_the_earliest_member():
    members = [
        article("a", "One.", published="2031-04-13T15:30+02:00"),
        article("b", "Two.", published="2031-04-11T08:00"),
        article("c", "One.", copy_of="a"),
        article("d", "Three."),
    ]
    assert estimate_published(members) == {"c": "2031-04-13", "d": "2031-04-11"}
    assert estimate_published([article("x", "Undated.")]) == {}


def test_seed_weekdays_resolve_against_each_articles_own_date(august):
    timeline = build_timeline(StoryText(august))
    assert [e.time for e in timeline] == sorted(e.time for e in timeline)
    saturday = [e for e in timeline if e.time == "2020-08-15"]
    # 000 was published on Sunday 16 August: its "on Saturday" is the 15th.
    assert any(
        "phone call with President Vladimir Putin on Saturday" in e.text and "000" in e.sources for e in saturday
    )
    # 002 was published on Saturday: its "on Saturday" is the same day.
    assert any(e.text == "Several thousand people gathered in Minsk on Saturday." for e in saturday)
    assert any(e.time == "2020-08-17" and e.text.startswith("He plans on Monday") for e in timeline)
    assert any(e.time == "2020-08-09" and "last Sunday" in e.text for e in timeline)
    tuesday = next(e for e in timeline if e.time == "2020-08-11")
    assert set(tuesday.sources) == {"000", "001", "002"}  # "fled to neighbouring Lithuania on Tuesday"
    # 004 has no date, so its "said Saturday" and "on Sunday" are left unresolved.
    assert not any(e.sources == ["004"] for e in timeline)
    assert {e.time for e in timeline if "T" in e.time} == {"2020-08-15T17:30", "2020-08-16T07:35", "2020-08-16T17:45"}


def test_seed_undated_member_gets_the_story_date(august):
    assert estimate_published(august) == {"004": "2020-08-15"}


def test_tense_is_read_on_both_sides_of_the_weekday_but_a_statement_day_is_past():
    assert _days("On Monday the council will vote on the repairs.") == ["2031-04-14"]
    assert _days("The ministry said on Saturday it will rebuild the wall.") == ["2031-04-12"]
    assert _days("Officials said Friday that boats would return.") == ["2031-04-11"]
    assert _days("After the storm, residents gathered on Friday.") == ["2031-04-11"]


def test_hopes_and_schedules_in_the_present_look_ahead_and_each_clause_keeps_its_own_tense():
    saturday = date(2031, 10, 18)
    assert _days("Rescuers expect to reach the miners by Monday, Kovar said.", saturday) == ["2031-10-20"]
    assert _days("The talks, which begin on Tuesday, will last a week.", saturday) == ["2031-10-21"]
    assert _days("The minister travelled to Orvik on Friday night and returns on Monday.", saturday) == [
        "2031-10-17",
        "2031-10-20",
    ]
    assert _days("She said on Saturday that the men had food and water.", saturday) == ["2031-10-18"]
    assert _days("Police said on Saturday the road was closed.", date(2031, 10, 20)) == ["2031-10-18"]
