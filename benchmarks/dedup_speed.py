"""Copy-detection speed: newsweave's numpy MinHash + LSH against rensa and datasketch, side by side.

Every implementation gets the same synthetic articles as token lists and does the same job: MinHash
signatures (128 values) of the 5-word shingles of each article, then LSH with 64 bands of 2 rows, and
the candidate pairs that share a band. A tenth of the articles are planted near-copies (tail trimmed,
typos, a credit line) of an earlier one, so precision and recall of the candidate pairs can be
compared too. rensa and datasketch take shingles as strings, so building those is part of their
time (its share is printed separately); rensa on single words is run too, as a reference for the
figure in the issue, though it is a different and easier job (sets of words, not of shingles).
On word sets nearly every pair of articles collides, too many to list, so the candidate precision
and recall of the single-word runs (rensa and newsweave, same bands) are estimated from the
candidates of a random sample of query articles, beside the same estimate for the shingle runs.

    python benchmarks/dedup_speed.py [--docs 100000] [--words 400] [--memory-docs 1000000]

`--memory-docs` runs newsweave alone in a subprocess on that many articles, generated in chunks,
and reports its peak RSS with signatures and band keys of all of them held in memory.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import numpy as np

NUM_PERM, SHINGLE, BANDS = 128, 5, 64
ROWS = NUM_PERM // BANDS
THRESHOLD = (1 / BANDS) ** (1 / ROWS)  # the Jaccard at which the banding's S-curve is steepest
COPY_SHARE = 0.1
VOCABULARY = 30_000


def vocabulary(rng: np.random.Generator) -> np.ndarray:
    """Invented words, 2-10 letters: fiction, not any language's lexicon."""
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    lengths = rng.integers(2, 11, size=VOCABULARY)
    return np.array(["".join(rng.choice(letters, size=n)) for n in lengths])


def corpus(n: int, words: int, seed: int = 7) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """Synthetic articles as token lists, and the planted (original, copy) pairs among them."""
    rng = np.random.default_rng(seed)
    vocab = vocabulary(rng)
    # Zipf-like word frequencies, as in text: a few words are very common.
    weights = 1.0 / np.arange(1, VOCABULARY + 1) ** 1.05
    weights /= weights.sum()
    lengths = rng.integers(int(words * 0.7), int(words * 1.3) + 1, size=n)
    ids = rng.choice(VOCABULARY, size=int(lengths.sum()), p=weights)
    docs, pos = [], 0
    for length in lengths.tolist():
        docs.append(vocab[ids[pos : pos + length]].tolist())
        pos += length
    pairs = []
    copies = rng.choice(np.arange(n // 10, n), size=int(n * COPY_SHARE), replace=False)
    for c in copies.tolist():
        o = int(rng.integers(0, n // 10))  # originals are among the first tenth; copies never copy copies
        source = docs[o]
        kept = source[: max(SHINGLE, int(len(source) * rng.uniform(0.6, 1.0)))]  # tail trimmed
        edited = [w + "x" if rng.random() < 0.02 else w for w in kept]  # about one typo in 50 words
        docs[c] = ["by", "meridian", "press", *edited]  # a credit line
        pairs.append((o, c))
    return docs, pairs


def true_pairs(planted: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Every pair within a group of one original and its copies."""
    groups: dict[int, list[int]] = {}
    for o, c in planted:
        groups.setdefault(o, [o]).append(c)
    return {(min(a, b), max(a, b)) for g in groups.values() for i, a in enumerate(g) for b in g[i + 1 :]}


def shingle_strings(docs: list[list[str]]) -> list[list[str]]:
    return [[" ".join(d[i : i + SHINGLE]) for i in range(len(d) - SHINGLE + 1)] for d in docs]


def run_newsweave(docs: list[list[str]]) -> set[tuple[int, int]]:
    from newsweave.dedup.lsh import band_keys, colliding_pairs
    from newsweave.dedup.minhash import MinHasher

    keys = band_keys(MinHasher(num_perm=NUM_PERM, shingle_size=SHINGLE).signatures(docs), bands=BANDS)
    return set(map(tuple, colliding_pairs(keys).tolist()))


def sign_hybrid(docs: list[list[str]]) -> None:
    """Signatures only: newsweave's numpy shingle hashes, signed by rensa's flat-buffer API."""
    import rensa

    from newsweave.dedup.minhash import MinHasher

    hasher = MinHasher(num_perm=NUM_PERM, shingle_size=SHINGLE)
    for start in range(0, len(docs), 256):
        batch = docs[start : start + 256]
        hashes, doc = hasher.shingle_hashes(batch)
        offsets = np.concatenate(([0], np.cumsum(np.bincount(doc, minlength=len(batch))))).astype(np.uint64)
        rensa.RMinHash.digest_matrix_from_flat_token_hashes(hashes, offsets, NUM_PERM, 1)


def sign_newsweave(docs: list[list[str]]) -> None:
    """Signatures only, for comparison with sign_hybrid."""
    from newsweave.dedup.minhash import MinHasher

    MinHasher(num_perm=NUM_PERM, shingle_size=SHINGLE).signatures(docs)


def _rensa_pairs(lsh, minhashes) -> set[tuple[int, int]]:
    found = set()
    for i, candidates in enumerate(lsh.query_all(minhashes)):
        found.update((min(i, j), max(i, j)) for j in candidates if j != i)
    return found


def run_rensa(docs: list[list[str]]) -> set[tuple[int, int]]:
    import rensa

    minhashes = rensa.RMinHash.from_token_sets(shingle_strings(docs), num_perm=NUM_PERM, seed=1)
    lsh = rensa.RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=BANDS)
    lsh.insert_many(minhashes, 0)
    return _rensa_pairs(lsh, minhashes)


def newsweave_words(docs: list[list[str]]) -> None:
    """newsweave on the same single-word sets as rensa_words: signatures and band keys (its insert)."""
    from newsweave.dedup.lsh import band_keys
    from newsweave.dedup.minhash import MinHasher

    band_keys(MinHasher(num_perm=NUM_PERM, shingle_size=1).signatures(docs), bands=BANDS)


def rensa_words(docs: list[list[str]]) -> None:
    """The issue's reference: rensa signatures of single-word sets, inserted in its LSH (not queried:
    common words make most pairs of synthetic articles candidates, which is not the copy job)."""
    import rensa

    minhashes = rensa.RMinHash.from_token_sets(docs, num_perm=NUM_PERM, seed=1)
    lsh = rensa.RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=BANDS)
    lsh.insert_many(minhashes, 0)


def sampled_candidates(
    docs: list[list[str]], truth: set[tuple[int, int]], *, queries: int, seed: int = 11
) -> list[dict]:
    """Candidate precision/recall of the single-word runs (and of 5-word shingles, as a check of the
    estimate), from the candidates of `queries` random query articles.

    Listing every candidate pair is not possible on word sets: there, most pairs of articles share
    a band. For each query article, its candidates are every other article the index returns;
    precision is the share of those that are true copy partners, recall the share of the query
    articles' true partners returned. rensa is asked through its own `RMinHashLSH.query`.
    """
    import rensa

    from newsweave.dedup.lsh import band_keys
    from newsweave.dedup.minhash import MinHasher

    rng = np.random.default_rng(seed)
    sample = rng.choice(len(docs), size=min(queries, len(docs)), replace=False).tolist()
    partners: dict[int, set[int]] = {}
    for a, b in truth:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)

    def score(name: str, candidates_of: Callable[[int], set[int]]) -> dict:
        found = hit = wanted = 0
        for i in sample:
            candidates = candidates_of(i) - {i}
            found += len(candidates)
            hit += len(candidates & partners.get(i, set()))
            wanted += len(partners.get(i, ()))
        return {"method": name, "precision": hit / found if found else float("nan"),
                "recall": hit / wanted if wanted else float("nan"), "per_query": found / len(sample),
                "share_of_articles": found / len(sample) / (len(docs) - 1)}

    rows = []
    for size, label in ((1, "single words"), (SHINGLE, f"{SHINGLE}-word shingles")):
        keys = band_keys(MinHasher(num_perm=NUM_PERM, shingle_size=size).signatures(docs), bands=BANDS)
        rows.append(score(f"newsweave, {label}", lambda i, k=keys: _sharing_a_band(k, i)))
    minhashes = rensa.RMinHash.from_token_sets(docs, num_perm=NUM_PERM, seed=1)
    lsh = rensa.RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=BANDS)
    lsh.insert_many(minhashes, 0)
    rows.append(score("rensa 0.5, single words", lambda i: set(lsh.query(minhashes[i]))))
    return rows


def _sharing_a_band(keys: np.ndarray, row: int) -> set[int]:
    return set(np.flatnonzero((keys == keys[row]).any(axis=1)).tolist())


def run_datasketch(docs: list[list[str]]) -> set[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH

    sets = ([s.encode("utf-8") for s in shingles] for shingles in shingle_strings(docs))
    minhashes = MinHash.bulk(sets, num_perm=NUM_PERM, seed=1)
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    with lsh.insertion_session() as session:
        for i, m in enumerate(minhashes):
            session.insert(i, m, check_duplication=False)
    found = set()
    for i, m in enumerate(minhashes):
        found.update((min(i, j), max(i, j)) for j in lsh.query(m) if j != i)
    return found


def measure(name: str, run: Callable[[], set[tuple[int, int]]], truth: set, n: int, repeat: int) -> dict:
    """Median time of `repeat` runs: the machine is shared, so single runs vary by up to 2x."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        found = run()
        times.append(time.perf_counter() - start)
    seconds = float(np.median(times))
    hit = len(found & truth)
    return {
        "method": name,
        "seconds": seconds,
        "docs_per_s": n / seconds,
        "precision": hit / len(found) if found else float("nan"),
        "recall": hit / len(truth),
        "pairs": len(found),
    }


def incremental(docs: list[list[str]], new: int = 200) -> dict:
    """Time to check one new article against the store's persisted index of all the others."""
    import tempfile
    from pathlib import Path

    from newsweave.dedup.copies import CopyDetector
    from newsweave.dedup.lsh import band_keys
    from newsweave.dedup.minhash import MinHasher
    from newsweave.store import Store
    from newsweave.store.lsh import LSHTable

    hasher = MinHasher(num_perm=NUM_PERM, shingle_size=SHINGLE)
    old, fresh = docs[:-new], docs[-new:]
    keys = band_keys(hasher.signatures(old), bands=BANDS)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "index.db") as store:
        table = LSHTable(store.conn, settings=CopyDetector().index_settings)
        table.add({f"a{i}": row for i, row in enumerate(keys)})
        start = time.perf_counter()
        with store.transaction():
            table.write()
        write_s = time.perf_counter() - start
        ids = [f"a{i}" for i in range(len(old))]
        start = time.perf_counter()
        LSHTable(store.conn, settings=CopyDetector().index_settings).unindexed(ids)
        listing_s = time.perf_counter() - start
        start = time.perf_counter()
        LSHTable(store.conn, settings=CopyDetector().index_settings).indexed_count()
        count_s = time.perf_counter() - start
        times, found = [], 0
        for doc in fresh:
            start = time.perf_counter()
            row = band_keys(hasher.signatures([doc]), bands=BANDS)
            found += len(table.candidates(row)[0])
            times.append(time.perf_counter() - start)
    return {"indexed": len(old), "write_s": write_s, "listing_ms": 1000 * listing_s, "count_ms": 1000 * count_s,
            "median_ms": 1000 * float(np.median(times)),
            "p95_ms": 1000 * float(np.percentile(times, 95)), "candidates": found}


def memory_child(n: int, words: int) -> None:
    """Sign and index n articles generated in chunks; print peak RSS as JSON."""
    from newsweave.dedup.lsh import band_keys, colliding_pairs
    from newsweave.dedup.minhash import MinHasher

    hasher = MinHasher(num_perm=NUM_PERM, shingle_size=SHINGLE)
    signatures = np.empty((n, NUM_PERM), dtype=np.uint32)
    chunk = 10_000
    start = time.perf_counter()
    signing = 0.0
    for i, (docs, _) in enumerate(_chunks(n, words, chunk)):
        t = time.perf_counter()
        signatures[i * chunk : i * chunk + len(docs)] = hasher.signatures(docs)
        signing += time.perf_counter() - t
    t = time.perf_counter()
    keys = band_keys(signatures, bands=BANDS)
    pairs = colliding_pairs(keys)
    indexing = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"docs": n, "peak_rss_bytes": peak, "sign_s": signing, "index_s": indexing,
                      "total_s": time.perf_counter() - start, "pairs": int(len(pairs))}))


def _chunks(n: int, words: int, size: int) -> Iterator[tuple[list[list[str]], list]]:
    for start in range(0, n, size):
        yield corpus(min(size, n - start), words, seed=start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--memory-docs", type=int, default=1_000_000, help="0 skips the memory run")
    parser.add_argument("--skip-datasketch", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each method but datasketch (median)")
    parser.add_argument("--queries", type=int, default=1000, help="query articles sampled for word-set candidates")
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_docs, args.words)
        return
    docs, planted = corpus(args.docs, args.words)
    truth = true_pairs(planted)
    tokens = sum(map(len, docs)) / len(docs)
    print(f"{len(docs):,} synthetic articles, {tokens:.0f} tokens each on average, {len(truth):,} true copy pairs")
    print(f"MinHash {NUM_PERM} values over {SHINGLE}-word shingles, LSH {BANDS} bands x {ROWS} rows; one core;"
          f" load average {os.getloadavg()[0]:.1f}; median of {args.repeat} runs (datasketch: one)")
    start = time.perf_counter()
    shingle_strings(docs)
    shingling = time.perf_counter() - start
    print(f"building shingle strings in Python (part of rensa's and datasketch's time): {shingling:.1f} s")
    # Warm-up: imports (newsweave's pulls in scikit-learn) and first calls are not timed.
    for warm in (run_newsweave, run_rensa, run_datasketch, sign_hybrid, rensa_words, newsweave_words):
        warm(docs[:300])
    gc.collect()
    gc.freeze()  # the corpus's millions of strings are not traversed by each timed run's collections
    runs = [
        ("newsweave (numpy)", lambda: run_newsweave(docs)),
        ("rensa 0.5 (RMinHash, shingle strings)", lambda: run_rensa(docs)),
    ]
    if not args.skip_datasketch:
        runs.append(("datasketch (MinHash.bulk, shingle strings)", lambda: run_datasketch(docs)))
    rows = [measure(name, run, truth, len(docs), 1 if "datasketch" in name else args.repeat) for name, run in runs]
    signing = {}
    sign_jobs = (("numpy", sign_newsweave), ("hybrid", sign_hybrid), ("words", rensa_words),
                 ("numpy words", newsweave_words))
    for name, sign in sign_jobs:
        start = time.perf_counter()
        sign(docs)
        signing[name] = len(docs) / (time.perf_counter() - start)
    base = {r["method"]: r["docs_per_s"] for r in rows}
    print("\n| method | docs/s | x datasketch | x rensa (shingles) | precision | recall | candidate pairs |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        ds = base.get("datasketch (MinHash.bulk, shingle strings)")
        ratio = f"{r['docs_per_s'] / ds:.1f}" if ds else "-"
        vs_rensa = r["docs_per_s"] / base["rensa 0.5 (RMinHash, shingle strings)"]
        print(f"| {r['method']} | {r['docs_per_s']:,.0f} | {ratio} | {vs_rensa:.2f} | {r['precision']:.4f} "
              f"| {r['recall']:.4f} | {r['pairs']:,} |")
    print(f"\nsignatures only: newsweave numpy {signing['numpy']:,.0f} docs/s; newsweave shingle hashes signed by"
          f" rensa's digest_matrix_from_flat_token_hashes {signing['hybrid']:,.0f} docs/s;"
          f" rensa on single words (signatures + insert, the issue's reference) {signing['words']:,.0f} docs/s;"
          f" newsweave on the same single words (signatures + band keys) {signing['numpy words']:,.0f} docs/s")
    print(f"\ncandidate precision/recall by sampled queries ({args.queries} random articles, their candidates"
          " against all articles; same bands as above):\n")
    print("| features | precision | recall | candidates per query | share of all articles |")
    print("|---|---|---|---|---|")
    for r in sampled_candidates(docs, truth, queries=args.queries):
        print(f"| {r['method']} | {r['precision']:.6f} | {r['recall']:.4f} | {r['per_query']:,.1f} "
              f"| {r['share_of_articles']:.3f} |")
    inc = incremental(docs)
    print(f"\nincremental: {inc['indexed']:,} articles' band keys written to SQLite in {inc['write_s']:.0f} s; a new"
          f" article signed and looked up against them in {inc['median_ms']:.1f} ms median, {inc['p95_ms']:.1f} ms"
          f" p95 ({inc['candidates']} candidates for 200 new articles); a run's check that every known article is"
          f" indexed: {inc['count_ms']:.2f} ms reading the kept count (listing all ids, as before:"
          f" {inc['listing_ms']:.0f} ms)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    if args.memory_docs:
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", "--memory-docs", str(args.memory_docs),
             "--words", str(args.words)],
            check=True, capture_output=True, text=True,
        )
        mem = json.loads(out.stdout.strip().splitlines()[-1])
        gib = mem["peak_rss_bytes"] / 2**30
        print(f"\nnewsweave on {mem['docs']:,} articles in a subprocess: peak RSS {gib:.2f} GiB "
              f"(signatures + band keys + colliding pairs of all of them), signing {mem['sign_s']:.0f} s "
              f"({mem['docs'] / mem['sign_s']:,.0f} docs/s), index {mem['index_s']:.0f} s, {mem['pairs']:,} pairs")


if __name__ == "__main__":
    main()
