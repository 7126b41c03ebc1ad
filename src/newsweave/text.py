"""Word-level text helpers shared by dedup, cluster and digest, so all stages tokenise alike."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    STOPWORDS: frozenset[str]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# The same tokens for folded ASCII text (lower case, no curly apostrophe) in 40% less time than _WORD,
# which tests every character against Unicode's classes; half of full news bodies are ASCII once folded.
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def fold(text: str) -> str:
    """Lowercase and strip accents and typographic variants, so copies compare equal."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    # Only the few marks a text holds are removed, each by one str.replace: testing every character
    # in Python took 60% of clustering time on full articles, a regular expression of all marks half.
    for mark in set(text) & _combining_marks():  # the text's few distinct characters first: 30% less time
        text = text.replace(mark, "")
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').lower()


@functools.cache
def _combining_marks() -> frozenset[str]:
    """Every combining mark (all lie below U+20000)."""
    return frozenset(chr(c) for c in range(0x20000) if unicodedata.combining(chr(c)))


def words(text: str) -> list[str]:
    """Folded word tokens, punctuation dropped."""
    folded = fold(text)
    return (_ASCII_WORD if folded.isascii() else _WORD).findall(folded)


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
