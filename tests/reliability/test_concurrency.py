"""Readers keep reading while runs write: WAL readers never see "database is locked", and two
writers at once both finish (the second waits for the first's transaction)."""

from __future__ import annotations

import subprocess
import sys
import time

from newsweave.store import Store


def _run(folder, db) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsweave", "run", str(folder), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def test_reads_during_two_concurrent_writing_runs(tmp_path, fictional_corpus):
    first, second = tmp_path / "first", tmp_path / "second"
    fictional_corpus(first, pages=60, seed=1)
    fictional_corpus(second, pages=60, seed=2)
    db = tmp_path / "shared.db"
    Store(db).close()  # the schema exists before anyone reads

    writers = [_run(first, db), _run(second, db)]
    reads, seen = 0, set()
    while any(w.poll() is None for w in writers):
        with Store(db) as store:  # a reader as `serve` opens one per request
            seen.add(len(store.stories()))
            store.articles()
        reads += 1
        time.sleep(0.01)
    for writer in writers:
        assert writer.wait() == 0, writer.stderr.read()
    assert reads > 10
    with Store(db) as store:
        assert len(store.articles()) == 120
        assert len(store.stories()) == 12
    assert max(seen) <= 12


def test_serve_answers_every_read_while_a_run_writes(tmp_path, fictional_corpus):
    from fastapi.testclient import TestClient

    from newsweave.web.app import create_app

    pages = tmp_path / "pages"
    fictional_corpus(pages, pages=80, seed=3)
    db = tmp_path / "served.db"
    Store(db).close()
    failures, reads = [], 0
    with TestClient(create_app(db=db)) as http:
        writer = _run(pages, db)
        while writer.poll() is None:
            for path in ("/", "/api/stories", "/api/search?q=fictional"):
                response = http.get(path)
                reads += 1
                if response.status_code != 200:
                    failures.append((path, response.status_code, response.text[:200]))
        assert writer.wait() == 0, writer.stderr.read()
        listed = http.get("/api/stories").json()
    assert reads > 10 and failures == []
    assert listed["total"] == 8 and len(listed["stories"]) == 8  # the finished run's stories are served
