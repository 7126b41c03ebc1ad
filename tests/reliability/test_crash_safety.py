"""SIGKILL a run at random points, several times, then let it finish: nothing lost, nothing twice."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

PAGES = 200
KILLS = 3


def _run(folder: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "newsweave", "run", str(folder), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def _state(db: Path) -> tuple[list[str], list[list[str]]]:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]
    stories: dict[str, list[str]] = {}
    for article, story in conn.execute("SELECT id, story FROM articles ORDER BY id"):
        stories.setdefault(story, []).append(article)
    stored = {row[0] for row in conn.execute("SELECT id FROM stories")}
    assert stored == set(stories)
    conn.close()
    return ids, sorted(stories.values())


def test_killed_runs_leave_a_sound_store_and_the_finished_run_equals_an_uninterrupted_one(tmp_path, fictional_corpus):
    folder = tmp_path / "pages"
    fictional_corpus(folder, pages=PAGES)
    reference = tmp_path / "reference.db"
    started = time.monotonic()
    assert _run(folder, reference).wait() == 0
    full_time = time.monotonic() - started

    crashed = tmp_path / "crashed.db"
    rng = random.Random(11)
    killed, scale = 0, 1.0
    for _ in range(4 * KILLS):
        process = _run(folder, crashed)
        time.sleep(rng.uniform(0.2, 0.95) * full_time * scale)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()
        if crashed.exists():
            _state(crashed)  # opens, passes integrity_check, stories match articles
        if killed == KILLS:
            break
        if process.returncode == 0:  # it beat the kill (the reference ran on a busier machine): retry sooner
            for path in tmp_path.glob("crashed.db*"):
                path.unlink()
            scale /= 2
    assert killed == KILLS
    assert _run(folder, crashed).wait() == 0

    ids, stories = _state(crashed)
    reference_ids, reference_stories = _state(reference)
    assert len(ids) == len(set(ids)) == PAGES
    assert ids == reference_ids
    assert stories == reference_stories
