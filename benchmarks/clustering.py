"""Story clustering quality and speed: newsweave beside an online TF-IDF floor, in the same run.

Quality: each stream of ../shared/bench/clustering is cut in half in stream order; the first half
is where settings were calibrated, the second half is what is reported. Each half is written as
newsweave JSONL records (googlenews-ts: `text` = the stemmed title + snippet; uci-news-aggregator-head:
`title`, `published`, `outlet`) and read by `newsweave.run` into a fresh store, so what is scored
is what a user gets. Scores are B-cubed precision/recall/F1 and NMI against the gold stories.

The floor is single-pass clustering over TF-IDF with incremental IDF, every story compared (no
index, no time, no entities), its threshold chosen on the first half.

Speed: the bare StoryClusterer over full-length articles (the gold bodies of
../shared/bench/extraction), repeated as later weeks of news, at 1x, 2x and 4x the stream length.

    python benchmarks/clustering.py [--sets googlenews-ts uci-news-aggregator-head] [--skip-speed] [--skip-quality]
                                    [--dense]

`--dense` adds the bare StoryClusterer without and with the optional MiniLM encoder (the `[embed]`
extra, which must be installed) on each half.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

import newsweave
from newsweave.cluster.stories import StoryClusterer
from newsweave.metrics import ClusterScores, cluster_scores
from newsweave.model import Article
from newsweave.text import content_words

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
SETS = ("googlenews-ts", "uci-news-aggregator-head")
FLOOR_THRESHOLDS = (0.07, 0.1, 0.15)  # the best lay inside this range on both first halves


def halves(name: str) -> tuple[list[dict], list[dict]]:
    """The stream's records in stream order, cut into a calibration half and a reported half."""
    with (SHARED / "clustering" / name / "docs.jsonl").open(encoding="utf-8") as lines:
        rows = sorted((json.loads(line) for line in lines), key=lambda r: r["order"])
    middle = len(rows) // 2
    return rows[:middle], rows[middle:]


def as_record(name: str, row: dict) -> dict:
    """A benchmark row as a newsweave JSONL record: what a user of that kind of data would give."""
    if name == "googlenews-ts":
        return {"id": row["id"], "text": row["body"]}
    return {"id": row["id"], "title": row["title"], "published": row["date"], "outlet": row["source"]}


def newsweave_labels(name: str, rows: list[dict]) -> tuple[dict[str, str], float]:
    """Story per record id from `newsweave.run` over the rows as JSONL, into a fresh store."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.jsonl"
        path.write_text("".join(json.dumps(as_record(name, r)) + "\n" for r in rows), encoding="utf-8")
        start = time.perf_counter()
        result = newsweave.run([path], db=Path(folder) / "store.db")
        elapsed = time.perf_counter() - start
    if result.rejected:
        print(f"  {len(result.rejected)} rejected, e.g. {result.rejected[0]}", file=sys.stderr)
    return {a.source.rsplit("#", 1)[1]: a.story for a in result.articles if a.story}, elapsed


def floor_labels(texts: list[str], threshold: float) -> list[int]:
    """Online TF-IDF floor: each text joins the most similar story centroid (all compared) or opens one."""
    vocabulary: dict[str, int] = {}
    frequency = np.zeros(1024)
    sums = np.zeros((64, 1024))  # story x term: sum of members' L2-normalised term counts
    n_stories, labels = 0, []
    for n_seen, text in enumerate(texts):
        counts = Counter(vocabulary.setdefault(w, len(vocabulary)) for w in content_words(text))
        if len(vocabulary) > sums.shape[1]:
            grow = max(len(vocabulary), 2 * sums.shape[1]) - sums.shape[1]
            sums, frequency = np.pad(sums, ((0, 0), (0, grow))), np.pad(frequency, (0, grow))
        columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=float, count=len(counts))
        tf /= np.linalg.norm(tf) or 1.0
        best = -1
        if n_stories and len(columns):
            idf = np.log((1 + n_seen) / (1 + frequency)) + 1
            norms = np.sqrt((sums[:n_stories] ** 2) @ (idf**2))
            vector = tf * idf[columns]
            vector /= np.linalg.norm(vector)
            scores = (sums[:n_stories, columns] @ (vector * idf[columns])) / np.where(norms > 0, norms, 1.0)
            best = int(np.argmax(scores)) if scores.max() >= threshold else -1
        if best < 0:
            if n_stories == sums.shape[0]:
                sums = np.pad(sums, ((0, n_stories), (0, 0)))
            best, n_stories = n_stories, n_stories + 1
        sums[best, columns] += tf
        frequency[columns] += 1
        labels.append(best)
    return labels


def floor_text(name: str, row: dict) -> str:
    return row["body"] if name == "googlenews-ts" else row["title"]


def largest(labels: dict[str, object]) -> int:
    return max(Counter(labels.values()).values())


def as_article(name: str, row: dict) -> Article:
    """The record `as_record` gives, as the Article the pipeline would read from it."""
    record = as_record(name, row)
    return Article(id=record.pop("id"), source=name, text=record.pop("text", ""), **record)


def bare_labels(name: str, rows: list[dict], encoder=None) -> tuple[dict[str, str], float]:
    """Story per id from the StoryClusterer alone (no dedup), with the dense `encoder` if given."""
    articles = [as_article(name, r) for r in rows]
    start = time.perf_counter()
    labels = StoryClusterer(encoder=encoder).partial_fit(articles).labels_
    return labels, time.perf_counter() - start


def quality(name: str, *, dense: bool = False) -> list[tuple[str, str, ClusterScores, int, int, float]]:
    first, second = halves(name)
    rows_out = []
    tuned = {}
    for threshold in FLOOR_THRESHOLDS:
        labels = floor_labels([floor_text(name, r) for r in first], threshold)
        tuned[threshold] = cluster_scores(dict(zip([r["id"] for r in first], labels, strict=True)),
                                          {r["id"]: r["cluster"] for r in first}).f1
    best = max(tuned, key=tuned.get)
    for half, rows in (("first", first), ("second", second)):
        gold = {r["id"]: r["cluster"] for r in rows}
        start = time.perf_counter()
        floor = dict(zip(gold, floor_labels([floor_text(name, r) for r in rows], best), strict=True))
        floor_time = time.perf_counter() - start
        labels, elapsed = newsweave_labels(name, rows)
        rows_out.append((half, f"online TF-IDF floor (t={best})", cluster_scores(floor, gold), len(set(floor.values())),
                         largest(floor), len(rows) / floor_time))
        rows_out.append((half, "newsweave run", cluster_scores(labels, gold), len(set(labels.values())),
                         largest(labels), len(rows) / elapsed))
        if dense:
            from newsweave.cluster.dense import MiniLMEncoder

            for method, encoder in (("bare StoryClusterer", None), ("bare StoryClusterer + MiniLM", MiniLMEncoder())):
                labels, elapsed = bare_labels(name, rows, encoder)
                rows_out.append((half, method, cluster_scores(labels, gold), len(set(labels.values())),
                                 largest(labels), len(rows) / elapsed))
    return rows_out


def full_articles() -> list[tuple[str, str]]:
    """(id, gold body) of every extraction-benchmark page: realistic full-length news texts."""
    found = []
    for gold in sorted((SHARED / "extraction").glob("*/gold/*.txt")):
        text = gold.read_text(encoding="utf-8")
        if len(text.split()) >= 50:
            found.append((f"{gold.parent.parent.name}/{gold.stem}", text))
    return found


def speed(repeats: int) -> tuple[int, float, float, int, float]:
    """Articles/s of the bare clusterer over the gold bodies, each repeat two weeks after the previous."""
    bodies = full_articles()
    start_day = datetime(2026, 1, 5)
    stream = [
        Article(id=f"{r}:{aid}", source=aid, text=text, title=text.split("\n", 1)[0][:120],
                published=(start_day + timedelta(days=14 * r, minutes=k)).isoformat())
        for r in range(repeats)
        for k, (aid, text) in enumerate(bodies)
    ]
    words = sum(len(a.text.split()) for a in stream) / len(stream)
    clusterer = StoryClusterer()
    began, began_cpu = time.perf_counter(), time.process_time()
    clusterer.partial_fit(stream)
    elapsed, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    return len(stream), len(stream) / elapsed, len(stream) / cpu, largest(clusterer.labels_), words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--dense", action="store_true", help="also the bare clusterer with MiniLM ([embed] extra)")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"needs {SHARED} (the shared benchmark data beside the checkout)")
    print("| set | half | method | B3 P | B3 R | B3 F1 | NMI | stories | largest | docs/s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in [] if args.skip_quality else args.sets:
        for half, method, s, n, big, rate in quality(name, dense=args.dense):
            print(f"| {name} | {half} | {method} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.nmi:.3f} "
                  f"| {n} | {big} | {rate:.0f} |", flush=True)
    if args.skip_speed:
        return
    print("\n| full-length articles | mean words | articles/s (wall) | articles/s (CPU time) | largest story |")
    print("|---|---|---|---|---|")
    for repeats in (1, 2, 4):
        n, rate, cpu_rate, big, words = speed(repeats)
        print(f"| {n} | {words:.0f} | {rate:.0f} | {cpu_rate:.0f} | {big} |", flush=True)


if __name__ == "__main__":
    main()
