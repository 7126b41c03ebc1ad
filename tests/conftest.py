"""Shared fixtures: paths to ../shared (seeds, benchmark data) and to the project's examples/."""

from __future__ import annotations

import importlib.util
import itertools
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "pages"


@pytest.fixture(scope="session")
def benchmark_script():
    """Import one of benchmarks/*.py by name: they are scripts, not a package, and several tests reuse their code."""

    def load(name: str) -> ModuleType:
        key = f"benchmark_{name}"  # not the bare name: benchmarks/digest.py must not shadow anything
        if key not in sys.modules:
            spec = importlib.util.spec_from_file_location(key, ROOT / "benchmarks" / f"{name}.py")
            module = importlib.util.module_from_spec(spec)
            sys.modules[key] = module  # a benchmark's dataclasses look their module up there
            spec.loader.exec_module(module)
        return sys.modules[key]

    return load


@pytest.fixture
def seeds_dir() -> Path:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{seeds} is missing: CI must run with ../shared beside the project")
        pytest.skip(f"{seeds} not found: ../shared is only beside the project in CI and developer checkouts")
    return seeds


@pytest.fixture
def seed_pages(seeds_dir: Path) -> dict[str, Path]:
    """Seed pages keyed by their number: '000' ... '004'."""
    return {p.name[:3]: p for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture
def seed_articles(seed_pages: dict[str, Path]):
    """The seed pages extracted by newsweave, with ids '000' ... '004' for readable tests."""
    from newsweave.extract import extract
    from newsweave.ingest.files import read_file

    articles = {}
    for key, path in seed_pages.items():
        (doc,) = read_file(path)
        article = extract(doc)
        article.id = key
        articles[key] = article
    return articles


# Invented words, so the cosines between the texts of `two_sides` follow from how many words they share.
_SYLLABLES = ["ba", "ko", "ri", "tu", "ne", "lo", "ska", "vem", "dor", "pil", "quen", "zar"]
_WORDS = ["".join(p) for p in itertools.product(_SYLLABLES, repeat=3)]
_SHARED, _SIDE_X, _SIDE_Y, _OTHER_1, _OTHER_2 = (_WORDS[k * 180 : k * 180 + 180] for k in range(5))


@pytest.fixture(scope="session")
def two_sides():
    """Fictional texts of invented words: two unrelated ones (n1, n2), two sides of one event (x1, y1:
    `shared` words in common, `side` of their own) and, unless `bridge` is None, z1 telling `bridge`
    words of each side (undated if `bridge_hour` is None). Each text repeats its first key words
    three times, so the index files it under them."""
    from newsweave.model import Article

    def article(article_id: str, words: list[str], key_words: list[str], hour: int | None) -> Article:
        published = None if hour is None else f"2031-05-01T{hour:02d}:00:00+00:00"
        return Article(id=article_id, source="fictional", text=" ".join(words + key_words * 3), published=published)

    def make(shared: int, side: int, bridge: int | None = None, bridge_hour: int | None = 12) -> list:
        stream = [
            article("n1", _OTHER_1[:side], [], 8),
            article("n2", _OTHER_2[:side], [], 9),
            article("x1", _SHARED[:shared] + _SIDE_X[:side], _SIDE_X[:3], 10),
            article("y1", _SHARED[:shared] + _SIDE_Y[:side], _SIDE_Y[:3], 11),
        ]
        if bridge is not None:
            words = _SHARED[:shared] + _SIDE_X[:bridge] + _SIDE_Y[:bridge]
            stream.append(article("z1", words, _SIDE_X[:3] + _SIDE_Y[:3], bridge_hour))
        return stream

    return make
