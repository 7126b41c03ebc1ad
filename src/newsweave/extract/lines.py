"""Find the article body in a whole-page text dump, one line at a time.

A page dump is every visible line of a page: menus, headline lists, captions, legal text and,
somewhere, the article. The body is the densest run of prose lines, bounded by section headings
that only ever follow an article ("Comments", "Related News", "Most Viewed", ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsweave.text import fold

_BULLET = re.compile(r"^\s*(?:[•·●▪►◦*]|-(?=\s)|–(?=\s)|\d{1,2}\.(?=\s))\s*")
_TERMINAL = re.compile(r"""[.!?…:]["'”’»)\]]*$""")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Photo captions and credits, printed under pictures in most newsrooms' templates.
_CAPTION = re.compile(
    r"(?:\b(?:photos?|pictures?|images?|credit|file photo|illustration)\s*:|^©|\bvia reuters\s*$|"
    r"\b(?:reuters|ap|afp|getty images|epa|shutterstock)/|/(?:reuters|ap|afp|handout)\b|"
    r"\bpicture taken\b|\(photo by\b)",
    re.IGNORECASE,
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
    re.IGNORECASE,
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


@dataclass(slots=True)
class Line:
    """One printed line with the cheap features the body finder needs."""

    index: int
    text: str  # stripped, bullets and edge separators removed
    words: int
    bullet: bool
    sentence: bool  # reads as a sentence: starts like one, ends with terminal punctuation
    caption: bool
    boilerplate: bool
    end_heading: bool
    key: str = ""  # folded words, to compare lines regardless of case and punctuation
    repeats: int = 1  # how many lines of the page fold to the same text
    run: bool = False  # part of consecutive identical lines (captions printed twice)

    @property
    def prose(self) -> bool:
        """Body candidate: a sentence of 4+ words, or a long run-on line (one-line articles, standfirsts)."""
        if self.caption or self.boilerplate or self.bullet or self.run:
            return False
        return (self.sentence and self.words >= 4) or self.words >= 25


@dataclass(slots=True)
class Body:
    """Where the article is: its kept lines and the region they came from."""

    lines: list[Line]
    start: int  # index of the first line of the region
    end: int  # index after the last line of the region
    total_lines: int
    removed: list[str] = field(default_factory=list)


def split_lines(page: str) -> list[Line]:
    raw = [line.strip() for line in page.splitlines()]
    lines: list[Line] = []
    for index, text in enumerate(raw):
        if not text:
            continue
        bullet = bool(_BULLET.match(text))
        clean = _BULLET.sub("", text).strip(" |").strip()
        if not clean:
            continue
        n_words = len(_WORD.findall(clean))
        lines.append(
            Line(
                index=index,
                text=clean,
                words=n_words,
                bullet=bullet,
                sentence=_reads_as_sentence(clean),
                caption=bool(_CAPTION.search(clean)),
                boilerplate=bool(_BOILERPLATE.search(clean)),
                end_heading=_is_end_heading(clean),
            )
        )
    _mark_repeats(lines)
    return lines


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
    kept = _drop_earlier_duplicates([line for line in region if line.prose])
    if not kept:
        return None
    kept_ids = {id(line) for line in kept}
    removed = [line.text for line in lines if id(line) not in kept_ids]
    total = lines[-1].index + 1 if lines else 0
    return Body(lines=kept, start=region[0].index, end=region[-1].index + 1, total_lines=total, removed=removed)


def _drop_earlier_duplicates(lines: list[Line]) -> list[Line]:
    """A standfirst reprinted as the first paragraph (often without its full stop): keep the later one."""
    keys = [line.key for line in lines]
    kept = []
    for pos, line in enumerate(lines):
        later = keys[pos + 1 :]
        if any(k == keys[pos] or (len(keys[pos]) > 40 and k.startswith(keys[pos])) for k in later):
            continue
        kept.append(line)
    return kept


def _mark_repeats(lines: list[Line]) -> None:
    counts: dict[str, int] = {}
    for line in lines:
        line.key = _key(line.text)
        counts[line.key] = counts.get(line.key, 0) + 1
    for pos, line in enumerate(lines):
        line.repeats = counts[line.key]
        neighbours = lines[pos - 1 : pos] + lines[pos + 1 : pos + 2]
        line.run = any(n.key == line.key for n in neighbours)


def _key(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))


def _reads_as_sentence(text: str) -> bool:
    if not _TERMINAL.search(text):
        return False
    first = text.lstrip("\"'“‘«([—–- ")[:1]
    return first.isupper() or first.isdigit()


def _is_end_heading(text: str) -> bool:
    if len(text) > 40:
        return False
    key = re.sub(r"[^\w' ]+", " ", fold(text)).strip()
    key = re.sub(r"\s+", " ", key)
    return key in _END_HEADINGS or key.startswith(("more from ", "more in "))
