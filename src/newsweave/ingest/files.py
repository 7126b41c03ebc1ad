"""Files, folders and URLs to Documents: routing by suffix, size limits, gzip, decoding."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsweave.ingest.decode import UnusableInput, decode, read_gzip_file
from newsweave.ingest.fetch import Fetcher, FetchSettings, is_url
from newsweave.ingest.jsonl import stream_jsonl
from newsweave.ingest.remote import read_url
from newsweave.ingest.warc import read_warc
from newsweave.model import Document, Rejected

KINDS_BY_SUFFIX = {
    ".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".warc": "warc",
}
# One page, JSONL record or WARC record; the largest benchmark page is under 2 MB. WARC and JSONL files
# are streamed a record at a time, so only their records are held to it.
DEFAULT_MAX_BYTES = 16_000_000


class InputNotFound(Exception):
    """A path given by the user does not exist: a usage error, not a rejected input."""


def check_inputs(inputs: Sequence[str]) -> None:
    """Fail before any work when a given path is missing, so a typo costs nothing."""
    for item in inputs:
        if not is_url(item) and not Path(item).exists():
            raise InputNotFound(f"no such file or folder: {item}")


def iter_documents(
    inputs: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES, fetcher: Fetcher | None = None
) -> Iterator[Document | Rejected]:
    """Every document found under `inputs`, in a stable order, or why it could not be read."""
    check_inputs(inputs)
    own_fetcher = None
    try:
        for item in inputs:
            if is_url(item):
                if fetcher is None:
                    fetcher = own_fetcher = Fetcher(settings=FetchSettings(max_bytes=max_bytes))
                yield from read_url(item, fetcher)
                continue
            yield from _read_path(Path(item), max_bytes=max_bytes)
    finally:
        if own_fetcher is not None:
            own_fetcher.close()


def _read_path(path: Path, *, max_bytes: int) -> Iterator[Document | Rejected]:
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        yield from read_file(file, max_bytes=max_bytes)


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Rejected]:
    source = str(path)
    kind = kind_of(path)
    if kind is None:
        known = ", ".join(sorted(KINDS_BY_SUFFIX))
        yield Rejected(source, f"unsupported file type '{path.suffix}'; newsweave reads {known} (or .gz of them)")
        return
    if kind == "warc":
        yield from read_warc(path, max_record_bytes=max_bytes)
        return
    if kind == "jsonl":
        yield from stream_jsonl(path, max_record_bytes=max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UnusableInput(
                f"file is {size / 1e6:.1f} MB, above the {max_bytes / 1e6:.0f} MB limit for one input; "
                "split it or raise --max-size"
            )
        raw = read_gzip_file(path.read_bytes(), max_bytes=max_bytes)
        text = decode(raw)
    except UnusableInput as exc:
        yield Rejected(source, str(exc))
        return
    except OSError as exc:
        yield Rejected(source, f"cannot read the file ({exc.strerror}); check its permissions")
        return
    digest = hashlib.sha256(raw).hexdigest()
    yield Document(source=source, kind=kind, content=text, digest=digest)  # type: ignore[arg-type]


def kind_of(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return KINDS_BY_SUFFIX.get(suffixes[-1]) if suffixes else None
