"""JSONL records to Documents: one record per line, `text`, `page`, `html` or a bare `title`."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from newsweave.model import Document, Rejected

_KINDS = (("text", "clean"), ("page", "text"), ("html", "html"))


def read_jsonl(text: str, source: str) -> Iterator[Document | Rejected]:
    """Yield one Document per usable record; a bad line is rejected and the rest still read."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(f"{source}#{number}", f"line {number} is not valid JSON ({exc.msg}); fix or drop it")
            continue
        if not isinstance(record, dict):
            yield Rejected(f"{source}#{number}", f"line {number} is a JSON {type(record).__name__}, not an object")
            continue
        yield _to_document(record, source, number, line)


def _to_document(record: dict, source: str, number: int, line: str) -> Document | Rejected:
    record_id = record.get("id", number)
    where = f"{source}#{record_id}"
    digest = hashlib.sha256(line.strip().encode("utf-8")).hexdigest()
    title = _text_or_none(record.get("title"))
    for field, kind in _KINDS:
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            return _document(record, where, kind, value, digest, title)
    if title:
        return _document(record, where, "headline", "", digest, title)
    return Rejected(where, "record has none of 'text', 'page', 'html' or 'title'; add one of them")


def _document(record: dict, where: str, kind: str, content: str, digest: str, title: str | None) -> Document | Rejected:
    authors = record.get("authors") or ()
    if isinstance(authors, str):
        authors = (authors,)
    if not isinstance(authors, list | tuple) or not all(isinstance(a, str) for a in authors):
        return Rejected(where, f"'authors' must be a list of names or one name; got {type(authors).__name__}")
    return Document(
        source=where,
        kind=kind,  # type: ignore[arg-type]
        content=content,
        digest=digest,
        url=_text_or_none(record.get("url")),
        title=title,
        published=_text_or_none(record.get("published")),
        outlet=_text_or_none(record.get("outlet") or record.get("source")),
        authors=tuple(str(a) for a in authors if str(a).strip()),
    )


def _text_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
