"""WARC files: response records streamed with their URL and crawl time; damage costs one record, not the file."""

from __future__ import annotations

import gzip as gz

from click.testing import CliRunner
from warcio.warcwriter import WARCWriter

from newsweave.cli import cli
from newsweave.engine import read_articles, run_pipeline
from newsweave.ingest import iter_documents
from newsweave.ingest.warc import read_warc
from newsweave.model import Document, Rejected
from newsweave.settings import Settings
from newsweave.store import Store

from .site import page
from .warcs import CAPTURED, member_offsets, response, write_warc


def _split(found):
    items = list(found)
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Rejected)]


def test_html_responses_are_read_with_url_and_capture_time(tmp_path):
    for compressed in (True, False):
        path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
        write_warc(path, gzip=compressed)
        docs, rejected = _split(iter_documents([str(path)]))
        assert [d.url for d in docs] == ["https://gazette.example/news/ferry.html",
                                         "https://gazette.example/news/tram.html",
                                         "https://gazette.example/de/faehre.html"]
        assert [d.source for d in docs] == [f"{path}#3", f"{path}#4", f"{path}#7"]
        assert all(d.captured == CAPTURED and d.published is None and d.kind == "html" for d in docs)
        assert "Fähre-Crews in Port Alder" in docs[2].content  # the declared windows-1252 charset
        reasons = {r.source.split(" ")[1]: r.reason for r in rejected}
        assert set(reasons) == {"(https://gazette.example/logo.png)", "(https://gazette.example/gone.html)"}
        assert reasons["(https://gazette.example/logo.png)"].startswith("not an HTML page (image/png)")
        assert reasons["(https://gazette.example/gone.html)"].startswith("HTTP 404 response")


def test_capture_time_is_never_the_publication_time(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    articles, _, _ = read_articles([str(path)], settings=Settings())
    by_url = {a.url: a for a in articles}
    assert by_url["https://gazette.example/news/ferry.html"].published.startswith("2031-05-13T09:40")
    assert by_url["https://gazette.example/news/tram.html"].published is None  # no date printed on the page


def test_corrupt_gzip_member_is_rejected_and_the_following_records_read(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    data = write_warc(path, gzip=True)
    third = member_offsets(data)[2]  # the ferry page's record
    path.write_bytes(data[: third + 20] + b"\x00" * 40 + data[third + 60:])
    docs, rejected = _split(read_warc(path, max_record_bytes=1_000_000))
    assert [d.url.rsplit("/", 1)[-1] for d in docs] == ["tram.html", "faehre.html"]
    (corrupt,) = [r for r in rejected if "corrupt" in r.reason]
    assert corrupt.source == f"{path}#3" and "Gzip decompression error" in corrupt.reason
    assert "resumed at the record at byte" in corrupt.reason


def test_garbage_between_records_of_a_plain_warc_is_skipped(tmp_path):
    path = tmp_path / "crawl.warc"
    data = write_warc(path, gzip=False)
    cut = data.index(b"WARC/1.", data.index(b"gazette.example/news/ferry.html\r\nWARC-Date"))
    path.write_bytes(data[:cut] + b"this line is not a WARC header\r\n\r\n" + data[cut:])
    docs, rejected = _split(read_warc(path, max_record_bytes=1_000_000))
    assert len(docs) == 3
    assert any("Invalid WARC header" in r.reason for r in rejected)


def test_truncated_warc_gz_rejects_the_cut_record_and_keeps_the_rest(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    data = write_warc(path, gzip=True)
    path.write_bytes(data[: member_offsets(data)[-1] + 90])  # the last page's record is cut short
    docs, rejected = _split(read_warc(path, max_record_bytes=1_000_000))
    assert len(docs) == 2
    last = rejected[-1]
    assert last.source.startswith(f"{path}#7") and ("truncated" in last.reason or "corrupt" in last.reason)


def test_record_over_the_size_limit_is_rejected_not_read(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    docs, rejected = _split(read_warc(path, max_record_bytes=600))
    assert not docs
    assert sum("above the 0 MB limit" in r.reason or "limit for one input" in r.reason for r in rejected) == 3


def test_not_a_warc_at_all_is_one_reason(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("these are my notes, not an archive\n" * 20)
    docs, rejected = _split(read_warc(path, max_record_bytes=1_000_000))
    assert not docs and len(rejected) == 1 and "corrupt WARC data" in rejected[0].reason


def test_cli_runs_a_warc_and_a_plain_gz_jsonl_together(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    (tmp_path / "more.jsonl.gz").write_bytes(gz.compress(b'{"id": "w1", "title": "Headline only"}\n'))
    db = str(tmp_path / "n.db")
    result = CliRunner().invoke(cli, ["run", str(path), str(tmp_path / "more.jsonl.gz"), "--db", db])
    assert result.exit_code == 0, result.output
    assert "Port Alder ferry crews walk out over night pay" in result.output
    assert "crawl.warc.gz#5 (https://gazette.example/logo.png): not an HTML page (image/png)" in result.output
    assert "Headline only" in result.output


def test_a_page_without_an_article_is_rejected_by_its_url(tmp_path):
    """Extraction's reasons name the record's URL too: the number of a record in an archive is no
    place a person can open."""
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        response(writer, "https://gazette.example/news/ferry.html", page("ferry"))
        response(writer, "https://gazette.example/tags/", b"<html><body><ul><li>Ferries</li></ul></body></html>")
    result = run_pipeline([str(path)], store=Store(str(tmp_path / "n.db")))
    assert len(result.articles) == 1
    [rejected] = result.rejected
    assert rejected.source == f"{path}#2 (https://gazette.example/tags/)"
    assert "no article text" in rejected.reason
