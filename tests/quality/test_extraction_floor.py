"""Quality gate: text-dump extraction must not fall below the F1 measured on ../shared/bench.

Floors sit a little under the figures in BENCHMARKS.md (scrapinghub .852, wcxb-articles-dev .874),
so a regression fails CI while noise from an unrelated change does not.
"""

import os
from pathlib import Path

import pytest

from newsweave.extract.result import NoArticle
from newsweave.extract.textpage import extract_text_page
from newsweave.metrics import token_f1

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "extraction"
FLOORS = {"scrapinghub": 0.84, "wcxb-articles-dev": 0.86}


def _mean_f1(folder: Path) -> float:
    scores = []
    for page in sorted((folder / "textdump").glob("*.txt")):
        try:
            text = extract_text_page(page.read_text(encoding="utf-8")).text
        except NoArticle:
            text = ""
        scores.append(token_f1(text, (folder / "gold" / page.name).read_text(encoding="utf-8")))
    return sum(scores) / len(scores)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_text_dump_f1_stays_above_its_floor(name):
    folder = BENCH / name
    if not folder.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{folder} is missing: CI must run with ../shared beside the project")
        pytest.skip(f"{folder} not found: the benchmark data is only in ../shared beside the project")
    assert _mean_f1(folder) >= FLOORS[name]
