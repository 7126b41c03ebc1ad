"""RSS and Atom feeds (feedparser) to the pages they list, with each item's title and date as the feed gives them."""

from __future__ import annotations

import xml.sax
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser

from newsweave.model import Rejected


@dataclass(slots=True)
class FeedItem:
    url: str
    title: str | None
    published: str | None  # as the publisher's feed gives it, ISO 8601


def read_feed(content: bytes, url: str) -> Iterator[FeedItem | Rejected]:
    """Each item's link, or why an item (or the whole feed) cannot be used; a bad item never stops the rest."""
    parsed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=False)
    # feedparser recovers what it can from broken XML: report the feed, then read the items it found.
    if parsed.bozo and isinstance(parsed.bozo_exception, xml.sax.SAXException):
        problem = parsed.bozo_exception.getMessage()
        recovered = f"read the {len(parsed.entries)} items recovered from it" if parsed.entries else "no items in it"
        yield Rejected(url, f"invalid feed: not well-formed XML ({problem}); {recovered}; check the address")
    elif not parsed.entries and not parsed.version:
        yield Rejected(url, "not an RSS or Atom feed: no channel or feed element found; check the address")
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or _alternate_link(entry)
        if not link:
            yield Rejected(f"{url}#{number}", f"feed item {number} ({entry.get('title') or 'untitled'}) has no link "
                                              "to a page")
            continue
        yield FeedItem(url=urljoin(url, link.strip()), title=(entry.get("title") or "").strip() or None,
                       published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")))


def _alternate_link(entry: dict) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def _iso(parsed: object) -> str | None:
    """feedparser gives UTC struct_time; keep it as an ISO time with its zone."""
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()  # type: ignore[index]
    except (TypeError, ValueError):
        return None
