"""What a fetched or archived payload is (page, feed, something else), by its declared type and its bytes."""

from __future__ import annotations

import codecs
from typing import Literal

from newsweave.ingest.decode import UnusableInput, decode

PayloadKind = Literal["html", "feed", "text"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
_XML_TYPES = ("application/xml", "text/xml")
# Declared types that say nothing reliable: servers label pages with them often enough to look inside.
_VAGUE_TYPES = ("", "application/octet-stream", "text/plain", "unknown/unknown", "binary/octet-stream")


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def payload_kind(content_type: str | None, head: bytes) -> PayloadKind | None:
    """`html`, `feed` or `text` (a page dump) when usable; None for images, PDFs, JSON and the like."""
    declared = media_type(content_type)
    sniffed = _sniff(head)
    if declared in _HTML_TYPES:
        return "feed" if sniffed == "feed" else "html"
    if declared in _FEED_TYPES or declared.endswith(("+rss", "+atom")):
        return "feed"
    if declared in _XML_TYPES:
        return sniffed if sniffed in ("feed", "html") else None
    if declared in _VAGUE_TYPES:
        if sniffed:
            return sniffed
        return "text" if declared == "text/plain" else None
    return None


def _sniff(head: bytes) -> PayloadKind | None:
    start = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:512] or b"<body" in start:
        return "html"
    if start.startswith(b"<?xml") or start.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
            return "feed"
        if b"<html" in start:
            return "html"
    return None


def decode_declared(data: bytes, content_type: str | None) -> str:
    """Decode with the charset the server declared when it fits, else detect it (`decode`)."""
    declared = charset(content_type)
    if declared:
        try:
            codecs.lookup(declared)
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if not text.strip():
                raise UnusableInput("empty body: nothing to read")
            return text.lstrip("\ufeff")
    return decode(data)
