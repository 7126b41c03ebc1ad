"""The `newsweave` command: run, watch, extract, summarize, stories, show, serve."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from newsweave.ingest import InputNotFound, check_inputs
from newsweave.model import Result, Story
from newsweave.settings import ConfigError, Settings
from newsweave.store import DEFAULT_DB, Store

_PROGRESS_AFTER = 50  # input files; shorter runs finish before a bar is worth drawing


def main() -> None:
    cli(prog_name="newsweave")


@click.group()
@click.version_option(package_name="newsweave")
def cli() -> None:
    """Turn captured news pages into clean, deduplicated, dated stories."""


def _inputs_or_exit(inputs: tuple[str, ...]) -> list[str]:
    try:
        check_inputs(inputs)
    except InputNotFound as exc:
        click.echo(f"newsweave: error: {exc}", err=True)
        sys.exit(2)
    return list(inputs)


db_option = click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
                         help="SQLite file holding articles and stories.")
max_size_option = click.option("--max-size", "max_mb", default=16.0, show_default=True,
                               help="Largest input read, in MB: a page file, a download, or one WARC/JSONL record.")


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--json", "json_out", type=click.Path(dir_okay=False), help="Write the result (CONTRACT.md) here.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False), help="Write a self-contained report page here.")
@max_size_option
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run every stage in this process, or on a Dask cluster (the dask extra).")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler to use, e.g. tcp://10.0.0.5:8786; "
              "without it --engine dask starts a local cluster.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(min=1),
              help="Worker processes of the local Dask cluster (without --scheduler).")
def run(inputs: tuple[str, ...], db: str, json_out: str | None, html_out: str | None, max_mb: float,
        engine: str, scheduler: str | None, workers: int) -> None:
    """Read INPUT files, folders, JSONL, WARC or http(s) pages and feeds and weave their articles into stories."""
    from newsweave.engine import run_pipeline

    paths = _inputs_or_exit(inputs)
    settings = _settings(max_mb)
    if scheduler and engine != "dask":
        raise click.BadParameter("a scheduler is only used by --engine dask", param_hint="--scheduler")
    with Store(db) as store, _progress(paths) as tick:
        if engine == "dask":
            from newsweave.engine.dask import run_dask

            try:
                result = run_dask(paths, store=store, settings=settings, scheduler=scheduler, workers=workers,
                                  progress=tick)
            except ConfigError as exc:
                raise click.UsageError(str(exc)) from exc
        else:
            result = run_pipeline(paths, store=store, settings=settings, progress=tick)
    if json_out:
        Path(json_out).write_text(result.to_json(), encoding="utf-8")
    if html_out:
        from newsweave.web.report import render_report

        Path(html_out).write_text(render_report(result), encoding="utf-8")
    _print_run(result)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--interval", default=60.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds between two polls of the sources.")
@max_size_option
def watch(sources: tuple[str, ...], db: str, interval: float, max_mb: float) -> None:
    """Poll feeds, URLs and folders and weave what is new into stories until Ctrl-C or SIGTERM."""
    import signal
    import threading
    import time

    from newsweave.engine import run_pipeline
    from newsweave.ingest.fetch import Fetcher, FetchSettings
    from newsweave.ingest.watch import watch as watch_sources
    from newsweave.store.http_cache import load_validators

    paths = _inputs_or_exit(sources)
    settings = _settings(max_mb)
    stop = threading.Event()

    def request_stop(signum: int, frame: object) -> None:  # the batch in hand finishes: no half-written run
        if not stop.is_set():
            click.echo("newsweave: stopping after the batch in hand", err=True)
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with Store(db) as store, Fetcher(settings=FetchSettings(max_bytes=settings.max_bytes),
                                         validators=load_validators(store.conn)) as fetcher:

            def process(batch: list[str]) -> Result:
                result = run_pipeline(batch, store=store, settings=settings, fetcher=fetcher)
                _print_run(result)
                sys.stdout.flush()
                return result

            click.echo(f"watching {len(paths)} source{'s' * (len(paths) != 1)} every {interval:g} s; Ctrl-C stops")
            batches = watch_sources(paths, process=process, stop=stop, interval=interval, clock=time.time)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    click.echo(f"stopped cleanly after {batches} batch{'es' * (batches != 1)}")


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--jsonl", "jsonl_out", type=click.Path(dir_okay=False), help="Write one article per line here.")
@max_size_option
def extract(inputs: tuple[str, ...], jsonl_out: str | None, max_mb: float) -> None:
    """Only read and extract: clean text and metadata for each article."""
    import newsweave

    paths = _inputs_or_exit(inputs)
    found = newsweave.extract(paths, settings=_settings(max_mb))
    articles, rejected = found.articles, found.rejected
    if jsonl_out:
        with open(jsonl_out, "w", encoding="utf-8") as out:
            for article in articles:
                out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
    for a in articles:
        words = len(a.text.split())
        click.echo(f"{a.source}\n  {a.title or '(no headline)'}\n  {a.published or 'undated'} · "
                   f"{a.outlet or 'unknown outlet'}{' · ' + a.agency if a.agency else ''} · {words} words")
    _print_rejected(rejected)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--words", default=100, show_default=True, help="Length of the summary in words.")
def summarize(inputs: tuple[str, ...], words: int) -> None:
    """Treat all INPUTs as one story and print its summary, a sentence per line."""
    import newsweave

    paths = _inputs_or_exit(inputs)
    for sentence in newsweave.summarize(paths, words=words):
        click.echo(sentence.text)


@cli.command()
@db_option
def stories(db: str) -> None:
    """List the stories in the store, oldest first."""
    with Store(db) as store:
        for story in store.stories():
            click.echo(f"{story.id}  {_when(story.start):16}  {len(story.articles):3} articles  {story.headline}")


@cli.command()
@click.argument("item_id")
@db_option
def show(item_id: str, db: str) -> None:
    """Show one story (or one article) from the store."""
    with Store(db) as store:
        story = store.story(item_id)
        if story:
            _print_story_full(story, store)
            return
        article = store.article(item_id)
        if article is None:
            click.echo(f"newsweave: error: no story or article with id {item_id} in {db}", err=True)
            sys.exit(2)
        click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--max-upload", "max_upload_mb", default=5.0, show_default=True,
              help="Largest request body POST /api/documents accepts, in MB.")
def serve(db: str, host: str, port: int, max_upload_mb: float) -> None:
    """Browse the store's stories and serve the JSON API; writes need the NEWSWEAVE_TOKEN token."""
    import sqlite3

    try:
        import uvicorn

        from newsweave.web.app import create_app
    except ImportError as exc:
        missing = f"serve needs the web extra: pip install 'newsweave[web]' ({exc.name} is missing)"
        raise click.UsageError(missing) from exc
    if max_upload_mb <= 0:
        raise click.BadParameter(f"must be positive; got {max_upload_mb!r}", param_hint="--max-upload")
    try:
        app = create_app(db=db, max_body=int(max_upload_mb * 1_000_000))
    except sqlite3.Error as exc:
        raise click.BadParameter(f"cannot open {db} as a newsweave store: {exc}", param_hint="--db") from exc
    uvicorn.run(app, host=host, port=port, log_level="info")


def _settings(max_mb: float) -> Settings:
    try:
        return Settings(max_bytes=int(max_mb * 1_000_000))
    except ConfigError as exc:
        raise click.BadParameter(str(exc), param_hint="--max-size") from exc


class _progress:
    """A bar on stderr for long runs at a terminal; a no-op otherwise."""

    def __init__(self, paths: list[str]) -> None:
        self.bar = None
        if sys.stderr.isatty():
            count = sum(sum(1 for f in Path(p).rglob("*") if f.is_file()) if Path(p).is_dir() else 1 for p in paths)
            if count >= _PROGRESS_AFTER:
                self.bar = click.progressbar(length=count, label="reading", file=sys.stderr)

    def __enter__(self):
        if self.bar is None:
            return None
        self.bar.__enter__()
        return lambda source: self.bar.update(1)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _print_run(result: Result) -> None:
    outlets_by_id = {a.id: a.outlet for a in result.articles}
    for story in result.stories:
        outlets = {outlets_by_id.get(aid) for aid in story.articles} - {None}
        span = _when(story.start) if story.end == story.start else f"{_when(story.start)} → {_when(story.end)}"
        click.echo(f"{story.headline}\n  {span} · {len(story.articles)} article{'s' * (len(story.articles) != 1)} · "
                   f"{len(outlets)} outlet{'s' * (len(outlets) != 1)} · {story.id}")
    for line in result.storylines:
        click.echo(f"storyline {line.id}: {' → '.join(line.stories)}  ({line.title})")
    _print_rejected(result.rejected)


def _when(time: str | None) -> str:
    """A contract time for people: minutes, no seconds or offset ("2031-05-13 11:40")."""
    return time[:16].replace("T", " ") if time else "undated"


def _print_rejected(rejected: list) -> None:
    if rejected:
        click.echo(f"rejected {len(rejected)} input{'s' * (len(rejected) != 1)}:")
        for r in rejected:
            click.echo(f"  {r.source}: {r.reason}")


def _print_story_full(story: Story, store: Store) -> None:
    click.echo(f"{story.headline}\n{_when(story.start)} → {_when(story.end)} · {story.id}\n")
    for s in story.summary:
        click.echo(f"  {s.text}  [{', '.join(s.sources)}]")
    if story.quotes:
        click.echo("\nquotes:")
        for q in story.quotes[:10]:
            click.echo(f"  {q.speaker or 'unknown'}: “{q.text}”  [{len(q.sources)}]")
    if story.entities:
        click.echo("\nentities: " + ", ".join(f"{e.name} ({e.type}, {e.mentions})" for e in story.entities[:15]))
    if story.timeline:
        click.echo("\ntimeline:")
        for t in story.timeline:
            click.echo(f"  {t.time}  {t.text}")
    click.echo("\narticles:")
    members = {a.id: a for a in store.articles(story.articles)}
    for a in (members[aid] for aid in story.articles if aid in members):
        copy = f" (copy of {a.copy_of})" if a.copy_of else ""
        click.echo(f"  {a.id}  {_when(a.published):16}  {a.outlet or '?'}  {a.title or '(no headline)'}{copy}")
