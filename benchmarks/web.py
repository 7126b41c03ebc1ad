"""`newsweave serve` under load, in-process: requests per second per page, and FTS5 search beside a LIKE scan.

The store is built from every text dump of ../shared/bench/extraction (the pipeline's time is reported
too). Requests go through FastAPI's TestClient, so the numbers are the app's own cost without a socket.
The peer for search is the query a store without an index would run: `title LIKE ? AND text LIKE ?`
per word, over the same articles, with the same words.

    python benchmarks/web.py [--pages N] [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

import newsweave
from newsweave.store import Store
from newsweave.store.search import search_articles
from newsweave.web.app import create_app

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "extraction"
QUERIES = ["police", "government minister", "market shares fell", "climate", "football club", "election results"]


def like_scan(store: Store, text: str, *, limit: int = 20) -> int:
    """The peer, doing what search_articles does (a count and one page of rows) with substrings and no index."""
    words = text.split()
    clause = " AND ".join("(coalesce(title, '') || ' ' || text) LIKE ?" for _ in words)
    params = [f"%{w}%" for w in words]
    total = store.conn.execute(f"SELECT COUNT(*) FROM articles WHERE {clause}", params).fetchone()[0]
    store.conn.execute(f"SELECT id, title, outlet, published, story FROM articles WHERE {clause} LIMIT ?",
                       [*params, limit]).fetchall()
    return total


def timed(fn, repeat: int) -> float:
    """Calls per second of fn, best of three rounds of `repeat` calls."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        best = min(best, time.perf_counter() - start)
    return repeat / best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=0, help="use only the first N dumps (0: all)")
    parser.add_argument("--repeat", type=int, default=50, help="requests per timing round")
    parser.add_argument("--db", type=Path, help="keep the store here (reused as is when it exists)")
    args = parser.parse_args()
    dumps = sorted(BENCH.glob("*/textdump/*"))
    if not dumps:
        print(f"no text dumps under {BENCH}: the benchmark needs ../shared/bench", file=sys.stderr)
        return 2
    dumps = dumps[: args.pages] if args.pages else dumps
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "bench.db"
        if not db.exists():
            start = time.perf_counter()
            newsweave.run(dumps, db=db)
            built = time.perf_counter() - start
            print(f"store: {len(dumps)} dumps in {built:.1f} s ({len(dumps) / built:.1f} dumps/s, the whole pipeline)")
        with Store.reader(db) as store:
            stories, articles = store.stories(), store.articles()
        print(f"store: {len(articles)} articles, {len(stories)} stories")
        largest = max(stories, key=lambda s: len(s.articles))
        article = articles[0].id
        with TestClient(create_app(db=db)) as client:
            pages = {
                "GET / (story list)": "/",
                "GET /?order=largest&q=police": "/?order=largest&q=police",
                f"GET /stories/{{id}} ({len(largest.articles)} articles)": f"/stories/{largest.id}",
                "GET /articles/{id}": f"/articles/{article}",
                "GET /api/stories?limit=50": "/api/stories?limit=50",
                "GET /api/search?q=government+minister": "/api/search?q=government+minister",
            }
            print("\n| request | requests/s |\n|---|---|")
            for label, path in pages.items():
                assert client.get(path).status_code == 200, path
                print(f"| {label} | {timed(lambda p=path: client.get(p), args.repeat):.0f} |")
        with Store.reader(db) as store:
            print("\n| query | FTS5 hits | LIKE hits | FTS5 queries/s | LIKE queries/s | ratio |")
            print("|---|---|---|---|---|---|")
            for query in QUERIES:
                fts = timed(lambda q=query: search_articles(store, q, limit=20), args.repeat)
                like = timed(lambda q=query: like_scan(store, q), args.repeat)
                hits = search_articles(store, query, limit=1)[1]
                print(f"| {query} | {hits} | {like_scan(store, query)} | {fts:.0f} | {like:.0f} | {fts / like:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
