"""Shared fixtures: paths to ../shared (seeds, benchmark data) and to the project's examples/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "pages"


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
