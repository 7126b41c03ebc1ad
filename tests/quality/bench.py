"""What both extraction floors share: finding ../shared/bench/extraction and scoring a set's pages."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from newsweave.extract.result import NoArticle
from newsweave.metrics import token_f1

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "extraction"


def bench_set(name: str) -> Path:
    """The set's folder; skips where ../shared is absent (a user's clone), fails under CI."""
    folder = BENCH / name
    if not folder.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{folder} is missing: CI must run with ../shared beside the project")
        pytest.skip(f"{folder} not found: the benchmark data is only in ../shared beside the project")
    return folder


def mean_f1(folder: Path, pattern: str, extract: Callable[[Path], str]) -> float:
    """Mean token F1 over the pages matching `pattern`; a page with no article scores 0."""
    scores = []
    for page in sorted(folder.glob(pattern)):
        try:
            text = extract(page)
        except NoArticle:
            text = ""
        page_id = page.name.split(".")[0]
        scores.append(token_f1(text, (folder / "gold" / f"{page_id}.txt").read_text(encoding="utf-8")))
    return sum(scores) / len(scores)
