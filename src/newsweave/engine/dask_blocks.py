"""Story clustering by time blocks on Dask workers, with the local engine's partition.

StoryClusterer is online: each article is compared with the stories open at its time, under an IDF
counted over every article before it. Blocks of the time-ordered new articles are clustered in
parallel, and three kinds of state are carried across their edges so each block sees what the
single pass would:

- Stories. A block edge is cut only where the gap between two consecutive dated articles exceeds
  the clusterer's window (no story is open across it), where no copy group has dated members on
  both sides (a copy joins its original's story whatever its date), and where no stored story is
  within the window of both sides. Every block starts from the clusterer fitted on the stored
  articles (the seed), as the local engine fits them first.
- Counts. The IDF an article is scored under counts every article counted before it: a first pass
  hashes each block's counted articles (copies count once per group) into document frequencies,
  and each block starts from the seed's plus all earlier blocks'. The index of recent stories is
  pruned every RETIRE_EVERY counted articles: a block starts on the same count and replays the
  last pruning that fell before it, at that moment's clock.
- The tail. Undated articles come last in the single pass and may join any story still indexed:
  the client assembles the final state (every block's stories, indexed as the single pass would
  have left them) and fits the undated articles there.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from newsweave.cluster.stories import LEAD_CHARS, RETIRE_EVERY, StoryClusterer, StoryState
from newsweave.cluster.vectors import TermHasher, article_words, merge
from newsweave.model import Article
from newsweave.times import parse_time


@dataclass(slots=True)
class Block:
    """A run of dated new articles in clustering order, and the counts that precede it."""

    articles: list[Article]
    counted: list[bool]  # whether each article adds to the document counts (first of its copy group)
    start_count: int = 0  # counted articles before this block, the seed's included
    retired_at: datetime | None = None  # clock of the last index pruning before the block, if any
    clock: datetime | None = None  # latest time seen before the block


@dataclass(slots=True)
class BlockResult:
    """What a block's clusterer learned: labels of its articles and the stories they joined."""

    labels: dict[str, str]
    stories: dict[str, StoryState]
    end_count: int
    clusterer: StoryClusterer | None = None  # the whole state, kept for the last block only
    roots: dict[str, str] = field(default_factory=dict)  # copy-group root -> story, for the tail


def clustering_order(articles: Sequence[Article]) -> list[tuple[datetime | None, Article]]:
    """Articles in StoryClusterer.partial_fit's order: dated by time (ties by id), then undated as given.

    The same key as partial_fit's: blocks must cut the sequence the single pass walks.
    """
    keyed = [(parse_time(a.published), a) for a in articles]
    keyed.sort(key=lambda pair: (pair[0] is None, pair[0] or datetime.max, pair[1].id if pair[0] else ""))
    return keyed


def plan_blocks(
    seed: StoryClusterer, new: Sequence[Article], *, min_size: int
) -> tuple[list[Block], list[Article]]:
    """Cut the dated new articles into blocks at safe edges (see the module); the undated come after.

    `seed` is the clusterer fitted on the stored articles (on none for a first run).
    """
    keyed = clustering_order(new)
    dated = [(when, a) for when, a in keyed if when is not None]
    undated = [a for when, a in keyed if when is None]
    window = timedelta(days=seed.window_days)
    spans = _copy_spans(seed, new) + [
        (s.first - window, s.last + window) for s in seed.stories_.values() if s.first is not None
    ]
    cuts = _safe_cuts([when for when, _ in dated], window, spans)
    seen_roots = set(seed.group_story_)
    blocks: list[Block] = []
    count = seed.n_documents_
    start = 0
    for end in [*cuts, len(dated)]:
        if end - start < min_size and end != len(dated):
            continue  # too small to be worth a task: merged with the next
        part = [a for _, a in dated[start:end]]
        counted = []
        for article in part:
            root = article.copy_of or article.id
            counted.append(root not in seen_roots)
            seen_roots.add(root)
        blocks.append(Block(articles=part, counted=counted, start_count=count))
        count += sum(counted)
        start = end
    _set_clocks(seed, blocks)
    return [b for b in blocks if b.articles], undated


def block_frequencies(block: Block, n_features: int) -> tuple[np.ndarray, np.ndarray]:
    """Columns and counts this block adds to the document frequencies, as StoryClusterer._add counts them."""
    hasher = TermHasher(n_features=n_features)
    columns = [
        hasher.vector(article_words(a.title, a.text[:LEAD_CHARS]))[0]
        for a, counted in zip(block.articles, block.counted, strict=True)
        if counted
    ]
    if not columns:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.unique(np.concatenate(columns), return_counts=True)


def prefix_frequencies(counts: list[tuple[np.ndarray, np.ndarray]]) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each block, the document frequencies all earlier blocks add (sparse: columns, counts)."""
    prefix = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    prefixes = []
    for columns, added in counts:
        prefixes.append(prefix)
        summed_columns, summed = merge(prefix[0], prefix[1].astype(np.float64), columns, added.astype(np.float64))
        prefix = (summed_columns, np.rint(summed).astype(np.int64))
    return prefixes


def cluster_block(
    seed: StoryClusterer, block: Block, earlier: tuple[np.ndarray, np.ndarray], *, keep_state: bool
) -> BlockResult:
    """Fit one block from the seed with the counts and pruning of everything before it carried in."""
    clusterer = copy.deepcopy(seed)
    columns, counts = earlier
    clusterer.count_documents(columns, counts)
    clusterer.n_documents_ = block.start_count
    if block.retired_at is not None:
        clusterer.clock_ = block.retired_at
        clusterer.retire()
    clusterer.clock_ = block.clock
    clusterer.since_retire_ = block.start_count % RETIRE_EVERY
    clusterer.partial_fit(block.articles)
    labels = {a.id: clusterer.labels_[a.id] for a in block.articles}
    touched = set(labels.values())
    return BlockResult(
        labels=labels,
        stories={sid: clusterer.stories_[sid] for sid in touched},
        end_count=clusterer.n_documents_,
        clusterer=clusterer if keep_state else None,
        roots={(a.copy_of or a.id): labels[a.id] for a in block.articles},
    )


def tail_clusterer(seed: StoryClusterer, results: list[BlockResult]) -> StoryClusterer:
    """The single pass's state after its last dated article: the last block's, plus earlier blocks' stories.

    An earlier block's story stays in the index of recent stories unless a pruning came after the
    block ended; every pruning after it finds it out of the window, as the next block starts
    beyond the window of its latest member.
    """
    if not results:
        return copy.deepcopy(seed)
    last = results[-1]
    clusterer = last.clusterer
    assert clusterer is not None, "the last block keeps its state"
    final_count = last.end_count
    for result in results[:-1]:
        pruned = final_count // RETIRE_EVERY > result.end_count // RETIRE_EVERY
        for sid, state in result.stories.items():
            stale = clusterer.stories_.get(sid)
            if stale is not None:  # a stored story this block joined: the seed's copy is outdated
                clusterer.unfile(sid, stale)
            if pruned:
                state.filed = set()
            clusterer.file(sid, state, state.filed)
            clusterer.stories_[sid] = state
        clusterer.labels_.update(result.labels)
        clusterer.group_story_.update(result.roots)
    return clusterer


def _copy_spans(seed: StoryClusterer, new: Sequence[Article]) -> list[tuple[datetime, datetime]]:
    """The dated span of each copy group with a new member (stored members count: the seed holds them)."""
    times: dict[str, list[datetime]] = {}
    for article in new:
        when = parse_time(article.published)
        if article.copy_of and when is not None:
            times.setdefault(article.copy_of, []).append(when)
    for article in new:
        when = parse_time(article.published)
        if article.id in times and when is not None:
            times[article.id].append(when)
    for root, group in times.items():  # a stored original: its story's span stands in for its time
        story = seed.stories_.get(seed.group_story_.get(root, ""))
        if story is not None and story.first is not None:
            group += [story.first, story.last]
    return [(min(t), max(t)) for t in times.values() if len(t) > 1]


def _safe_cuts(times: list[datetime], window: timedelta, spans: list[tuple[datetime, datetime]]) -> list[int]:
    """Indices i where a block may start: a gap wider than the window before times[i], spanned by nothing."""
    cuts = []
    for i in range(1, len(times)):
        before, after = times[i - 1], times[i]
        if after - before <= window:
            continue
        if any(lo <= before and hi >= after for lo, hi in spans):
            continue
        cuts.append(i)
    return cuts


def _set_clocks(seed: StoryClusterer, blocks: list[Block]) -> None:
    """The clock before each block, and the clock of the last pruning that fell before it."""
    clock = seed.clock_
    retired_at = None
    for block in blocks:
        block.clock, block.retired_at = clock, retired_at
        count = block.start_count
        for article, counted in zip(block.articles, block.counted, strict=True):
            when = parse_time(article.published)
            clock = when if clock is None else max(clock, when)
            if counted:
                count += 1
                if count % RETIRE_EVERY == 0:
                    retired_at = clock
