"""The story browser in headless Chromium against a live server: list → story → article, search, filters."""

from __future__ import annotations

import re

import pytest

from newsweave.store import Store

from .conftest import shot

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def store(example_db):
    with Store(example_db) as s:
        yield s


def _no_sideways_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the window"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_list_to_story_to_article(page, live_server, store, artifacts, viewport):
    width = "phone" if viewport is PHONE else "desktop"
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/")
    stories = store.stories()
    assert page.locator(".story-item").count() == len(stories)
    newest = max(stories, key=lambda s: s.start)
    assert page.locator(".story-item .headline").first.inner_text() == newest.headline
    _no_sideways_scroll(page)
    shot(page, artifacts, f"{width}-1-list")

    flood = next(s for s in stories if "Sarre" in s.headline)
    page.get_by_role("link", name=flood.headline).click()
    page.wait_for_url(f"**/stories/{flood.id}")
    assert page.locator("h1#headline").inner_text() == flood.headline
    assert page.locator(".summary li").count() == len(flood.summary)
    assert page.locator("#summary .chip.source").count() == sum(len(s.sources) for s in flood.summary)
    dated = [a for a in store.articles(flood.articles) if a.published]
    assert page.locator("svg.chart circle.dot").count() == len(dated)
    copies = [a for a in store.articles(flood.articles) if a.copy_of in flood.articles]
    assert page.locator("svg.chart line.copy-edge").count() == len(copies)
    assert page.locator(".copies li").count() == len(copies)
    assert page.locator("#claims .agree").count() == len(flood.claims)
    _no_sideways_scroll(page)
    shot(page, artifacts, f"{width}-2-story")

    first = store.article(flood.articles[0])
    page.locator("#sources").get_by_role("link", name=first.title).click()
    page.wait_for_url(f"**/articles/{first.id}")
    assert page.locator("h1#title").inner_text() == first.title
    assert page.locator("#text p").first.inner_text() == first.paragraphs()[0]
    removed = page.locator("#boilerplate li")
    assert first.boilerplate and not removed.first.is_visible()  # on demand only
    page.locator("#boilerplate summary").click()
    assert removed.first.is_visible() and removed.count() == len(first.boilerplate)
    _no_sideways_scroll(page)
    shot(page, artifacts, f"{width}-3-article")


def test_search_from_the_header(page, live_server, store, artifacts):
    page.goto(live_server.url + "/")
    page.locator("header input[name=q]").fill("dockworkers strike")
    page.locator("header button").click()
    page.wait_for_url(re.compile(r".*q=dockworkers\+strike.*"))
    both = [a for a in store.articles() if re.search(r"\bdockworkers?\b", f"{a.title} {a.text}", re.I)
            and re.search(r"\bstrik(e|es|ed|ing)\b", f"{a.title} {a.text}", re.I)]
    expected = {store.story(a.story).headline for a in both}
    assert set(page.locator(".story-item .headline").all_inner_texts()) == expected
    assert any("Port Alder dockworkers" in h for h in expected)
    marks = page.locator("#article-hits mark").all_inner_texts()
    assert marks and {m.lower() for m in marks} <= {"dockworkers", "strike", "strikes", "striking", "dockworker"}
    hit = page.locator("#article-hits li a").first
    title = hit.inner_text()
    hit.click()
    assert page.locator("h1#title").inner_text() == title
    shot(page, artifacts, "desktop-4-search")


def test_filters_by_outlet_entity_date_and_order(page, live_server, store, artifacts):
    articles = store.articles()
    stories = store.stories()
    page.goto(live_server.url + "/")
    page.locator("#filters select[name=outlet]").select_option("VBN News")
    page.locator("#filters button").click()
    vbn = {a.story for a in articles if a.outlet == "VBN News"}
    assert page.locator(".story-item").count() == len(vbn) < len(stories)
    shot(page, artifacts, "desktop-5-outlet")

    page.goto(live_server.url + "/")
    page.locator(".story-item .chip.entity", has_text="Kessel Ford").first.click()
    named = [s for s in stories if any(e.name == "Kessel Ford" for e in s.entities)]
    assert page.locator(".story-item").count() == len(named)
    assert page.locator("#filters input[name=entity]").input_value() == "Kessel Ford"

    page.goto(live_server.url + "/")
    page.locator("#filters input[name=from]").fill("2031-06-01")
    page.locator("#filters select[name=order]").select_option("largest")
    page.locator("#filters button").click()
    june = [s for s in stories if (s.end or s.start)[:10] >= "2031-06-01"]
    sizes = [int(t.split("·")[1].split()[0]) for t in page.locator(".story-item .meta").all_inner_texts()]
    assert len(sizes) == len(june) and sizes == sorted(sizes, reverse=True)
    shot(page, artifacts, "desktop-6-june-largest")

    page.get_by_role("link", name="Clear").click()
    assert page.locator(".story-item").count() == len(stories)


def test_a_hostile_title_is_shown_as_text_and_never_runs(page, live_server, hostile_id, store, artifacts):
    hostile = store.article(hostile_id)
    page.goto(live_server.url + "/")
    item = page.locator(".story-item", has_text="Brennick votes to close ferry landing")
    assert item.locator(".headline").inner_text() == hostile.title  # the tags are visible characters
    page.goto(f"{live_server.url}/articles/{hostile_id}")
    assert page.locator("h1#title").inner_text() == hostile.title
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("main img, main script, main b, main i").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.title().startswith("Brennick votes to close ferry landing <script>")
    shot(page, artifacts, "desktop-7-hostile")
