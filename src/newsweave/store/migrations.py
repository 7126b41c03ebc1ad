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
]
