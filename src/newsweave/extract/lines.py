"""Find the article body in a whole-page text dump, one line at a time.

A page dump is every visible line of a page: menus, headline lists, captions, legal text and,
somewhere, the article. The body is the densest run of prose lines, bounded by section headings
that only ever follow an article ("Comments", "Related News", "Most Viewed", ...).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate

from newsweave.text import fold

_BULLET = re.compile(r"^\s*(?:[•·●▪►◦*]|-(?=\s)|–(?=\s)|\d{1,2}\.(?=\s))\s*")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_NON_WORD = re.compile(r"[^\w\n]+")  # "_" too is a separator: replaced after, a class is faster than (?:a|b)+
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_BULLET_START = frozenset("•·●▪►◦*-–0123456789")
# Sentence ends and the closing marks that may follow them, in Latin, CJK (full-width), Arabic, Urdu
# and Devanagari script.
_CLOSERS = "\"'”’»)]」』）】"
_TERMINAL_MARKS = frozenset(".!?…:。！？．؟۔।")
_TERMINAL_END = _TERMINAL_MARKS | frozenset(_CLOSERS)

# Photo captions and credits, printed under pictures in most newsrooms' templates. This pattern and the next
# are searched in lowercased lines: IGNORECASE made them two to five times slower.
_CAPTION = re.compile(
    r"(?:\b(?:photos?|pictures?|images?|credit|file photo|illustration)\s*:|^©|\bvia reuters\s*$|"
    r"\b(?:reuters|ap|afp|getty images|epa|shutterstock)/|/(?:reuters|ap|afp|handout)\b|"
    r"\bpicture taken\b|\(photo by\b)",
)

# Prose that is not article: comment policies, legal and risk text, promos, newsletter boxes.
# Phrases, not single words, so news prose that mentions "comments" or "risk" is untouched.
_BOILERPLATE = re.compile(
    r"(?:all rights reserved|terms (?:of|and) (?:use|service|conditions)|privacy policy|cookie|"
    r"comments? (?:will|may) be|moderation decisions|does not endorse|readers[’']? own views|"
    r"not necessarily (?:real-time|accurate|reflect)|accept (?:any )?liability|risk disclosure|"
    r"investment (?:amount|objectives)|suitable for all investors|prior written permission|"
    r"intellectual property rights|may be compensated|sign up (?:for|to)|subscribe (?:to|for|now)|newsletter|"
    r"follow (?:us|the [\w ]{2,40} on)|keep updated|click here|download (?:the|our) app|"
    r"contact us|email us|write to us|we welcome (?:your|letters)|advertis(?:e|ing) with us|"
    r"this (?:article|story|content) (?:is|was) (?:produced|provided|sponsored)|"
    r"unlock (?:full|this)|premium (?:content|members)|log ?in to|disable your ad ?blocker)",
)

# Headings after which no article continues on news pages. The list is the common vocabulary of
# news templates (checked against the section headings of the scrapinghub benchmark pages).
_END_HEADINGS = {
    "comments", "latest comments", "comment", "leave a comment", "join the conversation", "discussion",
    "related", "related news", "related articles", "related stories", "related posts", "related content",
    "top stories", "top news", "most viewed", "most read", "most popular", "popular", "trending",
    "trending now", "more from", "more stories", "more news", "read more", "read next", "also read",
    "recommended", "recommended for you", "you may also like", "you might also like", "more on this story",
    "latest news", "latest", "more videos", "editor's pick", "editors' picks", "tags", "topics",
    "share this article", "share this", "share", "advertisement", "sponsored", "features", "opinion",
    "from around the web", "in other news", "more in", "don't miss", "what to read next", "previous",
    "next", "footer", "follow us", "newsletter",
}
# Literal words that every match of the pattern above contains, found with str.find (C speed) before
# the pattern checks the lines that hold one: Python's re tries each alternative at every offset of
# a page (~2 ms a page per alternative), and no installed library offers a multi-literal prefilter.
_CAPTION_CUES = ("photo", "picture", "image", "credit", "illustration", "©", "reuters", "ap/", "/ap", "afp",
                 "getty", "epa/", "shutterstock", "handout")
_BOILERPLATE_CUES = (
    "rights reserved", "terms", "privacy", "cookie", "comment", "moderation", "endorse", "own views", "necessarily",
    "liability", "risk disclosure", "investment", "suitable for", "written permission", "intellectual property",
    "compensated", "sign up", "subscribe", "newsletter", "follow", "keep updated", "click here", "download",
    "contact us", "email us", "write to us", "we welcome", "advertis", "this article", "this story", "this content",
    "unlock", "premium", "log", "ad blocker", "adblocker",
)
_END_HEADINGS = {" ".join(_NON_WORD.sub(" ", heading).split()) for heading in _END_HEADINGS}  # as line keys


@dataclass(slots=True)
class Line:
    """One printed line with the cheap features the body finder needs (computed once: every stage reads them)."""

    index: int
    text: str  # stripped, bullets and edge separators removed
    words: int
    bullet: bool
    ends_sentence: bool  # ends with . ! ? … or :, closing quotes and brackets aside (a headline does not)
    sentence: bool  # reads as a sentence: starts like one, ends with terminal punctuation
    caption: bool
    boilerplate: bool
    end_heading: bool
    key: str = ""  # folded words, to compare lines regardless of case and punctuation
    repeats: int = 1  # how many lines of the page fold to the same text
    run: bool = False  # part of consecutive identical lines (captions printed twice)
    # Body candidate: a sentence of 4+ words, or a long run-on line (one-line articles, standfirsts)
    prose: bool = False


@dataclass(slots=True)
class Body:
    """Where the article is: its kept lines and the region they came from."""

    lines: list[Line]
    start: int  # index of the first line of the region
    end: int  # index after the last line of the region
    total_lines: int
    removed: list[str] = field(default_factory=list)


def split_lines(page: str) -> list[Line]:
    """Lines with their features, computed per page in a few passes over the joined text.

    The phrase patterns only search the lines that hold one of their cue words, found by str.find
    over the lowercased page, instead of every line (the v1 cost: 2 of 7 s on 120 pages); the keys
    that give word counts and repeats come from one fold and one substitution over the page.
    """
    kept: list[tuple[int, str, bool]] = []
    for index, raw in enumerate(page.splitlines()):
        text = raw.strip()
        if not text:
            continue
        bullet = text[0] in _BULLET_START and bool(_BULLET.match(text))
        clean = (_BULLET.sub("", text) if bullet else text).strip(" |").strip()
        if clean:
            kept.append((index, clean, bullet))
    if not kept:
        return []
    texts = [clean for _, clean, _ in kept]
    joined = "\n".join(texts)
    lowered_lines = [t.lower() for t in texts]  # per line: lower() may change a line's length ("İ")
    lowered = "\n".join(lowered_lines)
    starts = list(accumulate((len(t) + 1 for t in lowered_lines[:-1]), initial=0))
    caption = lines_matching(_CAPTION, _CAPTION_CUES, lowered, starts, lowered_lines)
    boilerplate = lines_matching(_BOILERPLATE, _BOILERPLATE_CUES, lowered, starts, lowered_lines)
    keys = _keys(joined, len(texts))
    counts = Counter(keys)
    lines = []
    last = len(keys) - 1
    for pos, (index, clean, bullet) in enumerate(kept):
        key = keys[pos]
        words = _count_words(key)
        ends = clean[-1] in _TERMINAL_END and clean.rstrip(_CLOSERS)[-1:] in _TERMINAL_MARKS
        sentence = ends and _opens_as_sentence(clean)
        is_caption, is_boilerplate = pos in caption, pos in boilerplate
        run = (pos > 0 and keys[pos - 1] == key) or (pos < last and keys[pos + 1] == key)
        chrome = is_caption or is_boilerplate or bullet or run
        lines.append(
            Line(
                index=index,
                text=clean,
                words=words,
                bullet=bullet,
                ends_sentence=ends,
                sentence=sentence,
                caption=is_caption,
                boilerplate=is_boilerplate,
                end_heading=len(clean) <= 40 and _is_end_heading(key),
                key=key,
                repeats=counts[key],
                run=run,
                prose=not chrome and ((sentence and words >= 4) or words >= 25),
            )
        )
    return lines


def lines_matching(pattern: re.Pattern[str], cues: tuple[str, ...], lowered: str, starts: list[int],
               texts: list[str]) -> set[int]:
    """Positions of the lines in which `pattern` matches; only lines holding one of its cues are searched."""
    candidates = set()
    for cue in cues:
        offset = lowered.find(cue)
        while offset >= 0:
            pos = bisect_right(starts, offset) - 1
            candidates.add(pos)
            next_line = starts[pos + 1] if pos + 1 < len(starts) else len(lowered)
            offset = lowered.find(cue, next_line)
    return {pos for pos in candidates if pattern.search(texts[pos])}


def _keys(joined: str, n_lines: int) -> list[str]:
    """Each line's folded words joined by one space, from one fold and one substitution per page."""
    # fold line by line: its fast path takes the (many) ASCII lines of a page that has a few curly quotes
    folded = _NON_WORD.sub(" ", "\n".join(fold(line) for line in joined.split("\n")).replace("_", " "))
    if not folded.isascii():
        folded = _CJK.sub(r" \g<0> ", folded)  # an ideograph is a word: no spaces between words in CJK
    keys = [" ".join(k.split()) for k in folded.split("\n")]
    return keys if len(keys) == n_lines else keys[:n_lines] + [""] * (n_lines - len(keys))


def _count_words(key: str) -> int:
    if not key:
        return 0
    if key.isascii():
        return key.count(" ") + 1
    # Two CJK characters make about one English word in length, so word thresholds mean the same.
    cjk = len(_CJK.findall(key))
    return key.count(" ") + 1 - cjk + (cjk + 1) // 2


def find_body(lines: list[Line], *, gap_penalty: float = 3.0) -> Body | None:
    """Pick the region with most prose words, paying `gap_penalty` per non-prose line crossed.

    Max-sum segment (Kadane) over line scores: prose earns its word count, other lines cost
    `gap_penalty`, boilerplate prose costs its words, an end heading cannot be crossed. The penalty
    of 3 lets a body cross an inline promo or caption but not a block of menu or teaser lines
    (set on the seed-like pages of examples/ and checked on the benchmark dumps).
    """
    best, best_range = 0.0, None
    running, start = 0.0, 0
    for pos, line in enumerate(lines):
        if line.end_heading:
            running, start = 0.0, pos + 1
            continue
        if line.prose:
            score = min(line.words, 80)
        elif line.boilerplate:
            score = -float(max(line.words, 5))
        else:
            score = -gap_penalty
        if running <= 0:
            running, start = 0.0, pos
        running += score
        if running > best:
            best, best_range = running, (start, pos + 1)
    if best_range is None:
        return None
    first, last = best_range
    region = lines[first:last]
    kept = drop_earlier_duplicates([line for line in region if line.prose])
    if not kept:
        return None
    kept_ids = {id(line) for line in kept}
    removed = [line.text for line in lines if id(line) not in kept_ids]
    total = lines[-1].index + 1 if lines else 0
    return Body(lines=kept, start=region[0].index, end=region[-1].index + 1, total_lines=total, removed=removed)


def drop_earlier_duplicates(lines: list[Line]) -> list[Line]:
    """A standfirst reprinted as the first paragraph (often without its full stop): keep the later one."""
    ordered = sorted((line.key, pos) for pos, line in enumerate(lines))
    sorted_keys = [key for key, _ in ordered]
    kept = []
    for pos, line in enumerate(lines):
        key = line.key
        # lines whose key starts with this one sit together in sorted order (equal keys first)
        hi = bisect_right(sorted_keys, key + "\uffff") if len(key) > 40 else bisect_right(sorted_keys, key)
        lo = bisect_left(sorted_keys, key)
        if any(other > pos for _, other in ordered[lo:hi]):
            continue
        kept.append(line)
    return kept


def _opens_as_sentence(text: str) -> bool:
    first = text.lstrip("\"'“‘«([—–- 「『（【")[:1]
    # an upper-case letter, or a letter of a script without case (Arabic, CJK, Devanagari, ...)
    return first.isdigit() or (first.isalpha() and not first.islower())


def _is_end_heading(key: str) -> bool:
    return key in _END_HEADINGS or key.startswith(("more from ", "more in "))
