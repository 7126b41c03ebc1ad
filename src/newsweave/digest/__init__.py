"""Digest stage: what a reader of one story needs (summary, quotes, entities, timeline, claims), built from
its member articles only."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.digest.claims import extract_claims, find_conflicts
from newsweave.digest.context import StoryText
from newsweave.digest.entities import index_story
from newsweave.digest.gazetteer import Gazetteer
from newsweave.digest.grouping import group_sentences
from newsweave.digest.quotes import extract_quotes
from newsweave.digest.summary import summarize_story
from newsweave.digest.timeline import build_timeline, estimate_published
from newsweave.model import Article, Digest, SummarySentence

__all__ = ["build_digest", "estimate_published", "summarize"]

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


def build_digest(articles: Sequence[Article], *, words: int = 80, gazetteer: Gazetteer | None = None) -> Digest:
    """The digest of one story from all its members (copies included); pass `gazetteer` to reuse one."""
    if not articles:
        return Digest(headline="")
    story = StoryText(articles)
    groups = group_sentences(story)
    index = index_story(story, gazetteer=gazetteer)
    summary = summarize_story(story, groups, words=words)
    return Digest(
        headline=_headline(story, summary),
        summary=summary,
        quotes=extract_quotes(story, index=index),
        entities=index.entities(limit=ENTITY_LIMIT),
        timeline=build_timeline(story, groups),
        claims=extract_claims(story, groups),
        conflicts=find_conflicts(story, groups),
    )


def summarize(articles: Sequence[Article], *, words: int = 100) -> list[SummarySentence]:
    """An extractive summary of articles taken as one story, within `words` words."""
    if not articles:
        return []
    return summarize_story(StoryText(articles), words=words)
