"""Stories digested and written a batch at a time inside the run's transaction give the stories, the
stored rows and the result of one batch, on the fictional examples/ pages and on a second run that
moves articles between stories."""

from __future__ import annotations

import json
from pathlib import Path

from newsweave.engine.local import LocalStages, run_pipeline
from newsweave.model import plain
from newsweave.store import Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "pages"  # fictional pages (Veldria): every outlet and person is invented


class OneStoryAtATime(LocalStages):
    build_batch = 1


def run(tmp_path: Path, name: str, stages: LocalStages, inputs: list[list[str]]) -> tuple[list, list]:
    with Store(tmp_path / f"{name}.db") as store:
        results = [plain(run_pipeline(part, store=store, stages=stages)) for part in inputs]
        rows = store.conn.execute("SELECT id, headline, start, \"end\", articles, digest FROM stories ORDER BY id")
        return results, [tuple(row) for row in rows]


def test_one_story_per_batch_gives_the_result_and_rows_of_one_batch(tmp_path) -> None:
    pages = sorted(str(p) for p in EXAMPLES.iterdir())
    inputs = [pages[: len(pages) // 2], pages]  # the second run adds pages to stories of the first
    batched, batched_rows = run(tmp_path, "batched", OneStoryAtATime(), inputs)
    whole, whole_rows = run(tmp_path, "whole", LocalStages(), inputs)

    assert len(whole[1]["stories"]) >= 5 and any(story["summary"] for story in whole[1]["stories"])
    assert json.dumps(batched, sort_keys=True) == json.dumps(whole, sort_keys=True)
    assert batched_rows == whole_rows
    # Every stored story has a member: stories written before their articles were pruned at the end.
    with Store(tmp_path / "batched.db") as store:
        members = {a.story for a in store.articles()}
        assert {s.id for s in store.stories()} <= members
