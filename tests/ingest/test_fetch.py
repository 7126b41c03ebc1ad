"""Fetching against the fictional site on 127.0.0.1: every failure is a reason, never an exception."""

from __future__ import annotations

import time

from newsweave.ingest.fetch import Fetched, Fetcher, FetchSettings, NotModified, Validators
from newsweave.model import Rejected

from .conftest import QUICK


def test_page_is_fetched_with_its_type_and_validators(site, fetcher):
    found = fetcher.fetch(f"{site.base}/news/ferry.html")
    assert isinstance(found, Fetched) and found.kind == "html"
    assert b"Port Alder ferry crews" in found.content
    assert fetcher.validators.fresh[f"{site.base}/news/ferry.html"] == ('"ferry-v1"', None)
    assert site.count("/robots.txt") == 1


def test_redirect_is_followed_to_the_final_address(site, fetcher):
    found = fetcher.fetch(f"{site.base}/moved")
    assert isinstance(found, Fetched) and found.url == f"{site.base}/news/ferry.html"


def test_redirect_loop_is_rejected_naming_the_loop(site, fetcher):
    found = fetcher.fetch(f"{site.base}/loop-a")
    assert isinstance(found, Rejected)
    assert found.reason.startswith("redirect loop") and "/loop-b" in found.reason


def test_too_many_redirects_are_rejected(site):
    with Fetcher(settings=FetchSettings(**{**_quick(), "max_redirects": 0})) as strict:
        found = strict.fetch(f"{site.base}/moved")
    assert isinstance(found, Rejected) and "more than 0 redirects" in found.reason


def test_404_is_rejected_without_retrying(site, fetcher):
    found = fetcher.fetch(f"{site.base}/nowhere")
    assert isinstance(found, Rejected) and "HTTP 404" in found.reason and "does not exist" in found.reason
    assert site.count("/nowhere") == 1


def test_500_is_retried_with_backoff_until_it_succeeds(site, fetcher):
    site.flaky_failures = 2
    found = fetcher.fetch(f"{site.base}/flaky")
    assert isinstance(found, Fetched) and b"tram fares" in found.content
    assert site.count("/flaky") == 3
    first, second, third = [t for p, t, _ in site.hits if p == "/flaky"]
    assert third - second >= 2 * QUICK.backoff * 0.9  # the wait doubles


def test_server_that_stays_down_is_rejected_after_the_retries(site, fetcher):
    found = fetcher.fetch(f"{site.base}/always-500")
    assert isinstance(found, Rejected) and "HTTP 503" in found.reason and "3 tries" in found.reason
    assert site.count("/always-500") == QUICK.retries + 1


def test_slow_response_times_out(site, fetcher):
    site.slow_seconds = 1.5
    found = fetcher.fetch(f"{site.base}/slow")
    assert isinstance(found, Rejected) and "timed out after 0.5 s" in found.reason


def test_huge_response_is_refused_by_declared_length(site, fetcher):
    found = fetcher.fetch(f"{site.base}/huge")
    assert isinstance(found, Rejected) and "above the 1 MB limit" in found.reason


def test_huge_response_without_length_is_cut_while_streaming(site, fetcher):
    found = fetcher.fetch(f"{site.base}/huge-chunked")
    assert isinstance(found, Rejected) and "over 1.0 MB" in found.reason and "--max-size" in found.reason


def test_wrong_content_types_are_rejected(site, fetcher):
    png = fetcher.fetch(f"{site.base}/photo.png")
    data = fetcher.fetch(f"{site.base}/data.json")
    assert isinstance(png, Rejected) and "image/png is not an HTML page or an RSS/Atom feed" in png.reason
    assert isinstance(data, Rejected) and "application/json" in data.reason


def test_feed_served_as_generic_xml_is_sniffed(site, fetcher):
    found = fetcher.fetch(f"{site.base}/feed-as-xml")
    assert isinstance(found, Fetched) and found.kind == "feed"


def test_robots_txt_disallow_is_respected(site, fetcher):
    found = fetcher.fetch(f"{site.base}/private/ferry.html")
    assert isinstance(found, Rejected) and "robots.txt" in found.reason
    assert site.count("/private/ferry.html") == 0


def test_conditional_get_sends_etag_and_last_modified_and_gets_304(site):
    validators = Validators()
    with Fetcher(settings=QUICK, validators=validators) as first:
        assert isinstance(first.fetch(f"{site.base}/news/ferry.html"), Fetched)
        assert isinstance(first.fetch(f"{site.base}/news/tram.html"), Fetched)
    validators.known.update(validators.fresh)  # as a later run would load them from the store
    validators.fresh.clear()
    with Fetcher(settings=QUICK, validators=validators) as second:
        assert isinstance(second.fetch(f"{site.base}/news/ferry.html"), NotModified)
        assert isinstance(second.fetch(f"{site.base}/news/tram.html"), NotModified)
    ferry_headers = [h for p, _, h in site.hits if p == "/news/ferry.html"][-1]
    tram_headers = [h for p, _, h in site.hits if p == "/news/tram.html"][-1]
    assert ferry_headers["If-None-Match"] == '"ferry-v1"'
    assert tram_headers["If-Modified-Since"] == "Mon, 12 May 2031 19:15:00 GMT"


def test_requests_to_one_host_are_spaced_by_the_rate_limit(site):
    # Judged by the client's own clock over all four requests (robots.txt, then three pages): a busy
    # machine can only lengthen that, where gaps seen by the server can shrink when one request is late.
    began = time.monotonic()
    with Fetcher(settings=FetchSettings(**{**_quick(), "per_host_interval": 0.2})) as polite:
        for _ in range(3):
            polite.fetch(f"{site.base}/news/ferry.html")
    assert len(site.hits) == 4
    assert time.monotonic() - began >= 3 * 0.2 - 0.01


def test_unreachable_host_is_a_network_error_reason():
    with Fetcher(settings=QUICK) as client:
        found = client.fetch("http://127.0.0.1:9/news.html")  # discard port: nothing listens
    assert isinstance(found, Rejected)
    assert "robots.txt" in found.reason and "network error" in found.reason


def _quick() -> dict:
    return {name: getattr(QUICK, name) for name in QUICK.__slots__}
