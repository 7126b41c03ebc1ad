"""An HTML page to article text and metadata: trafilatura for the body, the page's own
publication metadata (JSON-LD, Open Graph) first for dates, since htmldate keeps dates only."""

from __future__ import annotations

import json
import re

import trafilatura
from lxml import html as lxml_html

from newsweave.extract.byline import read_byline, wire_service
from newsweave.extract.dates import parse_given
from newsweave.extract.lines import split_lines
from newsweave.extract.result import Extraction, NoArticle
from newsweave.extract.textpage import MIN_BODY_WORDS
from newsweave.text import fold

_PUBLISHED_META = ("article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate",
                   "date", "dc.date.issued", "sailthru.date")
_UPDATED_META = ("article:modified_time", "og:updated_time", "dateModified", "lastmod")
# htmldate refuses dates after today; archives and fixtures may be dated later than the machine clock.
_DATE_PARAMS = {"original_date": True, "max_date": "2099-12-31", "extensive_search": True}


def extract_html(page: str, url: str | None = None) -> Extraction:
    found = trafilatura.bare_extraction(
        page, url=url, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if found is None or not (found.text or "").strip():
        raise NoArticle("no article text: trafilatura found no main content in the HTML")
    meta = _page_metadata(page)
    title = found.title or meta.get("title")
    paragraphs = [p.strip() for p in found.text.split("\n") if p.strip()]
    if title and paragraphs and fold(paragraphs[0]) == fold(title):
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise NoArticle("no article text: the HTML holds a headline but no paragraphs")
    prose_words = sum(line.words for line in split_lines("\n".join(paragraphs)) if line.prose)
    if prose_words < MIN_BODY_WORDS:
        raise NoArticle(f"no article text: the HTML's main content has {prose_words} words of prose "
                        f"(an article needs {MIN_BODY_WORDS}); it looks like an index or a headline list")
    outlet = meta.get("site_name") or found.sitename
    authors = [f"By {name.strip()}" for name in (found.author or "").split(";") if name.strip()]
    byline = read_byline(authors, paragraphs[0], outlet=outlet)
    agency = byline.agency or wire_service(found.sitename or "")
    return Extraction(
        text="\n\n".join(paragraphs),
        method="trafilatura",
        title=title,
        published=parse_given(meta.get("published")) or found.date,
        updated=parse_given(meta.get("updated")),
        authors=byline.authors,
        agency=agency,
        dateline=byline.dateline,
        outlet=outlet,
        url=found.url or meta.get("url") or url,
        language=found.language,
    )


def _page_metadata(page: str) -> dict[str, str]:
    """Publication and update times, site name and canonical URL as the page declares them."""
    try:
        tree = lxml_html.fromstring(page)
    except (ValueError, lxml_html.etree.ParserError):
        return {}
    meta: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop") or ""
        value = (node.get("content") or "").strip()
        if not value:
            continue
        if key in _PUBLISHED_META:
            meta.setdefault("published", value)
        elif key in _UPDATED_META:
            meta.setdefault("updated", value)
        elif key == "og:site_name":
            meta.setdefault("site_name", value)
        elif key == "og:title":
            meta.setdefault("title", value)
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        for item in _json_ld_items(script.text or ""):
            if item.get("datePublished"):
                meta["published"] = str(item["datePublished"])
            if item.get("dateModified"):
                meta["updated"] = str(item["dateModified"])
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    if canonical:
        meta["url"] = canonical[0]
    return meta


def _json_ld_items(raw: str) -> list[dict]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return []
    items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
    return [i for i in items if isinstance(i, dict) and re.search(r"Article|Posting", str(i.get("@type", "")))]
