"""newsweave: raw captured news pages to clean, deduplicated, dated stories.

    >>> import newsweave
    >>> result = newsweave.run(["examples/"])          # doctest: +SKIP
    >>> print(result.to_json())                          # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

# The extract stage is imported before the `extract` function below is defined: importing a
# subpackage binds its name on this package, which would otherwise replace the public function.
from newsweave import extract as _extract_stage  # noqa: F401
from newsweave.model import Article, Rejected, Result, Story, Storyline, SummarySentence
from newsweave.settings import ConfigError, Settings

__version__ = "0.1.0"
ENGINES = ("local", "dask")


def run(inputs: Sequence[str | Path], *, db: str | Path | None = None, engine: str = "local",
        settings: Settings | None = None, scheduler: str | None = None, workers: int = 2) -> Result:
    """The whole pipeline; `db=None` keeps the store in memory for this call only.

    `engine="dask"` runs it on the Dask cluster at `scheduler`, or on a LocalCluster of `workers`
    processes started for the call.
    """
    from newsweave.engine import run_pipeline
    from newsweave.store import Store

    if engine not in ENGINES:
        raise ConfigError(f"engine must be one of {ENGINES}; got {engine!r}")
    with Store(db) as store:
        if engine == "dask":
            from newsweave.engine.dask import run_dask

            return run_dask([str(i) for i in inputs], store=store, settings=settings, scheduler=scheduler,
                            workers=workers)
        return run_pipeline([str(i) for i in inputs], store=store, settings=settings)


def extract(inputs: Sequence[str | Path], *, settings: Settings | None = None) -> Result:
    """Ingest and extract only: a Result with articles and rejected inputs, no stories.

    Each outlet's chrome is learnt from these pages alone (no store here) and removed, as `run` does."""
    from newsweave.engine import read_articles
    from newsweave.engine.reading import strip_templates

    articles, _, rejected = read_articles([str(i) for i in inputs], settings=settings or Settings())
    strip_templates(articles)
    return Result(articles=articles, rejected=rejected)


def summarize(inputs: Sequence[str | Path], *, words: int = 100) -> list[SummarySentence]:
    """Treat every input as one story and summarise it."""
    from newsweave.dedup.copies import CopyDetector
    from newsweave.digest import summarize as summarize_articles

    articles = extract(inputs).articles
    copies = CopyDetector().find(articles)
    for article in articles:
        article.copy_of = copies.get(article.id)
    return summarize_articles(articles, words=words)


__all__ = ["Article", "ConfigError", "Rejected", "Result", "Settings", "Story", "Storyline", "SummarySentence",
           "extract", "run", "summarize"]
