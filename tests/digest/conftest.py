"""Fixtures for digest tests."""

from __future__ import annotations

import pytest

from newsweave.model import Article

from .helpers import AUGUST_SEEDS


@pytest.fixture
def august(seed_articles: dict[str, Article]) -> list[Article]:
    """The August 2020 Belarus story from the shared, extracted seed pages (skipped when ../shared is absent,
    failed under CI)."""
    return [seed_articles[n] for n in AUGUST_SEEDS]
