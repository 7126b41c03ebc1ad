"""WARC files (e.g. Common Crawl's CC-NEWS) to Documents, streamed record by record.

fastwarc reads: it iterated a 1 GB file 4.8x faster than warcio in benchmarks/warc_memory.py (BENCHMARKS.md).
It stops at a corrupt record with an OSError and yields a truncated last record short; this module
resynchronises after corruption (the next gzip member or `WARC/1.` header) so one bad record costs
one record, never the rest of the file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from newsweave.ingest.decode import UnusableInput, read_gzip_file
from newsweave.ingest.sniff import decode_declared, media_type, payload_kind
from newsweave.model import Document, Rejected

_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_HEADER = b"WARC/1."
_SCAN_CHUNK = 1 << 20
# Records that hold no page of their own: skipped without a rejection (they are not inputs a user gave).
# They are still counted, so "#n" in a source is the record's number in the file. (A fastwarc type filter
# would also drop a record whose damaged header has no type at all, silently.)
_NOT_PAGES = WarcRecordType.request | WarcRecordType.warcinfo | WarcRecordType.metadata | WarcRecordType.conversion
_NOT_A_PLAIN_URL = re.compile(r"[\x00-\x20\x7f]")


@dataclass(slots=True)
class _Position:
    number: int = 0  # records seen so far, corrupt regions included: "#n" in a source
    offset: int = 0  # where the last record began (compressed offset in a .warc.gz)


def read_warc(path: Path, *, max_record_bytes: int) -> Iterator[Document | Rejected]:
    """Every HTML response in the file, or why a record could not be used; never the whole file in memory."""
    source = str(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield Rejected(source, f"cannot read the file ({exc.strerror}); check its permissions")
        return
    with stream:
        marker = _GZIP_MEMBER if stream.read(2) == b"\x1f\x8b" else _WARC_HEADER
        position = _Position()
        start: int | None = 0
        corrupt: tuple[int, int, str] | None = None  # (record number, after which byte, what went wrong)
        while start is not None:
            stream.seek(start)
            before = position.number
            failure = yield from _read_from(stream, source, position, max_record_bytes)
            last_good = position.offset if position.number > before else start
            if corrupt and (position.number > before or failure is None):
                yield _corrupt(source, *corrupt, resumed=start)
                corrupt = None
            if failure is None:
                return
            if corrupt is None:
                position.number += 1
                corrupt = (position.number, last_good, failure)
            # Resume at the first boundary after the last good record; if that record is the bad one,
            # the next attempt fails at once and moves one boundary further.
            start = _next_marker(stream, marker, last_good + 1)
        if corrupt:
            yield _corrupt(source, *corrupt, resumed=None)


def _corrupt(source: str, number: int, after: int, failure: str, *, resumed: int | None) -> Rejected:
    then = f"resumed at the record at byte {resumed}" if resumed is not None else "nothing readable after it"
    return Rejected(f"{source}#{number}",
                    f"corrupt WARC data after byte {after} ({failure}); skipped it and {then}")


def _read_from(stream: BinaryIO, source: str, position: _Position, max_record_bytes: int):
    """Read records until the end (returns None) or a corrupt one (returns what went wrong)."""
    base = stream.tell()
    records = ArchiveIterator(stream, parse_http=True, record_types=WarcRecordType.any_type)
    try:
        for record in records:
            position.number += 1
            position.offset = base + record.stream_pos
            if record.record_type & _NOT_PAGES:
                continue
            yield _record_document(record, f"{source}#{position.number}", max_record_bytes)
    except OSError as exc:  # fastwarc: "Invalid WARC header", "Gzip decompression error: ..."
        position.offset = max(position.offset, base)
        return str(exc) or type(exc).__name__
    return None


def _record_document(record: WarcRecord, where: str, max_record_bytes: int) -> Document | Rejected:
    url = _target_url(record.headers.get("WARC-Target-URI"))
    named = f"{where} ({url})" if url else where
    if record.record_type in (WarcRecordType.unknown, WarcRecordType.no_type):
        return Rejected(named, "truncated or malformed WARC record: its header names no known record type; "
                               "re-download the file")
    if record.record_type != WarcRecordType.response:
        kind = str(record.record_type).rsplit(".", 1)[-1]
        return Rejected(named, f"a WARC {kind} record, not a response: it holds no page of its own")
    if not url or record.http_headers is None:
        return Rejected(named, "truncated or malformed WARC record: no valid http(s) target URL or no HTTP "
                               "headers; re-download the file")
    status = record.http_headers.status_code
    if status is None:
        return Rejected(named, "truncated or malformed WARC record: no HTTP status line; re-download the file")
    if not 200 <= status < 300:
        return Rejected(named, f"HTTP {status} response, not a page: nothing to read")
    if record.content_length > max_record_bytes:
        return Rejected(named, f"record is {record.content_length / 1e6:.1f} MB, above the "
                               f"{max_record_bytes / 1e6:.0f} MB limit for one input; raise --max-size")
    payload = record.reader.read(max_record_bytes + 1)
    if len(payload) < record.content_length:  # after parse_http, content_length counts the payload
        return Rejected(named, f"truncated WARC record: {len(payload)} of {record.content_length} payload "
                               "bytes present; re-download the file")
    content_type = record.http_headers.get("Content-Type")
    kind = payload_kind(content_type, payload[:2048])
    if kind != "html":
        shown = media_type(content_type) or "no content type"
        return Rejected(named, f"not an HTML page ({shown}); newsweave reads HTML responses from WARC files")
    try:
        text = decode_declared(read_gzip_file(payload, max_bytes=max_record_bytes), content_type)
    except UnusableInput as exc:
        return Rejected(named, str(exc))
    return Document(
        source=where,
        kind="html",
        content=text,
        digest=hashlib.sha256(payload).hexdigest(),
        url=url,
        captured=record.headers.get("WARC-Date"),  # when it was crawled: never a publication time
    )


def _target_url(value: str | None) -> str | None:
    """The record's URL if it is a plain absolute http(s) address (WARC 1.0 writers may wrap it in <>)."""
    url = (value or "").strip().removeprefix("<").removesuffix(">")
    if not url.startswith(("http://", "https://")) or _NOT_A_PLAIN_URL.search(url):
        return None
    return url


def _next_marker(stream: BinaryIO, marker: bytes, start: int) -> int | None:
    """The offset of the next record boundary at or after `start`, read in chunks (flat memory)."""
    stream.seek(start)
    offset, tail = start, b""
    while chunk := stream.read(_SCAN_CHUNK):
        window = tail + chunk
        found = window.find(marker)
        if found >= 0:
            return offset - len(tail) + found
        tail = window[-(len(marker) - 1):]
        offset += len(chunk)
    return None
