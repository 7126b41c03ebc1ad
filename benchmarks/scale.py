"""Scale: the local engine beside the Dask engine with 1 and 2 workers, on N generated articles.

    python benchmarks/scale.py [--articles 200000] [--extract-pages 100] [--workers 1 2] [--then 5]

Articles are generated from the sentences of the gold bodies of ../shared/bench/extraction
(pre-extracted text, so extraction does not dominate): each event draws 30 sentences, its one to four
originals take 14-20 of them each, three in ten articles are syndicated copies (trimmed, with a
credit line) of a recent original, and publication times are spread over one month. They go to a
temporary folder as JSONL files of 1,000 records.
Each configuration runs in its own process (clean peak memory) on a fresh store and reports
throughput, peak memory of the client and of each worker (getrusage on the worker), and where the
time goes per stage; every configuration must give the same story partition. With `--then K` the
last K files are held back and read by a second run into the same store, which shows what a later
batch costs once the store holds the rest. Page extraction is measured apart, on `--extract-pages`
text dumps, to give its share of a run on raw pages.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench" / "extraction"
COPY_SHARE = 0.3
PER_FILE = 1_000
MONTH = timedelta(days=30)
EVENT_SENTENCES = 30
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def generate(folder: Path, n: int, seed: int = 9) -> None:
    """Write n articles as JSONL: events of related originals drawn from benchmark sentences, plus copies.

    Each event draws its own set of sentences from the pool of all benchmark bodies; its originals
    (one to four, within a day and a half) take different subsets of them, so they share topic words
    and some passages, as reports of one event do, while two events rarely share a sentence.
    """
    pool = sorted({s.strip() for p in sorted(BENCH.glob("*/gold/*.txt"))
                   for line in p.read_text(encoding="utf-8").splitlines()
                   for s in _SENTENCE_END.split(line) if 8 <= len(s.split()) <= 40})
    rng = random.Random(seed)
    start = datetime(2031, 3, 1)
    records: list[dict] = []
    originals: list[dict] = []
    while len(records) < n:
        event = rng.sample(pool, EVENT_SENTENCES)
        began = start + MONTH * len(records) / n
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            chosen = sorted(rng.sample(range(EVENT_SENTENCES), rng.randint(14, 20)))
            sentences = [event[k] for k in chosen]
            paragraphs = [" ".join(sentences[k:k + 2]) for k in range(1, len(sentences), 2)]
            when = began + timedelta(minutes=rng.randint(0, 36 * 60))
            i = len(records)
            records.append({"id": f"o{i}", "title": " ".join(sentences[0].split()[:12]),
                            "text": "\n\n".join(paragraphs), "outlet": f"Outlet {i % 97}",
                            "published": when.isoformat(timespec="minutes")})
            originals.append(records[-1])
            del originals[:-100]
            while len(records) < n and rng.random() < COPY_SHARE:  # copies of the latest originals
                source = originals[-rng.randint(1, min(50, len(originals)))]
                paragraphs = source["text"].split("\n\n")
                i = len(records)
                records.append({"id": f"c{i}", "title": source["title"], "outlet": f"Outlet {i % 97}",
                                "text": "\n\n".join(paragraphs[: max(2, len(paragraphs) - 1)]) + "\n\n(Fictional Wire)",
                                "published": (datetime.fromisoformat(source["published"])
                                              + timedelta(hours=2)).isoformat()})
    records = records[:n]
    for first in range(0, n, PER_FILE):
        chunk = records[first:first + PER_FILE]
        (folder / f"articles-{first // PER_FILE:05d}.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in chunk), encoding="utf-8")


def run_one(engine: str, workers: int, data: Path, then: int = 0) -> dict:
    """One configuration in this process: a fresh store, the whole pipeline, times per stage; with
    `then`, the last `then` files are a second run into the same store, timed apart."""
    from newsweave.engine.local import LocalStages, read_articles, run_pipeline
    from newsweave.store import Store

    times: dict[str, float] = {}

    def timed(function, name):
        def wrapper(*args, **kwargs):
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                times[name] = times.get(name, 0.0) + time.perf_counter() - began
                # Progress on stderr, so a long run that is stopped still shows where its time went.
                print(f"{time.strftime('%H:%M:%S')} {name} done: {times[name]:.0f} s so far, "
                      f"peak {_peak_mb():.0f} MB", file=sys.stderr, flush=True)
        return wrapper

    def one_run(store, files, stages, reader) -> tuple[object, float, dict[str, float]]:
        times.clear()
        began = time.perf_counter()
        result = run_pipeline(files, store=store, reader=timed(reader, "read"), stages=stages)
        total = time.perf_counter() - began
        times["store, storylines, rest"] = total - sum(times.values())
        return result, total, dict(times)

    def run(stages, reader, client=None) -> dict:
        for name in ("link", "cluster", "build"):
            setattr(stages, name, timed(getattr(stages, name), name))
        files = sorted(str(p) for p in data.glob("*.jsonl"))
        first, later = (files[:-then], files[-then:]) if then else (files, [])
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "scale.db") as store:
            result, total, stage_times = one_run(store, first, stages, reader)
            second = one_run(store, later, stages, reader) if later else None
        partition = sorted(",".join(sorted(s.articles)) for s in result.stories)
        peaks = client.run(_peak_mb) if client else {}
        row = {
            "engine": engine if engine == "local" else f"dask x{workers}",
            "articles": len(result.articles),
            "stories": len(result.stories),
            "copies": sum(a.copy_of is not None for a in result.articles),
            "rejected": len(result.rejected),
            "seconds": total,
            "stages": stage_times,
            "client_peak_mb": _peak_mb(),
            "worker_peak_mb": sorted(peaks.values()),
            "partition": hashlib.sha256("\n".join(partition).encode()).hexdigest()[:16],
        }
        if second:
            later_result, later_total, later_times = second
            row["then"] = {"files": len(later), "articles": len(later_result.articles),
                           "seconds": later_total, "stages": later_times}
        return row

    if engine == "local":
        return run(LocalStages(), read_articles)
    from newsweave.engine.dask import DaskStages, dask_client

    with dask_client(None, workers=workers) as client:
        stages = DaskStages(client)
        return run(stages, stages.read, client)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def extraction_ms_per_page(pages: int) -> float:
    """Page extraction (ingest + extract of raw text dumps), which the generated JSONL skips."""
    from newsweave.engine.local import read_articles
    from newsweave.settings import Settings

    files = [str(p) for p in sorted(BENCH.glob("*/textdump/*.txt"))[::3][:pages]]
    began = time.perf_counter()
    read_articles(files, settings=Settings())
    return 1000 * (time.perf_counter() - began) / len(files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--extract-pages", type=int, default=100)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--then", type=int, default=0, metavar="K",
                        help="hold back the last K files of 1,000 articles for a second run into the same store")
    parser.add_argument("--one", nargs=3, metavar=("ENGINE", "WORKERS", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        engine, workers, data = args.one
        print(json.dumps(run_one(engine, int(workers), Path(data), args.then)))
        return
    if not BENCH.is_dir():
        sys.exit(f"{BENCH} not found: the benchmark data is only in ../shared beside the project")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        generate(data, args.articles)
        rows = []
        for engine, workers in [("local", 1), *(("dask", w) for w in args.workers)]:
            done = subprocess.run([sys.executable, __file__, "--one", engine, str(workers), str(data),
                                   "--then", str(args.then)],
                                  capture_output=True, text=True, check=True)
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(_row(rows[-1], rows[0]), flush=True)
    extraction = extraction_ms_per_page(args.extract_pages)
    print(f"\npage extraction (ingest + extract of text dumps, one process): {extraction:.1f} ms/page "
          f"over {args.extract_pages} pages")
    same = len({r["partition"] for r in rows}) == 1
    print(f"same story partition in every configuration: {same}")
    print(json.dumps(rows, indent=1))


def _row(row: dict, local: dict) -> str:
    rate = row["articles"] / row["seconds"]
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in row["stages"].items())
    workers = "/".join(f"{m:.0f}" for m in row["worker_peak_mb"]) or "-"
    return (f"{row['engine']:>9}: {row['articles']} articles, {row['stories']} stories, {row['copies']} copies in "
            f"{row['seconds']:.1f}s = {rate:.1f} articles/s ({local['seconds'] / row['seconds']:.2f}x local); "
            f"peak MB client {row['client_peak_mb']:.0f}, workers {workers}; {stages}")


if __name__ == "__main__":
    main()
