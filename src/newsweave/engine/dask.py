"""The Dask engine: the local engine's pipeline with its heavy stages on the workers of a Dask cluster.

`run_pipeline` is the local engine's, given this engine's reader and stages, so the store, the one
transaction per run and the result are the same code. Spread out here:

- read: inputs are listed in the order ingest reads them and cut into shards of about equal bytes;
  each worker ingests and extracts its shards (engine.local.read_articles), and the client admits
  articles in input order, rejecting content already read in an earlier shard as the local engine
  does within one;
- link: band keys per shard, buckets by a shuffle, verification and copy groups (engine.dask_copies);
- cluster: time blocks in parallel with the state carried across their edges (engine.dask_blocks);
- build: digests, one task per batch of stories.

Without a scheduler address it starts a LocalCluster of worker processes; the workers of an existing
cluster need newsweave installed, in the same version, like any Dask task code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from newsweave.cluster.stories import StoryClusterer
from newsweave.dedup.copies import CopyDetector, KeyIndex
from newsweave.engine.dask_blocks import (
    BlockResult,
    block_frequencies,
    cluster_block,
    plan_blocks,
    prefix_frequencies,
    tail_clusterer,
)
from newsweave.engine.dask_copies import link_copies_on
from newsweave.engine.local import build_story, read_articles, run_pipeline
from newsweave.engine.reading import strip_templates
from newsweave.ingest.fetch import Fetcher, is_url
from newsweave.model import Article, Rejected, Result, Story
from newsweave.settings import ConfigError, Settings
from newsweave.store import Store

# Shards per worker: enough that a slow shard does not leave the other workers idle at the end.
SHARDS_PER_WORKER = 4
# Shards are cut at about this many input bytes, so a large run does not hold a shard's pages at once.
SHARD_BYTES = 32_000_000
# A time block smaller than this is joined to the next: a task costs a copy of the clusterer's seed.
# `min_block` overrides it (the tests cut at every safe edge with 1).
MIN_BLOCK = 500


@contextmanager
def dask_client(scheduler: str | None = None, *, workers: int = 2) -> Iterator:
    """A client of the cluster at `scheduler`, or of a LocalCluster of `workers` processes started here."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError("the dask engine needs the dask extra: pip install 'newsweave[dask]'") from exc
    if scheduler:
        try:
            client = Client(scheduler)
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler!r}: {exc}") from exc
        with client:
            yield client
        return
    if not isinstance(workers, int) or workers < 1:
        raise ConfigError(f"workers must be an int >= 1; got {workers!r}")
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run_dask(
    inputs: Sequence[str],
    *,
    store: Store,
    settings: Settings | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    progress: Callable[[str], None] | None = None,
    min_block: int | None = None,
) -> Result:
    """The whole pipeline on a Dask cluster: the local engine's result, written to `store` by this process."""
    with dask_client(scheduler, workers=workers) as client:
        stages = DaskStages(client, min_block=min_block)
        return run_pipeline(inputs, store=store, settings=settings, progress=progress, reader=stages.read,
                            stages=stages)


@dataclass(slots=True)
class ShardRead:
    """One shard as read on its worker: new articles, every article id with its first source, rejected."""

    articles: list[Article]
    seen: dict[str, str]
    rejected: list[Rejected]


def read_shard(files: list[str], settings: Settings, known: set[str], *, fetcher: Fetcher | None = None) -> ShardRead:
    seen: dict[str, str] = {}
    articles, _, rejected = read_articles(files, settings=settings, known=known, seen=seen, fetcher=fetcher)
    return ShardRead(articles=articles, seen=seen, rejected=rejected)


def articles_of(shard: ShardRead) -> list[Article]:
    return shard.articles


def with_texts(articles: list[Article], texts: dict[str, tuple[str, list[str]]]) -> list[Article]:
    """A shard's articles with the (text, removed lines) that templates left them."""
    for article in articles:
        if article.id in texts:
            article.text, article.boilerplate = texts[article.id]
    return articles


class DaskStages:
    """engine.local.LocalStages' stages, and the reader, run on the workers of `client`."""

    # Stories per `build` call (engine.local.weave writes each batch before asking for the next): more
    # than the local engine's, since each call waits for its slowest task before the next is sent.
    build_batch = 2048

    def __init__(self, client, *, min_block: int | None = None) -> None:
        if min_block is not None and (not isinstance(min_block, int) or min_block < 1):
            raise ConfigError(f"min_block must be None or an int >= 1; got {min_block!r}")
        self.client = client
        self.min_block = min_block
        self.workers = max(1, len(client.scheduler_info().get("workers", {})))
        self._shards: list = []  # futures of each shard's articles, kept on the workers for signing
        self._shard_ids: list[list[str]] = []

    def read(
        self,
        inputs: Sequence[str],
        *,
        settings: Settings,
        known: set[str] = frozenset(),  # type: ignore[assignment]
        progress: Callable[[str], None] | None = None,
        fetcher: Fetcher | None = None,
    ) -> tuple[list[Article], list[str], list[Rejected]]:
        """engine.local.read_articles with each shard of files read on a worker. URLs are fetched here,
        with `fetcher`: its HTTP validators and per-host rate limit belong to this process and its store."""
        from distributed import as_completed

        shards = [shard for run in url_and_file_runs(input_files(inputs))
                  for shard in ([run] if is_url(run[0]) else split_shards(run, parts=self.workers * SHARDS_PER_WORKER))]
        (known_future,) = self.client.scatter([set(known)], broadcast=True)  # one object, not its items
        on_workers = {k: self.client.submit(read_shard, s, settings, known_future, pure=False)
                      for k, s in enumerate(shards) if not is_url(s[0])}
        futures = [  # URLs are fetched while the workers read the files
            on_workers[k] if k in on_workers else self.client.scatter(read_shard(s, settings, known, fetcher=fetcher))
            for k, s in enumerate(shards)
        ]
        if progress:
            files_of = {future.key: shard for future, shard in zip(futures, shards, strict=True)}
            for future in as_completed(futures):
                for file in files_of[future.key]:
                    progress(file)
        reads: list[ShardRead] = self.client.gather(futures)
        self._shards = [self.client.submit(articles_of, f, pure=False) for f in futures]
        self._shard_ids = [[a.id for a in r.articles] for r in reads]
        new: list[Article] = []
        seen: dict[str, str] = {}
        rejected: list[Rejected] = []
        for read in reads:  # shards in input order: the first to give a content keeps it
            rejected += read.rejected
            repeated = set()
            for aid, source in read.seen.items():
                if aid in seen:
                    rejected.append(Rejected(source, f"same content as {seen[aid]}; it is read once"))
                    repeated.add(aid)
                else:
                    seen[aid] = source
            new += [a for a in read.articles if a.id not in repeated]
        return new, list(seen), rejected

    def strip_templates(self, new: list[Article], *, store: Store) -> None:
        """As the local engine, here: the whole run's counts decide. The shards kept on the workers for
        signing get the texts that changed."""
        before = {a.id: a.text for a in new}
        store.add_template_counts(strip_templates(new, store=store))
        changed = {a.id: (a.text, a.boilerplate) for a in new if a.text != before[a.id]}
        self._shards = [
            self.client.submit(with_texts, shard, {aid: changed[aid] for aid in ids if aid in changed}, pure=False)
            if changed.keys() & set(ids) else shard
            for shard, ids in zip(self._shards, self._shard_ids, strict=True)
        ]

    def link(self, existing: list[Article], new: list[Article], *, settings: Settings, index: KeyIndex) -> None:
        link_copies_on(
            self.client,
            existing,
            new,
            shards=self._shards,
            shard_ids=self._shard_ids,
            detector=CopyDetector(threshold=settings.copy_threshold),
            index=index,
            buckets=self.workers * SHARDS_PER_WORKER,
        )
        self._shards = []  # signed: the workers may let the shards go

    def cluster(self, existing: list[Article], new: list[Article]) -> list[str]:
        seed = StoryClusterer().partial_fit(existing)
        # Blocks are at least a task's worth; a few per worker keep them all busy to the end.
        min_size = self.min_block or max(MIN_BLOCK, len(new) // (self.workers * SHARDS_PER_WORKER))
        blocks, undated = plan_blocks(seed, new, min_size=min_size)
        client = self.client
        seed_future = client.scatter(seed, broadcast=True)
        # Each block is sent once and read by two tasks: given to submit, it was pickled into the task graph
        # of each (a 37 MiB graph at 20,000 articles, held by the scheduler).
        block_futures = client.scatter(blocks, hash=False) if blocks else []  # hash=False: not tokenizing texts
        counts = client.gather(
            [client.submit(block_frequencies, b, seed.n_features, pure=False) for b in block_futures])
        futures = [
            client.submit(cluster_block, seed_future, block, earlier, keep_state=k == len(blocks) - 1, pure=False)
            for k, (block, earlier) in enumerate(zip(block_futures, prefix_frequencies(counts), strict=True))
        ]
        results: list[BlockResult] = client.gather(futures)
        labels = {aid: sid for r in results for aid, sid in r.labels.items()}
        if undated:
            tail = tail_clusterer(seed, results)
            tail.partial_fit(undated)
            # An undated article may merge two stories of earlier blocks: every label is read back.
            labels.update({a.id: tail.labels_[a.id] for a in new})
        return [labels[a.id] for a in new]

    def build(
        self, groups: list[tuple[str, list[Article]]], copies: dict[str, str], *, settings: Settings
    ) -> list[Story]:
        """Digests in parallel; the dates each story estimates for its members come back to them here."""
        batches = split_shards(groups, parts=self.workers * SHARDS_PER_WORKER, size=lambda g: len(g[1]))
        futures = []
        for batch in batches:
            members = {a.id for _, group in batch for a in group}
            batch_copies = {aid: original for aid, original in copies.items() if aid in members}
            futures.append(self.client.submit(build_stories, batch, batch_copies, settings, pure=False))
        by_id = {a.id: a for _, group in groups for a in group}
        stories = []
        for built, estimates in self.client.gather(futures):
            stories += built
            for aid, when in estimates.items():
                by_id[aid].published, by_id[aid].published_estimated = when, True
        return stories


def build_stories(
    groups: list[tuple[str, list[Article]]], copies: dict[str, str], settings: Settings
) -> tuple[list[Story], dict[str, str | None]]:
    """engine.local.build_story for a batch, with the estimated dates it set (lost with the worker's copies)."""
    stories = [build_story(sid, members, copies, settings=settings) for sid, members in groups]
    estimates = {a.id: a.published for _, members in groups for a in members if a.published_estimated}
    return stories, estimates


def input_files(inputs: Sequence[str]) -> list[str]:
    """Files in the order ingest.iter_documents reads them (a URL stays one input for its shard)."""
    files: list[str] = []
    for item in inputs:
        path = Path(item)
        if is_url(item) or not path.is_dir():
            files.append(item)
        else:
            files += [str(p) for p in sorted(p for p in path.rglob("*") if p.is_file())]
    return files


def url_and_file_runs(items: list[str]) -> list[list[str]]:
    """`items` cut into consecutive runs of URLs and of files, so reading keeps their order."""
    runs: list[list[str]] = []
    for item in items:
        if runs and is_url(runs[-1][0]) == is_url(item):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def split_shards(items: list, *, parts: int, size: Callable | None = None) -> list[list]:
    """Consecutive runs of `items` of about equal total size (bytes of a file by default)."""
    if not items:
        return []
    size = size or _file_bytes
    sizes = [max(1, size(item)) for item in items]
    total = sum(sizes)
    parts = max(parts, -(-total // SHARD_BYTES)) if size is _file_bytes else parts
    target = total / min(parts, len(items))
    shards: list[list] = [[]]
    filled = 0
    for item, weight in zip(items, sizes, strict=True):
        if shards[-1] and filled + weight / 2 > target * len(shards):
            shards.append([])
        shards[-1].append(item)
        filled += weight
    return shards


def _file_bytes(item: str) -> int:
    try:
        return Path(item).stat().st_size
    except OSError:
        return 1  # a URL or an unreadable file: its shard's reader says why
