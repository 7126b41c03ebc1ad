"""The embedded store: one SQLite file in WAL mode; each run's writes are one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from newsweave.extract.templates import PageLines, TemplateCounts
from newsweave.model import (
    Article,
    Claim,
    Conflict,
    Entity,
    Quote,
    Rejected,
    SharedPassage,
    Span,
    Story,
    Storyline,
    SummarySentence,
    TimelineEntry,
)
from newsweave.store.migrations import MIGRATIONS

DEFAULT_DB = "newsweave.db"
WRITER_WAIT_SECONDS = 3600
_IDS_PER_QUERY = 500  # SQLite allows 999 parameters per statement in builds before 3.32
_ARTICLE_COLUMNS = (
    "id",
    "source",
    "url",
    "outlet",
    "title",
    "published",
    "published_estimated",
    "updated",
    "authors",
    "agency",
    "dateline",
    "language",
    "text",
    "copy_of",
    "story",
    "method",
    "boilerplate",
)
_PLACEHOLDERS = ", ".join("?" * (len(_ARTICLE_COLUMNS) + 1))


class Store:
    """Articles, stories and storylines of every run; `path=None` keeps them in memory only."""

    def __init__(self, path: str | Path | None = DEFAULT_DB) -> None:
        self.path = ":memory:" if path is None else str(path)
        # A writer waits for another run's transaction (a whole run's weave) rather than failing.
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=WRITER_WAIT_SECONDS)
        self.conn.row_factory = sqlite3.Row
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self._migrate()

    @classmethod
    def reader(cls, path: str | Path) -> Store:
        """A read-only view of an existing file, no migration: a server opens one per request."""
        store = cls.__new__(cls)
        store.path = str(path)
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        store.conn = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
        store.conn.row_factory = sqlite3.Row
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM migrations").fetchone()
        return row[0] or 0

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT, applied TEXT)"
        )
        applied = {row[0] for row in self.conn.execute("SELECT version FROM migrations")}
        for version, name, sql in MIGRATIONS:
            if version in applied:  # by set, not by max: a reserved lower number may land after a higher one
                continue
            with self.transaction():
                for statement in _statements(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO migrations VALUES (?, ?, ?)", (version, name, _now()))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: a run killed half-way leaves the store as it was before the run."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- articles ---------------------------------------------------------------------------
    def article_ids(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT id FROM articles")}

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        if ids is None:
            rows = self.conn.execute("SELECT * FROM articles ORDER BY added, id").fetchall()
        else:
            wanted = list(ids)
            rows = []
            for chunk in range(0, len(wanted), 500):
                part = wanted[chunk : chunk + 500]
                marks = ",".join("?" * len(part))
                rows += self.conn.execute(f"SELECT * FROM articles WHERE id IN ({marks})", part).fetchall()
        return [_article(row) for row in rows]

    def article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    def put_articles(self, articles: Sequence[Article]) -> None:
        """Insert new articles and update the derived fields (copy_of, story, dates) of known ones."""
        now = _now()
        for a in articles:
            values = [getattr(a, c) for c in _ARTICLE_COLUMNS]
            values[_ARTICLE_COLUMNS.index("authors")] = json.dumps(a.authors, ensure_ascii=False)
            values[_ARTICLE_COLUMNS.index("boilerplate")] = json.dumps(a.boilerplate, ensure_ascii=False)
            values[_ARTICLE_COLUMNS.index("published_estimated")] = int(a.published_estimated)
            self.conn.execute(
                f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}, added) VALUES ({_PLACEHOLDERS}) "
                "ON CONFLICT(id) DO UPDATE SET copy_of=excluded.copy_of, story=excluded.story, "
                "published=excluded.published, published_estimated=excluded.published_estimated",
                (*values, now),
            )

    # -- stories ----------------------------------------------------------------------------
    def put_stories(self, stories: Sequence[Story], *, prune: bool = True) -> None:
        """Insert or update stories; with `prune`, then drop stories no stored article belongs to. A run
        writing stories in batches before its articles prunes once at the end (`prune_stories`)."""
        now = _now()
        for s in stories:
            digest = {k: v for k, v in s.to_dict().items() if k not in ("id", "headline", "articles", "start", "end")}
            self.conn.execute(
                'INSERT INTO stories (id, headline, start, "end", articles, digest, updated) VALUES (?,?,?,?,?,?,?) '
                'ON CONFLICT(id) DO UPDATE SET headline=excluded.headline, start=excluded.start, "end"=excluded."end", '
                "articles=excluded.articles, digest=excluded.digest, updated=excluded.updated",
                (s.id, s.headline, s.start, s.end, json.dumps(s.articles), json.dumps(digest, ensure_ascii=False), now),
            )
        if prune:
            self.prune_stories()

    def prune_stories(self) -> None:
        """Drop stories that no stored article belongs to any more."""
        self.conn.execute(
            "DELETE FROM stories WHERE id NOT IN (SELECT DISTINCT story FROM articles WHERE story IS NOT NULL)"
        )

    def stories(self, ids: Iterable[str] | None = None) -> list[Story]:
        # Rows are read as the cursor gives them, not fetched all at once: a run reads back its own
        # stories, and the store's other rows (each with its digest) need not be held meanwhile.
        if ids is None:
            rows = self.conn.execute("SELECT * FROM stories ORDER BY start IS NULL, start, id")
            return [_story(row) for row in rows]
        # Asked-for ids are looked up by key, in chunks under SQLite's parameter limit, so a run that
        # reads back a few stories of a large store does not read every stored digest.
        wanted = sorted(set(ids))
        found = []
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start : start + _IDS_PER_QUERY]
            query = f"SELECT * FROM stories WHERE id IN ({', '.join('?' * len(chunk))})"
            found.extend(_story(row) for row in self.conn.execute(query, chunk))
        return sorted(found, key=lambda s: (s.start is None, s.start or "", s.id))

    def story(self, story_id: str) -> Story | None:
        row = self.conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        return _story(row) if row else None

    def replace_storylines(self, storylines: Sequence[Storyline]) -> None:
        self.conn.execute("DELETE FROM storylines")
        for line in storylines:
            row = (line.id, line.title, json.dumps(line.stories))
            self.conn.execute("INSERT INTO storylines VALUES (?, ?, ?)", row)

    def storylines(self) -> list[Storyline]:
        rows = self.conn.execute("SELECT * FROM storylines ORDER BY id").fetchall()
        return [Storyline(row["id"], row["title"], json.loads(row["stories"])) for row in rows]

    # -- rejected ---------------------------------------------------------------------------
    def put_rejected(self, rejected: Sequence[Rejected]) -> None:
        for r in rejected:
            self.conn.execute("INSERT OR IGNORE INTO rejected VALUES (?, ?, ?)", (r.source, r.reason, _now()))

    def rejected(self) -> list[Rejected]:
        return [Rejected(row[0], row[1]) for row in self.conn.execute("SELECT source, reason FROM rejected")]

    # -- per-outlet templates (extract.templates) --------------------------------------------
    def template_counts(self, pages: Iterable[PageLines]) -> TemplateCounts:
        """What earlier runs counted for the outlets, lines and pages of `pages` (only those)."""
        counts = TemplateCounts()
        lines: dict[str, set[int]] = {}
        bodies: dict[str, set[int]] = {}
        for page in pages:
            lines.setdefault(page.outlet, set()).update(page.lines)
            bodies.setdefault(page.outlet, set()).add(page.page)
        for outlet, keys in lines.items():
            row = self.conn.execute("SELECT pages, families FROM template_outlets WHERE outlet = ?",
                                    (outlet,)).fetchone()
            if row is None:
                continue  # an outlet new to the store has no lines or pages either
            known = counts.outlet(outlet)
            known.pages, known.families = row
            for chunk in _chunks(sorted(keys)):
                for line, n_pages, families, in_body in self.conn.execute(
                    "SELECT line, pages, families, bodies FROM template_lines WHERE outlet = ? AND line IN "
                    f"({', '.join('?' * len(chunk))})", (outlet, *chunk)):
                    known.line_pages[line], known.line_families[line], known.line_bodies[line] = (
                        n_pages, families, in_body)
            for chunk in _chunks(sorted(bodies[outlet])):
                known.seen.update(row[0] for row in self.conn.execute(
                    f"SELECT page FROM template_pages WHERE outlet = ? AND page IN ({', '.join('?' * len(chunk))})",
                    (outlet, *chunk)))
        return counts

    def add_template_counts(self, added: TemplateCounts) -> None:
        """Add a run's counts (extract.templates.learn's result) to the stored ones."""
        for outlet, c in added.outlets.items():
            self.conn.execute(
                "INSERT INTO template_outlets VALUES (?, ?, ?) ON CONFLICT (outlet) DO UPDATE SET "
                "pages = pages + excluded.pages, families = families + excluded.families",
                (outlet, c.pages, c.families))
            self.conn.executemany(
                "INSERT INTO template_lines VALUES (?, ?, ?, ?, ?) ON CONFLICT (outlet, line) DO UPDATE SET "
                "pages = pages + excluded.pages, families = families + excluded.families, "
                "bodies = bodies + excluded.bodies",
                [(outlet, line, n, c.line_families[line], c.line_bodies[line]) for line, n in c.line_pages.items()])
            self.conn.executemany("INSERT OR IGNORE INTO template_pages VALUES (?, ?)",
                                  [(outlet, page) for page in sorted(c.seen)])


def _statements(sql: str) -> Iterator[str]:
    """Split a migration at statement ends; a `;` inside a trigger body does not end its statement."""
    pending = ""
    for part in sql.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""
    if pending.strip(" \n;"):
        yield pending


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    """Runs of `items` short enough for one statement's parameters."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _article(row: sqlite3.Row) -> Article:
    data = {c: row[c] for c in _ARTICLE_COLUMNS}
    data["authors"] = json.loads(data["authors"])
    data["boilerplate"] = json.loads(data["boilerplate"])
    data["published_estimated"] = bool(data["published_estimated"])
    return Article(**data)


def _story(row: sqlite3.Row) -> Story:
    digest = json.loads(row["digest"])
    return Story(
        id=row["id"],
        headline=row["headline"],
        articles=json.loads(row["articles"]),
        start=row["start"],
        end=row["end"],
        summary=[SummarySentence(**s) for s in digest.get("summary", [])],
        quotes=[Quote(**q) for q in digest.get("quotes", [])],
        entities=[Entity(**e) for e in digest.get("entities", [])],
        timeline=[TimelineEntry(**t) for t in digest.get("timeline", [])],
        claims=[Claim(**c) for c in digest.get("claims", [])],
        conflicts=[Conflict(**c) for c in digest.get("conflicts", [])],
        shared_passages=[
            SharedPassage(p["text"], [Span(**s) for s in p["spans"]]) for p in digest.get("shared_passages", [])
        ],
    )
