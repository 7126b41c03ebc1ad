"""Copies found as articles arrive, against the LSH index persisted in the store."""

import json
import sqlite3
from pathlib import Path

import pytest

from newsweave.dedup.copies import CopyDetector, MemoryKeyIndex, link_copies
from newsweave.engine.local import run_pipeline
from newsweave.model import Article
from newsweave.store import Store
from newsweave.store.lsh import LSHTable

DATA = Path(__file__).parent / "data"  # fictional texts written for these tests: every name is invented
WIRE = (DATA / "wire_v1.txt").read_text(encoding="utf-8").strip()
UPDATE = (DATA / "wire_v2.txt").read_text(encoding="utf-8").strip()
FERRY = (DATA / "ferry.txt").read_text(encoding="utf-8").strip()
TRIMMED = "\n\n".join(WIRE.split("\n\n")[:4]) + "\n\n(Meridian Press)"
TYPOS = WIRE.replace("hospital", "hosptial").replace("anchor", "anchr").replace("warehouse", "warehose")


def arrivals() -> list[Article]:
    """In order of arrival: the wire's own article comes after two copies were already seen."""
    return [
        Article("trimmed", "t:trimmed", TRIMMED, outlet="Island Daily", agency="Meridian Press",
                published="2024-03-05T08:10"),
        Article("ferry", "t:ferry", FERRY, outlet="Island Daily", published="2024-03-05T08:20"),
        Article("typos", "t:typos", TYPOS, outlet="Veloria Now", published="2024-03-05T11:30"),
        Article("update", "t:update", UPDATE, outlet="Meridian Press", published="2024-03-07T10:00"),
        Article("wire", "t:wire", WIRE, outlet="Meridian Press", agency="Meridian Press", published="2024-03-05T08:30"),
    ]


@pytest.mark.parametrize("chunk", [1, 2, 5])
def test_linking_in_chunks_equals_finding_at_once(chunk: int) -> None:
    detector = CopyDetector()
    at_once = detector.find(arrivals())
    seen: list[Article] = []
    index = MemoryKeyIndex()
    articles = arrivals()
    for start in range(0, len(articles), chunk):
        batch = articles[start : start + chunk]
        link_copies(seen, batch, detector=detector, index=index)
        seen += batch

    assert {a.id: a.copy_of for a in seen if a.copy_of} == at_once == {"trimmed": "wire", "typos": "wire"}


def test_the_wire_arriving_late_becomes_the_original_of_copies_already_stored(tmp_path) -> None:
    detector = CopyDetector()
    first, second = arrivals()[:3], arrivals()[3:]
    with Store(tmp_path / "n.db") as store:
        table = LSHTable(store.conn, settings=detector.index_settings)
        link_copies([], first, detector=detector, index=table)
        with store.transaction():
            table.write()
        assert {a.id: a.copy_of for a in first} == {"trimmed": None, "ferry": None, "typos": "trimmed"}
    with Store(tmp_path / "n.db") as store:  # a later run reads the index back from the file
        table = LSHTable(store.conn, settings=detector.index_settings)
        assert table.size() == 3 and not table.stale
        link_copies(first, second, detector=detector, index=table)

    assert {a.id: a.copy_of for a in first + second} == {
        "trimmed": "wire", "ferry": None, "typos": "wire", "update": None, "wire": None
    }


def test_a_new_article_is_signed_once_and_old_ones_are_not_signed_again(tmp_path, monkeypatch) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    db = tmp_path / "n.db"
    signed: list[int] = []
    original_keys = CopyDetector.keys

    def counting_keys(self, arts, **kwargs):
        signed.append(len(arts))
        return original_keys(self, arts, **kwargs)

    monkeypatch.setattr(CopyDetector, "keys", counting_keys)

    def write(name: str, text: str, outlet: str, published: str) -> Path:
        path = pages / f"{name}.jsonl"
        record = {"id": name, "text": text, "outlet": outlet, "published": published, "title": f"{name} report"}
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        return path

    with Store(db) as store:
        run_pipeline([str(write("wire", WIRE, "Meridian Press", "2024-03-05T08:30")),
                      str(write("ferry", FERRY, "Island Daily", "2024-03-05T09:00"))], store=store)
    assert signed == [2]
    with Store(db) as store:
        result = run_pipeline([str(write("typos", TYPOS, "Veloria Now", "2024-03-05T11:30"))], store=store)
        rows = store.conn.execute("SELECT COUNT(*), SUM(bands) FROM lsh_articles").fetchone()

    assert signed == [2, 1]  # the second run signed only its new article
    copies = {a.title: a.copy_of for a in result.articles if a.copy_of}
    (wire_id,) = [a.id for a in result.articles if a.title == "wire report"]
    assert copies == {"typos report": wire_id}
    assert tuple(rows) == (3, 3 * 64)


def test_a_failed_run_leaves_the_index_as_it_was(tmp_path) -> None:
    detector = CopyDetector()
    with Store(tmp_path / "n.db") as store:
        table = LSHTable(store.conn, settings=detector.index_settings)
        table.add(detector.keys(arrivals()))
        with pytest.raises(RuntimeError), store.transaction():
            table.write()
            raise RuntimeError("the run failed after the index was written")
        assert LSHTable(store.conn, settings=detector.index_settings).size() == 0


def test_an_index_made_under_other_settings_is_rebuilt(tmp_path) -> None:
    old, new = CopyDetector(bands=32), CopyDetector()
    articles = arrivals()
    with Store(tmp_path / "n.db") as store:
        table = LSHTable(store.conn, settings=old.index_settings)
        link_copies([], articles[:2], detector=old, index=table)
        with store.transaction():
            table.write()
        table = LSHTable(store.conn, settings=new.index_settings)
        assert table.stale and table.unindexed(["trimmed", "ferry"]) == ["trimmed", "ferry"]
        link_copies(articles[:2], articles[2:], detector=new, index=table)
        with store.transaction():
            table.write()
        bands = store.conn.execute("SELECT bands FROM lsh_articles ORDER BY article").fetchall()

    assert [b[0] for b in bands] == [64] * 5
    assert articles[2].copy_of == "wire"


def test_lookups_use_the_primary_key_index(tmp_path) -> None:
    with Store(tmp_path / "n.db") as store:
        query = "EXPLAIN QUERY PLAN SELECT DISTINCT article FROM lsh_bands WHERE key IN (?, ?)"
        plan = store.conn.execute(query, (1, 2))
        detail = " ".join(row[-1] for row in plan)

    assert "USING PRIMARY KEY" in detail or "USING COVERING INDEX" in detail, detail


def test_the_index_tables_come_from_migration_3(tmp_path) -> None:
    with Store(tmp_path / "n.db") as store:
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        applied = {r[0] for r in store.conn.execute("SELECT version FROM migrations")}

    assert {"lsh_settings", "lsh_articles", "lsh_bands"} <= names and 3 in applied
    with pytest.raises(ValueError, match="settings must be a non-empty str; got ''"):
        LSHTable(sqlite3.connect(":memory:"), settings="")


def test_a_run_over_a_complete_index_does_not_list_the_known_articles(tmp_path, monkeypatch) -> None:
    detector = CopyDetector()
    first, second = arrivals()[:3], arrivals()[3:]
    listed: list[int] = []
    original_unindexed = LSHTable.unindexed

    def counting_unindexed(self, ids):
        ids = list(ids)
        listed.append(len(ids))
        return original_unindexed(self, ids)

    monkeypatch.setattr(LSHTable, "unindexed", counting_unindexed)
    with Store(tmp_path / "n.db") as store:
        table = LSHTable(store.conn, settings=detector.index_settings)
        link_copies([], first, detector=detector, index=table)
        with store.transaction():
            table.write()
    with Store(tmp_path / "n.db") as store:
        table = LSHTable(store.conn, settings=detector.index_settings)
        assert table.indexed_count() == 3
        link_copies(first, second, detector=detector, index=table)

    assert listed == []  # 3 indexed, 3 known: nothing to back-fill, no id looked up
    assert second[1].copy_of is None and first[0].copy_of == "wire"


def test_the_kept_count_survives_re_staging_and_stores_indexed_before_it(tmp_path) -> None:
    detector = CopyDetector()
    articles = arrivals()
    with Store(tmp_path / "n.db") as store:
        table = LSHTable(store.conn, settings=detector.index_settings)
        table.add(detector.keys(articles[:3]))
        with store.transaction():
            table.write()
        table.add(detector.keys(articles[1:4]))  # two of them already stored
        assert table.indexed_count() == 4
        with store.transaction():
            table.write()
            store.conn.execute("DELETE FROM lsh_settings WHERE name = 'articles'")  # as before the count was kept
        fresh = LSHTable(store.conn, settings=detector.index_settings)

        assert fresh.indexed_count() == fresh.size() == 4
        assert fresh.unindexed([a.id for a in articles]) == ["wire"]
