"""Ingest and extract, the first two stages, apart from the rest: `newsweave extract` needs only these,
and clustering and digests bring in scikit-learn and scipy, most of a second of start-up."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from newsweave.extract import article_id, extract
from newsweave.extract.templates import TemplateCounts, learn, page_lines, strip
from newsweave.ingest import iter_documents
from newsweave.ingest.fetch import Fetcher
from newsweave.model import Article, Rejected
from newsweave.settings import Settings

if TYPE_CHECKING:
    from newsweave.store import Store


def read_articles(
    inputs: Sequence[str],
    *,
    settings: Settings,
    known: set[str] = frozenset(),  # type: ignore[assignment]
    progress: Callable[[str], None] | None = None,
    seen: dict[str, str] | None = None,
    fetcher: Fetcher | None = None,
) -> tuple[list[Article], list[str], list[Rejected]]:
    """Ingest and extract: new articles, ids of every input article (new or known), rejected inputs.

    `seen`, if given, is filled with the source that first gave each article id, so an engine that
    reads shards apart (engine.dask) can reject content repeated across shards with the same reason.
    """
    new: list[Article] = []
    seen = {} if seen is None else seen
    rejected: list[Rejected] = []
    for item in iter_documents(inputs, max_bytes=settings.max_bytes, fetcher=fetcher):
        if progress:
            progress(item.source)
        if isinstance(item, Rejected):
            rejected.append(item)
            continue
        aid = article_id(item)
        if aid in seen:
            rejected.append(Rejected(item.source, f"same content as {seen[aid]}; it is read once"))
            continue
        if aid in known:
            seen[aid] = item.source
            continue
        found = extract(item)
        if isinstance(found, Rejected):
            rejected.append(found)
            continue
        seen[aid] = item.source
        new.append(found)
    return new, list(seen), rejected


def strip_templates(articles: Sequence[Article], *, store: Store | None = None) -> TemplateCounts:
    """Learn each outlet's chrome from all `articles` (and the store's earlier counts), then remove it
    from every article's text, in place; returns the counts this run adds (`store` is not written).

    Counting the whole run before stripping any page is what lets pages of one outlet help each other.
    """
    pages = [page_lines(a) for a in articles]
    counted = [p for p in pages if p is not None]
    counts = store.template_counts(counted) if store is not None else TemplateCounts()
    added = learn(counted, counts)
    for article, page in zip(articles, pages, strict=True):
        if page is not None:
            strip(article, page, counts)
    return added
