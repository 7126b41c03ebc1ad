"""The local engine: every stage in this process, one run's writes in one transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

from newsweave.cluster.stories import StoryClusterer
from newsweave.cluster.storylines import link_storylines
from newsweave.dedup.copies import CopyDetector, KeyIndex, MemoryKeyIndex, link_copies
from newsweave.dedup.passages import find_shared_passages
from newsweave.digest import build_digest, estimate_published, guarded
from newsweave.engine.reading import read_articles, strip_templates
from newsweave.ingest.fetch import Fetcher, FetchSettings, is_url
from newsweave.model import Article, Rejected, Result, Story
from newsweave.settings import Settings
from newsweave.store import Store
from newsweave.store.http_cache import load_validators, save_validators
from newsweave.store.lsh import LSHTable
from newsweave.times import parse_time, publication_key


def run_pipeline(
    inputs: Sequence[str],
    *,
    store: Store,
    settings: Settings | None = None,
    progress: Callable[[str], None] | None = None,
    reader: Callable[..., tuple[list[Article], list[str], list[Rejected]]] = read_articles,
    stages: LocalStages | None = None,
    fetcher: Fetcher | None = None,
) -> Result:
    """Read, weave, write; another engine passes its own `reader` and `stages` (engine.dask).

    URL inputs are fetched with `fetcher` (a watch keeps one across polls), else with one whose
    HTTP validators come from the store; fresh validators are saved with the run's articles.
    """
    settings = settings or Settings()
    stages = stages or LocalStages()
    own_fetcher = url_fetcher(inputs, store=store, settings=settings) if fetcher is None else None
    fetcher = fetcher or own_fetcher
    try:
        fetching = {"fetcher": fetcher} if fetcher else {}
        new, run_ids, rejected = reader(inputs, settings=settings, known=store.article_ids(), progress=progress,
                                        **fetching)
    finally:
        if own_fetcher:
            own_fetcher.close()
    if not (new or run_ids or rejected or (fetcher and fetcher.validators.fresh)):
        return Result()  # nothing read (a watch poll whose feeds answered 304): nothing to weave or write
    # Read, weave and write under one write lock: a second run waits here instead of weaving over a
    # snapshot that the first is about to change (readers are never blocked: the store is in WAL mode).
    with store.transaction():
        known = store.article_ids()
        new = [a for a in new if a.id not in known]  # another run may have stored them meanwhile
        stages.strip_templates(new, store=store)
        existing = store.articles()
        before = {a.id: _derived(a) for a in existing}
        articles = {a.id: a for a in [*existing, *new]}
        copy_index = LSHTable(store.conn, settings=CopyDetector(threshold=settings.copy_threshold).index_settings)
        built: set[str] = set()
        for batch in weave(existing, new, settings=settings, touched_ids=run_ids, copy_index=copy_index, stages=stages):
            store.put_stories(batch, prune=False)  # pruned once the articles are written
            built.update(s.id for s in batch)
        storylines = link_storylines(_members(articles.values()))
        copy_index.write()
        store.put_articles([a for a in articles.values() if before.get(a.id) != _derived(a)])
        store.prune_stories()
        store.replace_storylines(storylines)
        store.put_rejected(rejected)
        if fetcher:
            save_validators(store.conn, fetcher.validators)
    shown = built | {sid for line in storylines if built.intersection(line.stories) for sid in line.stories}
    result_stories = store.stories(shown)
    members = {aid for s in result_stories for aid in s.articles} | set(run_ids)
    return Result(
        articles=sorted((articles[aid] for aid in members if aid in articles), key=_time_key),
        stories=result_stories,
        storylines=[line for line in storylines if set(line.stories) & shown],
        rejected=rejected,
    )


def weave(
    existing: list[Article],
    new: list[Article],
    *,
    settings: Settings,
    touched_ids: Iterable[str],
    copy_index: KeyIndex | None = None,
    stages: LocalStages | None = None,
) -> Iterator[list[Story]]:
    """Dedup, cluster and digest: yields the stories that the new (or given) articles belong to, a batch
    of `stages.build_batch` at a time, so the caller can write each batch and let it go."""
    stages = stages or LocalStages()
    everything = [*existing, *new]
    estimates = {a.id: a.published for a in everything if a.published_estimated}
    for article in everything:  # an estimate is no printed date: dedup and clustering must not use it
        if article.published_estimated:
            article.published, article.published_estimated = None, False
    # New articles are signed once and checked against the index of every article seen before.
    stages.link(existing, new, settings=settings, index=copy_index if copy_index is not None else MemoryKeyIndex())
    copies = {a.id: a.copy_of for a in everything if a.copy_of}
    for article, story in zip(new, stages.cluster(existing, new), strict=True):
        article.story = story
    by_id = {a.id: a for a in everything}
    touched = {by_id[aid].story for aid in touched_ids if aid in by_id}
    members = _members(everything)
    for article in everything:  # stories not rebuilt keep their members' estimates
        if article.id in estimates and article.story not in touched:
            article.published, article.published_estimated = estimates[article.id], True
    groups = [(sid, members[sid]) for sid in sorted(touched) if sid]
    for start in range(0, len(groups), stages.build_batch):
        yield stages.build(groups[start : start + stages.build_batch], copies, settings=settings)


class LocalStages:
    """How weave runs the stages another engine may spread out: here, in this process."""

    # Stories digested per batch, each batch written before the next is built: a run holds one batch
    # of digests (about 27 KB a story), not all of them, until it reads back the ones it returns.
    build_batch = 512

    def strip_templates(self, new: list[Article], *, store: Store) -> None:
        """Each outlet's chrome (extract.templates) off the new articles, learnt from them and the store."""
        store.add_template_counts(strip_templates(new, store=store))

    def link(self, existing: list[Article], new: list[Article], *, settings: Settings, index: KeyIndex) -> None:
        """Set `copy_of` of new articles and of known ones whose copy group they join."""
        link_copies(existing, new, detector=CopyDetector(threshold=settings.copy_threshold), index=index)

    def cluster(self, existing: list[Article], new: list[Article]) -> list[str]:
        """The story of each new article, in order; stored articles keep theirs."""
        clusterer = StoryClusterer()
        clusterer.partial_fit(existing)
        clusterer.partial_fit(new)
        return [clusterer.labels_[a.id] for a in new]

    def build(
        self, groups: list[tuple[str, list[Article]]], copies: dict[str, str], *, settings: Settings
    ) -> list[Story]:
        """A digested Story per (story id, members); members get their estimated dates."""
        return [build_story(sid, members, copies, settings=settings) for sid, members in groups]


def build_story(story_id: str, members: list[Article], copies: dict[str, str], *, settings: Settings) -> Story:
    for aid, when in estimate_published(members).items():
        article = next(a for a in members if a.id == aid)
        article.published, article.published_estimated = when, True
    members = sorted(members, key=_time_key)
    digest = build_digest(members, words=settings.summary_words)
    printed = [a.published for a in members if a.published and not a.published_estimated]
    times = sorted(printed or [a.published for a in members if a.published], key=parse_time)
    return Story(
        id=story_id,
        headline=digest.headline,
        articles=[a.id for a in members],
        start=times[0] if times else None,
        end=times[-1] if times else None,
        summary=digest.summary,
        quotes=digest.quotes,
        entities=digest.entities,
        timeline=digest.timeline,
        claims=digest.claims,
        conflicts=digest.conflicts,
        shared_passages=guarded("finding shared passages", lambda: find_shared_passages(members, copies), [],
                                articles=members),
    )


def url_fetcher(inputs: Sequence[str], *, store: Store, settings: Settings) -> Fetcher | None:
    """A fetcher remembering the store's HTTP validators, when some input is a URL."""
    if not any(is_url(item) for item in inputs):
        return None
    return Fetcher(settings=FetchSettings(max_bytes=settings.max_bytes), validators=load_validators(store.conn))


def _derived(article: Article) -> tuple:
    """What a run may change on a stored article: only these are written back."""
    return (article.copy_of, article.story, article.published, article.published_estimated)


def _members(articles: Iterable[Article]) -> dict[str, list[Article]]:
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        if article.story:
            groups[article.story].append(article)
    return groups


def _time_key(article: Article) -> tuple:
    """Printed times first, in order; estimated dates (a day, not a time) after them."""
    return (article.published_estimated, *publication_key(article))
