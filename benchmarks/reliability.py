"""Reliability: bad inputs tried, crashes, inputs lost, duplicates, kills survived.

    python benchmarks/reliability.py [--bad 2000] [--pages 200] [--kills 10]

1. A folder of `--bad` hostile inputs (random bytes, truncated gzip, odd Unicode, deep HTML, broken
   JSONL records, empty files) mixed with fictional articles goes through one `newsweave run`: it
   must exit 0 and account for every input, as an article or a `rejected` entry.
2. `newsweave run` over `--pages` fictional pages is killed with SIGKILL `--kills` times at random
   points, then allowed to finish: the store must pass `PRAGMA integrity_check`, hold every page
   exactly once and the same stories as an uninterrupted run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))
from conftest import write_corpus  # noqa: E402  (the tests' fictional corpus generator)


def hostile_inputs(folder: Path, count: int, rng: random.Random) -> int:
    """Write `count` hostile files; returns how many inputs they hold (a JSONL line is one input)."""
    folder.mkdir(parents=True, exist_ok=True)
    inputs = 0
    for n in range(count):
        kind = n % 6
        if kind == 0:
            (folder / f"bytes-{n}.txt").write_bytes(rng.randbytes(rng.randint(0, 5000)))
        elif kind == 1:
            packed = gzip.compress(("Fictional words. " * rng.randint(1, 500)).encode())
            (folder / f"cut-{n}.txt.gz").write_bytes(packed[: rng.randint(0, len(packed))])
        elif kind == 2:
            text = "".join(chr(rng.choice([rng.randint(0x300, 0x36F), rng.randint(0x590, 0x6FF), 0x200B,
                                           rng.randint(0x1F300, 0x1F6FF), rng.randint(32, 126)]))
                           for _ in range(rng.randint(0, 3000)))
            (folder / f"odd-{n}.txt").write_text(text, encoding="utf-8")
        elif kind == 3:
            depth = rng.randint(1, 5000)
            html = "<div>" * depth + f"<p title='{'x' * rng.randint(0, 100_000)}'>fictional</p>" + "</div>" * depth
            (folder / f"deep-{n}.html").write_text(html)
        elif kind == 4:
            lines = [json.dumps({"id": i, rng.choice(["text", "page", "html", "title", "x"]): rng.choice(
                ["", "Fictional text.", 5, None, ["a"], {"b": 1}])}) if rng.random() < 0.8 else "{broken"
                for i in range(rng.randint(1, 20))]
            (folder / f"records-{n}.jsonl").write_text("\n".join(lines))
            inputs += len(lines) - 1
        else:
            (folder / f"empty-{n}.htm").write_bytes(b"")
        inputs += 1
    return inputs


def run(folder: Path, db: Path, json_out: Path | None = None) -> subprocess.Popen:
    command = [sys.executable, "-m", "newsweave", "run", str(folder), "--db", str(db)]
    if json_out:
        command += ["--json", str(json_out)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def state(db: Path) -> tuple[bool, list[str], list[list[str]]]:
    conn = sqlite3.connect(db)
    ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]
    groups: dict[str, list[str]] = {}
    for article, story in conn.execute("SELECT id, story FROM articles ORDER BY id"):
        groups.setdefault(story, []).append(article)
    conn.close()
    return ok, ids, sorted(groups.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bad", type=int, default=2000)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--kills", type=int, default=10)
    args = parser.parse_args()
    rng = random.Random(2031)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        hostile = root / "hostile"
        expected = hostile_inputs(hostile, args.bad, rng) + len(write_corpus(hostile / "good", pages=20))
        process = run(hostile, root / "hostile.db", root / "hostile.json")
        crashed = process.wait() != 0
        result = json.loads((root / "hostile.json").read_text()) if not crashed else {"articles": [], "rejected": []}
        accounted = len(result["articles"]) + len(result["rejected"])

        pages = root / "pages"
        write_corpus(pages, pages=args.pages)
        started = time.monotonic()
        assert run(pages, root / "reference.db").wait() == 0
        duration = time.monotonic() - started
        survived = 0
        for _ in range(args.kills):
            process = run(pages, root / "killed.db")
            time.sleep(rng.uniform(0.05, 0.95) * duration)
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
            process.wait()
            survived += state(root / "killed.db")[0] if (root / "killed.db").exists() else 1
        assert run(pages, root / "killed.db").wait() == 0
        ok, ids, stories = state(root / "killed.db")
        _, reference_ids, reference_stories = state(root / "reference.db")

    print("| inputs tried | crashes | inputs lost | duplicates | kills survived | stories equal |")
    print("|---|---|---|---|---|---|")
    lost = expected - accounted + len(set(reference_ids) - set(ids))
    tried = f"{expected} hostile and fictional inputs; {args.pages} pages killed"
    duplicates = len(ids) - len(set(ids))
    equal = ok and stories == reference_stories
    print(f"| {tried} | {int(crashed)} | {max(lost, 0)} | {duplicates} | {survived} of {args.kills} | {equal} |")
    if os.environ.get("VERBOSE"):
        print(f"accounted {accounted} of {expected}; run took {duration:.1f}s")


if __name__ == "__main__":
    main()
