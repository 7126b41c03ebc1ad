"""Files and folders to Documents: routing by suffix, size limits, gzip, decoding."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsweave.ingest.decode import UnusableInput, decode, read_gzip_file
from newsweave.ingest.jsonl import read_jsonl
from newsweave.model import Document, Rejected

KINDS_BY_SUFFIX = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
DEFAULT_MAX_BYTES = 16_000_000  # one page or JSONL file; the largest benchmark page is under 2 MB


class InputNotFound(Exception):
    """A path given by the user does not exist: a usage error, not a rejected input."""


def check_inputs(inputs: Sequence[str]) -> None:
    """Fail before any work when a given path is missing, so a typo costs nothing."""
    for item in inputs:
        if not _is_url(item) and not Path(item).exists():
            raise InputNotFound(f"no such file or folder: {item}")


def iter_documents(inputs: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Rejected]:
    """Every document found under `inputs`, in a stable order, or why it could not be read."""
    check_inputs(inputs)
    for item in inputs:
        if _is_url(item):
            yield Rejected(item, "reading URLs is not supported in this version; save the page and give the file")
            continue
        path = Path(item)
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
    if kind == "jsonl":
        yield from read_jsonl(text, source)
        return
    digest = hashlib.sha256(raw).hexdigest()
    yield Document(source=source, kind=kind, content=text, digest=digest)  # type: ignore[arg-type]


def kind_of(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return KINDS_BY_SUFFIX.get(suffixes[-1]) if suffixes else None


def _is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))
