"""Metadata of whole-page text dumps: headline, times as printed, byline, wire credit, dateline, outlet, language.

The pages are fictional (benchmarks/data/textmeta/, dev part only: the held-back part is never used
to fix or test the rules).
"""

import json
from pathlib import Path

import pytest

from newsweave.extract import extract
from newsweave.extract.byline import read_byline
from newsweave.extract.dateline import read_dateline
from newsweave.extract.dates import find_dates
from newsweave.extract.outlets import canonical_outlet, outlet_for_domain
from newsweave.extract.textpage import extract_text_page
from newsweave.ingest.files import read_file

PAGES = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "textmeta"
LABELS = json.loads((PAGES / "labels.json").read_text(encoding="utf-8"))["pages"]
# Dev pages covering the shapes: AP's all-capitals byline with "Updated" only, German dpa with "Von A und
# B", a Russian RIA Novosti story, a Chinese paper's own reporter, a "Retrieved" stamp and a page clock far
# from publication, a credit closing the story ("dpa/rk/nh"), Spanish EFE, a page title "Outlet | Headline".
CASES = [
    "valden-courier-harbour-vote.txt",
    "northmarch-tribune-ap-election.txt",
    "veldrischer-anzeiger-dpa-bahn.txt",
    "veldriisky-vestnik-ria-vybory.txt",
    "xinhua-zh-own-reporter.txt",
    "valden-daily-post-iso-retrieved.txt",
    "korvala-star-epa-dpa-credit-end.txt",
    "diario-korvala-efe-incendio.txt",
    "ostry-observer-bst-match.txt",
]


@pytest.mark.parametrize("name", CASES)
def test_text_page_metadata_matches_the_labels(name):
    (doc,) = read_file(PAGES / name)
    article = extract(doc)
    gold = LABELS[name]
    found = {field: getattr(article, field) for field in gold}
    assert found == gold


def test_capture_and_render_dates_are_never_the_publication_time():
    page = (PAGES / "veldria-news-now-live-clock.txt").read_text(encoding="utf-8")
    assert extract_text_page(page).published == "2031-09-09T17:22"  # not the clock "LIVE 09:14 GMT, Jan 7, 2033"
    page = (PAGES / "valden-courier-harbour-vote.txt").read_text(encoding="utf-8")
    assert extract_text_page(page).published == "2031-05-14T09:20+02:00"  # not the header's "Thursday, 12 June 2032"
    assert find_dates("Retrieved 2032-01-04 09:12 UTC") == []


@pytest.mark.parametrize(
    ("printed", "iso", "label"),
    [
        ("Updated 4:15 PM GMT+2, April 9, 2031", "2031-04-09T16:15+02:00", "updated"),  # not POSIX's -02:00
        ("March 3, 2031 10:42 AM EST", "2031-03-03T10:42-05:00", None),
        ("Published: May 03, 2031 14:20 IST", "2031-05-03T14:20+05:30", "published"),
        ("Aktualisiert: 03.05.2031, 16:45 Uhr", "2031-05-03T16:45", "updated"),
        ("Publicado: 3 de mayo de 2031, 14:20 CEST", "2031-05-03T14:20+02:00", "published"),
        ("12 июня 2031, 09:15", "2031-06-12T09:15", None),
        ("2031年8月21日 18時05分", "2031-08-21T18:05", None),
        ("2031/08/19 07:45 JST", "2031-08-19T07:45+09:00", None),
        ("Stand: 02.12.2031 18:40 Uhr", "2031-12-02T18:40", "updated"),
        ("06 June, 2031, 14:20 pm", "2031-06-06T14:20", None),
    ],
)
def test_printed_times_keep_the_zone_as_printed(printed, iso, label):
    assert [(d.value, d.label) for d in find_dates(printed)] == [(iso, label)]


def test_an_update_time_printed_after_the_date_is_the_same_day():
    found = find_dates("Publié le 13 mai 2031 à 11h40, mis à jour à 16h05")
    assert [(d.value, d.label) for d in found] == [("2031-05-13T11:40", "published"), ("2031-05-13T16:05", "updated")]


def test_ambiguous_numeric_dates_are_day_first_outside_english_pages():
    assert find_dates("12/02/2031 19:45", dayfirst=True)[0].value == "2031-02-12T19:45"
    assert find_dates("12/02/2031 19:45")[0].value == "2031-12-02T19:45"
    assert find_dates("2031-05-03 14:20", dayfirst=True)[0].value == "2031-05-03T14:20"  # ISO is never day-first


@pytest.mark.parametrize(
    ("meta", "authors", "agency"),
    [
        (["By Dana Whitlock, Senior Correspondent"], ["Dana Whitlock"], None),
        (["By ANNA PELLO and RUBEN OKAFOR Associated Press"], ["Anna Pello", "Ruben Okafor"], "AP"),
        (["By Hugo Brandt, Lena Dorn and Caspar Lind"], ["Hugo Brandt", "Lena Dorn", "Caspar Lind"], None),
        (["Von Lena Hartwig und Tobias Brenner"], ["Lena Hartwig", "Tobias Brenner"], None),
        (["Por María Estévez | Corresponsal en Valden"], ["María Estévez"], None),
        (["By Prof. Aurel Demsky"], ["Aurel Demsky"], None),
        (["Written by Priya Nandan | Photos by Ole Brask"], ["Priya Nandan"], None),
        (["Hanne Oduya", "Political Editor"], ["Hanne Oduya"], None),
        (["Staff Reporter"], [], None),
        (["Автор: Ирина Волкова"], ["Ирина Волкова"], None),
        (["By The Associated Press"], [], "AP"),
    ],
)
def test_byline_names_people_without_their_roles(meta, authors, agency):
    found = read_byline(meta, None)
    assert (found.authors, found.agency) == (authors, agency)


def test_closing_credits_add_reporters_but_not_editors():
    closing = ["(Reporting by Ilse Marchetti; Additional reporting by Joren Vask; Editing by Paula Dent)"]
    found = read_byline(["By Ilse Marchetti"], None, closing=closing)
    assert found.authors == ["Ilse Marchetti", "Joren Vask"]


@pytest.mark.parametrize("closing", ["(With inputs from Reuters)", "Quelle: dpa", "--IANS", "dpa/rk/nh",
                                     "The government said all claims would be settled by the end of the year. (ANI)"])
def test_a_wire_credited_after_the_story_is_the_agency(closing):
    assert read_byline([], None, closing=[closing]).agency in {"Reuters", "dpa", "IANS", "ANI"}


def test_an_agency_merely_cited_in_the_prose_is_no_credit():
    prose = "The minister told Russian state news agency TASS that the bridge would open in autumn."
    assert read_byline([], [prose], closing=[prose]).agency is None


@pytest.mark.parametrize(
    ("opening", "place", "credit"),
    [
        ("KORVALA, Veldria (Reuters) - Veldria's grain exports reached a record", "KORVALA", "Reuters"),
        ("LONDON, May 3 (AP) — Ministers met", "LONDON", "AP"),
        ("Port Alder (AFP) - Ferry crews agreed", "Port Alder", "AFP"),
        ("Korvala (Veldria), 3 may (EFE).- Un incendio forestal", "Korvala", "EFE"),
        ("Korvala [Veldria], May 3 (ANI): Veldria on Saturday", "Korvala", "ANI"),
        ("КОРВАЛА, 12 июня. /ТАСС/. Новый мост", "КОРВАЛА", "ТАСС"),
        ("КОРВАЛА, 9 апр — РИА Новости. Социальный альянс", "КОРВАЛА", "РИА Новости"),
        ("【コルバラ共同】強い台風8号は21日", "コルバラ", "共同"),
        ("(Bloomberg) -- Veldria's central bank kept", None, "Bloomberg"),
        ("NORTHMARCH — The governor of Northmarch resigned", "NORTHMARCH", None),
    ],
)
def test_datelines_in_the_shapes_agencies_print(opening, place, credit):
    dateline = read_dateline(opening)
    assert dateline is not None and (dateline.place, dateline.credit) == (place, credit)


def test_ordinary_openings_are_not_datelines():
    assert read_dateline("Korvala Semiconductor said Saturday it will build a second plant.") is None
    assert read_dateline("The harbour board voted early on Wednesday.") is None


def test_owner_in_the_copyright_line_maps_to_its_outlet():
    assert canonical_outlet("Fusion Media") == "Investing.com"
    assert canonical_outlet("Korvala Star Publishing") == "Korvala Star Publishing"  # unknown: as printed
    assert outlet_for_domain("edition.cnn.com") == "CNN"
    assert outlet_for_domain("example.org") is None


def test_a_media_group_copyright_is_not_the_outlet():
    page = "\n".join([
        "Home", "News", "Sport",
        "Valden tram line approved after twenty years",
        "By Tomas Reve",
        "May 3, 2031",
        "The city council approved the tram line to Ostvik on Monday after a debate that lasted most of the day.",
        "Work on the seven-kilometre line will start next spring and the first trams should run in 2035, she said.",
        "Residents of the northern district have asked for a tram for more than twenty years, and many came to watch.",
        "© 2031 Gannett Co., Inc. All rights reserved.",
    ])
    assert extract_text_page(page).outlet is None
