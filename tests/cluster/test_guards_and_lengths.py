"""StoryClusterer's giant-story guards, its threshold for short texts, and its pruned candidate index."""

from datetime import datetime, timedelta

import pytest

from newsweave.cluster.stories import FULL_LENGTH, StoryClusterer
from newsweave.model import Article

# Fictional reports of one event (every name invented), one a day: a strike at the Tarvel glassworks.
REPORT = (
    "Workers at the Tarvel glassworks in Osmund walked out on {day} over pay, the Osmund Glass Union said. "
    "Union leader Brannoc Feyl said the strike at Tarvel would go on until managers at the Osmund plant "
    "restore the bonus they cut in the spring. Tarvel said talks with the union would resume."
)
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def strike_reports(n: int, *, hours_apart: float) -> list[Article]:
    start = datetime(2031, 3, 3, 8, 0)
    return [
        Article(
            id=f"r{k:02d}",
            source="fiction",
            title=f"Tarvel glassworks strike in Osmund, report {k}",
            text=REPORT.format(day=DAYS[k % 7]),
            published=(start + timedelta(hours=hours_apart * k)).isoformat(),
        )
        for k in range(n)
    ]


def test_a_story_stops_taking_members_at_max_size() -> None:
    clusterer = StoryClusterer(max_size=3).partial_fit(strike_reports(7, hours_apart=1))

    assert [clusterer.labels_[f"r{k:02d}"] for k in range(7)] == ["s-r00"] * 3 + ["s-r03"] * 3 + ["s-r06"]
    assert clusterer.stories_["s-r00"].closed == "3 members (max_size 3)"


def test_a_story_spanning_max_span_days_is_closed_and_the_next_report_opens_a_new_one() -> None:
    # One report every 20 hours stays inside the 3-day window, but the coverage goes on for 8 days.
    clusterer = StoryClusterer(max_span_days=4).partial_fit(strike_reports(10, hours_apart=20))

    labels = [clusterer.labels_[f"r{k:02d}"] for k in range(10)]
    assert labels[:6] == ["s-r00"] * 6  # r05 arrives 100 h after r00: the span reaches 4 days
    assert set(labels[6:]) == {"s-r06"}
    assert clusterer.stories_["s-r00"].closed.startswith("spans 4.2 days")


def test_without_guards_the_same_coverage_is_one_story() -> None:
    clusterer = StoryClusterer(max_span_days=30).partial_fit(strike_reports(10, hours_apart=20))

    assert set(clusterer.labels_.values()) == {"s-r00"}


def test_headlines_join_a_story_that_full_reports_of_the_same_words_would_not_need_to() -> None:
    headlines = [
        Article(id="h1", source="fiction", text="", title="Tarvel glassworks strike halts Osmund production"),
        Article(id="h2", source="fiction", text="", title="Osmund union extends Tarvel strike into second week"),
        Article(id="h3", source="fiction", text="", title="Kessel rail timetable changes for summer"),
    ]
    clusterer = StoryClusterer().partial_fit(headlines)

    assert clusterer.labels_ == {"h1": "s-h1", "h2": "s-h1", "h3": "s-h3"}
    # The two headlines share 3 of their 5-6 words: their cosine is below the full-text threshold.
    assert clusterer._threshold_for(5) < 0.5 * clusterer.threshold
    assert clusterer._threshold_for(FULL_LENGTH) == clusterer.threshold


def test_stories_out_of_the_window_leave_the_index() -> None:
    # 600 one-day events (invented place names), five days apart: the index holds recent ones only.
    articles = [
        Article(
            id=f"e{k:03d}",
            source="fiction",
            title=f"Flood in Vale{k} closes Bridge{k}",
            text=f"Water rose in Vale{k} on Monday and Bridge{k} was closed, the Vale{k} council said.",
            published=(datetime(2031, 1, 1) + timedelta(days=5 * k)).isoformat(),
        )
        for k in range(600)
    ]
    clusterer = StoryClusterer().partial_fit(articles)

    assert len(set(clusterer.labels_.values())) == 600
    filed = {story for posting in clusterer.index_.values() for story in posting}
    assert len(filed) < 260  # retired every 256 articles: at most those since the last sweep remain
    assert "s-e599" in filed and "s-e000" not in filed


@pytest.mark.parametrize(
    ("setting", "value"), [("half_life_days", 0), ("max_size", 1), ("max_span_days", -2)]
)
def test_invalid_guard_settings_name_the_parameter(setting: str, value: float) -> None:
    with pytest.raises(ValueError, match=rf"{setting} must be .*; got {value!r}"):
        StoryClusterer(**{setting: value})


# Coverage that chains from the strike to another event: two reports of both, then the fire alone.
FIRE = (
    "Fire crews in Lenmouth fought a blaze at a riverside timber warehouse through the night, the Lenmouth "
    "fire service said. Chief officer Ilsa Marrend said the warehouse roof collapsed but nobody was hurt; "
    "investigators will examine the wiring of the timber store."
)


# What each later fire report adds: follow-ups differ, as real ones do.
FIRE_DETAILS = [
    "Residents of the quay were told to keep their windows shut while smoke drifted over the harbour.",
    "The owner, Corvell Timber, said its insurers would send assessors on Thursday morning.",
    "Two neighbouring boatsheds were scorched and a delivery lorry parked outside was destroyed.",
    "Police closed Quay Street to traffic and asked drivers to use the northern bridge instead.",
    "A council engineer will inspect the riverside wall, which cracked in the heat of the flames.",
    "Volunteers from the rowing club helped move stacked boats away from the burning warehouse.",
    "The fire service said dry weather and a stiff easterly wind had spread the flames quickly.",
    "Local traders offered spare storage space to the timber merchant while the site is cleared.",
]


def drifting_coverage() -> list[Article]:
    """Five strike reports, two reports of the strike and the fire, then eight of the fire alone."""
    strike = strike_reports(5, hours_apart=1)
    start = datetime(2031, 3, 3, 14, 0)
    both = [f"Tarvel glassworks strike and Lenmouth fire, report {k}" for k in range(2)]
    alone = [f"Lenmouth timber warehouse fire, report {k}" for k in range(2, 10)]
    return strike + [
        Article(id=f"f{k:02d}", source="fiction", title=title,
                text=FIRE + " " + REPORT.format(day="Monday") if k < 2 else f"{FIRE} {FIRE_DETAILS[k - 2]}",
                published=(start + timedelta(hours=k)).isoformat())
        for k, title in enumerate(both + alone)
    ]


def test_a_story_whose_latest_members_drift_from_its_first_ones_is_closed() -> None:
    clusterer = StoryClusterer().partial_fit(drifting_coverage())

    labels = clusterer.labels_
    assert {labels[f"r{k:02d}"] for k in range(5)} == {"s-r00"}
    assert clusterer.stories_["s-r00"].closed.startswith("drifted: its latest 5 members score")
    assert labels["f09"] != "s-r00"  # the last fire reports open a story of their own
    assert labels["f00"] == "s-r00"  # the reports of both events stay with the strike


def test_without_the_drift_guard_the_same_coverage_stays_one_story() -> None:
    clusterer = StoryClusterer(drift=0.0).partial_fit(drifting_coverage())

    assert set(clusterer.labels_.values()) == {"s-r00"}
    assert clusterer.stories_["s-r00"].closed is None


def test_drift_is_checked() -> None:
    with pytest.raises(ValueError, match="drift"):
        StoryClusterer(drift=-0.1)
