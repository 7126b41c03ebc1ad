"""What pages and the API share: reading query parameters, source chips, the copy tree, safe text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode, urlsplit

from fastapi import HTTPException
from markupsafe import Markup, escape

from newsweave.model import Article, Story
from newsweave.store.search import HIT_END, HIT_START, MAX_LIMIT, ORDERS, StoryFilter


def make_filter(*, order: str | None, date_from: str | None, date_to: str | None, outlet: str | None,
                entity: str | None, q: str | None, limit: int, offset: int) -> StoryFilter:
    """A StoryFilter from query parameters, where a blank form field means "any"; 400 names a bad one."""
    if (order or "newest") not in ORDERS:
        raise HTTPException(400, f"order must be one of {ORDERS}; got {order!r}")
    if not 1 <= limit <= MAX_LIMIT:
        raise HTTPException(400, f"limit must be in 1..{MAX_LIMIT}; got {limit!r}")
    if offset < 0:
        raise HTTPException(400, f"offset must not be negative; got {offset!r}")
    return StoryFilter(
        order=order or "newest",
        date_from=_date("from", date_from),
        date_to=_date("to", date_to),
        outlet=(outlet or "").strip() or None,
        entity=(entity or "").strip() or None,
        query=(q or "").strip() or None,
        limit=limit,
        offset=offset,
    )


def _date(name: str, value: str | None) -> date | None:
    if not (value or "").strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(400, f"{name} must be a date as YYYY-MM-DD; got {value!r}") from None


def filter_params(filt: StoryFilter, **changes: object) -> str:
    """The query string of this list with some parameters changed, for sort links and paging."""
    params = {
        "q": filt.query, "order": filt.order, "from": filt.date_from and filt.date_from.isoformat(),
        "to": filt.date_to and filt.date_to.isoformat(), "outlet": filt.outlet, "entity": filt.entity,
        "offset": filt.offset or None,
    }
    params.update(changes)
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def page_entities(stories: list[Story], *, limit: int = 40) -> list[str]:
    """Entity filter suggestions from the stories listed: named in most of them first, cheap at any store size."""
    counts = Counter(e.name for s in stories for e in s.entities)
    return [name for name, _ in counts.most_common(limit)]


def when(time: str | None) -> str:
    """A contract time for people: minutes, no seconds or offset ("2031-05-13 11:40")."""
    return time[:16].replace("T", " ") if time else "undated"


def marked(snippet: str) -> Markup:
    """A search snippet with its matched words in <mark>: escaped first, so only our marks become tags."""
    return Markup(str(escape(snippet)).replace(HIT_START, "<mark>").replace(HIT_END, "</mark>"))


def safe_url(url: str | None) -> str | None:
    """A page address worth linking: http(s) only, so a stored `javascript:` URL stays plain text."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


@dataclass(slots=True)
class Chip:
    """A source named by its outlet, linking to the article it stands for."""

    id: str
    label: str
    title: str


def chips(ids: list[str], articles: dict[str, Article]) -> list[Chip]:
    """Chips for these article ids; a second article from the same outlet is numbered, not shown twice alike."""
    found = []
    seen: dict[str, int] = {}
    for aid in ids:
        a = articles.get(aid)
        label = (a.outlet if a and a.outlet else None) or aid[:8]
        seen[label] = seen.get(label, 0) + 1
        shown = label if seen[label] == 1 else f"{label} ({seen[label]})"
        found.append(Chip(aid, shown, (a.title or aid) if a else aid))
    return found


@dataclass(slots=True)
class SourceNode:
    """An original article and the copies of it inside the same story."""

    article: Article
    copies: list[Article] = field(default_factory=list)
    original_elsewhere: str | None = None  # a copy whose original is not a member of this story


def copy_tree(story: Story, articles: dict[str, Article]) -> list[SourceNode]:
    """The story's sources as the copy graph: each original in time order with its copies under it."""
    members = [articles[aid] for aid in story.articles if aid in articles]
    inside = {a.id for a in members}

    def root(article: Article) -> str:
        seen = {article.id}
        current = article
        while current.copy_of in inside:
            if current.copy_of in seen:  # a cycle in stored data: show the article on its own
                return article.id
            seen.add(current.copy_of)
            current = articles[current.copy_of]
        return current.id

    roots = {a.id: root(a) for a in members}
    nodes = {a.id: SourceNode(a, original_elsewhere=a.copy_of) for a in members if roots[a.id] == a.id}
    for a in members:
        if roots[a.id] != a.id:
            nodes[roots[a.id]].copies.append(a)
    return list(nodes.values())
