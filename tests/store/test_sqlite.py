import sqlite3

import pytest

from newsweave.model import Article, Quote, Rejected, Story, Storyline
from newsweave.store import Store
from newsweave.store.migrations import MIGRATIONS


def _article(aid: str, story: str | None = None) -> Article:
    return Article(id=aid, source=f"pages/{aid}.txt", text="Fictional text.", title=f"Headline {aid}",
                   published="2031-05-14T09:12", authors=["Mira Castellane"], story=story)


def test_schema_is_migrated_once_and_recorded(tmp_path):
    path = tmp_path / "n.db"
    with Store(path) as store:
        assert store.schema_version == max(version for version, _, _ in MIGRATIONS)
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(path) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)


def test_articles_round_trip_and_upsert_only_derived_fields(tmp_path):
    with Store(tmp_path / "n.db") as store:
        with store.transaction():
            store.put_articles([_article("a1")])
        changed = _article("a1", story="s-a1")
        changed.text = "A different text must not overwrite the stored one."
        with store.transaction():
            store.put_articles([changed])
        (back,) = store.articles()
        assert back.story == "s-a1" and back.text == "Fictional text." and back.authors == ["Mira Castellane"]


def test_a_failed_transaction_writes_nothing(tmp_path):
    with Store(tmp_path / "n.db") as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.put_articles([_article("a1")])
            raise RuntimeError("killed half-way")
        assert store.articles() == []


def test_stories_storylines_and_rejected_round_trip(tmp_path):
    with Store(tmp_path / "n.db") as store:
        story = Story(id="s-a1", headline="Headline a1", articles=["a1"], start="2031-05-14T09:12",
                      quotes=[Quote("Ana Pell", "We have waited eleven months", ["a1"])])
        with store.transaction():
            store.put_articles([_article("a1", story="s-a1")])
            store.put_stories([story])
            store.replace_storylines([Storyline("l-s-a1", "Headline a1", ["s-a1", "s-a2"])])
            store.put_rejected([Rejected("x.txt", "empty file"), Rejected("x.txt", "empty file")])
        assert store.story("s-a1") == story
        assert store.storylines()[0].stories == ["s-a1", "s-a2"]
        assert store.rejected() == [Rejected("x.txt", "empty file")]


def test_stories_by_id_come_in_the_same_order_as_all_stories(tmp_path):
    # More ids than one query takes, some undated, one unknown: the asked-for subset of the full listing.
    stories = [Story(id=f"s-{i:04d}", headline=f"Headline {i}", articles=[f"a{i}"],
                     start=None if i % 7 == 0 else f"2031-05-{1 + i % 28:02d}T09:12") for i in range(1200)]
    with Store(tmp_path / "n.db") as store:
        with store.transaction():
            store.put_stories(stories, prune=False)
        wanted = {s.id for s in stories[::2]} | {"s-missing"}
        assert store.stories(wanted) == [s for s in store.stories() if s.id in wanted]
        assert len(store.stories(wanted)) == 600 and store.stories([]) == []


def test_in_memory_store_leaves_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with Store(None) as store:
        assert store.path == ":memory:"
    assert not list(tmp_path.iterdir())


def test_database_file_passes_integrity_check(tmp_path):
    with Store(tmp_path / "n.db") as store, store.transaction():
        store.put_articles([_article(f"a{i}") for i in range(50)])
    conn = sqlite3.connect(tmp_path / "n.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_version_1_database_is_migrated_in_place(tmp_path, monkeypatch):
    from newsweave.store import sqlite

    path = tmp_path / "old.db"
    monkeypatch.setattr(sqlite, "MIGRATIONS", sqlite.MIGRATIONS[:1])
    with Store(path) as store, store.transaction():
        assert store.schema_version == 1
        store.conn.execute(
            "INSERT INTO articles (id, source, text, added) VALUES ('a1', 'x.txt', 'Fictional text.', 'now')"
        )
    monkeypatch.undo()
    with Store(path) as store:
        assert store.schema_version == max(version for version, _, _ in MIGRATIONS)
        (article,) = store.articles()
        assert article.text == "Fictional text." and article.boilerplate == []


def test_removed_boilerplate_is_kept_beside_the_article(tmp_path):
    article = _article("a1")
    article.boilerplate = ["Skip to main content", "Copyright © 2031 The Fictional Courier"]
    with Store(tmp_path / "n.db") as store:
        with store.transaction():
            store.put_articles([article])
        assert store.article("a1").boilerplate == article.boilerplate
        assert "boilerplate" not in store.article("a1").to_dict()
