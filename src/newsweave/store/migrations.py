"""Numbered schema migrations, applied in order and recorded in the `migrations` table."""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "articles, stories, storylines, inputs, rejected",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            url TEXT, outlet TEXT, title TEXT,
            published TEXT, published_estimated INTEGER NOT NULL DEFAULT 0, updated TEXT,
            authors TEXT NOT NULL DEFAULT '[]',
            agency TEXT, dateline TEXT, language TEXT,
            text TEXT NOT NULL,
            copy_of TEXT, story TEXT,
            method TEXT NOT NULL DEFAULT '',
            added TEXT NOT NULL
        );
        CREATE INDEX articles_story ON articles(story);
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            headline TEXT NOT NULL,
            start TEXT, "end" TEXT,
            articles TEXT NOT NULL,
            digest TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE TABLE storylines (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            stories TEXT NOT NULL
        );
        CREATE TABLE rejected (
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            seen TEXT NOT NULL,
            PRIMARY KEY (source, reason)
        );
        """,
    ),
    (
        2,
        "lines each extractor removed, kept to show beside the article",
        """
        ALTER TABLE articles ADD COLUMN boilerplate TEXT NOT NULL DEFAULT '[]';
        """,
    ),
    (
        3,
        "persisted LSH index of copy detection: band keys of every article seen",
        # One integer key per band (the band number is folded into the key), so one index answers a
        # new article's lookup; WITHOUT ROWID keeps each table a single B-tree on its primary key.
        # lsh_articles records every article indexed, those too short to have keys included.
        """
        CREATE TABLE lsh_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE lsh_articles (article TEXT PRIMARY KEY, bands INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE lsh_bands (
            key INTEGER NOT NULL,
            article TEXT NOT NULL,
            PRIMARY KEY (key, article)
        ) WITHOUT ROWID;
        """,
    ),
    (
        4,
        "full-text search over article title and text (FTS5), kept in sync by triggers; outlet index",
        # A contentful FTS table keyed by article id, not an external-content one: articles has no
        # INTEGER PRIMARY KEY, so VACUUM may renumber its rowids and an external index would go stale.
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            id UNINDEXED, title, text, tokenize = 'porter unicode61 remove_diacritics 2'
        );
        INSERT INTO articles_fts (id, title, text) SELECT id, title, text FROM articles;
        CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (id, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            DELETE FROM articles_fts WHERE id = old.id;
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, title, text ON articles BEGIN
            DELETE FROM articles_fts WHERE id = old.id;
            INSERT INTO articles_fts (id, title, text) VALUES (new.id, new.title, new.text);
        END;
        """,
    ),
    (
        5,
        "HTTP validators (ETag, Last-Modified) per fetched URL, for conditional GET across runs",
        """
        CREATE TABLE http_validators (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            checked TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    ),
    (
        6,
        "per-outlet template counts (extract.templates): line and page hashes, never text",
        # outlet is a registered domain or a folded outlet name; line and page are 64-bit hashes of a
        # normalised line and of a whole body (a page counted once, so a re-run adds nothing).
        """
        CREATE TABLE template_outlets (
            outlet TEXT PRIMARY KEY, pages INTEGER NOT NULL, families INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE template_lines (
            outlet TEXT NOT NULL,
            line INTEGER NOT NULL,
            pages INTEGER NOT NULL, families INTEGER NOT NULL, bodies INTEGER NOT NULL,
            PRIMARY KEY (outlet, line)
        ) WITHOUT ROWID;
        CREATE TABLE template_pages (
            outlet TEXT NOT NULL, page INTEGER NOT NULL, PRIMARY KEY (outlet, page)
        ) WITHOUT ROWID;
        """,
    ),
]
