"""HTTP validators (ETag, Last-Modified) per URL, kept so the next run can ask "changed since?"."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from newsweave.ingest.fetch import Validators


def load_validators(conn: sqlite3.Connection) -> Validators:
    rows = conn.execute("SELECT url, etag, last_modified FROM http_validators").fetchall()
    return Validators(known={url: (etag, modified) for url, etag, modified in rows})


def save_validators(conn: sqlite3.Connection, validators: Validators) -> None:
    """Called inside the run's transaction, so a URL counts as read only once its article is stored."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    conn.executemany(
        "INSERT OR REPLACE INTO http_validators (url, etag, last_modified, checked) VALUES (?, ?, ?, ?)",
        [(url, etag, modified, now) for url, (etag, modified) in validators.fresh.items()],
    )
    validators.known.update(validators.fresh)
    validators.fresh.clear()
