"""`newsweave watch` in a subprocess: new files are woven in, and SIGINT/SIGTERM stop it between batches."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from newsweave.ingest.watch import SourceWatcher, watch

from .site import PARAGRAPHS, TITLES, page

NEWSWEAVE = [sys.executable, "-m", "newsweave"]


def _start(folder: Path, db: Path) -> subprocess.Popen:
    process = subprocess.Popen([*NEWSWEAVE, "watch", str(folder), "--db", str(db), "--interval", "0.2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().startswith("watching 1 source")
    return process


def _watch_then_signal(folder: Path, db: Path, act, sig: int, timeout: float) -> tuple[int, str, str]:
    """Start a watch on `folder`, do `act()`, send `sig`: its exit code, stdout and stderr."""
    process = _start(folder, db)
    try:
        act()
        process.send_signal(sig)
        out, err = process.communicate(timeout=timeout)
    finally:
        process.kill()
    return process.returncode, out, err


def _articles(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True) as conn:
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:  # tables not created yet
            return 0


def _wait_for(condition, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.1)


def _check_store(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) - count(DISTINCT id) FROM articles").fetchone()[0] == 0


def test_watch_stores_a_new_file_and_stops_cleanly_on_sigint(tmp_path):
    folder, db = tmp_path / "inbox", tmp_path / "w.db"
    folder.mkdir()

    def drop_a_page() -> None:
        (folder / "ferry.html").write_bytes(page("ferry"))
        _wait_for(lambda: _articles(db) == 1)

    code, out, err = _watch_then_signal(folder, db, drop_a_page, signal.SIGINT, timeout=60)
    assert code == 0, err
    assert "Port Alder ferry crews walk out over night pay" in out
    assert "stopped cleanly after 1 batch" in out and "Traceback" not in err
    _check_store(db)


def test_sigterm_during_a_batch_lets_the_batch_finish_whole(tmp_path):
    folder, db = tmp_path / "inbox", tmp_path / "w.db"
    folder.mkdir()

    def drop_a_batch() -> None:
        for n in range(12):  # distinct pages: the same two stories told with different numbers
            key = ("ferry", "tram")[n % 2]
            text = "".join(f"<p>{p} Report {n}, item {n * 7}.</p>" for p in PARAGRAPHS[key])
            (folder / f"{key}-{n}.html").write_text(f"<html><head><title>{TITLES[key]} ({n})</title></head>"
                                                    f"<body><article>{text}</article></body></html>")
        time.sleep(1.3)  # the files settle; the next poll starts the batch

    code, out, err = _watch_then_signal(folder, db, drop_a_batch, signal.SIGTERM, timeout=120)
    assert code == 0, err
    assert "stopped cleanly" in out
    stored = _articles(db)
    # All of the batch, or none of it when the signal came before the batch began: never part of it.
    assert stored == (12 if "after 1 batch" in out else 0), out
    _check_store(db)


def test_watcher_returns_only_settled_new_or_changed_files(tmp_path):
    (tmp_path / "a.html").write_bytes(page("ferry"))
    watcher = SourceWatcher([str(tmp_path), "https://gazette.example/feed.xml"], settle=1.0)
    now = time.time()
    assert watcher.poll(now) == ["https://gazette.example/feed.xml"]  # a.html was just written
    assert watcher.poll(now + 2) == [str(tmp_path / "a.html"), "https://gazette.example/feed.xml"]
    assert watcher.poll(now + 3) == ["https://gazette.example/feed.xml"]
    (tmp_path / "a.html").write_bytes(page("tram"))
    os.utime(tmp_path / "a.html", (now + 4, now + 4))
    assert watcher.poll(now + 6) == [str(tmp_path / "a.html"), "https://gazette.example/feed.xml"]


def test_watch_loop_stops_when_asked_and_counts_batches(tmp_path):
    (tmp_path / "a.html").write_bytes(page("ferry"))
    stop = threading.Event()
    batches: list[list[str]] = []

    def process(batch):
        batches.append(batch)
        stop.set()  # as a signal arriving during the batch would

    assert watch([str(tmp_path)], process=process, stop=stop, interval=0.01, clock=lambda: time.time() + 5) == 1
    assert batches == [[str(tmp_path / "a.html")]]
