"""Language of an article body, with the language-identification model shipped inside py3langid."""

from __future__ import annotations

import py3langid

_MIN_CHARS = 40  # below this a language guess is noise
# py3langid's cost grows with the text; a thousand characters from the start and the middle of a
# body decide the language as surely as the whole article (the v1 5,000 characters took 7 ms a page).
_SAMPLE_CHARS = 500


def detect_language(text: str) -> str | None:
    if len(text) < _MIN_CHARS:
        return None
    if len(text) > 2 * _SAMPLE_CHARS:
        middle = len(text) // 2
        text = text[:_SAMPLE_CHARS] + " " + text[middle : middle + _SAMPLE_CHARS]
    lang, _ = py3langid.classify(text)
    return lang
