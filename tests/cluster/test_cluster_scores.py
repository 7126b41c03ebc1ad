"""B-cubed and NMI in newsweave.metrics, checked against hand-computed values."""

import pytest

from newsweave.metrics import cluster_scores


def test_perfect_clustering_scores_one_whatever_the_label_names() -> None:
    gold = {"a": 1, "b": 1, "c": 2}
    scores = cluster_scores({"a": "x", "b": "x", "c": "y"}, gold)

    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    assert scores.nmi == pytest.approx(1.0)


def test_b_cubed_of_one_merge_by_hand() -> None:
    # Gold {a,b} {c}; predicted all together: precision per item 2/3, 2/3, 1/3; recall 1 each.
    scores = cluster_scores({"a": 0, "b": 0, "c": 0}, {"a": 1, "b": 1, "c": 2})

    assert scores.precision == pytest.approx(5 / 9)
    assert scores.recall == 1.0
    assert scores.f1 == pytest.approx(2 * (5 / 9) / (5 / 9 + 1))
    assert scores.nmi == pytest.approx(0.0)


def test_an_item_the_prediction_left_out_is_a_singleton_and_costs_recall() -> None:
    scores = cluster_scores({"a": 0}, {"a": 1, "b": 1})

    assert scores.precision == 1.0
    assert scores.recall == pytest.approx(0.5)


def test_empty_gold_is_an_error_naming_the_parameter() -> None:
    with pytest.raises(ValueError, match="gold must label at least one item"):
        cluster_scores({}, {})
