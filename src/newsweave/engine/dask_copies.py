"""Copy detection spread over Dask workers: band keys per shard, buckets by a shuffle, rules of dedup.

Workers sign the articles of their own shard (CopyDetector.keys). Every band key is routed to a
bucket (key modulo the bucket count) and a dask.bag groupby shuffles each bucket's keys from all
shards to one task, which lists the article pairs sharing a key (dedup.lsh.colliding_pairs over one
column). Proposed pairs are verified on workers with the same rules as dedup (rules.fingerprints, made
once per shard on its worker for the articles pairs name, and rules.is_copy); the client joins verified
pairs into copy groups by connected components and names each group's original with
rules.choose_original, as CopyDetector.update does.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np

from newsweave.dedup.copies import CopyDetector, KeyIndex, group_copies, index_known
from newsweave.dedup.lsh import colliding_pairs
from newsweave.dedup.rules import Fingerprint, fingerprints, is_copy
from newsweave.model import Article

# Pairs verified per task: enough that a task's scheduling costs less than its checks.
PAIRS_PER_TASK = 2_000
# A shard's rows are numbered shard << ROW_BITS | position, so rows stay one int64 column.
ROW_BITS = 32


@dataclass(slots=True)
class ShardKeys:
    """Band keys of one shard's new articles, in the shard's order (an empty row: too short to compare)."""

    ids: list[str]
    keys: list[np.ndarray]


def shard_keys(articles: Sequence[Article], threshold: float) -> ShardKeys:
    """Sign one shard on its worker (tasks get the threshold, not a detector: its hasher keeps caches)."""
    found = CopyDetector(threshold=threshold).keys(list(articles))
    return ShardKeys(ids=[a.id for a in articles], keys=[found[a.id] for a in articles])


def bucket_parts(keys: ShardKeys, shard: int, buckets: int) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """One (bucket, keys, rows) part per bucket: what this shard sends to each bucket's task."""
    rows = [np.full(row.size, (shard << ROW_BITS) | i, dtype=np.int64) for i, row in enumerate(keys.keys)]
    flat_keys = np.concatenate([*keys.keys, np.empty(0, dtype=np.int64)])
    flat_rows = np.concatenate([*rows, np.empty(0, dtype=np.int64)])
    target = flat_keys % buckets  # numpy's modulo of a negative key is still in [0, buckets)
    return [(b, flat_keys[target == b], flat_rows[target == b]) for b in range(buckets)]


def bucket_pairs(group: tuple[int, list[tuple[int, np.ndarray, np.ndarray]]]) -> np.ndarray:
    """Row pairs (low, high) that share a band key within one bucket, each once."""
    _, parts = group
    keys = np.concatenate([p[1] for p in parts])
    rows = np.concatenate([p[2] for p in parts])
    pairs = rows[colliding_pairs(keys.reshape(-1, 1))]
    low, high = pairs.min(axis=1), pairs.max(axis=1)
    found = np.unique(np.stack((low, high), axis=1)[low != high], axis=0)
    return found.reshape(-1, 2)


def proposed_pairs(client, key_futures: list, *, buckets: int) -> np.ndarray:
    """Every row pair sharing a band key, by a shuffle of each shard's keys to their buckets."""
    import dask
    import dask.bag as db

    parts = db.from_delayed([dask.delayed(bucket_parts)(f, i, buckets) for i, f in enumerate(key_futures)])
    grouped = parts.groupby(itemgetter(0), npartitions=buckets, shuffle="tasks")
    found = [p for p in client.compute(grouped.map(bucket_pairs), sync=True) if p.size]
    return np.unique(np.concatenate(found), axis=0) if found else np.empty((0, 2), dtype=np.int64)


def shard_prints(articles: Sequence[Article], threshold: float,
                 named: set[str] | None = None) -> dict[str, Fingerprint | None]:
    """Fingerprints of one shard's articles that proposed pairs name (all, without `named`), made once on
    its worker for every pair that names them."""
    detector = CopyDetector(threshold=threshold)
    chosen = [a for a in articles if named is None or a.id in named]
    found = fingerprints(chosen, shingle_size=detector.shingle_size, min_words=detector.min_words)
    return {a.id: found_print for a, found_print in zip(chosen, found, strict=True)}


def verify_pairs(pairs: list[tuple[str, str]], known: dict[str, Article], threshold: float, *prints) -> list:
    """The pairs that dedup's rules call copies, the fingerprints taken from the shards' `prints` held on
    this worker (`known` articles, read by earlier runs, are shipped and fingerprinted here)."""
    lookup = ChainMap(shard_prints(list(known.values()), threshold), *prints)
    return [
        (a, b)
        for a, b in pairs
        if (fa := lookup[a]) and (fb := lookup[b]) and is_copy(fa, fb, threshold=threshold)
    ]


def verified_pairs(
    client, pairs: list[tuple[str, str]], *, prints: list, shard_of: dict[str, int], known: dict[str, Article],
    threshold: float,
) -> list:
    """Verify proposed pairs on workers, each task given the fingerprints (futures, one per shard) of its
    articles.

    Texts and fingerprints stay on the workers: shipping each task's articles from the client made the
    scheduler (in the client's process on a LocalCluster) hold the pickled texts of every task at once
    (11 GB at 200,000 articles), and fingerprinting them per task made each again for every task that
    named it. Pairs are sorted by the shards of their two articles, so a task needs few shards.
    """
    def shards_of(pair: tuple[str, str]) -> tuple[int, int]:
        a, b = (shard_of.get(aid, -1) for aid in pair)
        return min(a, b), max(a, b)

    pairs = sorted(pairs, key=lambda pair: (shards_of(pair), pair))
    futures = []
    for start in range(0, len(pairs), PAIRS_PER_TASK):
        batch = pairs[start : start + PAIRS_PER_TASK]
        named = {aid for pair in batch for aid in pair}
        held = sorted({shard_of[aid] for aid in named if aid in shard_of})
        shipped = {aid: known[aid] for aid in named if aid not in shard_of}
        futures.append(client.submit(verify_pairs, batch, shipped, threshold, *(prints[k] for k in held), pure=False))
    return sorted(pair for batch in client.gather(futures) for pair in batch)


def link_copies_on(
    client,
    existing: list[Article],
    new: list[Article],
    *,
    shards: list,
    shard_ids: list[list[str]],
    detector: CopyDetector,
    index: KeyIndex,
    buckets: int,
) -> None:
    """engine.local's link_copies with signing, bucketing and verification on the workers.

    `shards` are futures of each shard's articles on the workers, `shard_ids` their ids in order;
    only articles of `new` count (the rest were read before or rejected as repeated content).
    """
    known = {a.id: a for a in existing}
    index_known(known, detector=detector, index=index)
    key_futures = [client.submit(shard_keys, shard, detector.threshold, pure=False) for shard in shards]
    rows = proposed_pairs(client, key_futures, buckets=buckets)
    new_ids = {a.id for a in new}
    names = [shard_ids[r >> ROW_BITS][r & ((1 << ROW_BITS) - 1)] for r in rows.ravel().tolist()]
    pairs = zip(names[::2], names[1::2], strict=True)
    proposed = {(a, b) for a, b in pairs if a != b and a in new_ids and b in new_ids}
    keys = {}
    for part in client.gather(key_futures):
        keys.update((aid, row) for aid, row in zip(part.ids, part.keys, strict=True) if aid in new_ids)
    signed = [a.id for a in new if keys[a.id].size]
    if known and signed:  # pairs with articles read by earlier runs come from the store's index
        matrix = np.stack([keys[aid] for aid in signed])
        for aid, olds in zip(signed, index.candidates(matrix), strict=True):
            proposed.update((old, aid) for old in olds if old in known and old != aid)
    shard_of = {aid: k for k, ids in enumerate(shard_ids) for aid in ids if aid in new_ids}
    named: list[set[str]] = [set() for _ in shards]
    for aid in (aid for pair in proposed for aid in pair if aid in shard_of):
        named[shard_of[aid]].add(aid)
    prints = [client.submit(shard_prints, shard, detector.threshold, names, pure=False)
              for shard, names in zip(shards, named, strict=True)]
    verified = verified_pairs(client, list(proposed), prints=prints, shard_of=shard_of, known=known,
                              threshold=detector.threshold)
    del prints  # the workers may let the fingerprints go
    by_id = {**known, **{a.id: a for a in new}}
    for aid, original in group_copies(verified, new, known).items():
        by_id[aid].copy_of = original
    index.add({a.id: keys[a.id] for a in new})
