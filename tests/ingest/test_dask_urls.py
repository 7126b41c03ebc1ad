"""URL inputs on the Dask engine: fetched by the client, which holds the store's HTTP validators, while
the workers read the files; the result is the local engine's."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.engine.local import run_pipeline
from newsweave.store import Store

pytest.importorskip("distributed", reason="the dask engine needs the dask extra: pip install 'newsweave[dask]'")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pages" / "coastal-courier"


def _view(result):
    return (sorted((a.id, a.source, a.title, a.published) for a in result.articles),
            sorted(sorted(s.articles) for s in result.stories), sorted((r.source, r.reason) for r in result.rejected))


def test_feed_and_files_on_dask_match_local_and_a_second_run_asks_changed_since(site, tmp_path):
    from newsweave.engine.dask import run_dask

    inputs = [str(EXAMPLES), f"{site.base}/feed.xml"]
    with Store(tmp_path / "local.db") as store:
        local = run_pipeline(inputs, store=store)
    with Store(tmp_path / "dask.db") as store:
        first = run_dask(inputs, store=store, workers=1)
    assert _view(first) == _view(local)
    assert {"Port Alder ferry crews walk out over night pay"} <= {a.title for a in first.articles}

    with Store(tmp_path / "dask.db") as store:  # a later run: the validators come from the store
        stored = len(store.article_ids())
        run_dask(inputs, store=store, workers=1)
        assert len(store.article_ids()) == stored
    last_ferry = [h for p, _, h in site.hits if p == "/news/ferry.html"][-1]
    assert last_ferry["If-None-Match"] == '"ferry-v1"'
