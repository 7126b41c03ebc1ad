"""Text-dump extraction quality: newsweave's line extractor beside peers, token F1 per page.

Scored as the scrapinghub article-extraction benchmark does: bag of lowercased word tokens per
page, precision/recall/F1, mean over pages; an empty output or a rejected page scores 0.

    python benchmarks/extraction.py [--limit N] [--sets scrapinghub wcxb-articles-dev]
"""

from __future__ import annotations

import argparse
import html
import sys
import time
from pathlib import Path

import trafilatura

from newsweave.extract.result import NoArticle
from newsweave.extract.textpage import extract_text_page
from newsweave.metrics import token_f1

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "extraction"
def newsweave_lines(dump: str) -> str:
    try:
        return extract_text_page(dump).text
    except NoArticle:
        return ""


def whole_dump(dump: str) -> str:
    return dump


def trafilatura_on_lines(dump: str) -> str:
    """The peer as measured in shared/README.md: each line given to trafilatura as a <p>."""
    body = "".join(f"<p>{html.escape(line)}</p>" for line in dump.splitlines() if line.strip())
    return trafilatura.extract(f"<html><body>{body}</body></html>") or ""


METHODS = {"newsweave": newsweave_lines, "trafilatura-on-lines": trafilatura_on_lines, "whole-dump": whole_dump}


def run(sets: list[str], limit: int | None) -> dict[str, dict[str, tuple[float, float, int]]]:
    table: dict[str, dict[str, tuple[float, float, int]]] = {}
    for name in sets:
        folder = BENCH / name
        pages = sorted((folder / "textdump").glob("*.txt"))[:limit]
        table[name] = {}
        for method, fn in METHODS.items():
            start, scores = time.perf_counter(), []
            for page in pages:
                gold = (folder / "gold" / page.name).read_text(encoding="utf-8")
                scores.append(token_f1(fn(page.read_text(encoding="utf-8")), gold))
            elapsed = time.perf_counter() - start
            table[name][method] = (sum(scores) / len(scores), len(pages) / elapsed, len(pages))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=["scrapinghub", "wcxb-articles-dev"])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not BENCH.is_dir():
        sys.exit(f"{BENCH} not found: the benchmark data lives in ../shared beside the project")
    table = run(args.sets, args.limit)
    print("| set | method | pages | token F1 (mean) | pages/s | F1 ratio to trafilatura-on-lines |")
    print("|---|---|---|---|---|---|")
    for name, rows in table.items():
        peer = rows["trafilatura-on-lines"][0]
        for method, (score, speed, n) in rows.items():
            print(f"| {name} | {method} | {n} | {score:.3f} | {speed:.0f} | {score / peer:.2f} |")


if __name__ == "__main__":
    main()
