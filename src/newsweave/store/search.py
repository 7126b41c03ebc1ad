"""Read queries a story browser needs: filtered story lists, facets and FTS5 search (migration 4)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsweave.model import Story
from newsweave.store.sqlite import Store

ORDERS = ("newest", "oldest", "largest")
MAX_LIMIT = 200
HIT_START, HIT_END = "\ue000", "\ue001"  # private-use marks around matched words; the web layer escapes, then marks
_WORD = re.compile(r"\w+", re.UNICODE)
_MAX_TERMS = 12  # longer queries are cut: each term is one more index lookup


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """What a reader asked for: an order, a date range, an outlet, an entity, search words, a page."""

    order: str = "newest"
    date_from: date | None = None
    date_to: date | None = None
    outlet: str | None = None
    entity: str | None = None
    query: str | None = None
    limit: int = 50
    offset: int = 0

    def __post_init__(self) -> None:
        if self.order not in ORDERS:
            raise ValueError(f"order must be one of {ORDERS}; got {self.order!r}")
        if not 1 <= self.limit <= MAX_LIMIT:
            raise ValueError(f"limit must be in 1..{MAX_LIMIT}; got {self.limit!r}")
        if self.offset < 0:
            raise ValueError(f"offset must not be negative; got {self.offset!r}")


@dataclass(frozen=True, slots=True)
class ArticleHit:
    """One article matching a search, with the matched words marked in a short snippet."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    story: str | None
    snippet: str


def fts_query(text: str | None) -> str | None:
    """Words of a reader's query as an FTS5 expression that cannot be a syntax error: every word, quoted."""
    words = _WORD.findall(text or "")[:_MAX_TERMS]
    return " ".join(f'"{w}"' for w in words) or None


def list_stories(store: Store, filt: StoryFilter) -> tuple[list[Story], int]:
    """One page of the stories that pass the filter, and how many pass in all."""
    where, params = _story_conditions(filt)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    total = store.conn.execute(f"SELECT COUNT(*) FROM stories {clause}", params).fetchone()[0]
    order = {
        "newest": "start IS NULL, start DESC, id",
        "oldest": "start IS NULL, start, id",
        "largest": "json_array_length(articles) DESC, start DESC, id",
    }[filt.order]
    rows = store.conn.execute(
        f"SELECT id FROM stories {clause} ORDER BY {order} LIMIT ? OFFSET ?", [*params, filt.limit, filt.offset]
    ).fetchall()
    stories = [store.story(row[0]) for row in rows]
    return [s for s in stories if s is not None], total


def _story_conditions(filt: StoryFilter) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    if filt.date_from:
        where.append("substr(coalesce(\"end\", start), 1, 10) >= ?")
        params.append(filt.date_from.isoformat())
    if filt.date_to:
        where.append("substr(start, 1, 10) <= ?")
        params.append(filt.date_to.isoformat())
    if filt.outlet:
        where.append("id IN (SELECT story FROM articles WHERE outlet = ?)")
        params.append(filt.outlet)
    if filt.entity:
        where.append(
            "EXISTS (SELECT 1 FROM json_each(stories.digest, '$.entities') AS e "
            "WHERE lower(json_extract(e.value, '$.name')) = lower(?))"
        )
        params.append(filt.entity)
    if filt.query is not None:
        match = fts_query(filt.query)
        if match is None:
            where.append("0")  # a query of no words matches nothing, rather than everything
        else:
            where.append(
                "id IN (SELECT a.story FROM articles_fts JOIN articles AS a ON a.id = articles_fts.id "
                "WHERE articles_fts MATCH ?)"
            )
            params.append(match)
    return where, params


def search_articles(store: Store, text: str, *, limit: int = 20, offset: int = 0) -> tuple[list[ArticleHit], int]:
    """Articles whose title or text hold every word of the query, best first (BM25, title weighted)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be in 1..{MAX_LIMIT}; got {limit!r}")
    match = fts_query(text)
    if match is None:
        return [], 0
    total = store.conn.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", (match,)).fetchone()[0]
    rows = store.conn.execute(
        "SELECT a.id, a.title, a.outlet, a.published, a.story, "
        "snippet(articles_fts, 2, ?, ?, '…', 16) AS snippet "
        "FROM articles_fts JOIN articles AS a ON a.id = articles_fts.id "
        "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 0.0, 5.0, 1.0), a.id LIMIT ? OFFSET ?",
        (HIT_START, HIT_END, match, limit, offset),
    ).fetchall()
    return [ArticleHit(r["id"], r["title"], r["outlet"], r["published"], r["story"], r["snippet"]) for r in rows], total


def outlets(store: Store) -> list[tuple[str, int]]:
    """Every outlet in the store with its article count, for the outlet filter."""
    rows = store.conn.execute(
        "SELECT outlet, COUNT(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY outlet"
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def headlines(store: Store, story_ids: list[str]) -> dict[str, str]:
    """Headlines of some stories without reading their digests, for links between them."""
    found: dict[str, str] = {}
    for chunk in range(0, len(story_ids), 500):
        part = story_ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        found.update(store.conn.execute(f"SELECT id, headline FROM stories WHERE id IN ({marks})", part).fetchall())
    return found


def story_outlets(store: Store, story_ids: list[str]) -> dict[str, list[str]]:
    """The outlets that carried each story, for the list page."""
    found: dict[str, list[str]] = {sid: [] for sid in story_ids}
    for chunk in range(0, len(story_ids), 500):
        part = story_ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        rows = store.conn.execute(
            f"SELECT DISTINCT story, outlet FROM articles WHERE story IN ({marks}) AND outlet IS NOT NULL "
            "ORDER BY outlet",
            part,
        ).fetchall()
        for row in rows:
            found[row[0]].append(row[1])
    return found
