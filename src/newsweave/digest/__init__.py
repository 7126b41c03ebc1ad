"""Digest stage: what a reader of one story needs (summary, quotes, entities, timeline, claims), built from
its member articles only."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

from newsweave.digest.claims import extract_claims, find_conflicts
from newsweave.digest.context import StoryText
from newsweave.digest.entities import index_story
from newsweave.digest.gazetteer import Gazetteer
from newsweave.digest.grouping import group_sentences
from newsweave.digest.quotes import extract_quotes
from newsweave.digest.summary import summarize_story
from newsweave.digest.timeline import build_timeline, estimate_published
from newsweave.model import Article, Digest, SummarySentence

__all__ = ["build_digest", "estimate_published", "guarded", "summarize"]

_log = logging.getLogger(__name__)
_Part = TypeVar("_Part")

HEADLINE_WORDS = 14  # a headline cut from a summary sentence: about the length of a printed one
ENTITY_LIMIT = 40


def _headline(story: StoryText, summary: list[SummarySentence]) -> str:
    """The earliest original's title; failing that, the first summary sentence cut to headline length."""
    for article in story.originals:
        if article.title and article.title.strip():
            return article.title.strip()
    for article in story.members:
        if article.title and article.title.strip():
            return article.title.strip()
    if not summary:
        return ""
    tokens = summary[0].text.split()
    if len(tokens) <= HEADLINE_WORDS:
        return summary[0].text
    return " ".join(tokens[:HEADLINE_WORDS]).rstrip(",;:") + "…"


def guarded(name: str, build: Callable[[], _Part], empty: _Part, *, articles: Sequence[Article]) -> _Part:
    """`build()`, or `empty` when it raises: the failure is logged in full with the story's articles."""
    try:
        return build()
    except Exception:  # noqa: BLE001 - any bug in a rule must not stop the run; it is logged, not hidden
        ids = ", ".join(a.id for a in articles[:5]) + (" ..." if len(articles) > 5 else "")
        _log.exception("%s failed for the story of articles %s; it is left empty", name, ids)
        return empty


def build_digest(articles: Sequence[Article], *, words: int = 80, gazetteer: Gazetteer | None = None) -> Digest:
    """The digest of one story from all its members (copies included); pass `gazetteer` to reuse one.

    Each part is built on its own: a part that fails on some unforeseen text is left empty and
    logged with the story's articles, so one odd page costs its story a part, never the whole run.
    """
    if not articles:
        return Digest(headline="")
    story = StoryText(articles)

    def part(name: str, build: Callable[[], _Part], empty: _Part) -> _Part:
        return guarded(name, build, empty, articles=articles)

    groups = part("digest part 'sentence groups'", lambda: group_sentences(story), None)
    index = part("digest part 'entities'", lambda: index_story(story, gazetteer=gazetteer), None)
    summary = part("digest part 'summary'", lambda: summarize_story(story, groups, words=words), [])
    return Digest(
        headline=_headline(story, summary),
        summary=summary,
        quotes=part("digest part 'quotes'", lambda: extract_quotes(story, index=index), []),
        entities=index.entities(limit=ENTITY_LIMIT) if index else [],
        timeline=part("digest part 'timeline'", lambda: build_timeline(story, groups), []),
        claims=part("digest part 'claims'", lambda: extract_claims(story), []),
        conflicts=part("digest part 'conflicts'", lambda: find_conflicts(story, groups), []),
    )


def summarize(articles: Sequence[Article], *, words: int = 100) -> list[SummarySentence]:
    """An extractive summary of articles taken as one story, within `words` words."""
    if not articles:
        return []
    return summarize_story(StoryText(articles), words=words)
