"""Feeds and URLs end to end: a feed's items are fetched, bad items and bad feeds become reasons."""

from __future__ import annotations

from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.engine import run_pipeline
from newsweave.ingest import iter_documents
from newsweave.ingest.feeds import FeedItem, read_feed
from newsweave.model import Document, Rejected
from newsweave.store import Store

from .site import rss


def test_rss_items_give_links_titles_and_feed_dates():
    items = list(read_feed(rss("http://gazette.example"), "http://gazette.example/feed.xml"))
    links = [i for i in items if isinstance(i, FeedItem)]
    assert [i.url for i in links] == ["http://gazette.example/news/ferry.html", "http://gazette.example/news/tram.html",
                                      "http://gazette.example/missing"]
    assert links[0].title == "Port Alder ferry crews walk out over night pay"
    assert links[0].published == "2031-05-13T07:40:00+00:00"
    (no_link,) = [i for i in items if isinstance(i, Rejected)]
    assert no_link.source.endswith("#4") and "no link" in no_link.reason


def test_atom_feed_with_relative_links():
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
      <title>Lantern Wire</title><id>urn:x-fiction:lantern</id><updated>2031-05-14T08:00:00Z</updated>
      <entry><title>Sarre rises at Kessel Ford</title><link href="/wire/sarre.html"/><id>urn:x-fiction:1</id>
      <updated>2031-05-14T07:30:00Z</updated></entry></feed>"""
    (item,) = read_feed(atom, "http://lantern.example/atom.xml")
    assert item == FeedItem("http://lantern.example/wire/sarre.html", "Sarre rises at Kessel Ford",
                            "2031-05-14T07:30:00+00:00")


def test_invalid_feed_is_rejected_with_a_reason():
    broken, item = read_feed(b"<rss><channel><item><title>Unclosed & broken", "http://x.example/feed")
    assert isinstance(broken, Rejected) and broken.reason.startswith("invalid feed: not well-formed XML")
    assert "1 items recovered" in broken.reason
    assert isinstance(item, Rejected) and "no link" in item.reason  # what was recovered is still read


def test_page_that_is_no_feed_is_rejected():
    (rejected,) = read_feed(b"<html><body><p>Just a page</p></body></html>", "http://x.example/feed")
    assert isinstance(rejected, Rejected)


def test_feed_url_yields_its_pages_and_reasons_for_the_rest(site, fetcher):
    items = list(iter_documents([f"{site.base}/feed.xml"], fetcher=fetcher))
    docs = [i for i in items if isinstance(i, Document)]
    reasons = {i.source.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, Rejected)}
    assert [d.url for d in docs] == [f"{site.base}/news/ferry.html", f"{site.base}/news/tram.html"]
    assert docs[0].title == "Port Alder ferry crews walk out over night pay"
    assert docs[0].kind == "html" and docs[0].published == "2031-05-13T07:40:00+00:00"  # the feed's date
    assert docs[0].captured and docs[0].captured[:4] != "2031"  # the fetch time, kept apart from publication
    assert "HTTP 404" in reasons["missing"]
    assert "no link" in reasons["feed.xml#4"]


def test_broken_feed_and_bad_urls_are_rejected_and_the_rest_read(site, fetcher):
    urls = [f"{site.base}/broken-feed.xml", f"{site.base}/loop-a", f"{site.base}/photo.png",
            f"{site.base}/news/tram.html"]
    items = list(iter_documents(urls, fetcher=fetcher))
    assert [type(i).__name__ for i in items] == ["Rejected", "Rejected", "Rejected", "Rejected", "Document"]
    assert items[0].reason.startswith("invalid feed")
    assert items[2].reason.startswith("redirect loop")


def test_run_over_a_feed_stores_articles_with_feed_dates_and_second_run_uses_conditional_get(site, tmp_path):
    db = tmp_path / "n.db"
    with Store(db) as store:
        first = run_pipeline([f"{site.base}/feed.xml"], store=store, fetcher=_quick_fetcher())
    titles = {a.title for a in first.articles}
    assert titles == {"Port Alder ferry crews walk out over night pay", "Valden freezes tram fares again"}
    ferry = next(a for a in first.articles if "ferry" in a.title)
    assert ferry.url == f"{site.base}/news/ferry.html" and ferry.source == f"{site.base}/news/ferry.html"
    assert ferry.published == "2031-05-13T07:40:00+00:00"  # the feed's date: what the publisher gave
    assert any("HTTP 404" in r.reason for r in first.rejected)

    with Store(db) as store:  # a new process: validators come from the store (migration 5)
        kept = dict(store.conn.execute("SELECT url, etag FROM http_validators").fetchall())
        assert kept[f"{site.base}/news/ferry.html"] == '"ferry-v1"'
        run_pipeline([f"{site.base}/feed.xml"], store=store)
        assert len(store.article_ids()) == 2
    last_ferry = [h for p, _, h in site.hits if p == "/news/ferry.html"][-1]
    assert last_ferry["If-None-Match"] == '"ferry-v1"'


def test_cli_run_reads_a_page_url(site, tmp_path):
    out = tmp_path / "r.json"
    result = CliRunner().invoke(cli, ["run", f"{site.base}/moved", "--db", str(tmp_path / "n.db"), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "Port Alder ferry crews walk out over night pay" in result.output
    assert f'"url": "{site.base}/news/ferry.html"' in out.read_text()


def _quick_fetcher():
    from newsweave.ingest.fetch import Fetcher

    from .conftest import QUICK

    return Fetcher(settings=QUICK)
