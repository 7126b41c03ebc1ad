"""Sentence splitting for news paragraphs, so every digest part cuts text at the same places.

Written by hand on purpose: NLTK's Punkt needs a data download at run time (not allowed here), spaCy
needs a model download, and pySBD (rule-based, no data) has had no release since 2021 and is slow on
long stories. News prose needs only a few rules: abbreviations (Mr., Sept., U.S.), initials, decimal
numbers, and quotations that end a sentence or span several sentences, which are kept whole so a
quote and its attribution stay together.
"""

from __future__ import annotations

import functools
import re

from newsweave.extract.dateline import read_dateline

# Abbreviations after which a full stop never ends a sentence (titles and name parts).
_NEVER_END = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "sgt", "cmdr", "adm",
     "rev", "st", "mt", "ft", "fr", "hon", "pres", "supt", "insp", "messrs", "mme", "mlle", "vs", "cf", "approx",
     "dept", "est", "no", "nos", "vol", "op"}
)  # fmt: skip
# Month abbreviations: no break before a day number ("Sept. 25"), a break before a capital word.
_MONTHS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
# Abbreviations that often end a sentence too: break only when a usual sentence opener follows.
_MAYBE_END = frozenset({"inc", "corp", "ltd", "co", "jr", "sr", "bros", "plc", "llc", "etc"})
# Words that commonly open a sentence; after an ambiguous abbreviation ("U.S.", "Inc.") they signal
# a new sentence.
_OPENERS = frozenset(
    {"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "in", "on", "at", "this", "that",
     "these", "those", "there", "however", "his", "her", "their", "its", "our", "after", "before", "when", "while",
     "if", "as", "some", "many", "most", "one", "two"}
)  # fmt: skip

_BOUNDARY = re.compile(r"(?P<punct>[.!?]+)(?P<close>[\"”’')\]]*)(?P<space>\s+)(?=(?P<next>\S))")
_WORD_BEFORE = re.compile(r"([^\s\"“”‘’'(\[]+)$")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_OPENING = "\"“‘'([¿¡"
_STRAIGHT_QUOTE = re.compile('"')


def quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans [start, end) of balanced quotations, marks included, so callers keep them whole."""
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"“[^“”]*”", paragraph):
        spans.append((match.start(), match.end()))
    straight = [m.start() for m in _STRAIGHT_QUOTE.finditer(paragraph)]  # a scan in C, not a loop per character
    # An odd count means a quote runs on into the next paragraph (news style) or a stray mark:
    # pairing would then be wrong everywhere, so straight quotes are left unprotected.
    if len(straight) % 2 == 0:
        spans.extend((straight[i], straight[i + 1] + 1) for i in range(0, len(straight), 2))
    return sorted(spans)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < pos < end for start, end in spans)


def _is_boundary(paragraph: str, match: re.Match[str], spans: list[tuple[int, int]]) -> bool:
    nxt = match.group("next")
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENING):
        return False
    if _inside(match.start("space"), spans):
        return False
    punct = match.group("punct")
    if punct != ".":
        return True  # "!", "?" and "?!" end a sentence; "..." (an omission) does not
    if match.group("close"):
        return True  # 'he said "go away".' and '(see below.)' end where the mark closes
    before = _WORD_BEFORE.search(paragraph, 0, match.start())
    if not before:
        return True
    word = before.group(1)
    low = word.lower().rstrip(".")
    rest = paragraph[match.end() :]
    next_word = re.match(r"[\w’']+", rest)
    next_low = next_word.group(0).lower() if next_word else ""
    if len(word) == 1 and word.isupper():
        return False  # an initial: "John F. Kennedy"
    if low in _NEVER_END:
        return False
    if low in _MONTHS:
        return not nxt.isdigit()
    if _DOTTED.match(word) or low in _MAYBE_END:
        return next_low in _OPENERS
    return True


@functools.lru_cache(maxsize=8192)
def sentence_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    """Spans [start, end) of the sentences of one paragraph, surrounding whitespace excluded.

    Cached: quotes, mentions and sentence context each split the same paragraphs of a story.
    """
    spans = quote_spans(paragraph)
    cuts = [0]
    for match in _BOUNDARY.finditer(paragraph):
        if _is_boundary(paragraph, match, spans):
            cuts.append(match.start("space"))
    cuts.append(len(paragraph))
    out: list[tuple[int, int]] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = paragraph[start:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            out.append((start + lead, start + lead + len(stripped)))
    return tuple(out)


def split_sentences(text: str) -> list[str]:
    """The sentences of a text whose paragraphs are separated by blank lines."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        out.extend(paragraph[s:e] for s, e in sentence_spans(paragraph))
    return out


_DATELINE_END = re.compile(r"^[^\n]{2,90}?\s*(?:[-—–]{1,2}|\.-)\s+(?=\S)")


def without_dateline(text: str) -> str:
    """The sentence without a leading wire dateline ("LINDGATE, Veldria (Lantern Wire) - ")."""
    if read_dateline(text) is None:  # the extractor's own dateline rule decides whether there is one
        return text
    # It tells whether, not where: the dateline ends at its first dash; shapes without one stay whole.
    match = _DATELINE_END.match(text)
    return text[match.end() :] if match else text
