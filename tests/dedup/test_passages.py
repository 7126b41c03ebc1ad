"""find_shared_passages on two versions of a fictional wire story and on the seed pages."""

from pathlib import Path

import pytest

from newsweave.dedup.passages import find_shared_passages
from newsweave.model import Article, SharedPassage

DATA = Path(__file__).parent / "data"  # fictional texts written for these tests: every name is invented


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8").strip()


V1 = read("wire_v1.txt")
# The update, lightly edited further: "had warned" -> "warned", a word dropped.
V2 = (
    read("wire_v2.txt")
    .replace("said it had warned", "said it warned")
    .replace("on the older cranes", "on older cranes")
)


def article(id: str, text: str, published: str | None = None) -> Article:
    return Article(id=id, source=f"test:{id}", text=text, published=published)


def openings(passages: list[SharedPassage], articles: dict[str, Article], id: str, n: int = 4) -> set[str]:
    """The first n words of each passage's span in article `id`."""
    found = set()
    for passage in passages:
        for span in passage.spans:
            if span.article == id:
                found.add(" ".join(articles[id].text[span.start : span.end].split()[:n]))
    return found


def assert_spans_are_paragraphs(passages: list[SharedPassage], articles: dict[str, Article]) -> None:
    for passage in passages:
        for span in passage.spans:
            assert articles[span.article].text[span.start : span.end] in articles[span.article].paragraphs()


def test_paragraphs_kept_in_an_update_are_found_exact_and_lightly_edited() -> None:
    articles = {"v1": article("v1", V1, "2024-03-05T08:30"), "v2": article("v2", V2, "2024-03-07T10:00")}

    passages = find_shared_passages(list(articles.values()), {})

    assert openings(passages, articles, "v1") == {
        "No one was killed,",  # v2: "in Tuesday's collapse", "at the time"; v1's second sentence cut
        "Port Alder handles about",
        "The collapse is the",
        "The dock workers' union",  # "had warned" / "warned", "the older" / "older"
        "Transport minister Dario Kessel",
        "Economists at the Bank",
    }
    assert all([s.article for s in p.spans] == ["v1", "v2"] for p in passages)
    assert_spans_are_paragraphs(passages, articles)
    # The earliest article's version is the passage text.
    assert passages[0].text == V1.split("\n\n")[1]


def test_a_copy_shares_no_passages_with_its_original_but_carries_those_reused_elsewhere() -> None:
    original = article("original", V1, "2024-03-05T08:30")
    copy = article("copy", V1, "2024-03-05T09:00")
    update = article("update", V2, "2024-03-07T10:00")

    assert find_shared_passages([original, copy], {"copy": "original"}) == []
    passages = find_shared_passages([update, copy, original], {"copy": "original"})
    assert len(passages) == 6
    assert all([s.article for s in p.spans] == ["original", "copy", "update"] for p in passages)


def test_a_paragraph_quoted_inside_a_much_longer_paragraph_is_not_a_shared_paragraph() -> None:
    # One outlet runs the whole report into one paragraph, as some page dumps do.
    run_on = article("run-on", " ".join(V1.split("\n\n")), "2024-03-05T09:00")

    assert find_shared_passages([article("v1", V1, "2024-03-05T08:30"), run_on], {}) == []


def test_spans_are_exact_offsets_into_irregularly_spaced_text() -> None:
    paragraph = V1.split("\n\n")[2]
    untidy = f"\n\n\n  {paragraph}  \n\n \n\nA closing line of the other report."
    articles = {"v1": article("v1", V1), "untidy": article("untidy", untidy)}

    (passage,) = find_shared_passages(list(articles.values()), {})

    (span,) = [s for s in passage.spans if s.article == "untidy"]
    assert untidy[span.start : span.end] == paragraph


def test_paragraphs_under_min_words_are_ignored() -> None:
    short = "Port Alder handles most of Veloria's trade."
    articles = [article("a", f"{short}\n\nFirst report."), article("b", f"{short}\n\nSecond report.")]

    assert find_shared_passages(articles, {}, min_words=12) == []
    assert len(find_shared_passages(articles, {}, min_words=5)) == 1


def test_seed_reuters_reports_share_their_lightly_edited_paragraphs_and_nothing_else(seed_articles) -> None:
    passages = find_shared_passages(list(seed_articles.values()), {})

    assert all({s.article for s in p.spans} == {"000", "001"} for p in passages)
    # The five paragraphs the two reports share near their ends, and four background paragraphs
    # reused with small edits ("The EU" for "The European Union", a clause cut, "had signed"/"signed").
    assert len(openings(passages, seed_articles, "000")) == 9
    assert_spans_are_paragraphs(passages, seed_articles)


@pytest.mark.parametrize(
    ("setting", "value"), [("min_words", 0), ("min_coverage", 0.0), ("min_coverage", 1.2), ("min_length_ratio", 0.0)]
)
def test_invalid_settings_name_the_parameter(setting: str, value: float) -> None:
    with pytest.raises(ValueError, match=rf"{setting} must be .*; got {value!r}"):
        find_shared_passages([], {}, **{setting: value})
