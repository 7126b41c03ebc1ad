"""Quality gate: copy-pair F1 and ARI on the labelled set of benchmarks/dedup_quality.py (../shared pages)."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT.parent / "shared" / "bench" / "extraction"


@pytest.fixture(scope="module")
def results(benchmark_script) -> dict:
    if not BENCH.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{BENCH} is missing: CI must run with ../shared beside the project")
        pytest.skip(f"{BENCH} not found: ../shared is only beside the project in CI and developer checkouts")
    # Smaller than `make bench` (400 originals, 80 held out) to keep CI under a minute.
    return benchmark_script("dedup_quality").evaluate(100, 20, 3, references=False)


def test_copy_pairs_and_groups_on_the_labelled_set_stay_above_the_measured_floors(results) -> None:
    labelled = results["labelled"]
    # Measured at this size (100 originals, seed 3; 2026-11-22): precision 1.0, recall .997, F1 .999,
    # ARI .999, original named .995, updates with shared passages 1.0. The target is F1 .97;
    # the floors sit just under what is measured (the set is built from gold bodies, no extraction).
    assert labelled["recall"] >= 0.99
    assert labelled["precision"] >= 0.99
    assert labelled["f1"] >= 0.99
    assert labelled["ari"] >= 0.99
    assert labelled["original named"] >= 0.99
    assert labelled["updates with shared passages"] >= 0.98


def test_held_out_pages_re_hosted_in_other_chrome_stay_above_the_measured_floors(results) -> None:
    held = results["held-out, re-hosted"]
    # Measured at 20 held-out originals (2026-11-23): with the line model of 2026-11-22 22:30 precision 1.0,
    # recall .70, F1 .82, 15 of 20 true pairs extracted cleanly and 13 of those found; with the word-weighted
    # line model of 2026-11-23 00:50 precision 1.0, recall .85, F1 .92, 14 of 15 clean pairs found. Before,
    # .875 / .35 / .50: the benchmark then left the host's own article on a quarter of the re-hosted pages
    # (its lines were matched to the gold character for character, and pages print curly quotes and
    # mojibake), and a later copy whose top was cut was taken for an update (rules.cut_top). The floors
    # allow one more false pair and one more missed clean pair. Below the target: see BENCHMARKS.md.
    assert held["precision"] >= 0.90
    assert round(held["f1"], 9) >= 0.85
    assert held["recall on clean pairs"] >= 0.86
