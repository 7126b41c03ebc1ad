"""Per-outlet templates learned across pages: lines an outlet prints on page after page (menus, footers,
newsletter boxes, bios, promos) are its chrome, however much they read like prose on one page.

Pure functions over plain data: the engines count a run's pages together with what the store already
holds (engine.reading.strip_templates), so the more pages of an outlet are seen, the more of its
chrome is known.

Updates of one wire story repeat whole paragraphs across pages of one outlet; those are article
text. Pages are therefore counted in *families*: a page whose body is mostly lines already seen on
the outlet's earlier pages (lines not yet known as chrome) is a later version of an earlier page and
founds no family of its own. A line is chrome when it stands on pages of several families, i.e.
beside otherwise different bodies; a paragraph shared by three versions of one story has one family.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsweave.model import Article
from newsweave.text import fold

# A line is chrome when it stands on pages of at least this many families (the floor) ...
MIN_FAMILIES = 3
# ... and on at least this share of the outlet's families. Chosen on benchmarks/templates.py (generated
# outlets, 50 pages seen: .1 .965, .2 .966, .3 .963, .5 .962). A bio of one of many authors has a small
# share and is missed; a lower share would take background paragraphs that one outlet's reports on a
# running story repeat (no update of each other, so each founds a family).
MIN_SHARE = 0.2
# A page whose body words lie at least this much in lines seen before on the outlet (and not known as
# chrome) is a later version of an earlier page: an update of a wire story shares most of its body.
UPDATE_SHARE = 0.5
# Methods whose text is the input's own (JSONL "clean" records, headline-only ones): no chrome to learn.
_UNTEMPLATED = frozenset({"given", "headline"})
_DIGITS = re.compile(r"\d+")


@dataclass(slots=True)
class OutletCounts:
    """One outlet's counts: its pages and families, and per line key the distinct pages, the families
    and the families where the line stood in the body; `seen` holds the body hash of every page counted."""

    pages: int = 0
    families: int = 0
    line_pages: Counter[int] = field(default_factory=Counter)
    line_families: Counter[int] = field(default_factory=Counter)
    line_bodies: Counter[int] = field(default_factory=Counter)
    seen: set[int] = field(default_factory=set)


@dataclass(slots=True)
class TemplateCounts:
    """Counts per outlet, keyed by hashes only: what the store keeps and a run adds to."""

    outlets: dict[str, OutletCounts] = field(default_factory=dict)

    def outlet(self, outlet: str) -> OutletCounts:
        return self.outlets.setdefault(outlet, OutletCounts())

    def is_template(self, outlet: str, key: int) -> bool:
        counts = self.outlets.get(outlet)
        if counts is None:
            return False
        families = counts.line_families[key]
        return families >= MIN_FAMILIES and families >= MIN_SHARE * counts.families


@dataclass(slots=True)
class PageLines:
    """One page as templates see it: its outlet, body hash, body line keys and every line key on it."""

    outlet: str
    page: int
    body: list[int]
    body_words: list[int]
    lines: set[int]


def outlet_key(url: str | None, outlet: str | None) -> str | None:
    """The registered domain of the URL (news.example.co.uk -> example.co.uk), else the outlet's folded
    name, else None: pages without either are not templated."""
    if url:
        try:
            host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").rstrip(".").lower()
        except ValueError:  # "http://[broken": the outlet's name, if any, still keys the page
            host = ""
        if host:
            return _registered_domain(host)
    if outlet and outlet.strip():
        return " ".join(fold(outlet).split())
    return None


def _registered_domain(host: str) -> str:
    try:
        ipaddress.ip_address(host)
        return host  # an address has no registered domain: it is its own outlet
    except ValueError:
        pass
    return _suffixes().privatesuffix(host) or host


@functools.cache
def _suffixes():
    """The Public Suffix List shipped with publicsuffixlist (no download), loaded once per process."""
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def normalise(line: str) -> str:
    """Folded, numbers as 0, whitespace collapsed: "© 2031 Veldria Herald" and "© 2032 ..." match."""
    return " ".join(_DIGITS.sub("0", fold(line)).split())


def line_key(line: str) -> int:
    """A signed 64-bit hash of the normalised line (an SQLite INTEGER)."""
    return _hash64(normalise(line))


def _hash64(text: str) -> int:
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def page_lines(article: Article) -> PageLines | None:
    """What templates need of an article, or None when it has no outlet key or no chrome to learn."""
    if article.method in _UNTEMPLATED:
        return None
    outlet = outlet_key(article.url, article.outlet)
    paragraphs = article.paragraphs()
    if outlet is None or not paragraphs:
        return None
    normal = [normalise(p) for p in paragraphs]
    body = [_hash64(text) for text in normal]
    others = {line_key(line) for line in article.boilerplate if line.strip()}
    return PageLines(outlet=outlet, page=_hash64("\n".join(normal)), body=body,
                     body_words=[len(p.split()) for p in paragraphs], lines=others | set(body))


def learn(pages: Iterable[PageLines], counts: TemplateCounts) -> TemplateCounts:
    """Add `pages` to `counts` in order, in place; returns what was added (for the store).

    A page already counted (same outlet and body hash: one article read twice) adds nothing.
    """
    added = TemplateCounts()
    for page in pages:
        known = counts.outlet(page.outlet)
        if page.page in known.seen:
            continue
        founds = not _is_update(page, counts)
        on_body = page.lines.intersection(page.body)
        for total in (known, added.outlet(page.outlet)):  # Counter.update: ~260 lines a page at C speed
            total.seen.add(page.page)
            total.pages += 1
            total.line_pages.update(page.lines)
            if founds:
                total.families += 1
                total.line_families.update(page.lines)
                total.line_bodies.update(on_body)
    return added


def _is_update(page: PageLines, counts: TemplateCounts) -> bool:
    line_pages = counts.outlet(page.outlet).line_pages
    seen = sum(
        words for key, words in zip(page.body, page.body_words, strict=True)
        if line_pages[key] and not counts.is_template(page.outlet, key)
    )
    return seen >= UPDATE_SHARE * sum(page.body_words)


def strip(article: Article, page: PageLines, counts: TemplateCounts) -> bool:
    """Remove the outlet's chrome from the article's body, into its removed lines; True if any went.

    The body's opening paragraph stays when no other page had it as body: a "Most read" row quotes the
    opening of another story, so on the page it opens it is that story's text. An article is never
    emptied: when every paragraph is chrome, the extractor's body is kept.
    """
    paragraphs = article.paragraphs()
    chrome = [counts.is_template(page.outlet, key) for key in page.body]
    if chrome and chrome[0] and counts.outlets[page.outlet].line_bodies[page.body[0]] <= 1:
        chrome[0] = False
    if not any(chrome) or all(chrome):
        return False
    article.text = "\n\n".join(p for p, gone in zip(paragraphs, chrome, strict=True) if not gone)
    article.boilerplate = [*article.boilerplate, *(p for p, gone in zip(paragraphs, chrome, strict=True) if gone)]
    return True
