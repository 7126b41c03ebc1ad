"""Train the body-line classifier from ../shared/bench/extraction and write it into the package.

    python benchmarks/train_lines.py [--folds 3] [--report-only] [--skip-cv] [--skip-cross] [--jobs 4]

Labels come from aligning each set's gold article text to the dump's lines in page order (see
`_labels`: short lines count only where they sit in the gold text). The
fit is deterministic (fixed seed, pages in sorted order). Out-of-fold F1 is printed for three folds
by page and across sets (train on one set, score the other); the shipped model is then fitted on
both sets, so its scores on them are in-sample. The training data never enters the repository:
only the trees are written, to src/newsweave/extract/model/lines.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import pickle
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from newsweave.extract.line_features import FEATURES, SCORE_FEATURES, page_rows, score_context
from newsweave.extract.line_model import MODEL_PATH, LineModel, Trees, trees_spec
from newsweave.extract.lines import find_body, split_lines
from newsweave.extract.textpage import select_body_lines
from newsweave.metrics import token_f1

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "extraction"
SETS = ("scrapinghub", "wcxb-articles-dev")
_TOKEN = re.compile(r"\w+")
SHORT_TOKENS = 6  # lines shorter than this are labelled by their place in the gold text, not their words
MOSTLY_GOLD = 0.8  # share of a long line's word pairs found in the gold text that still makes it body
SLACK = 3  # gold words a short body line may sit away from its neighbour's (a dropped byline, a "·")
PARAMS = {"max_iter": 120, "learning_rate": 0.1, "max_leaf_nodes": 15, "max_depth": 6, "min_samples_leaf": 20,
          "l2_regularization": 1.0, "random_state": 0}


def load_pages(name: str) -> list[dict]:
    pages = []
    for path in sorted((BENCH / name / "textdump").glob("*.txt")):
        dump = path.read_text(encoding="utf-8")
        gold = (BENCH / name / "gold" / path.name).read_text(encoding="utf-8")
        lines = split_lines(dump)
        body = find_body(lines)
        rows = page_rows(lines, body)
        pages.append({"set": name, "id": path.stem, "lines": lines, "rows": rows, "gold": gold,
                      "labels": _labels(lines, gold)})
    return pages


def _labels(lines, gold: str) -> np.ndarray:
    """Body (1) or not (0) for each line, by aligning the lines to the gold text in page order.

    A line of 6+ words is body when its word sequence occurs in the gold text, or when 80% of its word
    pairs do (markup can split or join words). A shorter line ("News", "Facebook", a subhead, a list
    item) is body only where it sits in the gold sequence: right after the gold words of the body
    line above it, or right before those of the body line below it. Matching its words anywhere
    would label the menu word "News" body whenever an article mentions news.
    """
    gold_tokens = _TOKEN.findall(gold.lower())
    starts_of: dict[str, list[int]] = defaultdict(list)
    for pos, token in enumerate(gold_tokens):
        starts_of[token].append(pos)
    pair_starts: dict[tuple[str, str], list[int]] = defaultdict(list)
    for pos, pair in enumerate(zip(gold_tokens, gold_tokens[1:], strict=False)):
        pair_starts[pair].append(pos)
    tokens_of = [_TOKEN.findall(line.text.lower()) for line in lines]
    labels = np.zeros(len(lines), dtype=np.int8)
    spans: list[tuple[int, int] | None] = [None] * len(lines)
    cursor = 0
    for pos, tokens in enumerate(tokens_of):
        if len(tokens) < SHORT_TOKENS:
            continue
        found = _occurrences(tokens, gold_tokens, starts_of)
        if not found:
            pairs = list(zip(tokens, tokens[1:], strict=False))
            matched = [pair_starts[pair] for pair in pairs if pair in pair_starts]
            if len(matched) < MOSTLY_GOLD * len(pairs):
                continue
            found = [min((s for s in matched[0] if s >= cursor), default=matched[0][0])]
        start = min((s for s in found if s >= cursor), default=found[0])
        spans[pos] = (start, start + len(tokens))
        labels[pos] = 1
        cursor = start + len(tokens)
    end_of_previous, slack = 0, 0  # nothing before the gold text's first word
    for pos, tokens in enumerate(tokens_of):
        if spans[pos]:
            end_of_previous, slack = spans[pos][1], SLACK
            continue
        if not tokens or len(tokens) >= SHORT_TOKENS:
            continue
        start_of_next = next((span[0] for span in spans[pos + 1 :] if span), len(gold_tokens))
        for start in _occurrences(tokens, gold_tokens, starts_of):
            end = start + len(tokens)
            if end_of_previous <= start <= end_of_previous + slack or start_of_next - SLACK <= end <= start_of_next:
                labels[pos] = 1
                spans[pos] = (start, end)
                end_of_previous, slack = end, SLACK
                break
    return labels


def _occurrences(tokens: list[str], gold_tokens: list[str], starts_of: dict[str, list[int]]) -> list[int]:
    """Where in the gold tokens the sequence `tokens` starts."""
    n = len(tokens)
    return [s for s in starts_of.get(tokens[0], ()) if gold_tokens[s : s + n] == tokens]


def fit(pages: list[dict], threshold: float, inner_folds: int = 3) -> dict:
    """Both stages. The second learns from first-stage scores that are out-of-fold on its own
    training pages, so it sees scores as noisy as the ones it will get on unseen pages."""
    first = _fit_trees([p["rows"] for p in pages], pages)
    oof_scores: list[np.ndarray | None] = [None] * len(pages)
    for fold in range(inner_folds):
        inner = Trees(trees_spec(_fit_trees([p["rows"] for i, p in enumerate(pages) if i % inner_folds != fold],
                                         [p for i, p in enumerate(pages) if i % inner_folds != fold]), FEATURES))
        for i, page in enumerate(pages):
            if i % inner_folds == fold:
                oof_scores[i] = inner.probability(page["rows"])
    second_rows = [_with_context(p["rows"], s) for p, s in zip(pages, oof_scores, strict=True)]
    second = _fit_trees(second_rows, pages)
    return {"threshold": threshold,
            "stages": [trees_spec(first, FEATURES), trees_spec(second, FEATURES + SCORE_FEATURES)]}


def _with_context(rows: np.ndarray, score: np.ndarray) -> np.ndarray:
    return np.hstack([rows, score_context(score, rows[:, FEATURES.index("words")])])


def _fit_trees(rows: list[np.ndarray], pages: list[dict]) -> HistGradientBoostingClassifier:
    """Each line weighs its words plus one: token F1 counts words, so a 150-word paragraph lost costs
    as much as 150 one-word menu items kept (unweighted: out of fold .909 / .917, weighted .919 / .921)."""
    labels = np.concatenate([p["labels"] for p in pages])
    weights = np.concatenate([[line.words + 1.0 for line in p["lines"]] for p in pages])
    return HistGradientBoostingClassifier(**PARAMS).fit(np.concatenate(rows), labels, sample_weight=weights)


def page_f1(pages: list[dict], model: LineModel) -> float:
    """Mean F1 of the model's line choice as the extractor makes it (whole page, select_body_lines)."""
    scores = []
    for page in pages:
        kept = select_body_lines(page["lines"], model.probability(page["rows"]), model.threshold)
        scores.append(token_f1("\n".join(line.text for line in kept), page["gold"]))
    return float(np.mean(scores)) if scores else 0.0


def evaluate(train: list[dict], test: list[dict], threshold: float) -> str:
    return f"F1 {page_f1(test, LineModel(fit(train, threshold))):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--report-only", action="store_true", help="print out-of-fold scores, write nothing")
    parser.add_argument("--skip-cv", action="store_true", help="only fit and write the shipped model")
    parser.add_argument("--skip-cross", action="store_true", help="skip the cross-set scores (two of five fits)")
    parser.add_argument("--jobs", type=int, default=1, help="fit the folds and the shipped model in this many "
                        "processes (same result; faster on an idle machine with several cores)")
    parser.add_argument("--save-oof", type=Path, help="also save each page's out-of-fold line probabilities "
                        "(a pickle of {(set, id): array}) to study selection rules without refitting")
    args = parser.parse_args()
    if not BENCH.is_dir():
        sys.exit(f"{BENCH} not found: training reads ../shared/bench beside the project")
    pages = {name: load_pages(name) for name in SETS}
    everything = [p for name in SETS for p in pages[name]]
    if not args.skip_cv and not args.skip_cross:
        for name in SETS:
            other = [p for n in SETS if n != name for p in pages[n]]
            print(f"cross-set: train on {'+'.join(n for n in SETS if n != name)}, test on {name}: "
                  f"{evaluate(other, pages[name], args.threshold)}", flush=True)
    parts = ([] if args.skip_cv else list(range(args.folds))) + ([] if args.report_only else [None])
    specs = dict(zip(parts, _fit_parts(everything, parts, args.folds, args.threshold, args.jobs), strict=True))
    if not args.skip_cv:
        oof: dict[str, list[float]] = {name: [] for name in SETS}
        probabilities: dict[tuple[str, str], np.ndarray] = {}
        fold_of = {id(p): i % args.folds for i, p in enumerate(everything)}  # the same folds as _fit_part's
        for fold in range(args.folds):
            model = LineModel(specs[fold])
            for name in SETS:
                test = [p for p in pages[name] if fold_of[id(p)] == fold]
                oof[name].extend(page_f1([p], model) for p in test)
                probabilities.update(((name, p["id"]), model.probability(p["rows"])) for p in test)
        if args.save_oof:
            args.save_oof.write_bytes(pickle.dumps(probabilities))
        for name in SETS:
            print(f"{args.folds}-fold by page, out-of-fold: {name} F1 {np.mean(oof[name]):.3f} "
                  f"({len(oof[name])} pages)")
    if not args.report_only:
        spec = specs[None]
        MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
        MODEL_PATH.write_text(json.dumps(spec, separators=(",", ":")), encoding="utf-8")
        n_trees = sum(len(stage["trees"]) for stage in spec["stages"])
        print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KB, {n_trees} trees)")


_SHARED: dict = {}  # the pages, inherited by forked workers instead of pickled to each


def _fit_parts(everything: list[dict], parts: list[int | None], folds: int, threshold: float,
               jobs: int) -> list[dict]:
    """The fit of each out-of-fold part (a fold number) and of the shipped model (None).

    The parts are independent, so with `jobs` > 1 they run in forked processes, each on one thread: the
    fits' OpenMP threads spin at their barriers on a machine whose cores other work already holds.
    """
    _SHARED.update(everything=everything, folds=folds, threshold=threshold, one_thread=jobs > 1)
    if jobs <= 1 or len(parts) <= 1:
        return [_fit_part(part) for part in parts]
    with multiprocessing.get_context("fork").Pool(min(jobs, len(parts))) as pool:
        return pool.map(_fit_part, parts, chunksize=1)


def _fit_part(part: int | None) -> dict:
    from threadpoolctl import threadpool_limits  # installed with scikit-learn

    everything, folds = _SHARED["everything"], _SHARED["folds"]
    train = everything if part is None else [p for i, p in enumerate(everything) if i % folds != part]
    with threadpool_limits(1 if _SHARED["one_thread"] else None):
        spec = fit(train, _SHARED["threshold"])
    print(f"fit {'of the shipped model' if part is None else f'for fold {part + 1} of {folds}'} done", flush=True)
    return spec


if __name__ == "__main__":
    main()
