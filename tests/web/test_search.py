"""FTS5 search (migration 4): queries are words, triggers keep the index in sync, old stores gain the index."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from newsweave.model import Article
from newsweave.store import Store
from newsweave.store import sqlite as store_sqlite
from newsweave.store.search import (
    HIT_END,
    HIT_START,
    StoryFilter,
    fts_query,
    list_stories,
    outlets,
    search_articles,
)


def _article(aid: str, title: str, text: str, outlet: str = "The Fictional Courier") -> Article:
    return Article(id=aid, source=f"pages/{aid}.txt", title=title, text=text, outlet=outlet,
                   published="2031-05-14T09:12")


def test_fts_query_quotes_every_word_and_drops_syntax():
    assert fts_query('tram "drivers" OR NEAR(strike*') == '"tram" "drivers" "OR" "NEAR" "strike"'
    assert fts_query("  ;--  ") is None and fts_query(None) is None
    assert fts_query("Kraków Zürich") == '"Kraków" "Zürich"'


def test_inserted_articles_are_found_by_title_or_text_with_marked_snippets(tmp_path):
    with Store(tmp_path / "n.db") as store:
        with store.transaction():
            store.put_articles([
                _article("a1", "Fictional ferry strike in Brennick", "Ferry crews walked out on Monday."),
                _article("a2", "Fictional harvest fair opens", "The fair drew crowds; no strike was planned."),
                _article("a3", "Fictional budget passes", "Councillors approved the budget."),
            ])
        hits, total = search_articles(store, "strike")
        assert total == 2 and [h.id for h in hits] == ["a1", "a2"]  # a title match ranks first
        assert f"{HIT_START}strike{HIT_END}" in hits[1].snippet
        assert search_articles(store, "STRIKES")[1] == 2  # case and the porter stem
        assert search_articles(store, "Zürich")[1] == 0


def test_triggers_follow_updates_and_deletes(tmp_path):
    with Store(tmp_path / "n.db") as store:
        with store.transaction():
            store.put_articles([_article("a1", "Fictional ferry strike", "Crews walked out.")])
        with store.transaction():
            store.conn.execute("UPDATE articles SET title = 'Fictional ferry deal' WHERE id = 'a1'")
        assert search_articles(store, "strike")[1] == 0 and search_articles(store, "deal")[1] == 1
        with store.transaction():
            store.conn.execute("UPDATE articles SET story = 's-1' WHERE id = 'a1'")  # not an indexed column
        assert search_articles(store, "deal")[1] == 1
        with store.transaction():
            store.conn.execute("DELETE FROM articles WHERE id = 'a1'")
        assert search_articles(store, "deal")[1] == 0
        assert store.conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == 0


def test_a_store_from_before_migration_4_gains_an_index_of_its_articles(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    monkeypatch.setattr(store_sqlite, "MIGRATIONS", [m for m in store_sqlite.MIGRATIONS if m[0] < 4])
    with Store(path) as store, store.transaction():
        store.put_articles([_article("a1", "Fictional ferry strike", "Crews walked out.")])
    monkeypatch.undo()
    with Store(path) as store:
        assert 4 in {row[0] for row in store.conn.execute("SELECT version FROM migrations")}
        assert [h.id for h in search_articles(store, "ferry")[0]] == ["a1"]


def test_a_reader_cannot_write(tmp_path):
    path = tmp_path / "n.db"
    Store(path).close()
    reader = Store.reader(path)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.conn.execute("DELETE FROM articles")
    reader.close()


def test_story_filter_checks_its_settings():
    with pytest.raises(ValueError, match="order"):
        StoryFilter(order="loudest")
    with pytest.raises(ValueError, match="limit"):
        StoryFilter(limit=0)
    with pytest.raises(ValueError, match="offset"):
        StoryFilter(offset=-2)


def test_list_stories_pages_and_counts(example_db):
    with Store.reader(example_db) as store:
        everything, total = list_stories(store, StoryFilter(limit=200))
        first, total_again = list_stories(store, StoryFilter(limit=2))
        rest, _ = list_stories(store, StoryFilter(limit=200, offset=2))
        assert total == total_again == len(everything) and first + rest == everything
        none, zero = list_stories(store, StoryFilter(query="  ", date_from=date(2031, 1, 1)))
        assert none == [] and zero == 0
        assert sum(count for _, count in outlets(store)) == len([a for a in store.articles() if a.outlet])
