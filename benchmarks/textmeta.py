"""Text-page metadata: each field of `newsweave extract` scored against gold, beside trafilatura.

Three parts, reported separately:
- dev and held-back: the fictional pages in benchmarks/data/textmeta/ with gold in labels.json. The
  held-back third (the first hex digit of sha256(file name) is 0-5) is not looked at while fixing; only
  its totals are printed, never its misses.
- bench: the real dumps of ../shared/bench/extraction, where a field can be derived from what the set
  holds: the outlet from the URL's domain through newsweave's outlet registry (only pages whose domain
  the registry knows), the publication day from a /YYYY/MM/DD/ URL path, and the language from the
  HTML's <html lang> attribute.

Scoring: exact match after normalising (case and accents folded, a leading "The" dropped from outlets,
ISO times compared as values, so "T09:20" equals "T09:20:00"); a page whose gold is empty scores only
if nothing was found. Authors are scored as sets (micro precision and recall over names).
The peer is trafilatura's metadata (`bare_extraction(with_metadata=True)`) given each line of the
dump as a <p>, as the extraction benchmark feeds it; it has no agency, dateline or updated field.

    python benchmarks/textmeta.py [--misses] [--bench-limit N] [--no-bench]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import json
import re
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura

from newsweave.extract import extract
from newsweave.extract.outlets import outlet_for_domain
from newsweave.ingest.files import read_file
from newsweave.model import Article, Document
from newsweave.text import fold

HERE = Path(__file__).resolve().parent
PAGES = HERE / "data" / "textmeta"
BENCH = HERE.parents[1] / "shared" / "bench" / "extraction"
FIELDS = ("title", "published", "updated", "agency", "dateline", "outlet", "language")
_URL_DAY = re.compile(r"/(20\d\d|19\d\d)/(\d{1,2})/(\d{1,2})/")
_HTML_LANG = re.compile(rb"<html[^>]*?\slang=[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def held_back(name: str) -> bool:
    """Fixed split by file name: about a third of the pages (6 of 16 hex digits)."""
    return hashlib.sha256(name.encode()).hexdigest()[0] in "012345"


def normalise(field: str, value: str | None) -> str | None:
    if not value:
        return None
    if field in ("published", "updated"):
        return _time_value(value)
    value = re.sub(r"\s+", " ", fold(value)).strip(" .")
    if field == "outlet":
        value = re.sub(r"^the ", "", value)
    return value


def _time_value(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        return value


class Tally:
    """Per-field exact-match counts and author set precision/recall for one part of the set."""

    def __init__(self) -> None:
        self.right = dict.fromkeys((*FIELDS, "authors exact"), 0)
        self.pages = 0
        self.author_hits = self.author_found = self.author_gold = 0
        self.misses: list[str] = []

    def add(self, name: str, found: dict, gold: dict, fields: tuple[str, ...] = FIELDS) -> None:
        self.pages += 1
        for field in fields:
            got, want = normalise(field, found.get(field)), normalise(field, gold.get(field))
            if got == want:
                self.right[field] += 1
            else:
                self.misses.append(f"{name}: {field} {found.get(field)!r} != {gold.get(field)!r}")
        if "authors" in gold:
            got_set = {normalise("authors", a) for a in found.get("authors") or []}
            want_set = {normalise("authors", a) for a in gold["authors"]}
            self.author_hits += len(got_set & want_set)
            self.author_found += len(got_set)
            self.author_gold += len(want_set)
            if got_set == want_set:
                self.right["authors exact"] += 1
            else:
                self.misses.append(f"{name}: authors {found.get('authors')!r} != {gold['authors']!r}")

    def row(self, fields: tuple[str, ...], scored: tuple[str, ...] = FIELDS) -> str:
        cells = [f"{self.right[f] / self.pages:.2f}" if self.pages and (f in scored or f == "authors exact") else "n/a"
                 for f in fields]
        precision = f"{self.author_hits / self.author_found:.2f}" if self.author_found else "- (none found)"
        recall = f"{self.author_hits / self.author_gold:.2f}" if self.author_gold else "-"
        return " | ".join([*cells, f"{precision} / {recall}"])


def newsweave_fields(path: Path) -> dict:
    (doc,) = read_file(path)
    found = extract(doc) if isinstance(doc, Document) else doc
    if not isinstance(found, Article):
        return {"rejected": found.reason}
    return {"title": found.title, "published": found.published, "updated": found.updated,
            "authors": found.authors, "agency": found.agency, "dateline": found.dateline,
            "outlet": found.outlet, "language": found.language}


def trafilatura_fields(path: Path) -> dict:
    """The peer: trafilatura's metadata from the dump's lines given as <p> (as in benchmarks/extraction.py)."""
    dump = path.read_text(encoding="utf-8")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in dump.splitlines() if line.strip())
    doc = trafilatura.bare_extraction(f"<html><body>{body}</body></html>", with_metadata=True)
    if doc is None:
        return {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    authors = [a.strip() for a in re.split(r";|,", data.get("author") or "") if a.strip()]
    return {"title": data.get("title"), "published": data.get("date"), "authors": authors,
            "outlet": data.get("sitename"), "language": data.get("language")}


# trafilatura has no agency, dateline or update time to compare
_PEER_FIELDS = ("title", "published", "outlet", "language")


def score_fictional(method: Callable[[Path], dict]) -> tuple[Tally, Tally, float]:
    labels = json.loads((PAGES / "labels.json").read_text(encoding="utf-8"))["pages"]
    dev, held = Tally(), Tally()
    start = time.process_time()
    for name, gold in sorted(labels.items()):
        found = method(PAGES / name)
        if "rejected" in found:
            found = {}
        fields = FIELDS if method is newsweave_fields else _PEER_FIELDS
        (held if held_back(name) else dev).add(name, found, gold, fields)
    return dev, held, time.process_time() - start


def score_bench(method: Callable[[Path], dict], limit: int | None) -> dict[str, tuple[int, int]]:
    """Fields derivable from the real benchmark pages: (right, pages with a derived label) per field."""
    counts = {"outlet (registry domain)": [0, 0], "published day (URL date)": [0, 0],
              "language (<html lang>)": [0, 0]}
    for name in ("scrapinghub", "wcxb-articles-dev"):
        folder = BENCH / name
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))["pages"]
        for page_id, info in sorted(meta.items())[:limit]:
            path = folder / "textdump" / f"{page_id}.txt"
            if not path.is_file():
                continue
            gold = bench_labels(info["url"], folder / "html" / f"{page_id}.html.gz")
            if not gold:
                continue
            found = method(path)  # a rejected page found nothing
            for key, field, want in (("outlet (registry domain)", "outlet", gold.get("outlet")),
                                     ("published day (URL date)", "published", gold.get("day")),
                                     ("language (<html lang>)", "language", gold.get("language"))):
                if want is None:
                    continue
                got = found.get(field)
                if field == "published":
                    got = (got or "")[:10] or None
                counts[key][1] += 1
                counts[key][0] += normalise(field, got) == normalise(field, want)
    return {k: (v[0], v[1]) for k, v in counts.items()}


def bench_labels(url: str, html_path: Path) -> dict:
    labels = {}
    host = urlsplit(url).hostname or ""
    outlet = outlet_for_domain(host)
    if outlet:
        labels["outlet"] = outlet
    day = _URL_DAY.search(urlsplit(url).path)
    if day:
        year, month, dom = (int(g) for g in day.groups())
        if 1 <= month <= 12 and 1 <= dom <= 31:
            labels["day"] = f"{year:04d}-{month:02d}-{dom:02d}"
    if html_path.is_file():
        lang = _HTML_LANG.search(gzip.decompress(html_path.read_bytes())[:20000])
        if lang:
            labels["language"] = lang.group(1).decode().lower()[:2]
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the dev pages' misses (never held-back ones)")
    parser.add_argument("--bench-limit", type=int, default=None, help="pages per benchmark set")
    parser.add_argument("--no-bench", action="store_true")
    args = parser.parse_args()
    columns = (*FIELDS, "authors exact")
    print("| part | method | pages | " + " | ".join(columns) + " | authors P / R | CPU s |")
    print("|---" * (len(columns) + 5) + "|")
    results = {}
    for method_name, method in (("newsweave", newsweave_fields), ("trafilatura-on-lines", trafilatura_fields)):
        dev, held, cpu = score_fictional(method)
        results[method_name] = dev
        for part, tally in (("dev", dev), ("held-back", held)):
            scored = FIELDS if method is newsweave_fields else _PEER_FIELDS
            print(f"| {part} | {method_name} | {tally.pages} | {tally.row(columns, scored)} | {cpu:.1f} |")
    if args.misses:
        print("\ndev misses (newsweave):")
        print("\n".join(f"  {m}" for m in results["newsweave"].misses))
    if args.no_bench:
        return
    if not BENCH.is_dir():
        sys.exit(f"{BENCH} not found: the benchmark data lives in ../shared beside the project")
    print("\n| bench-derived field | method | right / labelled | accuracy |")
    print("|---|---|---|---|")
    for method_name, method in (("newsweave", newsweave_fields), ("trafilatura-on-lines", trafilatura_fields)):
        for field, (right, total) in score_bench(method, args.bench_limit).items():
            share = f"{right / total:.2f}" if total else "-"
            print(f"| {field} | {method_name} | {right} / {total} | {share} |")


if __name__ == "__main__":
    main()
