"""What an extractor returns: the text and metadata it found, and which method found them."""

from __future__ import annotations

from dataclasses import dataclass, field


class NoArticle(Exception):
    """The input holds no article; the message is the reason shown in `rejected`."""


@dataclass(slots=True)
class Extraction:
    text: str
    method: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    removed: list[str] = field(default_factory=list)  # boilerplate lines, kept for inspection
