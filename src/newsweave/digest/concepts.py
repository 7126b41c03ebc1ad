"""Concept coverage for the summary (Gillick & Favre 2009, the ICSI DUC/TAC system): the summary that covers
the most facts several sources state, found exactly as a small integer program rather than greedily.

Written here on scipy's HiGHS: the maintained Python summarisers (sumy, pytextrank) have no concept ILP, and
the model is a few lines once the concepts are counted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import snowballstemmer
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from newsweave.text import STOPWORDS, words

# Candidate sentences handed to the solver, the heaviest first. The dev stories have 28-55 candidates and at
# most 23 left once the pre-filter and the budget have spoken; capping at 20 changed no dev summary, so 40
# bounds a 10-article story's model without touching what a typical one picks.
MAX_CANDIDATES = 40
# Guards on the solve, after which the caller falls back to the greedy selection. The node limit is the
# deterministic one (the dev stories close at the root node, 0-1 nodes); the time limit is a wall-clock
# safety net set far above the slowest dev solve (about 0.2 s on the loaded 2-core machine) so that a busy
# machine does not change which summary a story gets.
NODE_LIMIT = 2000
TIME_LIMIT_SECONDS = 2.0


def sentence_concepts(text: str, stemmer: snowballstemmer.stemmer) -> set[str]:
    """Stemmed content words and the bigrams they form once stopwords are dropped ("pay rise", "harbour wall").

    Gillick & Favre used bigrams alone on 10-document DUC sets; our stories have 2-10 articles, where a bigram
    is often stated by one source only, and adding the words gained on the dev stories (BENCHMARKS.md).
    """
    stems = stemmer.stemWords([w for w in words(text) if w not in STOPWORDS])
    return set(stems) | {f"{stems[k]} {stems[k + 1]}" for k in range(len(stems) - 1)}


def concept_weights(stated_by_source: Sequence[dict[str, float]], *, floor: int) -> dict[str, float]:
    """Each concept's value summed over the sources stating it (1 each, more where a source states it early),
    keeping those stated by at least `floor` sources."""
    counts: dict[str, int] = {}
    totals: dict[str, float] = {}
    for stated in stated_by_source:
        for concept, value in stated.items():
            counts[concept] = counts.get(concept, 0) + 1
            totals[concept] = totals.get(concept, 0.0) + value
    return {c: totals[c] for c, n in counts.items() if n >= floor}


@dataclass(frozen=True, slots=True)
class Selection:
    """The chosen candidates (indices into the list given) and whether the solver proved them optimal."""

    chosen: list[int]
    optimal: bool
    reason: str = ""


def select_concepts(
    candidate_concepts: Sequence[set[str]],
    lengths: Sequence[int],
    weights: dict[str, float],
    budget: int,
    *,
    bonus: Sequence[float] | None = None,
) -> Selection:
    """Maximise the weight of covered concepts (plus a per-sentence `bonus`) with total length within `budget`.

    Concept variables may stay continuous: with binary sentences and positive weights the optimum sets each to
    min(1, number of chosen sentences holding it), which is whole, so only sentences branch.
    """
    n = len(candidate_concepts)
    if n == 0:
        return Selection([], True)
    bonus = list(bonus) if bonus is not None else [0.0] * n
    # Keep the heaviest candidates only: a long story's tail adds solver time and no summary sentence.
    mass = [sum(weights.get(c, 0.0) for c in held) + b for held, b in zip(candidate_concepts, bonus, strict=True)]
    kept = sorted(range(n), key=lambda i: -mass[i])[:MAX_CANDIDATES]
    kept = [i for i in kept if lengths[i] <= budget and mass[i] > 0]
    if not kept:
        return Selection([], True)
    # Exact reductions before the solve: a concept only one candidate holds is worth its weight exactly when
    # that sentence is chosen, so it moves into the sentence's own value; concepts held by the same candidates
    # are one concept with their weights summed. This takes the model from hundreds of rows to tens.
    value = [bonus[i] for i in kept]
    shared: dict[tuple[int, ...], float] = {}
    holders: dict[str, list[int]] = {}
    for column, i in enumerate(kept):
        for concept in candidate_concepts[i]:
            if concept in weights:
                holders.setdefault(concept, []).append(column)
    for concept, columns in holders.items():
        if len(columns) == 1:
            value[columns[0]] += weights[concept]
        else:
            key = tuple(columns)
            shared[key] = shared.get(key, 0.0) + weights[concept]
    s, m = len(kept), len(shared)
    rows = [r for r, columns in enumerate(shared) for _ in columns]
    cols = [c for columns in shared for c in columns]
    objective = -np.concatenate([np.array(value, dtype=float), np.fromiter(shared.values(), float, m)])
    occurs = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(m, s))
    # concept_c <= sum of chosen sentences holding it; total length <= budget.
    cover = sparse.hstack([-occurs, sparse.identity(m, format="csr")], format="csr")
    length = sparse.csr_matrix(np.concatenate([np.array([lengths[i] for i in kept], dtype=float), np.zeros(m)]))
    constraints = [LinearConstraint(length, -np.inf, budget)]
    if m:
        constraints.append(LinearConstraint(cover, -np.inf, 0.0))
    # No presolve: the models are tens of rows, and when HiGHS maps a presolved solution back it may print
    # a stray debug line to stdout (ERGO-Code/HiGHS#2783), which lands in the CLI's output.
    try:
        result = milp(
            objective,
            integrality=np.concatenate([np.ones(s), np.zeros(m)]),
            bounds=Bounds(0.0, 1.0),
            constraints=constraints,
            options={"time_limit": TIME_LIMIT_SECONDS, "node_limit": NODE_LIMIT, "presolve": False},
        )
    except (ValueError, RuntimeError) as error:  # HiGHS refused the model: say so, the caller falls back
        return Selection([], False, f"solver error: {error}")
    if result.status != 0 or result.x is None:
        return Selection([], False, f"solver stopped without a proven optimum: {result.message}")
    return Selection([kept[k] for k in range(s) if result.x[k] > 0.5], True)
