"""WARC files written by the tests (warcio's writer), with fictional pages and deliberate damage."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .site import PARAGRAPHS, TITLES, page

CAPTURED = "2031-06-02T04:17:09Z"  # crawl time: must never become a publication time


def undated_page(key: str) -> bytes:
    """A page that prints no date at all: only the WARC-Date could (wrongly) date it."""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[key])
    return (f"<html><head><title>{TITLES[key]}</title></head><body><article><h1>{TITLES[key]}</h1>{body}"
            "</article></body></html>").encode()


def response(writer: WARCWriter, url: str, body: bytes, *, content_type: str = "text/html; charset=utf-8",
             status: str = "200 OK") -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                            protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                       warc_headers_dict={"WARC-Date": CAPTURED})
    writer.write_record(record)


def crawl_records(writer: WARCWriter, base: str = "https://gazette.example") -> None:
    """warcinfo, a request, two pages, a PNG, a 404, and a Windows-1252 page: a CC-NEWS-like mix."""
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "fictional-crawler/1.0"}))
    request = StatusAndHeaders("GET /news/ferry.html HTTP/1.1", [("Host", "gazette.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record(f"{base}/news/ferry.html", "request", http_headers=request,
                                                  payload=io.BytesIO(b"")))
    response(writer, f"{base}/news/ferry.html", page("ferry"))
    response(writer, f"{base}/news/tram.html", undated_page("tram"))
    response(writer, f"{base}/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(300), content_type="image/png")
    response(writer, f"{base}/gone.html", b"<html><body>Not here</body></html>", status="404 Not Found")
    latin = page("ferry").replace(b"Port Alder ferry crews", "Fähre-Crews in Port Alder".encode("cp1252"))
    response(writer, f"{base}/de/faehre.html", latin, content_type="text/html; charset=windows-1252")


def write_warc(path: Path, *, gzip: bool) -> bytes:
    with path.open("wb") as out:
        crawl_records(WARCWriter(out, gzip=gzip))
    return path.read_bytes()


def member_offsets(data: bytes) -> list[int]:
    """Where each record's gzip member starts in a .warc.gz (one member per record, as CC-NEWS writes)."""
    offsets, start = [], 0
    while (found := data.find(b"\x1f\x8b\x08", start)) >= 0:
        offsets.append(found)
        start = found + 1
    return offsets
