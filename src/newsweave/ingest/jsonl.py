"""JSONL records to Documents: one record per line, `text`, `page`, `html` or a bare `title`."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newsweave.ingest.decode import UnusableInput, decode
from newsweave.model import Document, Rejected

_KINDS = (("text", "clean"), ("page", "text"), ("html", "html"))
# JSON may escape half of a UTF-16 surrogate pair ("\ud800" alone). json.loads gives it back as a lone
# surrogate, which no UTF-8 encoder accepts: SQLite and resiliparse refuse the whole string.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl(text: str, source: str) -> Iterator[Document | Rejected]:
    """Yield one Document per usable record; a bad line is rejected and the rest still read."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _read_line(line, source, number)


def stream_jsonl(path: Path, *, max_record_bytes: int) -> Iterator[Document | Rejected]:
    """Read a (gzipped) JSONL file a line at a time, so its size is limited per record, not per file."""
    source = str(path)
    number = 0
    try:
        with path.open("rb") as raw:
            stream: BinaryIO = gzip.GzipFile(fileobj=raw) if raw.read(2) == b"\x1f\x8b" else raw  # type: ignore[assignment]
            raw.seek(0)
            while line := stream.readline(max_record_bytes + 1):
                number += 1
                if len(line) > max_record_bytes and not line.endswith(b"\n"):
                    _skip_rest_of_line(stream)
                    yield Rejected(f"{source}#{number}", f"line {number} is over the {max_record_bytes / 1e6:.0f} MB "
                                                         "limit for one record; split it or raise --max-size")
                elif line.strip():
                    yield _read_bytes_line(line, source, number)
    except OSError as exc:
        yield Rejected(source, f"cannot read the file ({exc.strerror}); check its permissions")
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield Rejected(f"{source}#{number + 1}", f"corrupt or truncated gzip data after line {number} ({exc}); "
                                                 f"the {number} lines before it were read; re-download the file")


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while (chunk := stream.readline(1 << 20)) and not chunk.endswith(b"\n"):
        pass


def _read_bytes_line(line: bytes, source: str, number: int) -> Document | Rejected:
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = decode(line)
        except UnusableInput as exc:
            return Rejected(f"{source}#{number}", f"line {number}: {exc}")
    return _read_line(text, source, number)


def _read_line(line: str, source: str, number: int) -> Document | Rejected:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejected(f"{source}#{number}", f"line {number} is not valid JSON ({exc.msg}); fix or drop it")
    if not isinstance(record, dict):
        return Rejected(f"{source}#{number}", f"line {number} is a JSON {type(record).__name__}, not an object")
    if _SURROGATE_ESCAPE.search(line):  # escaped pairs come back whole; only lone halves need replacing
        record = _without_lone_surrogates(record)
    return _to_document(record, source, number, line)


def _without_lone_surrogates(value: object) -> object:
    """The value with each lone surrogate replaced by U+FFFD, as a UTF-8 decoder treats a bad byte."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_lone_surrogates(v) for v in value]
    return value


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
