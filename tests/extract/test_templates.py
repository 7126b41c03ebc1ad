"""Per-outlet templates: chrome learnt across pages of one outlet and removed from bodies; shared
paragraphs of wire-story updates kept. Every outlet, person and story here is fictional (Veldria)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsweave
from newsweave.cli import cli
from newsweave.engine.local import run_pipeline
from newsweave.engine.reading import read_articles, strip_templates
from newsweave.extract.templates import TemplateCounts, learn, line_key, outlet_key, page_lines, strip
from newsweave.model import Article
from newsweave.settings import Settings
from newsweave.store import Store

STORIES = [
    ["The Ostry city council voted on Tuesday to close the old tram depot on Kessel Street by the end of "
     "the year, ending more than ninety years of repairs on the site.",
     "Councillor Anja Brisk said the depot's roof could no longer be made safe and that the work would move "
     "to a new hall beside the northern ring road, where forty mechanics are already based.",
     "Residents have asked for the depot's clock tower to be kept, and the council said a decision on the "
     "building's future would follow a public consultation in the spring."],
    ["Fishermen in Port Alder landed the largest herring catch in a decade this week, the harbour authority "
     "said, after two years in which boats returned half empty from the northern banks.",
     "Harbour master Tomas Aalto said cold water had returned to the banks in October and that prices at "
     "the morning auction had fallen by a third as a result of the larger landings.",
     "The fishermen's union said it would ask the ministry to raise next year's quota, a request the "
     "ministry has turned down twice since the low catches began."],
    ["The Sarre Valley rail line will reopen on Monday after six weeks of repairs to the bridge at Kessel "
     "Ford, which was damaged when the river rose above its banks in the spring floods.",
     "Veldrian Rail said trains would run at reduced speed over the bridge until the new supports had "
     "settled, adding about ten minutes to the journey between Ostry and the valley towns.",
     "Commuters who bought monthly passes during the closure will be offered a refund of half the fare, the "
     "company said in a statement on Friday."],
    ["A library in Northmarch has returned a book of poems borrowed in 1961, after a reader found it in "
     "the attic of a house she had bought in the old quarter of the town last summer.",
     "Librarian Dagny Holm said the fine, had it been charged, would have come to more than four thousand "
     "crowns, but the library had waived it and put the book on display by the entrance.",
     "The book, a first edition by a poet from the valley, is one of only three copies known to survive, "
     "and the library said it would be digitised so that readers can see it online."],
    ["The Veldrian national orchestra will tour five northern towns in June, its first tour outside the "
     "capital since the concert hall in Ostry closed for rebuilding two years ago.",
     "Conductor Liv Ederlund said the orchestra wanted to play in towns that had no concert hall of their "
     "own, and that tickets would cost no more than fifteen crowns for every seat.",
     "Schools in the five towns will be invited to the morning rehearsals, the orchestra said, and "
     "students of music will be able to join the players for one piece at each concert."],
]
# One wire story as successive updates: each version adds a paragraph and keeps the earlier ones.
WIRE = [
    "Firefighters were battling a blaze at a timber yard on the edge of Kessel Ford on Wednesday morning, "
    "and residents of nearby streets were told to keep their windows closed because of the smoke.",
    "The fire broke out shortly after five o'clock, the regional fire service said, and more than sixty "
    "firefighters with twelve engines had been sent to the yard by the middle of the morning.",
    "Police closed the road between Kessel Ford and the valley towns, and buses were diverted through the "
    "northern villages, adding about half an hour to journeys, the transport authority said.",
    "By the afternoon the fire service said the blaze was under control and that no one had been hurt, "
    "though the yard's two main sheds and much of its stock had been destroyed.",
    "The yard's owner, Oskar Falk, said he would rebuild and that all forty workers would be paid while "
    "the site was cleared, a process he expected to take several months.",
]
NEWSLETTER = ("Sign up for the Herald Morning Note: the stories that matter in Veldria, chosen by our editors "
              "and sent to your inbox every weekday.")
BIO = ("Mira Holm covers city hall and the courts for the Veldria Herald. Before joining the paper she "
       "reported for regional weeklies across the valley for six years.")
FOOTER = ["© 2031 Veldria Herald Media Ltd. All rights reserved.", "Terms of use", "Privacy notice"]
MENU = ["Home", "Veldria", "Business", "Sport", "Culture"]
URL = "https://www.veldriaherald.vd/news/{}"


def article(n: int, body: list[str], *, chrome: bool = True, url: str | None = None) -> Article:
    """A page of the Veldria Herald as the extractor left it: its newsletter box slipped into the body."""
    return Article(id=f"a{n}", source=f"page-{n}.txt", url=url or URL.format(n), method="text-lines",
                   text="\n\n".join([*body, NEWSLETTER] if chrome else body),
                   boilerplate=[*MENU, BIO, *FOOTER] if chrome else [])


def test_outlet_key_is_the_registered_domain_else_the_outlet_name():
    assert outlet_key("https://news.veldriaherald.co.uk/a/1", "Ignored") == "veldriaherald.co.uk"
    assert outlet_key("https://www.veldriaherald.vd/x", None) == "veldriaherald.vd"
    assert outlet_key("http://127.0.0.1:8000/page", None) == "127.0.0.1"
    assert outlet_key(None, "The  Véldria Herald") == "the veldria herald"
    assert outlet_key(None, None) is None and outlet_key("", "  ") is None
    assert outlet_key("http://[veldria", "Ostry Evening Post") == "ostry evening post"  # unparseable URL


def test_line_keys_ignore_case_numbers_and_spacing_only():
    assert line_key("© 2031 Veldria Herald Media Ltd.") == line_key("©  2032 VELDRIA herald media ltd.")
    assert line_key("© 2031 Veldria Herald Media Ltd.") != line_key("© 2031 Ostry Evening Post Ltd.")


def test_chrome_on_pages_of_different_stories_leaves_the_body():
    articles = [article(n, body) for n, body in enumerate(STORIES)]
    strip_templates(articles)
    for item, body in zip(articles, STORIES, strict=True):
        assert item.paragraphs() == body
        assert NEWSLETTER in item.boilerplate


def test_two_pages_teach_nothing_yet():
    articles = [article(n, body) for n, body in enumerate(STORIES[:2])]
    strip_templates(articles)
    assert all(NEWSLETTER in item.paragraphs() for item in articles)


def test_the_same_article_read_twice_counts_once():
    counts = TemplateCounts()
    page = page_lines(article(0, STORIES[0]))
    added = learn([page, page], counts)
    learn([page], counts)
    assert counts.outlets[page.outlet].pages == 1 == added.outlets[page.outlet].pages
    assert set(counts.outlets[page.outlet].line_pages.values()) == {1}


def test_wire_updates_keep_their_shared_paragraphs():
    """Four versions of one story share whole paragraphs: article text, not chrome. The outlet's chrome
    on the same pages is still learnt from its other stories."""
    updates = [article(10 + n, WIRE[: n + 2]) for n in range(4)]
    others = [article(n, body) for n, body in enumerate(STORIES[:3])]
    articles = [*updates, *others]
    strip_templates(articles)
    for item, n in zip(updates, range(4), strict=True):
        assert item.paragraphs() == WIRE[: n + 2]
    assert all(NEWSLETTER not in item.paragraphs() for item in articles)


def test_wire_updates_alone_are_not_chrome():
    updates = [article(10 + n, WIRE[: n + 2], chrome=False) for n in range(4)]
    strip_templates(updates)
    assert [item.paragraphs() for item in updates] == [WIRE[: n + 2] for n in range(4)]


def test_a_story_quoted_by_other_pages_teasers_keeps_its_opening():
    opening = STORIES[0][0]
    teased = [article(n, body) for n, body in enumerate(STORIES[1:], start=1)]
    for item in teased:
        item.boilerplate += ["Most read", opening]
    first = article(0, STORIES[0])
    strip_templates([first, *teased])
    assert first.paragraphs() == STORIES[0]


def test_a_body_made_only_of_chrome_is_left_whole():
    articles = [article(n, body) for n, body in enumerate(STORIES)]
    only_chrome = Article(id="x", source="x.txt", url=URL.format("x"), method="text-lines",
                          text=f"{NEWSLETTER}\n\n{FOOTER[0]}", boilerplate=[*MENU])
    strip_templates([*articles, only_chrome])
    assert only_chrome.paragraphs() == [NEWSLETTER, FOOTER[0]]


def test_pages_without_outlet_or_given_text_are_not_templated():
    counts = TemplateCounts()
    anonymous = Article(id="n", source="n.txt", text="\n\n".join(STORIES[0]), method="text-lines")
    given = article(1, STORIES[1])
    given.method = "given"
    assert page_lines(anonymous) is None and page_lines(given) is None
    assert not learn([], counts).outlets


def template_rows(store: Store) -> dict[str, list[tuple]]:
    tables = ("template_outlets", "template_lines", "template_pages")
    return {t: sorted(tuple(row) for row in store.conn.execute(f"SELECT * FROM {t}")) for t in tables}


def test_a_later_run_uses_the_stored_counts_and_a_rerun_adds_nothing(tmp_path):
    db = tmp_path / "t.db"
    with Store(db) as store, store.transaction():
        store.add_template_counts(strip_templates([article(n, body) for n, body in enumerate(STORIES[:4])],
                                                  store=store))
    with Store(db) as store:
        stored = template_rows(store)
        assert all(stored.values())
        values = [value for rows in stored.values() for row in rows for value in row]
        assert "veldriaherald.vd" in values and not any(NEWSLETTER in str(v) for v in values)  # hashes, no text
        later = article(4, STORIES[4])
        with store.transaction():
            store.add_template_counts(strip_templates([later], store=store))
        assert later.paragraphs() == STORIES[4]  # one page in the run: the stored pages taught it
        after_one = template_rows(store)
        with store.transaction():
            store.add_template_counts(strip_templates([article(4, STORIES[4])], store=store))
        again = template_rows(store)
    assert again == after_one != stored


def page_dump(body: list[str]) -> str:
    """A whole-page text dump of the fictional Veldria Herald, author bio and newsletter box after the story."""
    return "\n".join(["Veldria Herald", *MENU, "By Mira Holm", "12 March 2031 09:40", *body, NEWSLETTER, BIO,
                      "Share this article", "Most read", *FOOTER]) + "\n"


def write_folder(folder: Path) -> Path:
    folder.mkdir()
    for n, body in enumerate(STORIES):
        (folder / f"herald-{n}.txt").write_text(page_dump(body), encoding="utf-8")
    return folder


def test_pages_of_one_outlet_in_a_folder_help_each_other(tmp_path):
    folder = write_folder(tmp_path / "herald")
    alone, _, _ = read_articles([str(folder)], settings=Settings())
    assert any(NEWSLETTER in a.text or BIO in a.text for a in alone)  # the extractor alone keeps some chrome
    with Store(None) as store:
        result = run_pipeline([str(folder)], store=store)
        stored = store.articles()
    assert len(result.articles) == len(STORIES)
    for item in [*result.articles, *stored]:
        assert NEWSLETTER not in item.text and BIO not in item.text
        assert any(STORIES[k][1] in item.text for k in range(len(STORIES)))


def test_newsweave_extract_learns_from_the_folder_it_reads(tmp_path):
    folder = write_folder(tmp_path / "herald")
    out = tmp_path / "articles.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(folder), "--jsonl", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    texts = [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(texts) == len(STORIES)
    assert not any(NEWSLETTER in text or BIO in text for text in texts)
    # the Python API gives the command's articles
    assert [a.text for a in newsweave.extract([folder]).articles] == texts


def test_the_dask_engine_strips_as_the_local_one(tmp_path):
    pytest.importorskip("distributed")
    from newsweave.engine.dask import run_dask

    folder = write_folder(tmp_path / "herald")
    with Store(None) as store:
        local = run_pipeline([str(folder)], store=store)
    with Store(None) as store:
        spread = run_dask([str(folder)], store=store, workers=1, min_block=1)
    assert [a.to_dict() for a in spread.articles] == [a.to_dict() for a in local.articles]
    assert [a.boilerplate for a in spread.articles] == [a.boilerplate for a in local.articles]


def test_strip_reports_whether_anything_went():
    articles = [article(n, body) for n, body in enumerate(STORIES)]
    counts = TemplateCounts()
    pages = [page_lines(a) for a in articles]
    learn(pages, counts)
    assert strip(articles[0], pages[0], counts) is True
    assert strip(articles[0], page_lines(articles[0]), counts) is False
