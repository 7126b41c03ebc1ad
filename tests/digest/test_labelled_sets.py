"""The labelled sets in benchmarks/data/digest are what the digest benchmark scores against: they must stay
as large as the issue asks, fictional, and consistent with the stories they label."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "benchmarks" / "data" / "digest"


def _jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def stories(benchmark_script) -> dict[str, dict]:
    """As benchmarks/digest.py loads them: its loader is the one the scores come from."""
    return benchmark_script("digest").load_stories()


@pytest.fixture(scope="module")
def texts(stories) -> dict[tuple[str, str], str]:
    return {(s["id"], a["id"]): "\n\n".join(a["paragraphs"]) for s in stories.values() for a in s["articles"]}


def test_every_labelled_quote_and_claim_sentence_is_in_its_article(texts):
    for quote in _jsonl("quotes.jsonl"):
        assert quote["quote"] in texts[(quote["story"], quote["article"])], quote
    for group in _jsonl("claims.jsonl"):
        for member in group["members"]:
            assert member["text"] in texts[(group["story"], member["article"])], member


def test_sets_are_as_large_as_the_issue_asks_with_a_held_out_part(texts):
    quotes, claims, entities = _jsonl("quotes.jsonl"), _jsonl("claims.jsonl"), _jsonl("entities.jsonl")
    mentions = 0
    for entity in entities:
        story_texts = [t for (s, _), t in texts.items() if s == entity["story"]]
        found = sum(len(re.findall(r"\b" + re.escape(x) + r"\b", t)) for x in entity["surfaces"] for t in story_texts)
        assert found, entity
        mentions += found
    distinct = {(e["story"], e["name"]) for e in entities}
    assert len(quotes) >= 50 and len(claims) >= 30 and len(distinct) == len(entities) >= 200 and mentions >= 400
    for rows in (quotes, claims, entities):
        assert {"dev", "heldout"} <= {r["split"] for r in rows}


def test_every_label_carries_its_story_split(stories):
    for name in ("quotes.jsonl", "claims.jsonl", "entities.jsonl", "conflicts.jsonl"):
        for row in _jsonl(name):
            assert row["split"] == stories[row["story"]]["split"], (name, row)


def test_the_stories_are_set_in_the_invented_country(texts):
    stories = {story for story, _ in texts}
    assert all(any("Veldria" in t for (s, _), t in texts.items() if s == story) for story in stories)
