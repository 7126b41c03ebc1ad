"""The article body of an HTML page on lexbor (selectolax), several times faster than trafilatura's lxml
pass, with a confidence that tells the caller when to ask trafilatura instead.

Written by hand because no fast-DOM library returns both: resiliparse's main-content mode is fast but
keeps teaser lists and loses headings (F1 .898 / .874 on the bench sets against trafilatura's .959 /
.934, benchmarks/html_extraction.py), and it gives no signal of how sure it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Markup that never holds article text, whoever reads the page: code, media, form controls.
NEVER_TEXT = ["script", "style", "noscript", "template", "svg", "iframe", "canvas", "video", "audio",
              "picture", "object", "select", "button", "input"]
# Removed with their content before the fast path scores anything: the above, and the page chrome and
# containers that hold no article prose on the pages this path is sure of.
_DROP_TAGS = [*NEVER_TEXT, "form", "textarea", "nav", "aside", "footer", "figure", "figcaption", "map",
              "dialog", "menu", "label"]
# Blocks emitted as one paragraph each; their descendants are not visited again.
_LEAF_BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "li", "dd", "dt", "td", "th",
                "address", "summary", "caption"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = _LEAF_BLOCKS | {"div", "section", "article", "main", "ul", "ol", "dl", "table", "tbody", "thead",
                          "tr", "header", "body", "center", "details", "hr", "br", "h1"}
# Class or id words of page chrome inside an article container (the same families trafilatura's
# discard list names). Matched on whole hyphen/underscore-separated words so "shared" or "header-ad"
# behave as expected and "loaded" does not.
_CHROME_WORDS = ("comment", "comments", "share", "sharing", "social", "related", "recommended", "promo",
                 "newsletter", "subscribe", "subscription", "sidebar", "breadcrumb", "breadcrumbs", "advert",
                 "advertisement", "ad", "ads", "sponsored", "cookie", "consent", "popup", "modal", "author-bio",
                 "byline", "tag", "tags", "tag-list", "meta", "pagination", "pager", "signup", "paywall",
                 "outbrain", "taboola", "caption", "credit", "toolbar", "print", "skip", "hidden", "sr-only",
                 "visually-hidden", "more-stories", "read-more", "also-read", "trending", "most-popular",
                 "most-read", "footer", "nav", "navigation", "menu")
_DELIMITER = r"[\s_-]"
_CHROME = re.compile(rf"(?:^|{_DELIMITER})(?:{'|'.join(map(re.escape, _CHROME_WORDS))})(?:$|{_DELIMITER})",
                     re.IGNORECASE)
# The regex costs ~7 us a label and pages carry a hundred or more labels: an ASCII label is split into its
# words and looked up, and goes to the regex only when a word may start a hyphenated entry.
_SPLIT_LABEL = re.compile(_DELIMITER)
_CHROME_SINGLE = frozenset(w for w in _CHROME_WORDS if "-" not in w)
_CHROME_HYPHEN_START = frozenset(w.split("-")[0] for w in _CHROME_WORDS if "-" in w)
# Class or id fragments by which CMSs label the article container (WordPress, Drupal, Arc, ...).
_ARTICLE_HINTS = ("article-body", "article-content", "article-text", "articlebody", "story-body", "story-content",
                  "post-content", "post-body", "entry-content", "main-content", "body-text", "rich-text",
                  "content-body", "article__body", "td-post-content", "field--name-body")
_ARTICLE_HINT = re.compile("|".join(h.replace("-", "[-_]?") for h in _ARTICLE_HINTS), re.IGNORECASE)
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # kana and CJK ideographs

# Set before looking at the bench pages (readability-style round values) and not tuned on them since;
# only html.UNSURE_BELOW, which combines them, was chosen on bench data (first halves only).
MAX_LINK_DENSITY = 0.5  # a block whose text is mostly link text is a list of teasers, not prose
SURE_WORDS = 120  # a body shorter than this may be a teaser; let trafilatura look again
SURE_SHARE = 0.55  # share of the page's prose words the container must hold to be trusted
SURE_PROSE = 0.6  # share of the body's words in sentence-like blocks


@dataclass(slots=True)
class HtmlBody:
    """Paragraphs of the main content and how sure the fast path is of them (0-1)."""

    paragraphs: list[str]
    confidence: float
    how: str  # which container rule found it, recorded for inspection
    removed: list[str] = field(default_factory=list)


def parse(page: str) -> LexborHTMLParser:
    return LexborHTMLParser(page)


def find_body(tree: LexborHTMLParser) -> HtmlBody:
    """Strip chrome, choose the container holding the page's prose, and emit its blocks in order."""
    body = tree.body
    if body is None:
        return HtmlBody([], 0.0, "no <body>")
    tree.strip_tags(_DROP_TAGS)
    seen = Seen()
    prose, scores = _prose_by_container(body, seen)
    total = prose[body.mem_id][0] if body.mem_id in prose else 0
    container, how = _hinted_container(prose, total), "labelled container"
    if container is None and scores:
        container, how = max(scores.values(), key=lambda item: item[0])[1], "density"
    if container is None:
        return HtmlBody([], 0.0, "no prose blocks")
    removed: list[str] = []
    paragraphs, counts = _blocks(container, removed, seen)
    words = sum(counts)
    share = prose[container.mem_id][0] / total if container.mem_id in prose and total else 0.0
    in_sentences = sum(n for p, n in zip(paragraphs, counts, strict=True) if _ends_sentence(p, n))
    sentences = in_sentences / words if words else 0.0
    confidence = min(1.0, words / SURE_WORDS) * min(1.0, share / SURE_SHARE) * min(1.0, sentences / SURE_PROSE)
    return HtmlBody(paragraphs, confidence, how, removed)


Prose = dict[int, tuple[int, LexborNode]]  # node id -> (words of prose under it, the node)
Scores = dict[int, tuple[float, LexborNode]]  # node id -> (readability score, the node)


@dataclass(slots=True)
class Seen:
    """Each block's text, words and link characters, read once: both passes visit the same blocks."""

    texts: dict[int, str] = field(default_factory=dict)
    words: dict[int, int] = field(default_factory=dict)
    split: dict[int, list[str]] = field(default_factory=dict)  # the text's whitespace words, for _clean
    linked: dict[int, int] = field(default_factory=dict)
    chrome: dict[str, bool] = field(default_factory=dict)  # class and id label -> names chrome; pages reuse labels


def _prose_by_container(body: LexborNode, seen: Seen) -> tuple[Prose, Scores]:
    """One pass over the prose blocks: words of prose under every ancestor, and readability's score
    (each paragraph credits its parent fully, its grandparent half, the next a quarter).

    Blocks are summed per parent first and each parent's ancestors walked once: siblings share them,
    and walking them per block was a fifth of the fast path's time."""
    by_parent: dict[int, list] = {}  # parent id -> [the parent, prose words, readability weight]
    scored_parents: list[int] = []  # parents in the order their first scored paragraph appears
    for block in body.css("p, pre, blockquote, li"):
        text = _read(block, seen)
        split = seen.split[block.mem_id] = text.split()
        words = seen.words[block.mem_id] = word_count(text, split)
        if words < 8 or _link_density(block, text, seen) > MAX_LINK_DENSITY:
            continue
        parent = block.parent
        if parent is None:
            continue
        entry = by_parent.get(parent.mem_id)
        if entry is None:
            entry = by_parent[parent.mem_id] = [parent, 0, 0.0]
        entry[1] += words
        if block.tag in ("p", "pre"):
            if not entry[2]:
                scored_parents.append(parent.mem_id)
            entry[2] += words + 5 * text.count(",") ** 0.5
    prose: Prose = {}
    for node, words, _ in by_parent.values():
        while node is not None:
            key = node.mem_id
            prose[key] = (prose[key][0] + words if key in prose else words, node)
            node = node.parent
    scores: Scores = {}
    for key in scored_parents:
        node, _, weight = by_parent[key]
        for share in (1.0, 0.5, 0.25):
            if node is None:
                break
            score, _ = scores.get(node.mem_id, (0.0, node))
            scores[node.mem_id] = (score + weight * share, node)
            node = node.parent
    return prose, scores


def _hinted_container(prose: Prose, total: int) -> LexborNode | None:
    """The smallest container the page labels as the article (<article>, itemprop=articleBody, a CMS
    class) that still holds most of the page's prose: wrappers around it hold teasers too."""
    best, best_words = None, 0
    for words, node in prose.values():
        if words >= 0.8 * total and (best is None or words < best_words) and _labelled(node):
            best, best_words = node, words
    return best


def _labelled(node: LexborNode) -> bool:
    if node.tag in ("article", "main"):
        return True
    attrs = node.attributes
    if attrs.get("itemprop") == "articleBody" or attrs.get("role") == "main":
        return True
    return bool(_ARTICLE_HINT.search(f"{attrs.get('class') or ''} {attrs.get('id') or ''}"))


def _blocks(container: LexborNode, removed: list[str], seen: Seen) -> tuple[list[str], list[int]]:
    """The container's paragraphs in order, none empty, and the words of each."""
    out: list[str] = []
    counts: list[int] = []
    _walk(container, Emitted(out, counts), removed, seen)
    return out, counts


@dataclass(slots=True)
class Emitted:
    """Paragraphs and their word counts; a block's words were mostly counted in the prose pass already."""

    paragraphs: list[str]
    counts: list[int]

    def add(self, text: str, words: int | None = None) -> None:
        self.paragraphs.append(text)
        # whitespace is all _clean changes, and word_count does not see it: the raw text's count holds
        self.counts.append(word_count(text) if words is None else words)


def _walk(node: LexborNode, out: Emitted, removed: list[str], seen: Seen) -> None:
    inline: list[str] = []
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            inline.append(child.text_content or "")
            continue
        if tag in ("-comment", "h1"):
            continue
        if _is_chrome(child, seen):
            text = _clean(child.text(deep=True))
            if text:
                removed.append(text)
            continue
        if tag in _LEAF_BLOCKS:
            _flush(inline, out)
            _emit(child, out, removed, seen)
        elif tag in _BLOCKS:
            _flush(inline, out)
            _walk(child, out, removed, seen)
        else:
            inline.append(child.text(deep=True))
    _flush(inline, out)


def _emit(block: LexborNode, out: Emitted, removed: list[str], seen: Seen) -> None:
    split = seen.split.get(block.mem_id)
    text = " ".join(split) if split is not None else _clean(_read(block, seen))
    if not text:
        return
    if block.tag not in _HEADINGS and _link_density(block, text, seen) > MAX_LINK_DENSITY:
        removed.append(text)
        return
    out.add(text, seen.words.get(block.mem_id))


def _flush(inline: list[str], out: Emitted) -> None:
    if not inline:
        return
    text = _clean("".join(inline))
    inline.clear()
    if text:
        out.add(text)


def _is_chrome(node: LexborNode, seen: Seen) -> bool:
    attrs = node.attributes
    if attrs.get("hidden") is not None or attrs.get("aria-hidden") == "true":
        return True
    label = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    chrome = seen.chrome.get(label)
    if chrome is None:
        chrome = seen.chrome[label] = (bool(label.strip()) and _names_chrome(label)
                                       and not _ARTICLE_HINT.search(label))
    return chrome


def _names_chrome(label: str) -> bool:
    """`_CHROME.search(label)`, answered for most labels by a set lookup of their words."""
    if not label.isascii():  # IGNORECASE folds some non-ASCII letters (the long s) that lower() keeps
        return bool(_CHROME.search(label))
    words = _SPLIT_LABEL.split(label.lower())
    if not _CHROME_SINGLE.isdisjoint(words):
        return True
    return not _CHROME_HYPHEN_START.isdisjoint(words) and bool(_CHROME.search(label))


def _read(block: LexborNode, seen: Seen) -> str:
    key = block.mem_id
    text = seen.texts.get(key)
    if text is None:
        text = seen.texts[key] = block.text(deep=True)
    return text


def _link_density(block: LexborNode, text: str, seen: Seen) -> float:
    """Share of the block's text inside links, asked of prose-length blocks and of the container's blocks.

    The block's own subtree is walked rather than queried with `css("a")`: for a paragraph-sized block
    the walk is about three times cheaper than compiling and running a selector."""
    if not text:
        return 0.0
    key = block.mem_id
    linked = seen.linked.get(key)
    if linked is None:
        linked = seen.linked[key] = sum(len(node.text(deep=True)) for node in block.traverse() if node.tag == "a")
    return linked / len(text)


def sentence_like(text: str) -> bool:
    return _ends_sentence(text, word_count(text))


def _ends_sentence(text: str, words: int) -> bool:
    return words >= 10 and text.rstrip()[-1:] in '.!?"”’)。！？」'


def word_count(text: str, split: list[str] | None = None) -> int:
    """Whitespace words, plus one per two kana or CJK characters: Chinese and Japanese leave no spaces.

    `split` is `text.split()` when the caller has it already."""
    count = len(text.split() if split is None else split)
    if text.isascii() or not _UNSPACED.search(text):
        return count
    return count + len(_UNSPACED.findall(text)) // 2


def _clean(text: str) -> str:
    return " ".join(text.split())
