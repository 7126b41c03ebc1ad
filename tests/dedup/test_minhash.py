"""MinHasher: signatures whose agreement estimates the Jaccard similarity of word shingles."""

from pathlib import Path

import numpy as np
import pytest

from newsweave.dedup.minhash import MinHasher
from newsweave.text import shingles, words

DATA = Path(__file__).parent / "data"  # fictional texts written for these tests: every name is invented
V1 = words((DATA / "wire_v1.txt").read_text(encoding="utf-8"))
V2 = words((DATA / "wire_v2.txt").read_text(encoding="utf-8"))
FERRY = words((DATA / "ferry.txt").read_text(encoding="utf-8"))


def jaccard(a: list[str], b: list[str], size: int = 5) -> float:
    sa, sb = shingles(a, size), shingles(b, size)
    return len(sa & sb) / len(sa | sb)


def agreement(signatures: np.ndarray, i: int, j: int) -> float:
    return float((signatures[i] == signatures[j]).mean())


def test_signature_agreement_estimates_shingle_jaccard_on_real_edits() -> None:
    trimmed = V1[: len(V1) // 2]
    typos = [w if i % 40 else w + "x" for i, w in enumerate(V1)]
    pairs = [(V1, V1), (V1, trimmed), (V1, typos), (V1, V2), (V1, FERRY)]
    hasher = MinHasher()
    for a, b in pairs:
        sig = hasher.signatures([a, b])
        # Three standard errors of a 128-value estimate: sqrt(J (1 - J) / 128) <= .044.
        assert abs(agreement(sig, 0, 1) - jaccard(a, b)) <= 0.13, (len(a), len(b))
    assert agreement(hasher.signatures([V1, V1]), 0, 1) == 1.0
    assert agreement(hasher.signatures([V1, FERRY]), 0, 1) < 0.05


def test_a_signature_does_not_depend_on_its_batch_or_instance() -> None:
    alone = MinHasher().signatures([V2])
    in_batch = MinHasher().signatures([FERRY, [], V1, V2], batch=3)

    np.testing.assert_array_equal(alone[0], in_batch[3])


def test_the_seed_changes_every_signature() -> None:
    assert (MinHasher(seed=1).signatures([V1]) != MinHasher(seed=2).signatures([V1])).mean() > 0.9


def test_short_and_empty_token_lists() -> None:
    hasher = MinHasher(shingle_size=5)
    hashes, doc = hasher.shingle_hashes([["port", "alder"], [], V1[:7], ["port", "alder"]])

    # A list shorter than a shingle is one shingle; 7 tokens give 3 five-word shingles.
    assert doc.tolist() == [0, 2, 2, 2, 3]
    assert hashes[0] == hashes[4]
    sig = hasher.signatures([[], ["port"]])
    assert (sig[0] == 0xFFFFFFFF).all()
    assert len(set(sig[1].tolist())) == 1  # one shingle: every bin holds its value


def test_shingles_are_word_ngrams_not_substrings_across_token_boundaries() -> None:
    hasher = MinHasher(shingle_size=2)
    a, _ = hasher.shingle_hashes([["ab", "c"]])
    b, _ = hasher.shingle_hashes([["a", "bc"]])

    assert a.tolist() != b.tolist()


@pytest.mark.parametrize(("setting", "value"), [("num_perm", 8), ("num_perm", 2048), ("shingle_size", 0), ("seed", -1)])
def test_invalid_settings_name_the_parameter(setting: str, value: int) -> None:
    with pytest.raises(ValueError, match=rf"{setting} must be .*; got {value!r}"):
        MinHasher(**{setting: value})
