"""The shipped body-line classifier: gradient-boosted trees, evaluated with numpy.

`make train` (benchmarks/train_lines.py) fits scikit-learn's HistGradientBoostingClassifier and
writes its trees to `model/lines.json`. Evaluating them here needs neither scikit-learn nor pickle:
all trees walk all lines of a page at once, one numpy step per tree level.

Two stages: the first scores each line from its features; the second sees the same features plus
its neighbours' first-stage scores (a line among lines the model calls body is likely body too).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsweave.extract.line_features import FEATURES, score_context

MODEL_PATH = Path(__file__).with_name("model") / "lines.json"


class LineModel:
    """The stages of the classifier and the probability above which a line is body."""

    def __init__(self, spec: dict) -> None:
        self.threshold: float = spec["threshold"]
        self.stages = [Trees(stage) for stage in spec["stages"]]

    def probability(self, rows: np.ndarray) -> np.ndarray:
        """P(body) for each row of `rows` (columns in line_features.FEATURES order)."""
        score = self.stages[0].probability(rows)
        if len(self.stages) > 1:
            words = rows[:, FEATURES.index("words")]
            score = self.stages[1].probability(np.hstack([rows, score_context(score, words)]))
        return score


class Trees:
    """One boosted ensemble, flattened into parallel arrays; node ids are global, leaves loop on themselves."""

    def __init__(self, spec: dict) -> None:
        self.features: list[str] = spec["features"]
        self.baseline: float = spec["baseline"]
        feature, cut, left, right, value, roots = [], [], [], [], [], []
        for tree in spec["trees"]:
            base = len(feature)
            roots.append(base)
            for f, c, lo, hi, v in zip(tree["feature"], tree["cut"], tree["left"], tree["right"], tree["value"],
                                       strict=True):
                leaf = lo < 0
                feature.append(0 if leaf else f)
                cut.append(np.inf if leaf else c)  # a leaf "goes left" to itself forever
                left.append(len(feature) - 1 if leaf else base + lo)
                right.append(len(feature) - 1 if leaf else base + hi)
                value.append(v)
        self._feature = np.array(feature, dtype=np.intp)
        self._cut = np.array(cut, dtype=np.float32)
        # children interleaved, so one gather picks the next node: kids[2 * node + went_right]
        self._kids = np.column_stack([left, right]).astype(np.intp).ravel()
        self._value = np.array(value, dtype=np.float64)
        self._roots = np.array(roots, dtype=np.intp)
        self._depth = int(spec["max_depth"])

    def probability(self, rows: np.ndarray) -> np.ndarray:
        if not len(rows):
            return np.zeros(0)
        rows = np.ascontiguousarray(rows, dtype=np.float32)
        flat = rows.ravel()
        row_start = (np.arange(len(rows)) * rows.shape[1])[:, None]
        nodes = np.broadcast_to(self._roots, (len(rows), len(self._roots)))
        for _ in range(self._depth):
            went_right = flat[row_start + self._feature[nodes]] > self._cut[nodes]
            nodes = self._kids[2 * nodes + went_right]
        raw = self.baseline + self._value[nodes].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


def trees_spec(model, features: tuple[str, ...]) -> dict:
    """A fitted HistGradientBoostingClassifier (binary) as the JSON this module evaluates."""
    trees, depth = [], 0
    for (predictor,) in model._predictors:  # noqa: SLF001 - the fitted trees; sklearn has no public export
        nodes = predictor.nodes
        depth = max(depth, int(nodes["depth"].max()))
        leaf = nodes["is_leaf"].astype(bool)
        trees.append({
            "feature": nodes["feature_idx"].tolist(),
            "cut": [round(float(c), 6) for c in nodes["num_threshold"]],
            "left": np.where(leaf, -1, nodes["left"].astype(np.int64)).tolist(),
            "right": np.where(leaf, -1, nodes["right"].astype(np.int64)).tolist(),
            "value": [round(float(v), 6) for v in nodes["value"]],
        })
    baseline = float(np.ravel(model._baseline_prediction)[0])  # noqa: SLF001
    return {"features": list(features), "max_depth": depth, "baseline": baseline, "trees": trees}


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> LineModel | None:
    """The shipped model, or None when it has not been built (the rules then decide alone)."""
    if not path.is_file():
        return None
    return LineModel(json.loads(path.read_text(encoding="utf-8")))
