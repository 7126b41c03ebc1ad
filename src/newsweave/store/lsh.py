"""The copy detector's LSH index persisted in the store, so a new article is checked by lookups, not recomputation."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping

import numpy as np

from newsweave.dedup.lsh import BandPostings

# Keys per SELECT: SQLite's default limit on bound parameters is 999 in older builds.
_CHUNK = 900


class LSHTable:
    """Band keys of every article the copy detector has seen (tables of migration 3).

    Reads go to the store at once; writes are staged by `add` and made by `write`, which the engine
    calls inside the run's transaction, so a failed run leaves the index as it was. `settings` names
    what the keys depend on (CopyDetector.index_settings): when the stored index was made under other
    settings it is ignored, and `write` replaces it, so `unindexed` reports every article.
    """

    def __init__(self, conn: sqlite3.Connection, *, settings: str) -> None:
        if not isinstance(settings, str) or not settings:
            raise ValueError(f"settings must be a non-empty str; got {settings!r}")
        self.conn = conn
        self.settings = settings
        row = conn.execute("SELECT value FROM lsh_settings WHERE name = 'signature'").fetchone()
        # Stale: made under other settings, or never made (then any rows are of unknown settings).
        self.stale = row is None or row[0] != settings
        self._staged = BandPostings()
        self._fresh: set[str] = set()  # staged articles the stored index does not hold yet
        self._count: int | None = None

    def indexed_count(self) -> int:
        """Articles in the stored index under these settings and those staged to join it: one row read.

        The count is kept in lsh_settings by `write`, so a run need not count or list a million ids
        to learn that nothing is missing; a store indexed before the count was kept counts once.
        """
        if self._count is None:
            if self.stale:
                self._count = 0
            else:
                row = self.conn.execute("SELECT value FROM lsh_settings WHERE name = 'articles'").fetchone()
                self._count = int(row[0]) if row else self.size()
        return self._count + len(self._fresh)

    def unindexed(self, ids: Iterable[str]) -> list[str]:
        """The given ids that are neither stored in the index (under these settings) nor staged."""
        wanted = [i for i in ids if i not in self._staged]
        if self.stale:
            return wanted
        found = self._stored(wanted)
        return [i for i in wanted if i not in found]

    def _stored(self, ids: Iterable[str]) -> set[str]:
        """Those of the ids that the stored index holds (whatever its settings)."""
        wanted = list(ids)
        found: set[str] = set()
        for start in range(0, len(wanted), _CHUNK):
            part = wanted[start : start + _CHUNK]
            query = f"SELECT article FROM lsh_articles WHERE article IN ({','.join('?' * len(part))})"
            found.update(r[0] for r in self.conn.execute(query, part))
        return found

    def candidates(self, keys: np.ndarray) -> list[set[str]]:
        """For each row of band keys, the indexed articles sharing at least one (one indexed query per row)."""
        out = self._staged.candidates(keys)
        for row, found in zip(keys, out, strict=True):
            values = row.tolist()
            if not self.stale and values:
                marks = ",".join("?" * len(values))
                query = f"SELECT DISTINCT article FROM lsh_bands WHERE key IN ({marks})"
                found.update(r[0] for r in self.conn.execute(query, values))
        return out

    def add(self, keys: Mapping[str, np.ndarray]) -> None:
        """Stage articles' band keys (an empty row records an article too short to compare)."""
        ids = [i for i in keys if i not in self._staged]
        self._fresh.update(ids if self.stale else set(ids) - self._stored(ids))
        for article_id, row in keys.items():
            self._staged.add(article_id, row)

    def write(self) -> None:
        """Write the staged keys and the new count; call inside the store's transaction."""
        count = self.indexed_count()
        if self.stale:
            self.conn.execute("DELETE FROM lsh_bands")
            self.conn.execute("DELETE FROM lsh_articles")
            self.conn.execute("INSERT OR REPLACE INTO lsh_settings VALUES ('signature', ?)", (self.settings,))
            self.stale = False
        sizes = zip(self._staged.ids, self._staged.sizes(), strict=True)
        self.conn.executemany("INSERT OR REPLACE INTO lsh_articles VALUES (?, ?)", sizes)
        self.conn.executemany("INSERT OR IGNORE INTO lsh_bands VALUES (?, ?)", self._staged.pairs())
        self.conn.execute("INSERT OR REPLACE INTO lsh_settings VALUES ('articles', ?)", (str(count),))
        self._count = count
        self._staged.clear()
        self._fresh.clear()

    def size(self) -> int:
        """Articles in the stored index."""
        return self.conn.execute("SELECT COUNT(*) FROM lsh_articles").fetchone()[0]
