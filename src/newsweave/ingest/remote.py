"""An http(s) input to Documents: a page is one Document, a feed is a Document per item it links to."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from newsweave.ingest.decode import UnusableInput
from newsweave.ingest.feeds import FeedItem, read_feed
from newsweave.ingest.fetch import Fetched, Fetcher, NotModified
from newsweave.ingest.sniff import decode_declared
from newsweave.model import Document, Rejected


def read_url(url: str, fetcher: Fetcher) -> Iterator[Document | Rejected]:
    """A 304 (unchanged since an earlier run) yields nothing: its article is already in the store."""
    found = fetcher.fetch(url)
    if isinstance(found, NotModified):
        return
    if isinstance(found, Rejected):
        yield found
        return
    if found.kind == "feed":
        for item in read_feed(found.content, url):
            if isinstance(item, Rejected):
                yield item
            else:
                yield from _read_item(item, fetcher)
        return
    yield _page(url, found)


def _read_item(item: FeedItem, fetcher: Fetcher) -> Iterator[Document | Rejected]:
    found = fetcher.fetch(item.url, accept=("html",))
    if isinstance(found, NotModified):
        return
    if isinstance(found, Rejected):
        yield found
        return
    page = _page(item.url, found)
    if isinstance(page, Document):
        page.title, page.published = item.title, item.published
    yield page


def _page(source: str, found: Fetched) -> Document | Rejected:
    try:
        text = decode_declared(found.content, found.content_type)
    except UnusableInput as exc:
        return Rejected(source, str(exc))
    kind = "text" if found.kind == "text" else "html"
    return Document(source=source, kind=kind, content=text, digest=hashlib.sha256(found.content).hexdigest(),
                    url=found.url, captured=found.captured)
