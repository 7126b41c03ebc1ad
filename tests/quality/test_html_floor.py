"""Quality gate: HTML extraction must not fall below the F1 measured on ../shared/bench.

Floors sit a little under the figures in BENCHMARKS.md, "HTML extraction (issue 4)" (scrapinghub .963,
wcxb-articles-dev .939; trafilatura .959 / .934 in the same run), so a regression fails CI while noise
from an unrelated change does not.
"""

import gzip
import warnings

import pytest

from newsweave.extract.html import extract_html
from newsweave.ingest.decode import decode

from .bench import bench_set, mean_f1

FLOORS = {"scrapinghub": 0.955, "wcxb-articles-dev": 0.93}


def _html_text(path) -> str:
    return extract_html(decode(gzip.decompress(path.read_bytes()))).text


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_html_f1_stays_above_its_floor(name):
    folder = bench_set(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # odd markup makes htmldate and lxml warn; the score is what counts
        score = mean_f1(folder, "html/*.html.gz", _html_text)
    assert score >= FLOORS[name]
