"""The pieces pages are built from: the copy tree, source chips, the timeline chart, safe links and marks."""

from __future__ import annotations

from newsweave.model import Article, Story, TimelineEntry
from newsweave.store.search import HIT_END, HIT_START
from newsweave.web.charts import timeline_chart
from newsweave.web.views import chips, copy_tree, marked, safe_url


def _a(aid: str, outlet: str, published: str | None, copy_of: str | None = None) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text="Fictional text.", title=f"Fictional headline {aid}",
                   outlet=outlet, published=published, copy_of=copy_of)


ARTICLES = {a.id: a for a in [
    _a("orig", "Lantern Wire", "2031-05-21T06:00"),
    _a("copy1", "The Fictional Courier", "2031-05-21T07:00", copy_of="orig"),
    _a("copy2", "Valley Fictional Post", "2031-05-21T09:00", copy_of="copy1"),  # a copy of a copy
    _a("own", "The Fictional Courier", "2031-05-21T12:00"),
    _a("late", "Valley Fictional Post", None, copy_of="elsewhere"),
]}
STORY = Story(id="s-orig", headline="Fictional", articles=list(ARTICLES),
              timeline=[TimelineEntry("2031-05-18", "Rain began.", ["orig"]), TimelineEntry("soon", "?", [])])


def test_copy_tree_puts_copies_of_copies_under_their_first_original():
    tree = copy_tree(STORY, ARTICLES)
    assert [(n.article.id, [c.id for c in n.copies], n.original_elsewhere) for n in tree] == [
        ("orig", ["copy1", "copy2"], None), ("own", [], None), ("late", [], "elsewhere")]


def test_copy_tree_survives_a_cycle_in_stored_data():
    looped = {"x": _a("x", "A", "2031-05-21T06:00", copy_of="y"), "y": _a("y", "B", "2031-05-21T07:00", copy_of="x")}
    tree = copy_tree(Story(id="s", headline="h", articles=["x", "y"]), looped)
    assert sorted(n.article.id for n in tree) == ["x", "y"]


def test_chips_number_a_second_article_from_one_outlet():
    labels = [c.label for c in chips(["copy1", "own", "orig", "gone-1234567890"], ARTICLES)]
    assert labels == ["The Fictional Courier", "The Fictional Courier (2)", "Lantern Wire", "gone-123"]


def test_timeline_chart_draws_dated_articles_copy_edges_and_events():
    chart = timeline_chart(STORY, ARTICLES)
    assert [d.article for d in chart.dots] == ["orig", "copy1", "copy2", "own"] and chart.undated == 1
    assert len(chart.edges) == 2 and [lane.label for lane in chart.lanes] == [
        "Lantern Wire", "The Fictional Courier", "Valley Fictional Post"]
    xs = [d.x for d in chart.dots]
    assert xs == sorted(xs) and xs[0] == chart.left and xs[-1] == chart.plot_end
    assert [e.label for e in chart.events] == ["Rain began."]  # an unreadable time is left out, not guessed


def test_timeline_chart_needs_some_time():
    undated = {"u": _a("u", "A", None)}
    assert timeline_chart(Story(id="s", headline="h", articles=["u"]), undated) is None


def test_only_http_addresses_become_links():
    assert safe_url("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,x", "vbscript:x", "//evil", None):
        assert safe_url(bad) is None


def test_marked_escapes_before_marking():
    html = str(marked(f"<b>{HIT_START}ferry{HIT_END}</b> & co"))
    assert html == "&lt;b&gt;<mark>ferry</mark>&lt;/b&gt; &amp; co"


def test_an_axis_over_many_months_labels_its_years():
    story = Story(id="s", headline="h", articles=["orig"], timeline=[
        TimelineEntry("2031-05-13", "Strike began.", ["orig"]), TimelineEntry("2032-07-01", "Deal ends.", ["orig"])])
    chart = timeline_chart(story, ARTICLES)
    assert chart.event_ticks[0].label == "May 2031" and chart.event_ticks[-1].label == "Jul 2032"
    assert chart.ticks[0].label == "21 May 05:00"  # one article: an hour either side
