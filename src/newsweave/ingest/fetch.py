"""Polite HTTP fetching with httpx: timeouts, retries with backoff, a per-host rate limit, robots.txt,
conditional GET, a size limit, content-type checks and a redirect limit that catches loops.

httpx does the HTTP; what it leaves to the caller (retry policy, rate limit, robots, validators,
stopping a download at a size) is written here, since no maintained library bundles them for httpx.
"""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from newsweave.ingest.sniff import PayloadKind, media_type, payload_kind
from newsweave.model import Rejected

USER_AGENT = "newsweave/0.1 (news reader; +https://github.com/newsweave/newsweave)"
_RETRY_STATUSES = {429, 500, 502, 503, 504}
_MAX_RETRY_AFTER = 30.0  # seconds; a server asking for longer is treated as down


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How hard and how politely to fetch; defaults suit a news site, tests shrink the waits."""

    timeout: float = 15.0  # seconds to connect, and between bytes of a response
    total_timeout: float = 60.0  # seconds for one whole download, so a trickling server cannot stall a run
    retries: int = 3  # further tries after a timeout, a dropped connection, 429 or 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    per_host_interval: float = 1.0  # seconds between two requests to one host
    max_bytes: int = 16_000_000
    max_redirects: int = 5
    robots: bool = True
    user_agent: str = USER_AGENT


@dataclass(slots=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str | None
    kind: PayloadKind
    captured: str  # when it was fetched (the server's Date, else our clock): never a publication time


@dataclass(slots=True)
class NotModified:
    """304: unchanged since the validators we sent; it was read in an earlier run."""

    url: str


@dataclass(slots=True)
class Validators:
    """ETag and Last-Modified per URL: `known` from earlier runs, `fresh` from this one (to be stored)."""

    known: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    fresh: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def get(self, url: str) -> tuple[str | None, str | None]:
        return self.fresh.get(url) or self.known.get(url) or (None, None)


def is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


class _GiveUp(Exception):
    """Ends one fetch with a reason a person can act on."""


class Fetcher:
    """One client for a run or a watch: connection reuse, per-host pacing and robots rules kept across fetches."""

    def __init__(self, *, settings: FetchSettings | None = None, validators: Validators | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings or FetchSettings()
        self.validators = validators or Validators()
        timeout = httpx.Timeout(self.settings.timeout)
        self.client = httpx.Client(timeout=timeout, follow_redirects=False, transport=transport,
                                   headers={"User-Agent": self.settings.user_agent})
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(
        self, url: str, *, accept: tuple[PayloadKind, ...] = ("html", "feed")
    ) -> Fetched | NotModified | Rejected:
        """The body of `url` after redirects, or why not; never raises for network or server trouble."""
        try:
            return self._follow(url, accept)
        except _GiveUp as exc:
            return Rejected(url, str(exc))

    def _follow(self, url: str, accept: tuple[PayloadKind, ...]) -> Fetched | NotModified:
        seen: list[str] = []
        current = url
        while True:
            if current in seen:
                raise _GiveUp(f"redirect loop: {' -> '.join([*seen, current])}; the site is misconfigured")
            if len(seen) > self.settings.max_redirects:
                raise _GiveUp(f"more than {self.settings.max_redirects} redirects (last: {current}); giving up")
            seen.append(current)
            if urlsplit(current).scheme not in ("http", "https"):
                raise _GiveUp(f"redirected to {current}, which is not an http(s) address")
            self._check_robots(current)
            etag, modified = self.validators.get(current)
            headers = {"If-None-Match": etag} if etag else {}
            if modified:
                headers["If-Modified-Since"] = modified
            response, body = self._request(current, headers)
            if response.status_code in (301, 302, 303, 307, 308) and "location" in response.headers:
                current = urljoin(current, response.headers["location"])
                continue
            if response.status_code == 304:
                return NotModified(current)
            if response.status_code >= 400:
                raise _GiveUp(_status_reason(response))
            content_type = response.headers.get("content-type")
            kind = payload_kind(content_type, body[:2048])
            if kind not in accept:
                shown = media_type(content_type) or "no content type"
                wanted = " or ".join("an HTML page" if k == "html" else "an RSS/Atom feed" if k == "feed" else k
                                     for k in accept)
                raise _GiveUp(f"content type {shown} is not {wanted}; nothing to read")
            self._remember(current, response)
            return Fetched(url=current, content=body, content_type=content_type, kind=kind,  # type: ignore[arg-type]
                           captured=_captured(response))

    def _request(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        """GET with retries and exponential backoff; the body is streamed and cut at the size limit."""
        s = self.settings
        for attempt in range(s.retries + 1):
            self._pace(url)
            asked = None
            try:
                response, body = self._download(url, headers)
            except httpx.TimeoutException:
                problem = f"timed out after {s.timeout:g} s"
            except httpx.TransportError as exc:
                problem = f"network error ({type(exc).__name__}: {exc})"
            else:
                if response.status_code not in _RETRY_STATUSES:
                    return response, body
                problem = _status_reason(response)
                asked = _retry_after(response)
                if asked is not None and asked > _MAX_RETRY_AFTER:
                    raise _GiveUp(f"{problem}; the server asks to come back after {asked:.0f} s")
            if attempt < s.retries:
                time.sleep(max(s.backoff * 2**attempt, asked or 0.0))
        raise _GiveUp(f"{problem} ({s.retries + 1} tries); try again later")

    def _download(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        limit = self.settings.max_bytes
        deadline = time.monotonic() + self.settings.total_timeout
        with self.client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise _GiveUp(_too_big(int(declared), limit))
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise _GiveUp(_too_big(None, limit))
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout(f"download took over {self.settings.total_timeout:g} s")
                chunks.append(chunk)
            return response, b"".join(chunks)

    def _pace(self, url: str) -> None:
        host = urlsplit(url).netloc
        wait = self._last_request.get(host, -1e9) + self.settings.per_host_interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_request[host] = time.monotonic()

    def _check_robots(self, url: str) -> None:
        if not self.settings.robots:
            return
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        if not self._robots[origin].can_fetch(self.settings.user_agent, url):
            raise _GiveUp(f"robots.txt of {parts.netloc} disallows {parts.path or '/'} for crawlers; not fetched")

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser:
        rules = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            response, body = self._request(origin + "/robots.txt", {})
        except _GiveUp as exc:
            raise _GiveUp(f"cannot read {origin}/robots.txt ({exc}); not fetching from a site whose rules are "
                          "unknown") from None
        if response.status_code >= 400:  # no robots.txt (404) or none for us: everything is allowed
            rules.allow_all = True
        else:
            rules.parse(body.decode("utf-8", "replace").splitlines())
        return rules

    def _remember(self, url: str, response: httpx.Response) -> None:
        etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
        if etag or modified:
            self.validators.fresh[url] = (etag, modified)


def _status_reason(response: httpx.Response) -> str:
    reason = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
    if response.status_code == 404 or response.status_code == 410:
        return f"{reason}: the page does not exist (any more); check the address"
    if response.status_code in (401, 403):
        return f"{reason}: the site refuses access"
    return f"{reason} from the server"


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time()) if value else None
    except (TypeError, ValueError):
        return None


def _captured(response: httpx.Response) -> str:
    try:
        when = parsedate_to_datetime(response.headers.get("date", ""))
    except (TypeError, ValueError):
        when = None
    if when is None or when.tzinfo is None:
        when = datetime.now(UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")


def _too_big(declared: int | None, limit: int) -> str:
    """`declared` is None when the body was cut while streaming: how far past the limit the cut fell
    depends on the sizes of the chunks the socket happened to deliver, so only the limit is named."""
    size = f"{declared / 1e6:.1f} MB" if declared is not None else f"over {limit / 1e6:.1f} MB"
    return f"response is {size}, above the {limit / 1e6:.0f} MB limit for one input; raise --max-size"
