"""Language of an article body, with the language-identification model shipped inside py3langid."""

from __future__ import annotations

import py3langid

_MIN_CHARS = 40  # below this a language guess is noise


def detect_language(text: str) -> str | None:
    if len(text) < _MIN_CHARS:
        return None
    lang, _ = py3langid.classify(text[:5000])
    return lang
