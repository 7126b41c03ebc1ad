"""An HTML page to article text and metadata: a fast path on lexbor (selectolax), and trafilatura
only where the fast path is unsure of the body and a second fast extractor disagrees with it.

"Unsure" is `HtmlBody.confidence` below `UNSURE_BELOW`: the confidence falls when the chosen container
holds few words, holds a small share of the page's prose, or is mostly short non-sentence lines (see
`html_body.find_body`). An unsure body is kept when resiliparse's main-content text agrees with it
(`AGREES_ABOVE`); two extractors built on different rules rarely make the same mistake, and resiliparse
costs a tenth of trafilatura. Metadata always comes from `html_meta`, whichever path found the body.
"""

from __future__ import annotations

import trafilatura
from resiliparse.extract.html2text import extract_plain_text
from selectolax.lexbor import LexborHTMLParser

from newsweave.extract.byline import read_byline, wire_service
from newsweave.extract.dates import parse_given
from newsweave.extract.html_body import NEVER_TEXT, find_body, parse, sentence_like, word_count
from newsweave.extract.html_meta import printed_date, read_metadata
from newsweave.extract.lines import split_lines
from newsweave.extract.result import Extraction, NoArticle
from newsweave.extract.textpage import MIN_BODY_WORDS
from newsweave.metrics import token_f1
from newsweave.text import fold

# Below this the page goes to trafilatura. Chosen on the first half (by sorted id) of each bench set:
# best mixed F1 on wcxb-articles-dev (.946 at .8 against .944 at .5 and .943 at 1.0), flat on
# scrapinghub (.969 from .5 to 1.0); 10-14% of pages fall below it. Held-out second halves and
# the whole sets are in BENCHMARKS.md, "HTML extraction (issue 4)".
UNSURE_BELOW = 0.8
# Removed from the page trafilatura gets. trafilatura's own cleaning drops <nav> and <footer> before its
# main extractor runs, but readability, jusText and its baseline read the page with them: chosen on the
# first halves, where it changed one page (.619 -> .978) and saved 10-12% of the fallback's CPU time.
# <form>, <aside> and <figure> stay: see _trafilatura_paragraphs.
_NOT_FOR_FALLBACK = [*NEVER_TEXT, "nav", "footer"]
# An unsure body is kept when it and resiliparse's text agree at least this well (token F1, the benchmarks'
# score). Chosen on the first halves: the lowest value at which their F1 was highest (.935-.945 alike);
# there 14 of 47 unsure pages were kept, and the fallback's time fell by 37% (scrapinghub) and 10%
# (wcxb-articles-dev). Held-out halves in BENCHMARKS.md, issue 4.
AGREES_ABOVE = 0.94
# Deeper than this, neither second reader can help: trafilatura's parser (libxml2) drops whatever lies
# below about 254 nested elements, and resiliparse's main-content pass grows with the square of the depth
# (1.5 s for a paragraph inside 10,000 <div>s, 10.6 s inside 20,000). No bench page nests even 60 deep.
# Asked of unsure pages only; 0.3 ms a page.
_TOO_DEEP_FOR_A_SECOND_READER = "html" + " > *" * 250


def extract_html(page: str, url: str | None = None) -> Extraction:
    tree = parse(page)
    meta = read_metadata(tree)  # before find_body, which strips the JSON-LD scripts
    body = find_body(tree)
    published = meta.published or printed_date(tree, url or meta.url)
    paragraphs, method = body.paragraphs, "html-fast"
    if body.confidence < UNSURE_BELOW:
        paragraphs, method = _read_again(page, url, tree, body.paragraphs)
    if meta.title and paragraphs and fold(paragraphs[0]) == fold(meta.title):
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise NoArticle("no article text: neither the fast path nor trafilatura found main content in the HTML")
    if not _has_prose(paragraphs):
        prose_words = sum(line.words for line in split_lines("\n".join(paragraphs)) if line.prose)
        if prose_words < MIN_BODY_WORDS:
            raise NoArticle(f"no article text: the HTML's main content has {prose_words} words of prose "
                            f"(an article needs {MIN_BODY_WORDS}); it looks like an index or a headline list")
    credits = [f"By {name}" for name in meta.authors] or [
        line if line.lower().startswith("by ") else f"By {line}" for line in meta.bylines]
    byline = read_byline(credits, paragraphs[0], outlet=meta.site_name)
    return Extraction(
        text="\n\n".join(paragraphs),
        method=method,
        title=meta.title,
        published=parse_given(published),
        updated=parse_given(meta.updated),
        authors=byline.authors,
        agency=byline.agency or wire_service(meta.site_name or ""),
        dateline=byline.dateline,
        outlet=meta.site_name,
        url=meta.url or url,
        language=meta.language,
        removed=body.removed,
    )


def _has_prose(paragraphs: list[str]) -> bool:
    """A cheap lower bound on the line classifier's prose count (30 ms a page): long sentences only,
    counted until there are enough."""
    words = 0
    for paragraph in paragraphs:
        if sentence_like(paragraph):
            words += word_count(paragraph)
            if words >= MIN_BODY_WORDS:
                return True
    return False


def _read_again(page: str, url: str | None, tree: LexborHTMLParser, paragraphs: list[str]) -> tuple[list[str], str]:
    """The body of a page the fast path is unsure of, and which reader gave it: the fast path's own when
    resiliparse agrees (or the page is too deep for either other reader), else trafilatura's."""
    if paragraphs and tree.css_first(_TOO_DEEP_FOR_A_SECOND_READER):
        return paragraphs, "html-fast"
    if paragraphs and _second_opinion(page, paragraphs) >= AGREES_ABOVE:
        return paragraphs, "html-fast-agreed"
    fallback = _trafilatura_paragraphs(page, url)
    return (fallback, "trafilatura") if fallback else (paragraphs, "html-fast")


def _second_opinion(page: str, paragraphs: list[str]) -> float:
    """How well resiliparse's main-content text agrees with the fast path's paragraphs (token F1).

    resiliparse alone scores .874-.898 F1 on the bench sets (it keeps teaser lists and drops headings),
    too low to replace the fast path, but where the two agree trafilatura found the same text on almost
    every first-half page."""
    try:
        text = extract_plain_text(page, main_content=True)
    except TypeError:  # resiliparse refuses text that is not valid UTF-8: lone surrogates, e.g. from JSON escapes
        text = extract_plain_text(page.encode("utf-8", "replace").decode("utf-8"), main_content=True)
    return token_f1("\n".join(paragraphs), text or "")


def _trafilatura_paragraphs(page: str, url: str | None) -> list[str]:
    """trafilatura's paragraphs of the page without _NOT_FOR_FALLBACK.

    trafilatura drops that markup too, but only after lxml has parsed it. Without html_body.NEVER_TEXT the
    fallback's time fell by 1-5% (CPU, old and new alternating); no first-half page's text changed, and of
    the four held-out pages that changed three scored higher (one had been rejected) and one .009 lower
    (BENCHMARKS.md, issue 4). The fast path's own list also drops <form> (ASP.NET pages wrap the whole
    article in one), <aside> and <figure>: removed before trafilatura, they changed its choice on some
    pages.
    """
    light = parse(page)  # parsed again: the fast path's tree has lost its <aside>, <form>...
    light.strip_tags(_NOT_FOR_FALLBACK)
    text = trafilatura.extract(light.html or page, url=url, include_comments=False, with_metadata=False) or ""
    paragraphs: list[str] = []
    for line in (line.strip() for line in text.split("\n")):
        # trafilatura keeps the page source's hard line breaks inside a paragraph; a line that starts
        # in lower case continues the one before
        if paragraphs and line[:1].islower():
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        elif line:
            paragraphs.append(line)
    return paragraphs
