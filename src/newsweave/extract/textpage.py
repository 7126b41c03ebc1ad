"""A whole-page text dump to article text and metadata (method "text-lines")."""

from __future__ import annotations

from newsweave.extract.byline import read_byline
from newsweave.extract.dates import choose, find_dates, strip_leading_date
from newsweave.extract.lines import find_body, split_lines
from newsweave.extract.result import Extraction, NoArticle
from newsweave.extract.title import find_outlet, find_title
from newsweave.text import fold

MIN_BODY_WORDS = 40  # shorter prose blocks are teasers or contact blurbs, not articles


def extract_text_page(page: str) -> Extraction:
    lines = split_lines(page)
    body = find_body(lines)
    prose = sum(1 for line in lines if line.prose)
    if body is None:
        raise NoArticle(f"no article text: 0 of {len(lines)} lines look like prose")
    n_words = sum(line.words for line in body.lines)
    if n_words < MIN_BODY_WORDS:
        raise NoArticle(
            f"no article text: the largest prose block has {n_words} words "
            f"(an article needs {MIN_BODY_WORDS}); {prose} of {len(lines)} lines look like prose"
        )
    first_body = body.lines[0].index
    body_end = body.lines[-1].index + 1
    outlet = find_outlet(lines, first_body, body_end)
    title, title_line = find_title(lines, first_body, outlet)
    if title and outlet and fold(title) == fold(outlet):
        title = None

    paragraphs = [line.text for line in body.lines]
    paragraphs[0] = strip_leading_date(paragraphs[0])
    top = title_line if title else first_body - 12  # no headline: the dozen lines above the body
    meta = [line.text for line in lines if top < line.index < first_body and not line.caption]
    byline = read_byline(meta, paragraphs[0], outlet=outlet)

    candidates = [d for line in lines for d in find_dates(line.text, line.index) if not line.caption]
    where = {
        "title_line": title_line if title else first_body,
        "body_start": first_body,
        "body_end": body_end,
        "body_lines": {line.index for line in body.lines},
    }
    published = choose(candidates, label="published", **where)
    updated = choose(candidates, label="updated", **where)
    return Extraction(
        text="\n\n".join(paragraphs),
        method="text-lines",
        title=title,
        published=published,
        updated=updated if updated != published else None,
        authors=byline.authors,
        agency=byline.agency,
        dateline=byline.dateline,
        outlet=outlet,
        removed=body.removed,
    )
