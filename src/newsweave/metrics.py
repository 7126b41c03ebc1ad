"""Quality measures used by the benchmarks and the quality gate, so both score alike."""

from __future__ import annotations

import re
from collections import Counter

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
