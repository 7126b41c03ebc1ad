import gzip
import json
import os
import random

import pytest

from newsweave.ingest import InputNotFound, iter_documents
from newsweave.model import Document, Rejected

ARTICLE = (
    "Ferry Crews Walk Out in Port Alder | The Coastal Courier\n\n"
    + "\n\n".join(
        f"Paragraph {i} of a fictional report: crews of the Port Alder ferry line stopped work on Tuesday, "
        "the union said, and the harbour authority promised talks within a week." for i in range(6)
    )
)


def _split(items):
    docs = [i for i in items if isinstance(i, Document)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    return docs, rejected


def test_bad_inputs_are_rejected_with_reasons_and_the_rest_is_read(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "noise.txt").write_bytes(random.Random(1).randbytes(5000))
    (tmp_path / "huge.txt").write_bytes(b"word " * 6_000_000)  # 30 MB
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "Ferry strike — día 1.txt").write_text(ARTICLE, encoding="utf-8")
    cyrillic = "Паромщики Порт-Олдера прекратили работу во вторник, сообщил профсоюз. " * 20
    (tmp_path / "cp1251.txt").write_bytes(cyrillic.encode("cp1251"))

    docs, rejected = _split(list(iter_documents([str(tmp_path)])))

    reasons = {os.path.basename(r.source): r.reason for r in rejected}
    assert set(reasons) == {"empty.txt", "noise.txt", "huge.txt", "notes.pdf"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["noise.txt"]
    assert "30.0 MB" in reasons["huge.txt"] and "--max-size" in reasons["huge.txt"]
    assert "unsupported file type '.pdf'" in reasons["notes.pdf"]
    by_name = {os.path.basename(d.source): d for d in docs}
    assert by_name["cp1251.txt"].content.startswith("Паромщики")
    assert "Ferry strike — día 1.txt" in by_name


def test_missing_path_is_a_usage_error_before_any_work(tmp_path):
    with pytest.raises(InputNotFound, match="no such file or folder"):
        list(iter_documents([str(tmp_path / "nope")]))


def test_jsonl_records_of_each_kind_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "r1", "text": "Fictional article text.", "title": "T1", "published": "2031-05-14"}),
        json.dumps({"id": "r2", "page": "A raw page dump"}),
        json.dumps({"id": "r3", "html": "<html><body><p>x</p></body></html>"}),
        json.dumps({"id": "r4", "title": "Headline only"}),
        "{not json",
        json.dumps({"id": "r6", "outlet": "Nothing else"}),
        json.dumps(["a", "list"]),
    ]
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode()))

    docs, rejected = _split(list(iter_documents([str(path)])))

    assert [(d.source.split("#")[1], d.kind) for d in docs] == [
        ("r1", "clean"), ("r2", "text"), ("r3", "html"), ("r4", "headline")
    ]
    assert docs[0].title == "T1" and docs[0].published == "2031-05-14"
    assert {r.source.split("#")[1] for r in rejected} == {"5", "r6", "7"}
    assert all(r.reason for r in rejected)


def test_truncated_gzip_is_rejected(tmp_path):
    data = gzip.compress(ARTICLE.encode() * 20)
    (tmp_path / "cut.txt.gz").write_bytes(data[: len(data) // 2])
    docs, rejected = _split(list(iter_documents([str(tmp_path)])))
    assert not docs
    assert "truncated gzip" in rejected[0].reason


def test_same_bytes_give_the_same_digest(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE)
    docs, _ = _split(list(iter_documents([str(tmp_path)])))
    assert docs[0].digest == docs[1].digest
