"""Issue 4's bad input in one run: each bad piece is a `rejected` entry, and everything else is woven in."""

from __future__ import annotations

import gzip
import json

from newsweave.engine import run_pipeline
from newsweave.store import Store

from .conftest import QUICK
from .warcs import member_offsets, write_warc


def test_one_run_over_damaged_files_and_bad_urls_keeps_the_rest(site, tmp_path):
    from newsweave.ingest.fetch import Fetcher

    crawl = tmp_path / "crawl.warc.gz"
    data = write_warc(crawl, gzip=True)
    ferry_member = member_offsets(data)[2]
    crawl.write_bytes(data[: ferry_member + 20] + b"\xff" * 40 + data[ferry_member + 60:])  # ferry record damaged
    records = "".join(json.dumps({"id": f"n{n}", "title": f"Valden notice {n}", "text": "Fictional notice. " * 30})
                      + "\n" for n in range(50)).encode()
    packed = gzip.compress(records)
    (tmp_path / "notices.jsonl.gz").write_bytes(packed[: len(packed) // 2])  # truncated gzip
    urls = [f"{site.base}/broken-feed.xml", f"{site.base}/loop-a", f"{site.base}/data.json", f"{site.base}/feed.xml"]

    with Store(None) as store, Fetcher(settings=QUICK) as fetcher:
        result = run_pipeline([str(tmp_path), *urls], store=store, fetcher=fetcher)

    reasons = [r.reason for r in result.rejected]
    for expected in ("corrupt WARC data", "not an HTML page (image/png)", "HTTP 404 response",
                     "corrupt or truncated gzip data after line", "invalid feed: not well-formed XML",
                     "redirect loop", "content type application/json", "no link"):
        assert any(expected in reason for reason in reasons), expected
    urls_read = {a.url for a in result.articles}
    assert "https://gazette.example/news/tram.html" in urls_read  # the WARC after its damaged record
    assert f"{site.base}/news/ferry.html" in urls_read  # the good feed's items
    assert sum(1 for a in result.articles if a.source.startswith(str(tmp_path / "notices.jsonl.gz"))) >= 10
