"""The whole pipeline on examples/pages against the corpus's own answers in examples/EXPECTED.json."""

import json
from pathlib import Path

import pytest

import newsweave

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ANSWERS = json.loads((EXAMPLES / "EXPECTED.json").read_text())
EXPECTED = ANSWERS["pages"]
FIELDS = ("title", "published", "outlet", "agency", "authors")


@pytest.fixture(scope="module")
def result():
    return newsweave.run([EXAMPLES / "pages"])


@pytest.fixture(scope="module")
def by_page(result):
    return {str(Path(a.source).relative_to(EXAMPLES / "pages")): a for a in result.articles}


def test_every_article_page_is_extracted_and_only_non_articles_are_rejected(result, by_page):
    articles = {page for page, e in EXPECTED.items() if e["article"]}
    assert set(by_page) == articles
    rejected = {str(Path(r.source).relative_to(EXAMPLES / "pages")) for r in result.rejected}
    assert rejected == {page for page, e in EXPECTED.items() if not e["article"]}
    assert all("no article text" in r.reason for r in result.rejected)


@pytest.mark.parametrize("field", FIELDS)
def test_metadata_matches_what_the_pages_print(by_page, field):
    def printed(article):  # an estimated date is not what the page printed
        value = getattr(article, field)
        return None if field == "published" and article.published_estimated else value

    wrong = {page: (printed(a), EXPECTED[page][field]) for page, a in by_page.items()
             if printed(a) != EXPECTED[page][field]}
    assert wrong == {}


def test_copies_name_their_original(by_page):
    for page, article in by_page.items():
        original = EXPECTED[page]["copy_of"]
        assert article.copy_of == (by_page[original].id if original else None), page


def test_stories_partition_the_pages_as_intended(by_page):
    ours: dict[str, set[str]] = {}
    for page, article in by_page.items():
        ours.setdefault(article.story, set()).add(page)
    intended: dict[str, set[str]] = {}
    for page, e in EXPECTED.items():
        if e["article"]:
            intended.setdefault(e["story"], set()).add(page)
    assert sorted(map(sorted, ours.values())) == sorted(map(sorted, intended.values()))


def test_storylines_link_the_later_development(result, by_page):
    story_of = {EXPECTED[page]["story"]: a.story for page, a in by_page.items()}
    expected = [[story_of[s] for s in line] for line in ANSWERS["storylines"]]
    assert [line.stories for line in result.storylines] == expected


def test_undated_page_is_dated_from_its_story(by_page):
    undated = [page for page, e in EXPECTED.items() if e["article"] and e["published"] is None]
    for page in undated:
        assert by_page[page].published_estimated and by_page[page].published


def test_estimated_dates_survive_a_later_run_that_does_not_touch_their_story(tmp_path):
    db = tmp_path / "n.db"
    pages = EXAMPLES / "pages"
    floods = [p for p, e in EXPECTED.items() if e["story"] == "sarre-floods"]
    newsweave.run([pages / p for p in floods], db=db)
    later = newsweave.run([pages / p for p, e in EXPECTED.items() if e["story"] == "cup-final"], db=db)
    assert later.stories and all(s.headline for s in later.stories)
    from newsweave.store import Store

    with Store(db) as store:
        undated = [a for a in store.articles() if a.source.endswith("shelter-night.txt")]
        assert undated[0].published_estimated and undated[0].published
