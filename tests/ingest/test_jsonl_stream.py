"""JSONL and .jsonl.gz are read a line at a time: the size limit is per record, and damage costs what follows it."""

from __future__ import annotations

import gzip
import json
import tracemalloc

from newsweave.ingest.jsonl import stream_jsonl
from newsweave.model import Document, Rejected


def _record(n: int) -> str:
    return json.dumps({"id": f"v{n}", "title": f"Valden council notice {n}", "outlet": "The Harbour Gazette",
                       "text": f"Fictional notice number {n} about tram timetables in Valden. " * 20})


def test_file_larger_than_the_record_limit_streams_record_by_record(tmp_path):
    path = tmp_path / "notices.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for n in range(3000):
            out.write(_record(n) + "\n")
    tracemalloc.start()
    count = sum(isinstance(item, Document) for item in stream_jsonl(path, max_record_bytes=5_000))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 3000
    assert peak < 2_000_000  # the decompressed file is about 4 MB; only a record or two is ever held


def test_over_long_line_is_rejected_and_the_next_line_read(tmp_path):
    path = tmp_path / "notices.jsonl"
    path.write_text(_record(1) + "\n" + json.dumps({"id": "big", "text": "x" * 50_000}) + "\n" + _record(2) + "\n")
    items = list(stream_jsonl(path, max_record_bytes=5_000))
    assert [type(i).__name__ for i in items] == ["Document", "Rejected", "Document"]
    assert items[1].source == f"{path}#2" and "over the 0 MB limit" in items[1].reason
    assert items[2].source == f"{path}#v2"


def test_truncated_gzip_keeps_the_lines_before_the_cut(tmp_path):
    path = tmp_path / "notices.jsonl.gz"
    data = gzip.compress("".join(_record(n) + "\n" for n in range(200)).encode())
    path.write_bytes(data[: len(data) * 2 // 3])
    items = list(stream_jsonl(path, max_record_bytes=1_000_000))
    docs = [i for i in items if isinstance(i, Document)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert 50 < len(docs) < 200
    assert rejected[-1].reason.startswith("corrupt or truncated gzip data after line")
    assert f"the {len(docs) + len(rejected) - 1} lines before it were read" in rejected[-1].reason


def test_legacy_encoded_line_is_decoded(tmp_path):
    path = tmp_path / "notices.jsonl"
    line = json.dumps({"id": "c1", "text": "Фиктивное сообщение о трамваях в Валдене. " * 10}, ensure_ascii=False)
    path.write_bytes(line.encode("cp1251") + b"\n")
    (doc,) = stream_jsonl(path, max_record_bytes=1_000_000)
    assert isinstance(doc, Document) and doc.content.startswith("Фиктивное")
