"""Per-outlet templates: token F1 on an outlet's later pages as more of its pages are seen.

Six fictional outlets (chrome generated here: menus, breadcrumbs, bylines, captions, inline promos,
newsletter boxes, author bios, share rows, "Most read" teasers quoting the outlet's recent stories,
comment policy, legal footers) are wrapped around article bodies read at run time from
../shared/bench/extraction/*/gold (never stored in the repo); the gold of a page is its body. Each
outlet has HISTORY pages, then EVAL later pages. Some pages are updates of a wire story (a new lead,
the last paragraph dropped, the rest shared): the danger of taking shared article text for chrome.

For k seen pages, each later page is read as a run of its own onto counts of the outlet's first k
pages (extract.templates.learn then strip, what engine.reading.strip_templates does with a store).
"folder" reads all of an outlet's pages in one run. The real benchmark sets go through the same path
(the URL of meta.json gives the outlet) to show templates do not hurt pages of outlets seen once or
twice. boilerpy3 on the same later pages is the peer (it learns nothing across pages).

    python benchmarks/templates.py [--outlets 6] [--share 0.2 0.3 0.5] [--no-real]
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import random
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from boilerpy3 import extractors

from newsweave.extract import extract, templates
from newsweave.extract.templates import TemplateCounts, learn, page_lines, strip
from newsweave.metrics import token_f1
from newsweave.model import Article, Document

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "extraction"
SETS = ("scrapinghub", "wcxb-articles-dev")
HISTORY = 50
EVAL = 12
SEEN = (0, 1, 2, 5, 10, 25, 50)
SEED = 20311
_BOILERPY = extractors.ArticleExtractor(raise_on_failure=False)

OUTLETS = [  # all invented: Veldria is the project's fictional country
    ("The Veldria Herald", "veldriaherald.vd"),
    ("Ostry Evening Post", "ostrypost.vd"),
    ("Northmarch Ledger", "northmarchledger.vd"),
    ("Kessel Ford Courier", "kesselcourier.vd"),
    ("Sarre Valley Times", "sarretimes.vd"),
    ("Port Alder Gazette", "portaldergazette.vd"),
]
SECTIONS = ["Home", "Veldria", "World", "Business", "Markets", "Politics", "Sport", "Culture", "Opinion",
            "Science", "Weather", "Travel", "Podcasts", "Video", "Regions", "Northmarch", "Ostry", "Obituaries"]
FIRST = ["Mira", "Tomas", "Ilse", "Joran", "Petra", "Anselm", "Liv", "Oskar", "Dagny", "Roul", "Henrike", "Vesna"]
LAST = ["Varga", "Holm", "Kessler", "Dunmore", "Aalto", "Brisk", "Coran", "Ederlund", "Falk", "Grieve", "Hask"]
BEATS = ["energy and the ports", "city hall and the courts", "markets and the crown", "health and science",
         "the Northmarch assembly", "sport and the regional leagues", "culture and the arts", "farming and rivers"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


@dataclass(slots=True)
class Chrome:
    """One outlet's furniture, drawn once per outlet so that it repeats across its pages."""

    name: str
    domain: str
    menu: list[str]
    authors: list[tuple[str, str]]  # (name, bio paragraph)
    newsletter: list[str]
    newsletter_inside: bool  # the box sits between body paragraphs (else after the body)
    promos: list[str]
    captions: list[str]
    comments: str
    footer: list[str]


def make_chrome(name: str, domain: str, rng: random.Random) -> Chrome:
    letter = rng.choice(["Briefing", "Morning Note", "Daily Catch-up", "Weekend Read"])
    authors = []
    for _ in range(rng.randint(3, 6)):
        who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        years = rng.randint(3, 19)
        authors.append((who, f"{who} covers {rng.choice(BEATS)} for {name}. Before joining in {2031 - years}, "
                             f"{who.split()[0]} reported for regional papers across Veldria and spent "
                             f"{rng.randint(2, 6)} years as a correspondent in the north."))
    return Chrome(
        name=name,
        domain=domain,
        menu=[*rng.sample(SECTIONS, rng.randint(7, 12)), "Subscribe", "Sign in"],
        authors=authors,
        newsletter=[f"Get the {name} {letter}",
                    f"Sign up to receive the {letter} in your inbox every weekday morning: the stories that "
                    f"matter in Veldria, chosen by our editors.",
                    "By signing up you agree to our privacy notice. You can unsubscribe at any time."],
        newsletter_inside=rng.random() < 0.5,
        promos=[f"Subscribe to {name} for unlimited access from 1 crown a week.",
                "Download our app for breaking news alerts.",
                "Got a story? Contact our newsdesk in confidence."],
        captions=[f"Photograph: {name} archive", f"The harbour at Port Alder. Photo: {rng.choice(LAST)} / {name}",
                  "Image: Veldrian Press Agency"],
        comments=f"Comments are moderated. {name} reserves the right to remove comments that breach our "
                 "community guidelines, including personal attacks and off-topic posts.",
        footer=[f"© {rng.randint(2029, 2031)} {name} Media Ltd. All rights reserved.",
                "Terms of use", "Privacy notice", "Cookie settings", "Contact us", "Advertise with us",
                f"{name} is published by {name.split()[-1]} Media Ltd, registered in Ostry, Veldria, "
                f"company number {rng.randint(100000, 999999)}."],
    )


@dataclass(slots=True)
class Page:
    doc: Document
    gold: str


def first_sentence(paragraph: str) -> str:
    for mark in (". ", "? ", "! "):
        if mark in paragraph:
            return paragraph.split(mark, 1)[0] + mark.strip()
    return paragraph


def dump_of(chrome: Chrome, body: list[str], rng: random.Random, recent: list[str]) -> str:
    """One page: the outlet's furniture around `body`, in the outlet's order with per-page variation."""
    author, bio = rng.choice(chrome.authors)
    when = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} 2031 {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}"
    headline = " ".join(first_sentence(body[0]).split()[:rng.randint(6, 11)]).rstrip(".,;:")
    section = rng.choice(chrome.menu[:-2])
    lines = [chrome.name, *chrome.menu, f"Home > {section}", headline, f"By {author} | {when}"]
    if rng.random() < 0.6:
        lines.append(rng.choice(chrome.captions))
    box_at = rng.randint(1, max(1, len(body) - 1)) if chrome.newsletter_inside else None
    promo_at = rng.randint(1, max(1, len(body) - 1))
    for k, paragraph in enumerate(body):
        if k == box_at:
            lines += chrome.newsletter
        if k == promo_at and recent:
            lines.append(f"READ MORE: {rng.choice(recent)}")
        lines.append(paragraph)
    lines.append(rng.choice(chrome.promos))
    if box_at is None:
        lines += chrome.newsletter
    lines += [bio, "Share this article", "Facebook", "X", "Email", "Most read"]
    lines += rng.sample(recent, min(5, len(recent)))
    lines += [chrome.comments, *chrome.footer]
    return "\n".join(lines) + "\n"


def gold_bodies() -> list[list[str]]:
    """Article bodies of the benchmark gold, paragraphs as lines (read here, never stored)."""
    bodies = []
    for name in SETS:
        for path in sorted((BENCH / name / "gold").glob("*.txt")):
            paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]
            if len(paragraphs) >= 4 and sum(len(p.split()) for p in paragraphs) >= 150:
                bodies.append(paragraphs)
    return bodies


def outlet_pages(chrome: Chrome, bodies: list[list[str]], rng: random.Random) -> list[Page]:
    """HISTORY + EVAL pages. Pages 0-2 and later page 0 are four versions of one wire story; later
    page 3 updates page 20 (each version: a new lead, the last paragraph dropped)."""
    total = HISTORY + EVAL
    story = bodies.pop()
    texts: list[list[str]] = []
    for k in range(total):
        if k in (0, 1, 2, HISTORY):
            version = [bodies.pop()[0], *story[: len(story) - 1]] if k else story
            story = version
            texts.append(version)
        elif k == HISTORY + 3:
            earlier = texts[20]
            texts.append([bodies.pop()[0], *earlier[: len(earlier) - 1]])
        else:
            texts.append(bodies.pop())
    pages, recent = [], []
    for k, body in enumerate(texts):
        dump = dump_of(chrome, body, rng, recent[-8:])
        recent.append(first_sentence(body[0]))
        digest = hashlib.sha256(dump.encode()).hexdigest()
        url = f"https://www.{chrome.domain}/news/2031/{k:04d}-{digest[:6]}"
        pages.append(Page(Document(source=url, kind="text", content=dump, digest=digest, url=url), "\n".join(body)))
    return pages


def fresh(article: Article) -> Article:
    return replace(article, authors=list(article.authors), boilerplate=list(article.boilerplate))


def text_of(found: Article | object) -> str:
    return found.text if isinstance(found, Article) else ""


def seen_scores(articles: list, golds: list[str]) -> dict[str, float]:
    """Mean F1 of the later pages with no templates, after k seen pages, and as one folder run."""
    later = range(HISTORY, HISTORY + EVAL)
    pages = [page_lines(a) if isinstance(a, Article) else None for a in articles]
    scores = {"no templates": _mean(token_f1(text_of(articles[i]), golds[i]) for i in later)}
    for k in SEEN:
        counts = TemplateCounts()
        learn([p for p in pages[:k] if p], counts)
        row = []
        for i in later:
            article, page = articles[i], pages[i]
            if page is None:
                row.append(token_f1(text_of(article), golds[i]))
                continue
            run = copy.deepcopy(counts)  # a run of its own onto the stored counts
            learn([page], run)
            article = fresh(article)
            strip(article, page, run)
            row.append(token_f1(article.text, golds[i]))
        scores[f"{k} seen"] = _mean(row)
    counts = TemplateCounts()
    learn([p for p in pages if p], counts)
    folder = []
    for i in later:
        article = fresh(articles[i]) if isinstance(articles[i], Article) else None
        if article is not None and pages[i] is not None:
            strip(article, pages[i], counts)
        folder.append(token_f1(text_of(article), golds[i]))
    scores[f"folder ({HISTORY + EVAL} pages, one run)"] = _mean(folder)
    return scores


def boilerpy3_scores(pages: list[Page]) -> float:
    later = pages[HISTORY:]
    html = ["<html><body>" + "".join(f"<p>{line}</p>" for line in p.doc.content.splitlines()) + "</body></html>"
            for p in later]
    return _mean(token_f1(_BOILERPY.get_content(h) or "", p.gold) for h, p in zip(html, later, strict=True))


def generated(n_outlets: int, shares: list[float]) -> None:
    rng = random.Random(SEED)
    bodies = gold_bodies()
    rng.shuffle(bodies)
    needed = n_outlets * (HISTORY + EVAL + 4)
    if len(bodies) < needed:
        sys.exit(f"need {needed} gold bodies of 4+ paragraphs and 150+ words; found {len(bodies)}")
    outlets = [outlet_pages(make_chrome(name, domain, rng), bodies, rng) for name, domain in OUTLETS[:n_outlets]]
    start = time.process_time()
    extracted = [[extract(p.doc) for p in pages] for pages in outlets]
    extract_cpu = time.process_time() - start
    golds = [[p.gold for p in pages] for pages in outlets]
    table: dict[str, list[float]] = {}
    for share in shares:
        templates.MIN_SHARE = share
        for kind, update_share in (("", 0.5), (", no update rule", float("inf"))):
            templates.UPDATE_SHARE = update_share
            label = f"share {share}{kind}"
            for articles, gold in zip(extracted, golds, strict=True):
                for row, score in seen_scores(articles, gold).items():
                    key = f"{label}: {row}" if row != "no templates" else row
                    if len(table.setdefault(key, [])) < n_outlets:  # "no templates" is the same each time
                        table[key].append(score)
    peer = [boilerpy3_scores(pages) for pages in outlets]
    names = [name for name, _ in OUTLETS[:n_outlets]]
    print(f"generated pages: {n_outlets} outlets x ({HISTORY} seen + {EVAL} later), extraction "
          f"{sum(map(len, outlets)) / extract_cpu:.0f} pages/CPU s; mean token F1 on the later pages\n")
    print("| rows | mean | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    print(f"| boilerpy3-on-lines (peer) | {_mean(peer):.3f} | " + " | ".join(f"{s:.3f}" for s in peer) + " |")
    for label, scores in table.items():
        print(f"| {label} | {_mean(scores):.3f} | " + " | ".join(f"{s:.3f}" for s in scores) + " |")


def real_sets(share: float) -> None:
    """The benchmark text dumps, each set read as one folder run, with and without templates."""
    templates.MIN_SHARE, templates.UPDATE_SHARE = share, 0.5
    print("\n| set | pages | outlet keys with 3+ pages | F1 without templates | F1 with templates | pages changed "
          "| template CPU / extraction CPU |")
    print("|---|---|---|---|---|---|---|")
    for name in SETS:
        folder = BENCH / name
        urls = {key: v.get("url") for key, v in json.loads((folder / "meta.json").read_text())["pages"].items()}
        paths = sorted((folder / "textdump").glob("*.txt"))
        docs = [Document(source=str(p), kind="text", content=p.read_text(encoding="utf-8"),
                         digest=hashlib.sha256(p.read_bytes()).hexdigest(), url=urls.get(p.stem)) for p in paths]
        golds = [(folder / "gold" / p.name).read_text(encoding="utf-8") for p in paths]
        start = time.process_time()
        found = [extract(d) for d in docs]
        extract_cpu = time.process_time() - start
        articles = [fresh(a) for a in found if isinstance(a, Article)]
        start = time.process_time()
        pages = [page_lines(a) for a in articles]
        counts = TemplateCounts()
        learn([p for p in pages if p], counts)
        for article, page in zip(articles, pages, strict=True):
            if page is not None:
                strip(article, page, counts)
        template_cpu = time.process_time() - start
        after = {a.source: a.text for a in articles}
        before = [text_of(a) for a in found]
        with_t = [after.get(d.source, "") for d in docs]
        repeat = sum(1 for c in counts.outlets.values() if c.pages >= 3)
        changed = sum(1 for b, w in zip(before, with_t, strict=True) if b != w)
        print(f"| {name} | {len(docs)} | {repeat} | {_mean(map(token_f1, before, golds)):.3f} | "
              f"{_mean(map(token_f1, with_t, golds)):.3f} | {changed} | {template_cpu / extract_cpu:.3f} |")


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlets", type=int, default=len(OUTLETS), choices=range(1, len(OUTLETS) + 1))
    parser.add_argument("--share", type=float, nargs="+", default=[templates.MIN_SHARE],
                        help="template share(s) of an outlet's families to compare (the rule's setting)")
    parser.add_argument("--no-real", action="store_true", help="skip the real benchmark sets")
    args = parser.parse_args()
    if not BENCH.is_dir():
        sys.exit(f"{BENCH} not found: the benchmark data lives in ../shared beside the project")
    default = templates.MIN_SHARE
    generated(args.outlets, args.share)
    if not args.no_real:
        real_sets(default)


if __name__ == "__main__":
    main()
