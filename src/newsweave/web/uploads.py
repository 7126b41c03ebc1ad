"""POST /api/documents: a page sent over HTTP goes through the same pipeline as a file on disk."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from fastapi import HTTPException

from newsweave.engine import run_pipeline
from newsweave.model import Result
from newsweave.settings import Settings
from newsweave.store import Store

# The media type decides how the body is read, exactly as a file's suffix does for `newsweave run`.
MEDIA_TYPES = {
    "text/plain": ".txt",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "application/jsonlines": ".jsonl",
    "application/x-jsonlines": ".jsonl",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME = 80


def suffix_for(content_type: str | None) -> str:
    """The input kind of an upload from its Content-Type; 415 names the types that are accepted."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media not in MEDIA_TYPES:
        raise HTTPException(415, f"content-type must be one of {sorted(MEDIA_TYPES)}; got {media or 'none'!r}")
    return MEDIA_TYPES[media]


def upload_name(name: str | None, suffix: str) -> str:
    """A label for the upload that can never leave the temporary folder: no slashes, no leading dots."""
    base = _UNSAFE.sub("-", Path(name or "").name).strip(".-")[:_MAX_NAME] or "document"
    return base if base.endswith(suffix) else base + suffix


def ingest_upload(store: Store, body: bytes, *, suffix: str, name: str | None, settings: Settings) -> Result:
    """Write the body to a private temporary file, run the pipeline on it, and label it `upload:<name>`."""
    label = upload_name(name, suffix)
    with tempfile.TemporaryDirectory(prefix="newsweave-upload-") as folder:
        path = Path(folder) / label
        path.write_bytes(body)
        result = run_pipeline([str(path)], store=store, settings=settings)
        _relabel(store, result, str(path), f"upload:{label}")
    return result


def _relabel(store: Store, result: Result, temporary: str, label: str) -> None:
    """Sources name the upload, not a temporary path that is gone once the request ends."""
    cut = len(temporary) + 1
    with store.transaction() as conn:
        for table in ("articles", "rejected"):
            conn.execute(
                f"UPDATE OR REPLACE {table} SET source = ? || substr(source, ?) WHERE substr(source, 1, ?) = ?",
                (label, cut, len(temporary), temporary),
            )
        conn.execute("UPDATE OR REPLACE rejected SET reason = replace(reason, ?, ?)", (temporary, label))
    for item in [*result.articles, *result.rejected]:
        if item.source.startswith(temporary):
            item.source = label + item.source[len(temporary):]
    for rejected in result.rejected:
        rejected.reason = rejected.reason.replace(temporary, label)
