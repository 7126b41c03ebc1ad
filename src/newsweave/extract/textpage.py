"""A whole-page text dump to article text and metadata (method "text-lines")."""

from __future__ import annotations

import re

import numpy as np

from newsweave.extract.byline import read_byline
from newsweave.extract.dates import choose, find_dates, strip_leading_date
from newsweave.extract.language import detect_language
from newsweave.extract.line_features import line_features, rule_region
from newsweave.extract.line_model import load_model
from newsweave.extract.lines import Body, Line, drop_earlier_duplicates, find_body, split_lines
from newsweave.extract.result import Extraction, NoArticle
from newsweave.extract.title import find_outlet, find_title
from newsweave.text import fold

_FOUR_DIGITS = re.compile(r"\d{4}")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b")
_LONE_LINE_WORDS = 6
# Shorter lines without closing punctuation read as headlines. The seed pages' inline teasers have up
# to 10 words; 4-10 were tried on the out-of-fold scores of ../shared/bench (all pages at once).
_HEADLINE_WORDS = 12
# A lone headline-shaped line the model scores at least this high stays. Out of fold (../shared/bench,
# 3 folds by page) the word-weighted model scores .919 / .921 with this gate, .919 / .920 with no cut;
# the seed pages' inline teasers score up to .84 with it (.92 with the model before), so a gate of
# .90 (.919 / .923) would keep them out too: not yet tried on the seed tests (BENCHMARKS.md, 2026-11-23).
_SURE_HEADLINE = 0.95
_OPENING_WORDS = 12  # a line above the body this long is prose: the story's opening, or a standfirst
_CLOSING_LINES = 3  # lines after the body read for a wire credit ("Quelle: dpa", "(With inputs from PTI)")
# A publication date stands near the start of its line; later dates in a line are events in the prose
# (and reading every date of a 10 MB one-line page took minutes).
_DATE_CHARS = 200
MIN_BODY_WORDS = 40  # shorter prose blocks are teasers or contact blurbs, not articles
# The heading of a comment thread ("[ 167 comments ]", "Top rated comments", "Comments (12)"), as a line key.
# The model keeps some threads whole (their comments read like prose); once this many words of the article
# are kept above such a heading, nothing below it is the article. Out of fold (../shared/bench, 3 folds by
# page) it raised scrapinghub from .919 to .924 and wcxb-articles-dev from .921 to .922, changing 4 and 4
# pages, none for the worse; 50 to 150 words gave the same (BENCHMARKS.md, 2026-11-23).
_COMMENTS_HEADING = re.compile(
    r"^(?:\d+ )?(?:(?:top|most|best|highest) rated |latest |readers? |all )?comments?(?: \d+)?$"
)
_ARTICLE_ABOVE_COMMENTS = 100


def extract_text_page(page: str) -> Extraction:
    lines = split_lines(page)
    body = find_body(lines)
    prose = sum(1 for line in lines if line.prose)
    # Whether the page holds an article at all is the rules' call (a prose block of 40+ words): it
    # is what the reasons below explain. Which lines belong to the article is the model's.
    if body is None:
        raise NoArticle(f"no article text: 0 of {len(lines)} lines look like prose")
    n_words = sum(line.words for line in body.lines)
    if n_words < MIN_BODY_WORDS:
        raise NoArticle(
            f"no article text: the largest prose block has {n_words} words "
            f"(an article needs {MIN_BODY_WORDS}); {prose} of {len(lines)} lines look like prose"
        )
    model = load_model()
    if model is not None:
        rows = line_features(lines, rule_region(lines, body))
        chosen = select_body_lines(lines, model.probability(rows), model.threshold)
        body = _learned_body(lines, chosen) or body
    first_body = body.lines[0].index
    body_end = body.lines[-1].index + 1
    outlet = find_outlet(lines, first_body, body_end)
    title, title_line = find_title(lines, first_body, outlet, body_end)
    if title and outlet and fold(title) == fold(outlet):
        title = None

    paragraphs = [line.text for line in body.lines]
    paragraphs[0] = strip_leading_date(paragraphs[0])
    top = title_line if title else first_body - 12  # no headline: the dozen lines above the body
    meta = [line.text for line in lines if top < line.index < first_body and not line.caption]
    # a wire story closes with its credits: in its last paragraph or the few lines after it
    after = [line.text for line in lines if line.index >= body_end][:_CLOSING_LINES]
    closing = [paragraphs[-1], *after]
    # the dateline opens the story's first paragraph, which may stand above the lines kept as body
    openings = [text for text in meta if len(text.split()) >= _OPENING_WORDS] + paragraphs[:2]
    byline = read_byline(meta, openings, outlet=outlet, closing=closing)
    text = "\n\n".join(paragraphs)

    # every printed date shape holds four digits in a row; the date pattern only reads those lines
    dated = [line for line in lines if not line.caption and _FOUR_DIGITS.search(line.text)]
    # 03/05/2031 is 3 May outside the US: only such a date needs the language here (extract() finds it
    # for the rest, so most pages pay for it once)
    ambiguous = any(_NUMERIC_DATE.search(line.text[:_DATE_CHARS]) for line in dated)
    language = detect_language(text) if ambiguous else None
    dayfirst = language not in (None, "en")
    candidates = [d for line in dated for d in find_dates(line.text[:_DATE_CHARS], line.index, dayfirst=dayfirst)]
    where = {
        "title_line": title_line if title else first_body,
        "body_start": first_body,
        "body_end": body_end,
        "body_lines": {line.index for line in body.lines},
    }
    published = choose(candidates, label="published", **where)
    updated = choose(candidates, label="updated", **where)
    return Extraction(
        text=text,
        method="text-lines",
        title=title,
        published=published,
        updated=updated if updated != published else None,
        authors=byline.authors,
        agency=byline.agency,
        dateline=byline.dateline,
        outlet=outlet,
        language=language,
        removed=body.removed,
    )


def select_body_lines(lines: list[Line], probability: np.ndarray, threshold: float) -> list[Line]:
    """The lines the classifier calls body, anywhere on the page, a standfirst printed twice kept once.

    The model sees the whole page (the rules' block is one of its features, not a fence), so an
    article the rules cut short is kept whole. What it still keeps wrongly is cut by shape:
    - a short line kept with no kept neighbour ("News", "Facebook" above the headline): its words
      occur in many articles, so it scores well alone;
    - a headline-like line (no closing punctuation, under `_HEADLINE_WORDS` words) standing alone
      among kept prose, unless the model is sure of it (`_SURE_HEADLINE`): an inline "read also"
      teaser, or a subhead the model doubts. Subheads are article text in the benchmarks' gold, but
      most score no higher than the seed pages' inline teasers (up to .92), so shape and score do
      not yet tell them apart. A run of such lines is a list and stays.
    """
    if not lines:
        return []
    body = probability >= threshold
    alone = ~(np.concatenate([[False], body[:-1]]) | np.concatenate([body[1:], [False]]))
    keep = body & ~(alone & np.fromiter((line.words < _LONE_LINE_WORDS for line in lines), dtype=bool,
                                        count=len(lines)))
    keep &= ~np.fromiter((line.boilerplate or line.caption or line.run for line in lines), dtype=bool,
                         count=len(lines))  # the rules' sure signs of chrome
    keep &= ~(_lone_headlines(lines, keep) & (probability < _SURE_HEADLINE))
    kept = [line for line, chosen in zip(lines, keep, strict=True) if chosen]
    # nor does an article open with a run of one-word lines (the share buttons above it)
    start = next((pos for pos, line in enumerate(kept) if line.words >= _LONE_LINE_WORDS), len(kept))
    return _above_comments(lines, drop_earlier_duplicates(kept[start:]))


def _above_comments(lines: list[Line], kept: list[Line]) -> list[Line]:
    """The kept lines above a comment thread's heading that follows the article (_COMMENTS_HEADING)."""
    chosen = {id(line) for line in kept}
    above = 0
    for line in lines:
        if above >= _ARTICLE_ABOVE_COMMENTS and line.words <= 5 and _COMMENTS_HEADING.match(line.key):
            return [k for k in kept if k.index < line.index]
        if id(line) in chosen:
            above += line.words
    return kept


def _lone_headlines(lines: list[Line], keep: np.ndarray) -> np.ndarray:
    """Kept lines shaped like a headline with no kept headline-shaped line beside them."""
    headline = keep & np.fromiter(
        (line.words < _HEADLINE_WORDS and not line.ends_sentence for line in lines),
        dtype=bool, count=len(lines),
    )
    beside = np.concatenate([[False], headline[:-1]]) | np.concatenate([headline[1:], [False]])
    return headline & ~beside


def _learned_body(lines: list[Line], kept: list[Line]) -> Body | None:
    if not kept:
        return None
    kept_ids = {id(line) for line in kept}
    removed = [line.text for line in lines if id(line) not in kept_ids]
    return Body(lines=kept, start=kept[0].index, end=kept[-1].index + 1, total_lines=lines[-1].index + 1,
                removed=removed)
