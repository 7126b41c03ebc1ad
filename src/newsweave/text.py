"""Word-level text helpers shared by dedup, cluster and digest, so all stages tokenise alike."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    STOPWORDS: frozenset[str]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# For folded text whose letters and digits are all ASCII (most news in Latin script once folded), the
# same tokens come from str.split once every other character is a space and each apostrophe not between
# two letters or digits is one too: 2.5x faster than _WORD's findall, which steps through the text one
# character at a time. Tokenising took a third of story clustering's time on full-length articles.
_SEPARATORS = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789'" else 32 for c in range(256))
_LONE_APOSTROPHE = re.compile(r"'(?<![a-z0-9]')|'(?![a-z0-9])")
# A text's non-ASCII characters, gathered by one scan in C: set(text) hashes every character, 15x the time.
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """Lowercase and strip accents and typographic variants, so copies compare equal."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    # Only the few marks a text holds are removed, each by one str.replace: testing every character
    # in Python took 60% of clustering time on full articles, a regular expression of all marks half.
    for mark in set(_NON_ASCII.findall(text)) & _combining_marks():  # its few non-ASCII characters first
        text = text.replace(mark, "")
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').lower()


@functools.cache
def _combining_marks() -> frozenset[str]:
    """Every combining mark (all lie below U+20000)."""
    return frozenset(chr(c) for c in range(0x20000) if unicodedata.combining(chr(c)))


def words(text: str) -> list[str]:
    """Folded word tokens, punctuation dropped."""
    folded = fold(text)
    if not folded.isascii():
        others = set(_NON_ASCII.findall(folded))
        if any(c.isalnum() for c in others):
            return _WORD.findall(folded)  # letters beyond ASCII: Unicode's classes decide
        for c in others:  # dashes, ellipses, symbols: separators like ASCII punctuation
            folded = folded.replace(c, " ")
    if "'" in folded:
        folded = _LONE_APOSTROPHE.sub(" ", folded)
    return folded.encode("ascii").translate(_SEPARATORS).decode("ascii").split()


@functools.cache
def stopwords() -> frozenset[str]:
    """scikit-learn's English stop list and reporting words, loaded on first use (module attribute
    `STOPWORDS`): importing scikit-learn takes most of a second, which `newsweave extract` never needs."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "say", "would", "could"}


def __getattr__(name: str) -> frozenset[str]:  # PEP 562: `STOPWORDS` is built when first asked for
    if name == "STOPWORDS":
        return stopwords()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def content_words(text: str) -> list[str]:
    """Folded word tokens without stopwords and bare numbers: what a text is about."""
    stop = stopwords()
    return [w for w in words(text) if w not in stop and not w.isdigit() and len(w) > 1]


def shingles(tokens: list[str], size: int) -> set[str]:
    """Contiguous word n-grams; a text shorter than `size` is one shingle."""
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}
