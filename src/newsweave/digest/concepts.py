"""Concept coverage for the summary (Gillick & Favre 2009, the ICSI DUC/TAC system): the summary that covers
the most facts several sources state, found exactly as a small integer program rather than greedily.

Written here on HiGHS (highspy): the maintained Python summarisers (sumy, pytextrank) have no concept ILP, and
the model is a few lines once the concepts are counted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np
import snowballstemmer

from newsweave.text import STOPWORDS, words

# Candidate sentences handed to the solver, the heaviest first. The dev stories have 28-55 candidates and at
# most 23 left once the pre-filter and the budget have spoken; capping at 20 changed no dev summary, so 40
# bounds a 10-article story's model without touching what a typical one picks.
MAX_CANDIDATES = 40
# Guards on the solve, after which the caller falls back to the greedy selection. The node limit is the
# deterministic one (the dev stories close at the root node, 0-1 nodes); the time limit is a wall-clock
# safety net set far above the slowest dev solve (about 0.2 s on the loaded 2-core machine) so that a busy
# machine does not change which summary a story gets. It was 2 s until a test comparing two runs of the
# same stories failed at a load average of 15 (one solve fell back to greedy in one run only).
NODE_LIMIT = 2000
TIME_LIMIT_SECONDS = 30.0


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
    chosen = _solve(value, shared, [lengths[i] for i in kept], budget)
    if isinstance(chosen, str):
        return Selection([], False, chosen)
    return Selection([kept[k] for k in chosen], True)


def _solve(value: list[float], shared: dict[tuple[int, ...], float], lengths: list[int],
           budget: int) -> list[int] | str:
    """Maximise sentence values plus shared concepts' weights on HiGHS: chosen columns, or why it stopped.

    highspy rather than scipy's milp: scipy vendors a HiGHS whose MIP repair step prints a debug line to
    stdout whatever the output options (ERGO-Code/HiGHS#2783), which would land in the CLI's JSON output.
    """
    s, m = len(value), len(shared)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = s + m, m + 1
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.array([*value, *shared.values()], dtype=float)
    lp.col_lower_, lp.col_upper_ = np.zeros(s + m), np.ones(s + m)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * s + [highspy.HighsVarType.kContinuous] * m
    # row 0: total length <= budget; row 1 + c: concept_c - (chosen sentences holding it) <= 0
    starts, index, entries = [0], list(range(s)), [float(n) for n in lengths]
    starts.append(len(index))
    for c, columns in enumerate(shared):
        index += [*columns, s + c]
        entries += [-1.0] * len(columns) + [1.0]
        starts.append(len(index))
    lp.row_lower_ = np.full(m + 1, -highspy.kHighsInf)
    lp.row_upper_ = np.array([float(budget)] + [0.0] * m)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = s + m, m + 1
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = starts, index, entries
    solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("time_limit", TIME_LIMIT_SECONDS)
    solver.setOptionValue("mip_max_nodes", NODE_LIMIT)
    # The feasibility-jump heuristic took half of each solve on these models of tens of columns (about 10 of
    # 21 ms over 426 stories of benchmarks/scale.py) and changed no chosen summary there.
    solver.setOptionValue("mip_heuristic_run_feasibility_jump", False)
    try:
        if solver.passModel(lp) != highspy.HighsStatus.kOk:
            return "solver error: HiGHS refused the model"
        solver.run()
    except (ValueError, RuntimeError) as error:
        return f"solver error: {error}"
    status = solver.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        return f"solver stopped without a proven optimum: {solver.modelStatusToString(status)}"
    x = solver.getSolution().col_value
    return [k for k in range(s) if x[k] > 0.5]
