"""Copy detection in bounded batches gives what one batch gives: fingerprints of hashed n-grams count
what sets of n-gram strings count, signing SIGN_BATCH articles at a time finds the same copies, and
the numpy band postings answer lookups as a dict of sets per key would."""

from pathlib import Path

import numpy as np
import pytest

import newsweave.dedup.copies as copies
from newsweave.dedup.copies import CopyDetector, MemoryKeyIndex
from newsweave.dedup.lsh import BandPostings
from newsweave.dedup.rules import LEAD_SHINGLE, LEAD_WORDS, PREFIX_WORDS, fingerprint, fingerprints, is_copy
from newsweave.model import Article
from newsweave.text import shingles, words

DATA = Path(__file__).parent / "data"  # fictional texts written for these tests: every name is invented
TEXTS = {name: (DATA / f"{name}.txt").read_text(encoding="utf-8").strip()
         for name in ("wire_v1", "wire_v2", "ferry", "festival")}


def variants() -> list[Article]:
    """Each fictional text, a trimmed copy, a copy with typos and a copy under a credit line."""
    out = []
    for name, text in TEXTS.items():
        paragraphs = text.split("\n\n")
        out += [
            Article(name, f"t:{name}", text, published="2024-03-05T08:30"),
            Article(f"{name}-trimmed", "t:x", "\n\n".join(paragraphs[:4]) + "\n\n(Meridian Press)",
                    published="2024-03-05T09:30"),
            Article(f"{name}-typos", "t:y", text.replace("the", "teh", 3), published="2024-03-05T10:30"),
            Article(f"{name}-credited", "t:z", "By Orla Fenn, Meridian Press\n\n" + text,
                    published="2024-03-05T11:30"),
        ]
    return out


def test_hashed_fingerprints_count_what_sets_of_ngram_strings_count() -> None:
    token_lists = [words(a.text) for a in variants()]
    prints = fingerprints(variants(), shingle_size=5, min_words=30)
    for tokens, found in zip(token_lists, prints, strict=True):
        assert found is not None
        assert found.shingles.size == len(shingles(tokens, 5))
        assert found.grams.size == len(shingles(tokens, LEAD_SHINGLE))
        assert found.lead.size == len(shingles(tokens[:LEAD_WORDS], LEAD_SHINGLE))
        assert found.opening.size == len(shingles(tokens[: LEAD_WORDS + PREFIX_WORDS], LEAD_SHINGLE))
    for a, ta, fa in zip(variants(), token_lists, prints, strict=True):  # intersections, pair by pair
        for b, tb, fb in zip(variants(), token_lists, prints, strict=True):
            common = np.intersect1d(fa.shingles, fb.shingles).size
            assert common == len(shingles(ta, 5) & shingles(tb, 5)), (a.id, b.id)
            lead_in_opening = np.intersect1d(fa.lead, fb.opening).size
            opening = shingles(tb[: LEAD_WORDS + PREFIX_WORDS], LEAD_SHINGLE)
            assert lead_in_opening == len(shingles(ta[:LEAD_WORDS], LEAD_SHINGLE) & opening), (a.id, b.id)


def test_a_batch_of_fingerprints_equals_one_at_a_time_and_short_texts_have_none() -> None:
    articles = [*variants(), Article("short", "t:s", "Too short to call a copy of anything.")]
    batch = fingerprints(articles, shingle_size=5, min_words=30)
    assert batch[-1] is None
    for article, found in zip(articles[:-1], batch[:-1], strict=True):
        alone = fingerprint(article, shingle_size=5, min_words=30)
        for field in ("shingles", "lead", "grams", "in_opening"):
            assert np.array_equal(getattr(found, field), getattr(alone, field))
        assert found.published == alone.published is not None
    wire, trimmed, update = batch[0], batch[1], batch[4]
    assert is_copy(wire, trimmed, threshold=0.8) and not is_copy(wire, update, threshold=0.8)


@pytest.mark.parametrize("batch", [1, 3, 7])
def test_signing_in_small_batches_finds_the_copies_of_one_batch(monkeypatch, batch: int) -> None:
    at_once = CopyDetector().find(variants())
    assert len(at_once) >= 8  # most variants are copies of their fictional original
    monkeypatch.setattr(copies, "SIGN_BATCH", batch)
    assert CopyDetector().find(variants()) == at_once


def test_band_postings_answer_as_a_dict_of_sets_per_key() -> None:
    rng = np.random.default_rng(5)
    rows = {f"a{i}": rng.integers(0, 40, size=rng.integers(0, 6)).astype(np.int64) for i in range(60)}
    postings = BandPostings()
    reference: dict[int, set[str]] = {}
    for n, (aid, row) in enumerate(rows.items()):
        postings.add(aid, row)
        for key in row.tolist():
            reference.setdefault(key, set()).add(aid)
        if n % 7 == 0:  # lookups between additions see everything added so far
            query = rng.integers(0, 45, size=(5, 3)).astype(np.int64)
            expected = [set().union(*(reference.get(k, set()) for k in q.tolist())) for q in query]
            assert postings.candidates(query) == expected
    postings.add("a0", rows["a0"])  # added twice: indexed once
    assert postings.ids == list(rows) and len(postings) == len(rows)
    assert postings.sizes() == [row.size for row in rows.values()]
    assert set(postings.pairs()) == {(k, aid) for aid, row in rows.items() for k in row.tolist()}


def test_the_memory_index_proposes_what_it_was_given() -> None:
    index = MemoryKeyIndex()
    index.add({"x": np.array([1, 2], dtype=np.int64), "y": np.array([2, 3], dtype=np.int64),
               "z": np.empty(0, dtype=np.int64)})
    assert index.indexed_count() == 3 and index.unindexed(["x", "z", "w"]) == ["w"]
    assert index.candidates(np.array([[2, 9], [3, 4], [7, 8]], dtype=np.int64)) == [{"x", "y"}, {"y"}, set()]


def test_fingerprints_made_while_signing_equal_those_made_alone() -> None:
    """New articles are fingerprinted from their signatures' shingle hashes, articles of earlier runs
    by `fingerprints`: verification compares the two, so they must hash alike."""
    articles = variants() + [Article("short", "t:s", "Too short to compare.")]
    made_while_signing: dict = {}
    CopyDetector().keys(articles, prints=made_while_signing)
    alone = fingerprints(articles, shingle_size=5, min_words=30)
    assert made_while_signing["short"] is None and alone[-1] is None
    for article, print_alone in zip(articles[:-1], alone, strict=False):
        signed = made_while_signing[article.id]
        for name in ("shingles", "lead", "grams", "in_opening"):
            assert np.array_equal(getattr(signed, name), getattr(print_alone, name)), (article.id, name)
        assert signed.published == print_alone.published
