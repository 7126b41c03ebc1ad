"""Helpers for digest tests: fictional articles built from text (the seed pages come from the shared
`seed_articles` fixture in tests/conftest.py, extracted by newsweave itself)."""

from __future__ import annotations

from newsweave.model import Article

# The August 2020 Belarus story: seeds 000, 001, 002 and 004 (003 is a later story).
AUGUST_SEEDS = ("000", "001", "002", "004")


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
