"""Fixtures for reliability tests: a generated corpus of fictional page dumps."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

COMMON = ("the", "of", "and", "to", "in", "a", "on", "for", "that", "with", "was", "said", "by", "at", "from", "as",
          "it", "were", "after")


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    """Invented words: each event of the corpus gets its own, so events read apart as real ones do."""
    syllables = ["ka", "lo", "ven", "dra", "mi", "sol", "tar", "ne", "bru", "qua", "fen", "ril", "os", "ta"]
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))) for _ in range(size)]


def _sentence(rng: random.Random, words: list[str]) -> str:
    body = [rng.choice(words) if rng.random() < 0.6 else rng.choice(COMMON) for _ in range(rng.randint(10, 18))]
    return " ".join(body).capitalize() + "."


def write_corpus(folder: Path, *, pages: int, seed: int = 7, per_event: int = 10) -> list[Path]:
    """`pages` fictional page dumps, `per_event` about each invented event, in site chrome."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    events = [_vocabulary(rng, 80) for _ in range(pages // per_event + 1)]
    written = []
    for n in range(pages):
        words = events[n // per_event]
        day = 1 + (n // per_event) % 27
        title = " ".join(rng.choice(words) for _ in range(6)).capitalize()
        paragraphs = [
            " ".join(_sentence(rng, words) for _ in range(rng.randint(2, 3))) for _ in range(rng.randint(5, 9))
        ]
        page = "\n".join([
            f"{title} | The Fictional Courier",
            "  • Home", "  • News", "  • Sport",
            title,
            f"{day} May, 2031, {rng.randint(6, 11):02d}:{rng.randint(0, 59):02d} am",
            "",
            "\n\n".join(paragraphs),
            "",
            "Comments",
            "© 2033 The Fictional Courier. All rights reserved.",
        ])
        path = folder / f"page-{n:04d}.txt"
        path.write_text(page, encoding="utf-8")
        written.append(path)
    return written


@pytest.fixture
def fictional_corpus():
    return write_corpus
