"""Fixtures for digest tests."""

from __future__ import annotations

import pytest

from newsweave.model import Article

from .helpers import august_story


@pytest.fixture(scope="session")
def august() -> list[Article]:
    """The August 2020 Belarus story built from the seed pages (skipped when ../shared is absent)."""
    return august_story()
