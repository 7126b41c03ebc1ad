"""Text-dump extraction quality: newsweave's line extractor beside peers, token F1 per page.

Scored as the scrapinghub article-extraction benchmark does: bag of lowercased word tokens per
page, precision/recall/F1, mean over pages; an empty output or a rejected page scores 0. The peers
(boilerpy3, jusText, trafilatura) get each line of the dump as a <p>, as in ../shared/README.md;
trafilatura on the original HTML is the ceiling. pages/s is CPU time in this process; the
`newsweave extract` row runs the command on the folder, process start included, and reports pages
per CPU second of the child and per wall second.

    python benchmarks/extraction.py [--limit N] [--sets scrapinghub wcxb-articles-dev] [--no-cli]
        [--methods newsweave boilerpy3-on-lines] [--no-html]
"""

from __future__ import annotations

import argparse
import gzip
import html
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import justext
import trafilatura
from boilerpy3 import extractors

from newsweave.extract.result import NoArticle
from newsweave.extract.textpage import extract_text_page
from newsweave.metrics import token_f1

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "extraction"
NEWSWEAVE = Path(sys.executable).with_name("newsweave")
_BOILERPY = extractors.ArticleExtractor(raise_on_failure=False)
_STOPLIST = justext.get_stoplist("English")


def newsweave_lines(dump: str) -> str:
    try:
        return extract_text_page(dump).text
    except NoArticle:
        return ""


def whole_dump(dump: str) -> str:
    return dump


def _as_paragraphs(dump: str) -> str:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in dump.splitlines() if line.strip())
    return f"<html><body>{body}</body></html>"


def trafilatura_on_lines(dump: str) -> str:
    """The peer as measured in shared/README.md: each line given to trafilatura as a <p>."""
    return trafilatura.extract(_as_paragraphs(dump)) or ""


def boilerpy3_on_lines(dump: str) -> str:
    return _BOILERPY.get_content(_as_paragraphs(dump)) or ""


def justext_on_lines(dump: str) -> str:
    paragraphs = justext.justext(_as_paragraphs(dump), _STOPLIST)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


METHODS = {"newsweave": newsweave_lines, "boilerpy3-on-lines": boilerpy3_on_lines,
           "jusText-on-lines": justext_on_lines, "trafilatura-on-lines": trafilatura_on_lines,
           "whole-dump": whole_dump}


def trafilatura_on_html(folder: Path, pages: list[Path]) -> tuple[float, float, int]:
    """The ceiling: trafilatura given the original HTML of the same pages."""
    scores, cpu = [], 0.0
    for page in pages:
        source = folder / "html" / f"{page.stem}.html.gz"
        gold = (folder / "gold" / page.name).read_text(encoding="utf-8")
        if not source.is_file():
            scores.append(0.0)
            continue
        markup = gzip.decompress(source.read_bytes()).decode("utf-8", errors="replace")
        start = time.process_time()
        text = trafilatura.extract(markup) or ""
        cpu += time.process_time() - start
        scores.append(token_f1(text, gold))
    return sum(scores) / len(scores), len(pages) / max(cpu, 1e-9), len(pages)


def cli_speed(pages: list[Path]) -> tuple[float, float]:
    """`newsweave extract` on a folder of the dumps, process start included: pages per CPU s and per wall s."""
    with tempfile.TemporaryDirectory() as tmp:
        for page in pages:
            (Path(tmp) / page.name).write_bytes(page.read_bytes())
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([str(NEWSWEAVE), "extract", tmp], check=True, capture_output=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return len(pages) / cpu, len(pages) / wall


def run(sets: list[str], limit: int | None, cli: bool, methods: list[str] | None = None,
        html: bool = True) -> dict[str, dict[str, tuple[float, float, int]]]:
    table: dict[str, dict[str, tuple[float, float, int]]] = {}
    for name in sets:
        folder = BENCH / name
        pages = sorted((folder / "textdump").glob("*.txt"))[:limit]
        dumps = [page.read_text(encoding="utf-8") for page in pages]
        golds = [(folder / "gold" / page.name).read_text(encoding="utf-8") for page in pages]
        table[name] = {}
        for method, fn in METHODS.items():
            if methods and method not in methods and method != "boilerpy3-on-lines":  # the peer of every ratio
                continue
            start = time.process_time()
            outputs = [fn(dump) for dump in dumps]
            cpu = time.process_time() - start
            scores = [token_f1(out, gold) for out, gold in zip(outputs, golds, strict=True)]
            table[name][method] = (sum(scores) / len(scores), len(pages) / max(cpu, 1e-9), len(pages))
        if html:
            table[name]["trafilatura-on-html"] = trafilatura_on_html(folder, pages)
        if cli:
            per_cpu, per_wall = cli_speed(pages)
            score = table[name]["newsweave"][0]
            table[name][f"newsweave extract (CLI, start included; {per_wall:.0f} pages/wall s)"] = (
                score, per_cpu, len(pages))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=["scrapinghub", "wcxb-articles-dev"])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-cli", action="store_true", help="skip timing the newsweave command")
    parser.add_argument("--methods", nargs="+", choices=sorted(METHODS), help="only these (boilerpy3 always runs)")
    parser.add_argument("--no-html", action="store_true", help="skip the trafilatura-on-html ceiling")
    args = parser.parse_args()
    if not BENCH.is_dir():
        sys.exit(f"{BENCH} not found: the benchmark data lives in ../shared beside the project")
    table = run(args.sets, args.limit, cli=not args.no_cli, methods=args.methods, html=not args.no_html)
    print("| set | method | pages | token F1 (mean) | pages/CPU s | F1 / boilerpy3 | speed / boilerpy3 |")
    print("|---|---|---|---|---|---|---|")
    for name, rows in table.items():
        peer_f1, peer_speed, _ = rows["boilerpy3-on-lines"]
        for method, (score, speed, n) in rows.items():
            print(f"| {name} | {method} | {n} | {score:.3f} | {speed:.0f} | {score / peer_f1:.2f} "
                  f"| {speed / peer_speed:.2f} |")


if __name__ == "__main__":
    main()
