"""Band keys and colliding pairs of the LSH index."""

import numpy as np
import pytest

from newsweave.dedup.lsh import band_keys, colliding_pairs, collision_probability


def test_equal_bands_give_equal_keys_and_equal_values_in_other_bands_do_not() -> None:
    sig = np.array([[1, 2, 3, 4], [1, 2, 9, 9], [3, 4, 1, 2]], dtype=np.uint32)

    keys = band_keys(sig, bands=2)

    assert keys.dtype == np.int64 and keys.shape == (3, 2)
    assert keys[0, 0] == keys[1, 0]
    assert keys[0, 1] != keys[1, 1]
    assert set(keys[2].tolist()).isdisjoint(keys[0].tolist())  # same values, other bands


def test_colliding_pairs_lists_each_pair_sharing_a_band_once() -> None:
    keys = np.array([[1, 10], [2, 20], [1, 10], [3, 20], [4, 40], [1, 50]], dtype=np.int64)

    pairs = colliding_pairs(keys)

    assert sorted(map(tuple, pairs.tolist())) == [(0, 2), (0, 5), (1, 3), (2, 5)]
    assert colliding_pairs(keys[:1]).shape == (0, 2)
    assert colliding_pairs(np.array([[1], [2]], dtype=np.int64)).shape == (0, 2)


def test_collision_probability_is_the_banding_s_curve() -> None:
    assert collision_probability(0.3, bands=64, rows=2) == pytest.approx(0.998, abs=1e-3)
    assert collision_probability(0.0, bands=64, rows=2) == 0.0


def test_bands_must_divide_the_signature() -> None:
    with pytest.raises(ValueError, match=r"bands must be an int >= 1 dividing num_perm \(128\); got 51"):
        band_keys(np.zeros((2, 128), dtype=np.uint32), bands=51)
