"""What an HTML page declares about its article: headline, publication and update times, authors, outlet,
canonical address and language, read from JSON-LD, meta tags and marked-up bylines and times.

Read on the lexbor tree the body extractor uses, before it strips scripts. When the page declares no
publication time, htmldate reads the dates printed in its dated elements (`printed_date`); a capture
time (WARC-Date) is never an input here, so it can never become the publication time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import htmldate
from selectolax.lexbor import LexborHTMLParser

from newsweave.extract.title import split_page_title

# Schema.org types whose fields describe the article itself, not the site or a breadcrumb list.
_ARTICLE_TYPES = re.compile(r"Article|Posting|Report|NewsArticle|BlogPosting|LiveBlog", re.IGNORECASE)
_PUBLISHED_META = ("article:published_time", "og:published_time", "og:article:published_time",
                   "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "date",
                   "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date",
                   "article.published", "published_time")
_UPDATED_META = ("article:modified_time", "og:updated_time", "datemodified", "lastmod", "last-modified",
                 "dcterms.modified", "article.updated", "modified_time")
_AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
_SITE_META = ("og:site_name", "application-name", "publisher", "twitter:site")
_TITLE_META = ("og:title", "twitter:title", "headline", "parsely-title", "sailthru.title")
_EMPTY_PAGE = "<html><body></body></html>"
# htmldate refuses dates after today; archives and fixtures may be dated later than the machine clock.
_HTMLDATE_MAX = "2099-12-31"
_DIGIT = re.compile(r"\d")
_LANG = re.compile(r"^([a-z]{2})(?:[-_][A-Za-z]{2,4})?$", re.IGNORECASE)


@dataclass(slots=True)
class PageMeta:
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)  # printed "By ..." lines, when no names are declared
    site_name: str | None = None
    url: str | None = None
    language: str | None = None


def read_metadata(tree: LexborHTMLParser) -> PageMeta:
    """Declared values first (JSON-LD, then meta tags), then marked-up page elements; see printed_date."""
    found = PageMeta()
    for item in _json_ld_articles(tree):
        found.title = found.title or _text(item.get("headline"))
        found.published = found.published or _text(item.get("datePublished"))
        found.updated = found.updated or _text(item.get("dateModified"))
        found.authors = found.authors or _names(item.get("author"))
        found.site_name = found.site_name or _text(_name_of(item.get("publisher")))
        found.language = found.language or _language(_text(item.get("inLanguage")))
    meta = _meta_tags(tree)
    found.title = found.title or _first(meta, _TITLE_META) or _heading_or_title(tree)
    found.published = found.published or _first(meta, _PUBLISHED_META) or _time_element(tree, "published")
    found.updated = found.updated or _first(meta, _UPDATED_META) or _time_element(tree, "modified")
    found.authors = found.authors or _meta_authors(meta) or _marked_authors(tree)
    if not found.authors:
        found.bylines = _byline_lines(tree)
    # the site's own name (og:site_name) before JSON-LD's publisher, which is often the owning company
    site = _first(meta, _SITE_META)
    found.site_name = (site if site and not site.startswith("@") else None) or found.site_name
    found.site_name = found.site_name or _title_suffix(tree)
    canonical = tree.css_first('link[rel="canonical"]')
    found.url = (canonical.attributes.get("href") if canonical else None) or _first(meta, ("og:url",))
    html = tree.css_first("html")
    found.language = (_language(html.attributes.get("lang") if html else None) or found.language
                      or _language(_first(meta, ("og:locale", "content-language", "language", "dc.language"))))
    return found


def printed_date(stripped: LexborHTMLParser, url: str | None) -> str | None:
    """htmldate's reading of the dates printed on a page that declares none.

    Given the page after `html_body.find_body` stripped scripts, styles, navigation, asides and footers:
    that is several times less markup to parse again with lxml, and teaser dates in sidebars are gone.
    Without extensive search htmldate still reads dated elements (bylines, "date" classes, <time>, the
    URL) with its own fast parser; the free-text pass hands strings to dateparser, which cost 0.3 s a
    page on the bench sets, more than the whole extraction.
    """
    if url and _DIGIT.search(url):
        # htmldate answers with a date in the URL before it reads the page: asking about the URL alone
        # first gives the same answer without parsing the page again with lxml. A URL without a digit
        # holds no date, and the empty page none either: that question is not worth asking.
        from_url = htmldate.find_date(_EMPTY_PAGE, url=url, original_date=True, extensive_search=False,
                                      max_date=_HTMLDATE_MAX)
        if from_url:
            return from_url
    return htmldate.find_date(stripped.html or "", url=url, original_date=True, extensive_search=False,
                              max_date=_HTMLDATE_MAX)


def _json_ld_articles(tree: LexborHTMLParser) -> list[dict]:
    items: list[dict] = []
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text(deep=True) or "null")
        except (json.JSONDecodeError, ValueError):
            continue  # a page's broken JSON-LD is common and never a reason to reject the page
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(reversed(node))
            elif isinstance(node, dict):
                if _ARTICLE_TYPES.search(str(node.get("@type", ""))):
                    items.append(node)
                stack.extend(v for k, v in node.items() if k == "@graph" or k == "mainEntity")
    return items


def _meta_tags(tree: LexborHTMLParser) -> dict[str, str]:
    meta: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv") or "")
        value = (attrs.get("content") or "").strip()
        if key and value:
            meta.setdefault(key.lower(), value)
    return meta


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[k] for k in keys if k in meta), None)


def _heading_or_title(tree: LexborHTMLParser) -> str | None:
    h1 = tree.css_first("h1")
    if h1 is not None and (text := " ".join(h1.text(deep=True).split())):
        return text
    title = tree.css_first("title")
    if title is not None and (text := " ".join(title.text(deep=True).split())):
        return split_page_title(text)[0]
    return None


def _title_suffix(tree: LexborHTMLParser) -> str | None:
    """The outlet in "Headline | Outlet", the last place a page names itself."""
    title = tree.css_first("title")
    return split_page_title(" ".join(title.text(deep=True).split()))[1] if title is not None else None


def _time_element(tree: LexborHTMLParser, kind: str) -> str | None:
    """<time itemprop="datePublished" datetime=...> or a <time> whose class says published/modified."""
    itemprop = "datePublished" if kind == "published" else "dateModified"
    node = tree.css_first(f'[itemprop="{itemprop}"]')
    if node is not None:
        return node.attributes.get("datetime") or node.attributes.get("content") or _squash(node.text(deep=True))
    for node in tree.css("time[datetime]"):
        parent_class = (node.parent.attributes.get("class") or "") if node.parent else ""
        label = f"{node.attributes.get('class') or ''} {parent_class}".lower()
        if kind in label or (kind == "published" and "publish" in label):
            return node.attributes.get("datetime")
    return None


def _meta_authors(meta: dict[str, str]) -> list[str]:
    value = _first(meta, _AUTHOR_META)
    if not value or value.startswith("http"):
        return []
    return [n.strip() for n in re.split(r"\s*(?:,|;|\band\b|&)\s*", value) if n.strip()]


def _marked_authors(tree: LexborHTMLParser) -> list[str]:
    names = []
    for node in tree.css('[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]'):
        name = _squash(node.text(deep=True))
        if name and len(name.split()) <= 5 and name not in names:
            names.append(name)
    return names


def _byline_lines(tree: LexborHTMLParser) -> list[str]:
    """Short texts of elements a page classes as its byline or author, for `byline.read_byline`."""
    lines = []
    for node in tree.css('[class*="byline" i], [class*="author" i]')[:10]:
        text = _squash(node.text(deep=True))
        if text and len(text.split()) <= 12 and text not in lines:
            lines.append(text)
    return lines


def _names(value: object) -> list[str]:
    values = value if isinstance(value, list) else [value]
    names = [_text(_name_of(v)) for v in values]
    return [n for n in dict.fromkeys(names) if n and not n.startswith("http")]


def _name_of(value: object) -> object:
    return value.get("name") if isinstance(value, dict) else value


def _text(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return _squash(value) if isinstance(value, str) else None


def _squash(text: str) -> str | None:
    return " ".join(text.split()) or None


def _language(value: str | None) -> str | None:
    match = _LANG.match((value or "").strip())
    return match.group(1).lower() if match else None
