"""The labelled sets in benchmarks/data/digest are what the digest benchmark scores against: they must stay
as large as the issue asks, fictional, and consistent with the stories they label."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "digest"


def _jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def texts() -> dict[tuple[str, str], str]:
    stories = json.loads((DATA / "stories.json").read_text(encoding="utf-8"))
    return {(s["id"], a["id"]): "\n\n".join(a["paragraphs"]) for s in stories for a in s["articles"]}


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
    assert len(quotes) >= 50 and len(claims) >= 30 and mentions >= 200
    for rows in (quotes, claims, entities):
        assert {"dev", "heldout"} <= {r["split"] for r in rows}


def test_the_stories_are_set_in_the_invented_country(texts):
    assert all("Veldria" in t or "Veldrian" in t for (_, article), t in texts.items() if article.endswith("1"))
