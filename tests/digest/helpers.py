"""Helpers for digest tests: articles from text, and the captured seed pages as rough articles read at test time."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.model import Article

SHARED = Path(__file__).parents[2].parent / "shared"
SEEDS = SHARED / "seeds"

# Publication facts as printed on the pages; the extractor is written in parallel, so tests set them.
_META = {
    "000": {"published": "2020-08-16T07:35", "agency": "Reuters", "outlet": "The Business Standard"},
    "001": {"published": "2020-08-16T17:45", "agency": "Reuters", "outlet": "The Business Standard"},
    "002": {"published": "2020-08-15T17:30", "agency": None, "outlet": None},
    "003": {"published": "2020-09-13T19:11", "agency": "Reuters", "outlet": None},
    "004": {"published": None, "agency": None, "outlet": None},
}
_TITLED = {"000", "001", "002"}


def seed_article(number: str) -> Article:
    """A seed page as an article: lines of at least 12 words stand in for the extracted paragraphs."""
    if not SEEDS.is_dir():
        pytest.skip(f"../shared/seeds not found: {SEEDS}")
    path = next(SEEDS.glob(f"{number}_*.txt"))
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    paragraphs = [line for line in lines if len(line.split()) >= 12]
    first = next(line for line in lines if line)
    title = first.split(" | ")[0] if number in _TITLED else None
    meta = _META[number]
    return Article(
        id=number,
        source=str(path),
        text="\n\n".join(paragraphs),
        title=title,
        published=meta["published"],
        agency=meta["agency"],
        outlet=meta["outlet"],
    )


def august_story() -> list[Article]:
    """The August 2020 Belarus story: seeds 000, 001, 002 and 004 (003 is a later story)."""
    return [seed_article(n) for n in ("000", "001", "002", "004")]


def article(id: str, *paragraphs: str, **fields) -> Article:
    """A fixture article whose paragraphs are given one by one."""
    return Article(id=id, source=f"fixture:{id}", text="\n\n".join(paragraphs), **fields)


def flood_story() -> list[Article]:
    """A fictional story told by a wire service (two outlets), a local paper, and a copy of the paper."""
    wire_a = article(
        "w1",
        "Floodwater swept through the fishing town of Port Teverin on Saturday, forcing 4,000 residents from "
        "their homes after the Aldmere river burst its banks.",
        "Mayor Dunstan Fairweather said the town had never seen water so high and asked the Veskan government "
        "for emergency funds.",
        "The Veskan Ministry of Works said it would send 200 engineers to rebuild the harbour wall.",
        "Rescue boats searched the lower town through the night.",
        published="2031-04-13T09:00",
        agency="Wirepress",
        outlet="The Coastal Ledger",
        title="Floods force thousands from Port Teverin homes",
    )
    wire_b = article(
        "w2",
        "Floodwater swept through the fishing town of Port Teverin on Saturday, forcing 4,000 residents from "
        "their homes after the Aldmere river burst its banks.",
        "The Veskan Ministry of Works said it would send 200 engineers to rebuild the harbour wall.",
        "Shops in the market square stayed shut on Sunday as owners counted their losses.",
        published="2031-04-13T11:00",
        agency="Wirepress",
        outlet="Northern Daily",
    )
    local = article(
        "p1",
        "About 4,000 people were forced from their homes in Port Teverin on Saturday when the Aldmere river "
        "burst its banks and floodwater swept through the fishing town.",
        "The town council said schools would stay closed until the water had gone down.",
        "Volunteers from three neighbouring villages filled sandbags along the quay.",
        published="2031-04-13T15:30",
        outlet="Teverin Gazette",
    )
    copy = article(
        "p1-copy",
        local.text,
        published="2031-04-14T08:00",
        outlet="Regional Digest",
        copy_of="p1",
    )
    return [wire_a, wire_b, local, copy]
