"""The plain data that flows through every stage: ingest -> extract -> dedup -> cluster -> digest -> store."""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass, field, fields
from typing import Literal

DocumentKind = Literal["text", "html", "clean", "headline"]
EntityType = Literal["person", "place", "organization", "other"]
_IMMUTABLE = (str, int, float, bool, type(None))


def plain(value: object) -> object:
    """What dataclasses.asdict gives, without its deep copy of every string and number: those cannot change,
    and copying them took most of the time of serialising a run's stories."""
    if isinstance(value, _IMMUTABLE):
        return value
    if hasattr(type(value), "__dataclass_fields__"):
        return {name: plain(getattr(value, name)) for name in _field_names(type(value))}
    if type(value) in (list, tuple):
        return type(value)(plain(v) for v in value)
    if type(value) is dict:
        return {plain(k): plain(v) for k, v in value.items()}
    return copy.deepcopy(value)  # anything else, as asdict does


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@dataclass(slots=True)
class Document:
    """One raw input as found: a page dump, an HTML page or a pre-extracted record."""

    source: str  # path, URL or "<file>#<record id>"
    kind: DocumentKind  # "text" page dump, "html", "clean" article text, "headline" only
    content: str  # decoded page, HTML or clean text ("" for a headline-only record)
    digest: str  # sha256 of the raw input; article ids derive from it
    url: str | None = None
    title: str | None = None  # given by the input (JSONL), never guessed here
    published: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    captured: str | None = None  # when the page was fetched (WARC-Date); never a publication time


@dataclass(slots=True)
class Rejected:
    """An input that could not be used, with a reason a person can act on."""

    source: str
    reason: str


@dataclass(slots=True)
class Article:
    """One extracted article; fields follow CONTRACT.md."""

    id: str
    source: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_estimated: bool = False
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    dateline: str | None = None
    language: str | None = None
    copy_of: str | None = None
    story: str | None = None
    method: str = ""  # which extractor produced the text, e.g. "text-lines", "trafilatura"
    boilerplate: list[str] = field(default_factory=list)  # lines the extractor removed, for inspection

    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]

    def to_dict(self) -> dict:
        data = plain(self)
        data.pop("method")
        data.pop("boilerplate")
        return data


@dataclass(slots=True)
class Span:
    """Characters [start, end) of one article's text."""

    article: str
    start: int
    end: int


@dataclass(slots=True)
class SharedPassage:
    """A paragraph reused by articles that are not copies of each other."""

    text: str
    spans: list[Span]


@dataclass(slots=True)
class SummarySentence:
    text: str
    sources: list[str]


@dataclass(slots=True)
class Quote:
    speaker: str | None
    text: str
    sources: list[str]


@dataclass(slots=True)
class Entity:
    name: str
    type: EntityType
    mentions: int


@dataclass(slots=True)
class TimelineEntry:
    time: str
    text: str
    sources: list[str]


@dataclass(slots=True)
class Claim:
    text: str
    sources: list[str]
    independent_sources: int


@dataclass(slots=True)
class Conflict:
    """One account states a fact that another omits or denies."""

    claim: str
    sources: list[str]
    disputed_by: str
    disputed_sources: list[str]
    cue: str  # the words that dispute it: "made no mention of", "denied", "different figures"


@dataclass(slots=True)
class Digest:
    """What a reader of one story needs: built from its member articles only."""

    headline: str
    summary: list[SummarySentence] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass(slots=True)
class Story:
    id: str
    headline: str
    articles: list[str]  # member ids, copies included, in time order
    start: str | None = None
    end: str | None = None
    summary: list[SummarySentence] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    shared_passages: list[SharedPassage] = field(default_factory=list)

    def to_dict(self) -> dict:
        return plain(self)


@dataclass(slots=True)
class Storyline:
    id: str
    title: str
    stories: list[str]  # in time order


@dataclass(slots=True)
class Result:
    """The result contract (CONTRACT.md), whichever way the pipeline ran."""

    articles: list[Article] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    storylines: list[Storyline] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    version: int = 1

    def to_dict(self) -> dict:
        return {
            "version": self.version,
            "articles": [a.to_dict() for a in self.articles],
            "stories": [s.to_dict() for s in self.stories],
            "storylines": [plain(s) for s in self.storylines],
            "rejected": [plain(r) for r in self.rejected],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
