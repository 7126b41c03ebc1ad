"""WARC reading: memory stays flat on a ~1 GB CC-NEWS-like file; speed beside raw fastwarc and warcio.

    python benchmarks/warc_memory.py [--size-mb 1024] [--extract-sample 200] [--keep FILE]

1. Writes a .warc.gz of fictional news pages (one gzip member per record, as CC-NEWS does) to a temp
   folder: HTML responses with request and metadata records between them and a PNG every 50 pages.
2. Reads it three ways in this process, one after another, sampling RSS every 20 ms: newsweave's
   reader (`read_warc`: record checks, charset decoding, sha256 digest, Documents), raw fastwarc
   (iterate and read each payload) and warcio (the same). Reports records/s, MB/s and peak RSS above
   the RSS before reading, with RSS at 25/50/75/100% of the file to show that it stays flat.
3. Ingest + extract on the first `--extract-sample` pages (trafilatura-backed extraction dominates).
4. A `--jsonl-mb` JSONL file of fictional records, streamed by `stream_jsonl` beside v1's way (read the
   whole file, decode, split lines with `read_jsonl`), peak RSS of each.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

PROCESS = psutil.Process()
SYLLABLES = ["val", "den", "kes", "sel", "ford", "al", "der", "nor", "mar", "ost", "ry", "lin", "gate", "sar",
             "re", "ve", "dri", "an", "tam", "bor", "ul", "ka", "mi", "to", "ren", "sa"]
COMMON = ["the", "of", "and", "to", "in", "a", "on", "said", "for", "by", "was", "with", "at", "from", "after"]


def _words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(n)]


def _paragraph_pool(rng: random.Random, size: int = 3000) -> list[str]:
    """Fictional paragraphs to compose pages from: generating every word anew made writing 1 GB take minutes."""
    vocabularies = [_words(rng, 400) for _ in range(50)]

    def sentence(vocabulary: list[str]) -> str:
        words = [rng.choice(vocabulary) if rng.random() < 0.55 else rng.choice(COMMON)
                 for _ in range(rng.randint(9, 22))]
        return " ".join(words).capitalize() + "."

    return [" ".join(sentence(vocabularies[n % 50]) for _ in range(rng.randint(2, 5))) for n in range(size)]


def _page(rng: random.Random, pool: list[str], n: int) -> bytes:
    paragraphs = "".join(f"<p>{rng.choice(pool)}</p>" for _ in range(rng.randint(8, 40)))
    title = f"Fictional report {n} from the Veldrian provinces"
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title} | The Veldrian "
            f"Fictional Herald</title><meta property='article:published_time' content='2031-05-{1 + n % 28:02d}"
            f"T{n % 24:02d}:15:00+02:00'></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>{title}</h1><p>Report number {n}.</p>{paragraphs}</article><footer>(c) 2031 The "
            "Veldrian Fictional Herald</footer></body></html>").encode()


def _record(kind: str, url: str, block: bytes, n: int) -> bytes:
    headers = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2031-06-02T04:{n // 60 % 60:02d}:{n % 60:02d}Z\r\n"
               f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012d}>\r\nWARC-Target-URI: {url}\r\n"
               f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {len(block)}\r\n\r\n")
    return gzip.compress(headers.encode() + block + b"\r\n\r\n", compresslevel=1)


def write_warc(path: Path, size_bytes: int, seed: int = 11) -> tuple[int, int]:
    """Returns (HTML pages, records) written."""
    rng = random.Random(seed)
    pool = _paragraph_pool(rng)
    pages = records = 0
    with path.open("wb") as out:
        while out.tell() < size_bytes:
            url = f"https://herald.veldria.example/news/{pages}.html"
            request = f"GET /news/{pages}.html HTTP/1.1\r\nHost: herald.veldria.example\r\n\r\n".encode()
            out.write(_record("request", url, request, records))
            if pages % 50 == 49:
                body, content_type = b"\x89PNG\r\n\x1a\n" + rng.randbytes(20_000), "image/png"
            else:
                body, content_type = _page(rng, pool, pages), "text/html; charset=utf-8"
            http = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n").encode()
            out.write(_record("response", url, http + body, records + 1))
            out.write(_record("metadata", url, b"fetchTimeMs: 120\r\n", records + 2))
            pages += 1
            records += 3
    return pages, records


class RssSampler:
    """Peak RSS of this process and RSS at fractions of the file read, sampled in a thread."""

    def __init__(self) -> None:
        self.base = PROCESS.memory_info().rss
        self.peak = self.base
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, PROCESS.memory_info().rss)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, PROCESS.memory_info().rss)


def measure(name: str, path: Path, read, expected: int) -> dict:
    """Read the whole file with `read`; RSS is noted at each quarter of the `expected` items."""
    size = path.stat().st_size
    marks: dict[int, float] = {}
    quarters = {expected * q // 4: q * 25 for q in (1, 2, 3)}
    with RssSampler() as rss:
        start = time.perf_counter()
        records = payload = 0
        for payload_bytes in read(path):
            records += 1
            payload += payload_bytes
            if records in quarters:
                marks[quarters[records]] = PROCESS.memory_info().rss / 1e6
        seconds = time.perf_counter() - start
    marks[100] = PROCESS.memory_info().rss / 1e6
    print(f"{name:26} {records:8d} items {seconds:7.1f} s {records / seconds:8.0f} items/s "
          f"{size / 1e6 / seconds:6.1f} MB/s (compressed), {payload / 1e6:.0f} MB payload  "
          f"RSS before {rss.base / 1e6:4.0f} MB, "
          f"peak +{(rss.peak - rss.base) / 1e6:5.1f} MB, at 25/50/75/100%: "
          + " / ".join(f"{marks.get(q, float('nan')):.0f}" for q in (25, 50, 75, 100)) + " MB", flush=True)
    return {"seconds": seconds, "peak_above_base_mb": (rss.peak - rss.base) / 1e6}


def read_newsweave(path: Path):
    from newsweave.ingest.warc import read_warc
    from newsweave.model import Document

    for item in read_warc(path, max_record_bytes=16_000_000):
        yield len(item.content) if isinstance(item, Document) else 0


def read_fastwarc(path: Path):
    from fastwarc.warc import ArchiveIterator

    with path.open("rb") as stream:
        for record in ArchiveIterator(stream, parse_http=True):
            yield len(record.reader.read())


def read_warcio(path: Path):
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            yield len(record.content_stream().read())


def warm_up(path: Path) -> None:
    """Import every reader and read a few records first, so module loading is not counted as growth."""
    for read in (read_newsweave, read_fastwarc, read_warcio):
        for n, _ in enumerate(read(path)):
            if n >= 20:
                break


def extract_sample(path: Path, pages: int) -> None:
    from newsweave.extract import extract
    from newsweave.ingest.warc import read_warc
    from newsweave.model import Document

    docs = []
    for item in read_warc(path, max_record_bytes=16_000_000):
        if isinstance(item, Document):
            docs.append(item)
            if len(docs) >= pages:
                break
    start = time.perf_counter()
    results = [extract(d) for d in docs]
    seconds = time.perf_counter() - start
    ok = sum(1 for r in results if not hasattr(r, "reason"))
    print(f"ingest+extract sample: {len(docs)} pages, {ok} articles in {seconds:.1f} s = {len(docs) / seconds:.1f} "
          f"pages/s", flush=True)


def jsonl_side_by_side(folder: Path, size_mb: float, pool: list[str]) -> None:
    import json

    from newsweave.ingest.decode import decode
    from newsweave.ingest.jsonl import read_jsonl, stream_jsonl

    path = folder / "records.jsonl"
    rng = random.Random(5)
    with path.open("w", encoding="utf-8") as out:
        n = 0
        while out.tell() < size_mb * 1e6:
            text = "\n\n".join(rng.choice(pool) for _ in range(rng.randint(4, 12)))
            out.write(json.dumps({"id": f"r{n}", "title": f"Fictional notice {n}", "text": text}) + "\n")
            n += 1
    size = path.stat().st_size
    for name, read in (("stream_jsonl (this issue)", lambda: stream_jsonl(path, max_record_bytes=16_000_000)),
                       ("whole file + read_jsonl (v1)", lambda: read_jsonl(decode(path.read_bytes()), str(path)))):
        with RssSampler() as rss:
            start = time.perf_counter()
            count = sum(1 for _ in read())
            seconds = time.perf_counter() - start
        print(f"JSONL {size / 1e6:.0f} MB, {name:28} {count} records in {seconds:5.1f} s, "
              f"peak RSS +{(rss.peak - rss.base) / 1e6:6.1f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=1024)
    parser.add_argument("--extract-sample", type=int, default=200)
    parser.add_argument("--jsonl-mb", type=float, default=200)
    parser.add_argument("--keep", type=Path, help="write the WARC here and keep it (default: a temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "cc-news-like.warc.gz"
        start = time.perf_counter()
        pages, records = write_warc(path, int(args.size_mb * 1e6))
        size = path.stat().st_size
        print(f"wrote {path.name}: {size / 1e6:.0f} MB compressed, {pages} pages ({pages // 50} PNG), {records} "
              f"records in {time.perf_counter() - start:.0f} s; python {sys.version.split()[0]}", flush=True)
        warm_up(path)
        ours = measure("newsweave read_warc", path, read_newsweave, pages)
        fast = measure("fastwarc (raw iteration)", path, read_fastwarc, records)
        slow = measure("warcio (raw iteration)", path, read_warcio, records)
        print(f"time ratios on the same file: newsweave/fastwarc {ours['seconds'] / fast['seconds']:.2f}, "
              f"warcio/newsweave {slow['seconds'] / ours['seconds']:.2f}, "
              f"warcio/fastwarc {slow['seconds'] / fast['seconds']:.2f}", flush=True)
        if args.extract_sample:
            extract_sample(path, args.extract_sample)
        if args.jsonl_mb:
            if not args.keep:
                path.unlink()  # room on disk for the JSONL file
            jsonl_side_by_side(Path(folder), args.jsonl_mb, _paragraph_pool(random.Random(3), 500))


if __name__ == "__main__":
    main()
