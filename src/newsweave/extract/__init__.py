"""Extract: a Document to an Article (clean text and metadata), or a Rejected entry saying why not."""

from __future__ import annotations

from newsweave.extract.byline import read_byline
from newsweave.extract.dates import parse_given
from newsweave.extract.language import detect_language
from newsweave.extract.result import Extraction, NoArticle
from newsweave.extract.textpage import extract_text_page
from newsweave.model import Article, Document, Rejected


def article_id(doc: Document) -> str:
    """Stable across runs: the first 16 hex digits of the input's sha256."""
    return doc.digest[:16]


def extract(doc: Document) -> Article | Rejected:
    """Never raises for bad content: an unusable page becomes a Rejected entry."""
    # A record of an archive or a feed is named by its place there; its URL is what a person can open.
    named = f"{doc.source} ({doc.url})" if doc.url and doc.url not in doc.source else doc.source
    try:
        found = _extract(doc)
    except NoArticle as exc:
        return Rejected(named, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad page must never stop a run
        return Rejected(named, f"extraction failed ({type(exc).__name__}: {exc}); please report this page")
    return Article(
        id=article_id(doc),
        source=doc.source,
        text=found.text,
        url=doc.url or found.url,
        outlet=doc.outlet or found.outlet,
        title=doc.title or found.title,
        published=parse_given(doc.published) or found.published,
        updated=found.updated,
        authors=list(doc.authors) or found.authors,
        agency=found.agency,
        dateline=found.dateline,
        language=found.language or detect_language(found.text),
        method=found.method,
        boilerplate=found.removed,
    )


def _extract(doc: Document) -> Extraction:
    if doc.kind == "text":
        return extract_text_page(doc.content)
    if doc.kind == "html":
        from newsweave.extract.html import extract_html  # lexbor, trafilatura: loaded by HTML inputs only

        return extract_html(doc.content, doc.url)
    if doc.kind == "headline":
        return Extraction(text="", method="headline")
    paragraphs = [p.strip() for p in doc.content.replace("\r\n", "\n").split("\n\n") if p.strip()]
    if len(paragraphs) == 1:
        paragraphs = [p.strip() for p in paragraphs[0].split("\n") if p.strip()]
    byline = read_byline([], paragraphs[0] if paragraphs else None)
    return Extraction(text="\n\n".join(paragraphs), method="given", agency=byline.agency, dateline=byline.dateline)


__all__ = ["Extraction", "NoArticle", "article_id", "extract", "read_byline"]
