"""Shared fixtures: paths to ../shared (seeds, benchmark data) and to the project's examples/."""

from __future__ import annotations

import importlib.util
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
