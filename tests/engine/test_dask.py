"""The Dask engine gives the local engine's result: articles, texts, copies and story partition.

One LocalCluster of two worker processes serves every test. Blocks of one article each
(min_block=1) cut the time line at every safe edge, so the state carried across block edges is
exercised even on a few pages.
"""

from __future__ import annotations

import json
import os
from contextlib import nullcontext
from pathlib import Path

import pytest

from newsweave.engine.dask import DaskStages, input_files, split_shards
from newsweave.engine.local import LocalStages, run_pipeline
from newsweave.model import Article, Result, Story
from newsweave.store import Store

pytest.importorskip("distributed", reason="the dask engine needs the dask extra: pip install 'newsweave[dask]'")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "pages"
BENCH = ROOT.parent / "shared" / "bench" / "extraction"
DEDUP_DATA = ROOT / "tests" / "dedup" / "data"  # fictional wire texts: every name is invented
BENCH_PAGES = 240


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run_local(inputs: list, store: Store | None = None, stages: LocalStages | None = None) -> Result:
    with Store(None) if store is None else nullcontext(store) as st:
        return run_pipeline([str(i) for i in inputs], store=st, stages=stages)


def run_on_dask(client, inputs: list, store: Store | None = None, stages: DaskStages | None = None) -> Result:
    stages = stages or DaskStages(client, min_block=1)
    with Store(None) if store is None else nullcontext(store) as st:
        return run_pipeline([str(i) for i in inputs], store=st, reader=stages.read, stages=stages)


def members_only(groups: list[tuple[str, list[Article]]], *_, **__) -> list[Story]:
    """Stories without digests: for the few hundred benchmark pages, whose digests would take minutes
    on each engine; digests are compared on examples/ and the seeds."""
    return [Story(id=sid, headline="", articles=sorted(a.id for a in members)) for sid, members in groups]


class LocalWithoutDigests(LocalStages):
    build = staticmethod(members_only)


class DaskWithoutDigests(DaskStages):
    build = staticmethod(members_only)


def contract_view(result: Result) -> dict:
    """What both engines must agree on, order aside: articles with their fields, copies, stories, rejected."""
    return {
        "articles": {a.id: (a.source, a.text, a.title, a.published, a.published_estimated, a.copy_of)
                     for a in result.articles},
        "partition": sorted(sorted(s.articles) for s in result.stories),
        "story_of": {a.id: a.story for a in result.articles},
        "summaries": {s.id: [x.text for x in s.summary] for s in result.stories},
        "storylines": sorted(line.stories for line in result.storylines),
        "rejected": sorted((r.source, r.reason) for r in result.rejected),
    }


def assert_same_result(local: Result, dask: Result) -> None:
    expected, got = contract_view(local), contract_view(dask)
    for part in expected:
        assert got[part] == expected[part], f"{part} differ between the local and the dask engine"


def test_examples_give_the_local_result(client):
    local = run_local([EXAMPLES])
    assert len(local.stories) >= 5 and local.rejected  # the examples hold stories and two rejects
    assert_same_result(local, run_on_dask(client, [EXAMPLES]))


def test_seeds_give_the_local_result(client, seeds_dir):
    local = run_local([seeds_dir, EXAMPLES])
    assert_same_result(local, run_on_dask(client, [seeds_dir, EXAMPLES]))


def test_benchmark_pages_give_the_local_result(client):
    if not BENCH.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{BENCH} is missing: CI must run with ../shared beside the project")
        pytest.skip(f"{BENCH} not found: the benchmark data is only in ../shared beside the project")
    pages = sorted(BENCH.glob("*/textdump/*.txt"))[::3][:BENCH_PAGES]
    local = run_local(pages, stages=LocalWithoutDigests())
    assert len(local.articles) > BENCH_PAGES // 2 and len(local.stories) > BENCH_PAGES // 4
    assert_same_result(local, run_on_dask(client, pages, stages=DaskWithoutDigests(client, min_block=1)))


def write_wire_records(folder: Path) -> list[Path]:
    """Fictional wire copies spread over days and files (one shard each): copies join across block edges."""
    wire = (DEDUP_DATA / "wire_v1.txt").read_text(encoding="utf-8").strip()
    ferry = (DEDUP_DATA / "ferry.txt").read_text(encoding="utf-8").strip()
    trimmed = "\n\n".join(wire.split("\n\n")[:4]) + "\n\n(Meridian Press)"
    typos = wire.replace("hospital", "hosptial").replace("anchor", "anchr")
    records = [
        ("wire", wire, "Meridian Press", "2024-03-05T08:30"),
        ("trimmed", trimmed, "Island Daily", "2024-03-05T09:10"),
        ("ferry", ferry, "Island Daily", "2024-03-05T08:20"),
        ("typos-late", typos, "Veloria Now", "2024-03-19T11:30"),  # republished two weeks on
        ("undated", wire.replace("anchor", "anchr"), "Coast Weekly", None),
    ]
    paths = []
    for name, text, outlet, published in records:
        path = folder / f"{name}.jsonl"
        record = {"id": name, "text": text, "outlet": outlet, "title": f"{outlet}: harbour report"}
        if published:
            record["published"] = published
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_fragments_merged_by_an_undated_article_give_the_local_result(client, tmp_path, two_sides):
    # Undated articles are clustered last, on the client, after every block: z1 then bridges two stories
    # that the blocks left apart, and the merge relabels articles the blocks had already labelled.
    paths = []
    for article in two_sides(shared=6, side=20, bridge=10, bridge_hour=None):
        record = {"id": article.id, "text": article.text}
        if article.published:
            record["published"] = article.published
        paths.append(tmp_path / f"{article.id}.jsonl")
        paths[-1].write_text(json.dumps(record) + "\n", encoding="utf-8")
    local = run_local(paths)
    story_of = {a.source.rsplit("#", 1)[-1]: a.story for a in local.articles}
    assert len({story_of[k] for k in ("x1", "y1", "z1")}) == 1  # merged locally
    assert_same_result(local, run_on_dask(client, paths))


def test_copies_across_days_and_shards_give_the_local_result(client, tmp_path):
    paths = write_wire_records(tmp_path)
    local = run_local(paths)
    assert sum(a.copy_of is not None for a in local.articles) >= 3
    assert_same_result(local, run_on_dask(client, paths))


def test_content_repeated_in_another_shard_is_rejected_as_locally(client, tmp_path):
    page = (EXAMPLES / "coastal-courier" / "port-strike-begins.txt").read_bytes()
    for name in ("a-first.txt", "m-again.txt", "z-third.txt"):
        (tmp_path / name).write_bytes(page)
    local = run_local([tmp_path])
    assert len(local.rejected) == 2 and all("same content as" in r.reason for r in local.rejected)
    assert_same_result(local, run_on_dask(client, [tmp_path]))


def test_a_run_onto_a_stored_run_matches_and_a_rerun_adds_nothing(client, seeds_dir, tmp_path):
    wires = write_wire_records(tmp_path)
    with Store(tmp_path / "local.db") as local_store, Store(tmp_path / "dask.db") as dask_store:
        run_local([EXAMPLES, *wires[:2]], local_store)
        run_on_dask(client, [EXAMPLES, *wires[:2]], dask_store)
        local = run_local([seeds_dir, *wires[2:]], local_store)
        dask = run_on_dask(client, [seeds_dir, *wires[2:]], dask_store)
        assert_same_result(local, dask)
        stored = {a.id: (a.copy_of, a.story) for a in dask_store.articles()}
        assert stored == {a.id: (a.copy_of, a.story) for a in local_store.articles()}
        again = run_on_dask(client, [seeds_dir, *wires[2:]], dask_store)
        assert {a.id: (a.copy_of, a.story) for a in dask_store.articles()} == stored
        assert {a.id for a in again.articles} == {a.id for a in dask.articles}


def test_shards_keep_the_input_order_and_balance_bytes(tmp_path):
    for i, size in enumerate([10, 10, 10, 70, 10, 10]):
        (tmp_path / f"{i:02d}.txt").write_bytes(b"x" * size)
    files = input_files([str(tmp_path)])
    shards = split_shards(files, parts=3)
    assert [f for shard in shards for f in shard] == files
    assert len(shards) == 3 and [Path(f).name for f in shards[1]] == ["03.txt"]


def test_cli_runs_on_an_existing_scheduler_and_a_rerun_adds_nothing(client, tmp_path):
    from click.testing import CliRunner

    from newsweave.cli import cli

    db = tmp_path / "cluster.db"
    address = client.scheduler.address
    args = ["run", str(EXAMPLES), "--db", str(db), "--engine", "dask", "--scheduler", address]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    local = CliRunner().invoke(cli, ["run", str(EXAMPLES), "--db", str(tmp_path / "local.db")])
    assert "rejected" in local.output and local.output.count(" · s-") >= 5  # stories and two rejects
    assert sorted(first.output.splitlines()) == sorted(local.output.splitlines())
    with Store(db) as store:
        stored = {a.id: (a.copy_of, a.story) for a in store.articles()}
    assert CliRunner().invoke(cli, args).exit_code == 0
    with Store(db) as store:
        assert {a.id: (a.copy_of, a.story) for a in store.articles()} == stored
        assert len(store.stories()) == len({story for _, story in stored.values()})


def test_cli_refuses_a_scheduler_without_the_dask_engine(tmp_path):
    from click.testing import CliRunner

    from newsweave.cli import cli

    result = CliRunner().invoke(cli, ["run", str(EXAMPLES), "--db", str(tmp_path / "x.db"),
                                      "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "--engine dask" in result.output
