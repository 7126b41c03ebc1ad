"""The learned body-line classifier: its numpy evaluation, its features, and the shipped model."""

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from newsweave.extract.line_features import FEATURES, SCORE_FEATURES, line_features, score_context
from newsweave.extract.line_model import MODEL_PATH, LineModel, Trees, load_model, trees_spec
from newsweave.extract.lines import split_lines


def test_numpy_trees_give_sklearns_probabilities():
    rng = np.random.default_rng(7)
    rows = rng.normal(size=(2000, 6)).astype(np.float32)
    labels = (rows[:, 0] + rows[:, 1] * rows[:, 2] > 0.3).astype(int)
    fitted = HistGradientBoostingClassifier(max_iter=30, max_depth=5, random_state=0).fit(rows, labels)
    trees = Trees(trees_spec(fitted, tuple("abcdef")))
    fresh = rng.normal(size=(500, 6)).astype(np.float32)
    assert np.allclose(trees.probability(fresh), fitted.predict_proba(fresh)[:, 1], atol=1e-4)


def test_shipped_model_is_small_and_uses_the_current_features():
    if not MODEL_PATH.is_file():
        pytest.fail(f"{MODEL_PATH} is missing: run `make train` (needs ../shared/bench)")
    assert MODEL_PATH.stat().st_size < 400_000
    model = load_model()
    assert isinstance(model, LineModel)
    assert model.stages[0].features == list(FEATURES)
    assert model.stages[1].features == list(FEATURES + SCORE_FEATURES)


PAGE = """Veldria Evening Star | Home | Politics | Sport
Most read
Harbour toll rises again
Northmarch council race tightens
Port Alder council approves new harbour wall after winter storms
By Ilse Marrow
12 March 2031, 09:15
The Port Alder council voted on Tuesday to build a new harbour wall, after two winter storms flooded the quay.
Councillor Pieter Olm said the wall would cost 14 million crowns and take three years to finish.
Fishing crews, who lost nets and two boats in January, said the decision came late but was welcome.
Work is due to start in the autumn, once the Veldrian coast authority has approved the plans.
Related News
Valden tram fares to rise in May
Kessel Ford bridge reopens
Copyright 2031 Veldria Evening Star. All rights reserved."""


def test_features_see_the_prose_block_and_its_context():
    lines = split_lines(PAGE)
    rows = line_features(lines, (7, 11))  # positions of the four body sentences
    assert rows.shape == (len(lines), len(FEATURES))
    col = {name: i for i, name in enumerate(FEATURES)}
    body = [pos for pos, line in enumerate(lines) if line.text.startswith(("The Port Alder", "Work is due"))]
    teaser = next(pos for pos, line in enumerate(lines) if line.text.startswith("Valden tram"))
    assert all(rows[pos, col["in_region"]] == 1 for pos in body)
    assert rows[teaser, col["after_region"]] == 1 and rows[teaser, col["in_region"]] == 0
    assert rows[teaser, col["end_headings_before"]] == 2  # "Most read" and "Related News" above it
    assert rows[body[0], col["prose_run_words"]] > 50  # the four body sentences form one run
    assert rows[teaser, col["prose_run_words"]] == 0


def test_score_context_marks_runs_of_body_lines():
    score = np.array([0.1, 0.9, 0.8, 0.95, 0.2, 0.1], dtype=np.float32)
    words = np.array([3, 20, 25, 18, 4, 2], dtype=np.float32)
    ctx = score_context(score, words)
    col = {name: i for i, name in enumerate(SCORE_FEATURES)}
    assert ctx[2, col["score_run_words"]] == 63
    assert ctx[0, col["score_run_words"]] == 0
    assert ctx[0, col["score_after_max"]] == pytest.approx(0.95)
    assert ctx[5, col["score_words_before_share"]] == pytest.approx(1.0)


def test_shipped_model_keeps_the_article_and_drops_the_teasers():
    from newsweave.extract.textpage import extract_text_page

    found = extract_text_page(PAGE)
    assert found.text.startswith("The Port Alder council voted on Tuesday")
    assert "Veldrian coast authority" in found.text
    for chrome in ("Valden tram fares", "Harbour toll", "All rights reserved", "Most read"):
        assert chrome not in found.text


def test_training_labels_short_lines_by_their_place_in_the_gold_text(benchmark_script):
    """A menu word that the article also uses is not body; a subhead where the article prints it is."""
    page = """News
Port Alder
Harbour wall approved
News
The Port Alder council voted on Tuesday to build a new harbour wall, after two winter storms.
Councillor Pieter Olm said the news came as a relief to the fishing crews of the quay.
Costs
The wall will cost 14 million crowns and take three years to finish, the council said.
Facebook
Port Alder"""
    gold = """The Port Alder council voted on Tuesday to build a new harbour wall, after two winter storms.
Councillor Pieter Olm said the news came as a relief to the fishing crews of the quay.
Costs
The wall will cost 14 million crowns and take three years to finish, the council said."""
    lines = split_lines(page)
    labels = benchmark_script("train_lines")._labels(lines, gold)
    labelled = [(line.text, int(label)) for line, label in zip(lines, labels, strict=True)]
    assert ("Costs", 1) in labelled  # the subhead sits between the gold words of its neighbours
    assert [label for text, label in labelled if text.startswith(("The Port", "Councillor", "The wall"))] == [1, 1, 1]
    assert [label for text, label in labelled if text in ("News", "Port Alder", "Facebook")] == [0, 0, 0, 0, 0]


TEASER_ROWS = """Ostry bridge closed after engineers find cracks
Traffic between the two halves of the town will go by ferry until repairs end.
3 hours ago
Valden tram fares to rise in May
The city council says the increase is the first in six years.
5 hours ago
Kessel Ford market reopens after the flood
Stallholders returned on Saturday to a square still marked by mud.
Nov. 19, 2031
Lena Dorn is a reporter for the Veldria Evening Star who covers the Sarre valley."""


def test_features_see_teaser_rows_and_bios():
    lines = split_lines(TEASER_ROWS)
    rows = line_features(lines, None)
    col = {name: i for i, name in enumerate(FEATURES)}
    times = [pos for pos, line in enumerate(lines) if line.text.endswith("ago") or line.text.startswith("Nov.")]
    assert [rows[pos, col["time_like"]] for pos in times] == [1, 1, 1]
    assert rows[0, col["time_like"]] == 0 and rows[0, col["terminal"]] == 0 and rows[1, col["terminal"]] == 1
    # headline, blurb, time: the shape repeats every three lines
    assert all(rows[pos, col["row_repeat"]] >= 3 for pos in range(9))
    assert rows[9, col["bio"]] == 1 and rows[1, col["bio"]] == 0


COMMENT_THREAD = """Port Alder council approves new harbour wall after winter storms
The Port Alder council voted on Tuesday to build a new harbour wall, after two winter storms flooded the quay.
Work is due to start in the autumn, once the Veldrian coast authority has approved the plans.
12 responses to “Port Alder council approves new harbour wall”
quaywatcher says:
About time. The quay has flooded every winter since I was a boy.
Reply
mara_k wrote:
Fourteen million crowns is a lot for a wall that will need repairs in ten years."""


def test_features_see_comment_threads():
    lines = split_lines(COMMENT_THREAD)
    rows = line_features(lines, (1, 3))
    col = {name: i for i, name in enumerate(FEATURES)}
    cue = [int(rows[pos, col["comment_cue"]]) for pos in range(len(lines))]
    assert cue == [0, 0, 0, 1, 1, 0, 1, 1, 0]
    assert rows[2, col["comment_cues_before"]] == 0  # the article itself
    assert rows[8, col["comment_cues_before"]] == 4  # the last comment, under the heading and three cues


def test_score_context_sees_body_prose_on_both_sides_of_a_list():
    # prose, a five-row list (tour dates), prose, then five rows after the article
    words = np.array([40, 30, 7, 8, 6, 7, 8, 35, 25, 6, 7, 6, 5, 7], dtype=np.float32)
    score = np.array([0.9, 0.9, 0.3, 0.3, 0.3, 0.3, 0.3, 0.9, 0.9, 0.2, 0.2, 0.2, 0.2, 0.2], dtype=np.float32)
    ctx = score_context(score, words)
    col = {name: i for i, name in enumerate(SCORE_FEATURES)}
    inside, after = 4, 11
    assert ctx[inside, col["body_gap_before"]] == 3 and ctx[inside, col["body_gap_after"]] == 3
    assert ctx[after, col["body_gap_before"]] == 3 and ctx[after, col["body_gap_after"]] == 60  # none after it
    assert ctx[inside, col["body_words_after_60"]] == pytest.approx(60 / 130)
    assert ctx[after, col["body_words_after_60"]] == 0


def test_a_lone_headline_stays_only_when_the_model_is_sure_of_it():
    from newsweave.extract.textpage import select_body_lines

    page = """The Port Alder council voted on Tuesday to build a new harbour wall, after two winter storms.
Fishing crews, who lost nets and two boats in January, said the decision came late but was welcome.
Valden tram fares to rise in May, council says
Councillor Pieter Olm said the wall would cost 14 million crowns and take three years to finish.
Three years of work
Work is due to start in the autumn, once the Veldrian coast authority has approved the plans."""
    lines = split_lines(page)
    kept = select_body_lines(lines, np.array([0.95, 0.95, 0.7, 0.95, 0.97, 0.95]), 0.5)
    texts = [line.text for line in kept]
    assert "Three years of work" in texts  # a subhead the model is sure of
    assert not any(text.startswith("Valden tram") for text in texts)  # a teaser it only leans to
    assert len(texts) == 5


def test_features_see_a_headline_run_into_its_blurb():
    lines = split_lines("""Kessel Ford market reopens after the floodStallholders returned on Saturday.
Stallholders returned on Saturday to a square still marked by mud, the market board said.""")
    rows = line_features(lines, None)
    col = FEATURES.index("camel_joins")
    assert rows[0, col] == 1 and rows[1, col] == 0


COHESION_PAGE = """Valden tram fares to rise in May
Port Alder harbour wall approved
The Port Alder council voted on Tuesday to build a new harbour wall, after two winter storms flooded the quay.
Councillor Pieter Olm said the harbour wall would cost 14 million crowns and take three years to finish.
Storms and the quay
Fishing crews, who lost nets and two boats in the storms, said the decision came late but was welcome.
Kessel Ford market reopens after the flood"""


def test_cohesion_tells_a_subhead_of_the_article_from_a_teaser_for_another_story():
    lines = split_lines(COHESION_PAGE)
    rows = line_features(lines, (2, 6))
    col = {name: i for i, name in enumerate(FEATURES)}
    by_text = {line.text: rows[pos] for pos, line in enumerate(lines)}
    assert by_text["Storms and the quay"][col["cohesion"]] == 1  # "storms", "quay": both in the prose around it
    assert by_text["Port Alder harbour wall approved"][col["cohesion"]] >= 0.75
    assert by_text["Valden tram fares to rise in May"][col["cohesion"]] == 0
    # only "after" of its six long words occurs in the article: length does not spot every function word
    assert by_text["Kessel Ford market reopens after the flood"][col["cohesion"]] == pytest.approx(1 / 6)
    # a region line's own words do not count: "flooded" and "finish" occur once each in the region
    councillor = by_text[lines[3].text]
    assert 0 < councillor[col["cohesion"]] < 1
    assert by_text["Councillor Pieter Olm said the harbour wall would cost 14 million crowns and take three "
                   "years to finish."][col["cohesion_long"]] == 1  # of its 7+ letter words, only "harbour" is shared
    assert line_features(lines, None)[:, col["cohesion"]].sum() == 0  # no region, nothing to cohere with


def test_skeleton_repeats_and_wrapped_prose():
    lines = split_lines("""Archive
June (119)
May (127)
April (128)
2031
Fishing crews, who lost nets and two boats in January, said the decision
came late but was welcome, and that the council
should have acted years ago.""")
    rows = line_features(lines, None)
    col = {name: i for i, name in enumerate(FEATURES)}
    assert [rows[pos, col["skeleton_repeat"]] for pos in range(1, 4)] == [3, 3, 3]
    assert rows[0, col["skeleton_repeat"]] == 1
    assert rows[5, col["skeleton_repeat"]] == 0  # prose is not a template row
    assert [rows[pos, col["wrapped"]] for pos in range(len(lines))] == [0, 0, 0, 0, 0, 1, 1, 1]
