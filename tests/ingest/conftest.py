"""Fixtures for ingest tests: the fictional site on 127.0.0.1 and a fetcher with test-sized waits."""

from __future__ import annotations

import pytest

from newsweave.ingest.fetch import Fetcher, FetchSettings

from .site import SiteServer

QUICK = FetchSettings(timeout=0.5, total_timeout=5.0, retries=2, backoff=0.01, per_host_interval=0.0,
                      max_bytes=1_000_000)


@pytest.fixture
def site():
    with SiteServer() as running:
        yield running


@pytest.fixture
def fetcher():
    with Fetcher(settings=QUICK) as client:
        yield client
