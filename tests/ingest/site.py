"""A fictional news site on 127.0.0.1 for fetch tests: pages, feeds, redirects, errors, slow and huge answers."""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PARAGRAPHS = {
    "ferry": [
        "Crews of the Port Alder ferry line stopped work on Tuesday morning after talks with the harbour "
        "authority broke down over night-shift pay, the Veldrian Seafarers' Union said.",
        "About forty sailings between Port Alder and the Kessel islands were cancelled, leaving commuters "
        "to queue for the single replacement bus that the authority had promised would run every hour.",
        "Union secretary Maren Dolt said the crews had waited eleven months for an offer and would stay "
        "out until the authority put one in writing. The authority said talks would resume within a week.",
    ],
    "tram": [
        "Valden city council voted on Monday to freeze tram fares for a second year, after a long evening "
        "debate in which members of every group spoke about the rising cost of living in the capital.",
        "The freeze will cost the municipal transport company about 3.2 million crowns, which the council "
        "said it would cover from the reserve built up during the years when ridership grew quickly.",
        "Councillor Ilse Varga, who proposed the measure, said families in the outer districts spend more "
        "on travel than anyone else and could not be asked to pay more while wages stand still.",
    ],
}
TITLES = {"ferry": "Port Alder ferry crews walk out over night pay", "tram": "Valden freezes tram fares again"}
PUBLISHED = {"ferry": "2031-05-13T09:40:00+02:00", "tram": "2031-05-12T21:15:00+02:00"}
FEED_DATES = {"ferry": "Tue, 13 May 2031 07:40:00 GMT", "tram": "Mon, 12 May 2031 19:15:00 GMT"}


def page(key: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[key])
    return (
        f"<!doctype html><html lang='en'><head><title>{TITLES[key]} | The Harbour Gazette</title>"
        f"<meta property='article:published_time' content='{PUBLISHED[key]}'></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{TITLES[key]}</h1>"
        f"{body}</article><footer>(c) 2031 The Harbour Gazette, a fictional paper</footer></body></html>"
    ).encode()


def rss(base: str) -> bytes:
    items = "".join(
        f"<item><title>{TITLES[k]}</title><link>{base}/news/{k}.html</link>"
        f"<pubDate>{FEED_DATES[k]}</pubDate></item>"
        for k in ("ferry", "tram")
    )
    items += f"<item><title>Gone story</title><link>{base}/missing</link></item>"
    items += "<item><title>An item with no link</title><description>Nothing to fetch</description></item>"
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>The Harbour Gazette</title>"
            f"<link>{base}/</link>{items}</channel></rss>").encode()


@dataclass
class Site:
    base: str = ""
    hits: list[tuple[str, float, dict]] = field(default_factory=list)  # (path, time, request headers)
    flaky_failures: int = 1
    huge_bytes: int = 5_000_000
    slow_seconds: float = 2.0
    extra: dict[str, bytes] = field(default_factory=dict)  # path -> RSS body, for tests that change a feed

    def count(self, path: str) -> int:
        return sum(1 for p, _, _ in self.hits if p == path)


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: C901 - one route table, read top to bottom
            path = self.path
            site.hits.append((path, time.monotonic(), dict(self.headers)))
            if path == "/robots.txt":
                self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            elif path == "/news/ferry.html":
                if self.headers.get("If-None-Match") == '"ferry-v1"':
                    self._send(304, headers={"ETag": '"ferry-v1"'})
                else:
                    self._send(200, page("ferry"), headers={"ETag": '"ferry-v1"'})
            elif path == "/news/tram.html":
                stamp = "Mon, 12 May 2031 19:15:00 GMT"
                if self.headers.get("If-Modified-Since") == stamp:
                    self._send(304)
                else:
                    self._send(200, page("tram"), headers={"Last-Modified": stamp})
            elif path in site.extra:
                self._send(200, site.extra[path], "application/rss+xml")
            elif path == "/feed.xml":
                self._send(200, rss(site.base), "application/rss+xml; charset=utf-8")
            elif path == "/feed-as-xml":
                self._send(200, rss(site.base), "text/xml")
            elif path == "/broken-feed.xml":
                self._send(200, b"<rss><channel><item><title>Unclosed & broken", "application/rss+xml")
            elif path == "/moved":
                self._send(301, headers={"Location": "/news/ferry.html"})
            elif path == "/loop-a":
                self._send(302, headers={"Location": "/loop-b"})
            elif path == "/loop-b":
                self._send(302, headers={"Location": "/loop-a"})
            elif path == "/flaky":
                if site.count("/flaky") <= site.flaky_failures:
                    self._send(500, b"temporarily broken")
                else:
                    self._send(200, page("tram"))
            elif path == "/always-500":
                self._send(503, b"down for maintenance")
            elif path == "/slow":
                time.sleep(site.slow_seconds)
                self._send(200, page("ferry"))
            elif path == "/huge":
                self._send(200, b"<html><body>" + b"<p>word</p>" * (site.huge_bytes // 11))
            elif path == "/huge-chunked":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()  # no Content-Length: the client must stop reading itself
                try:
                    for _ in range(site.huge_bytes // 65536 + 1):
                        self.wfile.write(b"x" * 65536)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True
            elif path == "/photo.png":
                self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
            elif path == "/data.json":
                self._send(200, b'{"story": "not a page"}', "application/json")
            elif path == "/private/ferry.html":
                self._send(200, page("ferry"))
            else:
                self._send(404, b"<html><body>Not found</body></html>")

    return Handler


class _QuietServer(ThreadingHTTPServer):
    """Clients that hang up mid-response (the size-limit and timeout tests do so on purpose) are not
    errors: socketserver would print each one's traceback into the test output."""

    def handle_error(self, request: object, client_address: tuple) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """ThreadingHTTPServer on an ephemeral loopback port, in a daemon thread."""

    def __init__(self) -> None:
        self.site = Site()
        self.server = _QuietServer(("127.0.0.1", 0), _handler(self.site))
        self.server.daemon_threads = True
        self.site.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self.site

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
