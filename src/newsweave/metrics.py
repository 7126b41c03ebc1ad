"""Quality measures used by the benchmarks and the quality gate, so both score alike; token_f1 also measures
at run time how well two HTML readers agree (extract.html)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+", re.UNICODE)


def token_f1(predicted: str, gold: str) -> float:
    """The scrapinghub benchmark's score: F1 of the bags of lowercased word tokens; empty scores 0."""
    p = Counter(t.lower() for t in _TOKEN.findall(predicted))
    g = Counter(t.lower() for t in _TOKEN.findall(gold))
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True, slots=True)
class ClusterScores:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998) and NMI of one clustering against gold."""

    precision: float
    recall: float
    f1: float
    nmi: float


def cluster_scores(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> ClusterScores:
    """Score predicted story labels against gold ones over the items of `gold`; an unlabelled item is a singleton."""
    items = list(gold)
    if not items:
        raise ValueError("gold must label at least one item; got none")
    # An item the prediction left out counts as a cluster of its own, so dropping input is penalised.
    pred = [predicted.get(i, ("missing", i)) for i in items]
    true = [gold[i] for i in items]
    pair = Counter(zip(pred, true, strict=True))
    pred_size = Counter(pred)
    true_size = Counter(true)
    # B-cubed per item: |own predicted cluster ∩ own gold cluster| / |own predicted cluster| (precision)
    # or / |own gold cluster| (recall); items sharing both labels share the value, hence the grouping.
    precision = sum(n * n / pred_size[p] for (p, _), n in pair.items()) / len(items)
    recall = sum(n * n / true_size[t] for (_, t), n in pair.items()) / len(items)
    f1 = 2 * precision * recall / (precision + recall)
    codes = {label: k for k, label in enumerate(dict.fromkeys(pred))}
    # imported here: scikit-learn takes 1.5 s to import, and token_f1 serves the HTML path at run time
    from sklearn.metrics import normalized_mutual_info_score

    nmi = normalized_mutual_info_score([str(t) for t in true], [codes[p] for p in pred])
    return ClusterScores(precision=precision, recall=recall, f1=f1, nmi=float(nmi))
