"""HTML extraction: the fast path's body, the fallback to trafilatura, and the page's declared metadata.

The pages in fixtures/html-*.html are fiction written for these tests (Veldria, invented outlets)."""

import subprocess
import sys
from pathlib import Path

import pytest

from newsweave.extract import extract
from newsweave.extract import html as html_module
from newsweave.extract.html import UNSURE_BELOW, extract_html
from newsweave.extract.html_body import (
    _CHROME,
    Seen,
    _blocks,
    _names_chrome,
    _prose_by_container,
    find_body,
    parse,
    word_count,
)
from newsweave.extract.result import NoArticle
from newsweave.model import Document, Rejected

FIXTURES = Path(__file__).parent / "fixtures"


def page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_fast_path_keeps_every_paragraph_and_subheading_of_a_labelled_article():
    found = extract_html(page("html-jsonld-article.html"))
    assert found.method == "html-fast"
    paragraphs = found.text.split("\n\n")
    assert paragraphs[0].startswith("PORT ALDER, Veldria - Ferry crews")
    assert paragraphs[-1].endswith("until the end of June.")
    assert "Islanders relieved" in paragraphs
    assert sum("Elsa Morrow" in p for p in paragraphs) == 1


@pytest.mark.parametrize("chrome", [
    "cookies", "Sport", "Share on social media", "Related stories", "Dock strike halts port",
    "grandmother", "All rights reserved", "Photo: Harbourview Times", "trackingQueue", "display: flex",
])
def test_fast_path_leaves_out_page_chrome(chrome):
    assert chrome not in extract_html(page("html-jsonld-article.html")).text


def test_headline_is_not_repeated_in_the_body():
    found = extract_html(page("html-jsonld-article.html"))
    assert "night-long talks" not in found.text


def test_json_ld_gives_title_times_authors_outlet_and_language():
    found = extract_html(page("html-jsonld-article.html"))
    assert found.title == "Ferry crews at Port Alder back new rota after night-long talks"
    assert found.published == "2031-06-09T06:45:00+02:00"
    assert found.updated == "2031-06-09T11:20:00+02:00"
    assert found.authors == ["Mira Castellane", "Tobin Arkwright"]
    assert found.outlet == "The Harbourview Times"
    assert found.url == "https://harbourview-times.example/news/2031/06/ferry-crews-back-new-rota"
    assert found.language == "en"
    assert found.dateline == "PORT ALDER"


def test_meta_tags_stand_in_when_json_ld_is_broken():
    found = extract_html(page("html-meta-tags-article.html"))
    assert found.title == "Kessler-Werft stellt 200 Lehrlinge ein"
    assert found.published == "2031-04-02T08:15:00+00:00"
    assert found.updated == "2031-04-02T14:05:30+00:00"
    assert found.authors == ["Ilse Brandauer"]
    assert found.outlet == "Valden Tagespost"
    assert found.url == "https://valden-tagespost.example/wirtschaft/kessler-werft-lehrlinge"
    assert found.language == "de"
    assert "zweihundert neue Lehrlinge" in found.text
    assert "Meistgelesen" not in found.text and "Hafenstreik beendet" not in found.text


def test_visible_byline_date_author_link_and_title_suffix_are_read_without_declared_metadata():
    found = extract_html(page("html-visible-date-article.html"))
    assert found.published == "2031-07-14"
    assert found.authors == ["Hanna Voss"]
    assert found.title == "Ostry bridge reopens to traffic after repairs"
    assert found.outlet == "Sarre Valley Courier"
    assert found.url is None
    assert "Crossword" not in found.text and "showers later" not in found.text
    assert found.text.startswith("The road bridge over the River Sarre at Ostry reopened")


def test_page_without_a_printed_date_has_no_publication_time():
    found = extract_html(page("html-undated-article.html"))
    assert found.published is None
    assert found.updated is None


def test_capture_time_never_becomes_the_publication_time():
    doc = Document(source="capture.warc#3", kind="html", content=page("html-undated-article.html"), digest="ab" * 32,
                   url="https://lindgate-listener.example/choir", captured="2031-09-01T10:00:00Z")
    article = extract(doc)
    assert not isinstance(article, Rejected)
    assert article.published is None
    assert article.url == "https://lindgate-listener.example/choir"


def test_url_given_by_the_caller_is_kept_when_the_page_declares_none():
    found = extract_html(page("html-visible-date-article.html"), url="https://svc.example/ostry-bridge")
    assert found.url == "https://svc.example/ostry-bridge"


def test_unsure_fast_path_hands_the_page_to_trafilatura():
    html = page("html-short-notice.html")
    assert find_body(parse(html)).confidence < 0.8  # text in a <div> with <br>, no paragraphs
    found = extract_html(html)
    assert found.method == "trafilatura"
    assert "evening ferry from Port Alder will leave at 19:40" in found.text
    assert "change their tickets free of charge" in found.text


def test_fallback_keeps_a_page_wrapped_in_a_form_and_drops_what_never_holds_text():
    """ASP.NET pages put the whole page in one <form>: the markup removed before trafilatura must not
    take the article with it, while scripts and controls go."""
    html = page("html-short-notice.html").replace(
        '<div class="page">', '<form id="aspnetForm" method="post"><div class="page">'
        '<script>var notice = "Timetable widget loading, please wait for the ferry planner.";</script>'
        '<button type="button">Open the ferry planner for every crossing this week</button>'
    ).replace("</body>", "</form></body>")
    found = extract_html(html)
    assert found.method == "trafilatura"
    assert "evening ferry from Port Alder will leave at 19:40" in found.text
    assert "ferry planner" not in found.text


def test_fallback_page_has_no_navigation_or_footer_but_keeps_forms(monkeypatch):
    """trafilatura's cleaning drops <nav> and <footer> before its main extractor, but readability and
    jusText would read them: they go before trafilatura sees the page; the <form> holding the article stays."""
    given = _count_trafilatura_calls(monkeypatch)
    html = page("html-short-notice.html").replace(
        '<div class="page">', '<nav><a href="/">Home</a> <a href="/ferries">Ferries</a></nav>'
        '<form id="aspnetForm" method="post"><div class="page">'
    ).replace("</body>", "</form><footer>Copyright Harbour Notices (fictional)</footer></body>")
    found = extract_html(html)
    assert found.method == "trafilatura"
    assert "evening ferry from Port Alder will leave at 19:40" in found.text
    assert len(given) == 1
    assert "<nav" not in given[0] and "<footer" not in given[0] and "Copyright Harbour" not in given[0]
    assert '<form id="aspnetForm"' in given[0]


def _count_trafilatura_calls(monkeypatch) -> list[str]:
    given: list[str] = []
    real_extract = html_module.trafilatura.extract

    def spy(page, **options):
        given.append(page)
        return real_extract(page, **options)

    monkeypatch.setattr(html_module.trafilatura, "extract", spy)
    return given


@pytest.mark.parametrize(("fixture", "method", "trafilatura_calls", "phrases"), [
    # a short brief: too few words for the fast path to be sure, but resiliparse reads the same text
    ("html-short-brief.html", "html-fast-agreed", 0,
     ["The footpath around the fictional Lindgate reservoir", "once the contractors have left."]),
    # a programme in a list: resiliparse drops the list items the article is made of
    ("html-programme-list.html", "trafilatura", 1,
     ["kite workshop behind the town hall", "park-and-ride bus runs every twenty minutes"]),
])
def test_unsure_body_is_kept_only_when_resiliparse_agrees(monkeypatch, fixture, method, trafilatura_calls, phrases):
    given = _count_trafilatura_calls(monkeypatch)
    html = page(fixture)
    assert find_body(parse(html)).confidence < UNSURE_BELOW
    found = extract_html(html)
    assert found.method == method
    assert len(given) == trafilatura_calls
    assert all(phrase in found.text for phrase in phrases)
    assert "Lindgate Listener" not in found.text  # the masthead resiliparse keeps is never taken from it


def test_a_lone_surrogate_does_not_stop_the_second_opinion():
    """JSONL can carry "\\ud800" escapes into a page's text; resiliparse refuses such a string outright."""
    html = page("html-short-brief.html").replace("six weeks of repairs", "six weeks \ud800 of repairs")
    found = extract_html(html)
    assert found.method == "html-fast-agreed"
    assert "reservoir reopened on Thursday" in found.text


def test_a_page_nested_too_deep_for_a_second_reader_keeps_the_fast_path_body(monkeypatch):
    """Below ~254 nested elements trafilatura's parser sees nothing, and resiliparse's time grows with the
    square of the depth: neither is asked, and the body the fast path found is kept."""
    asked = []
    monkeypatch.setattr(html_module, "extract_plain_text", lambda page, **options: asked.append(page) or "")
    given = _count_trafilatura_calls(monkeypatch)
    brief = page("html-short-brief.html")
    assert html_module._second_opinion(brief, ["anything"]) == 0.0 and len(asked) == 1  # the spy is in place
    deep = brief.replace('<div class="story">', '<div class="story">' + "<div>" * 300).replace(
        "</div>\n</body>", "</div>" * 300 + "</div>\n</body>")
    assert find_body(parse(deep)).confidence < UNSURE_BELOW
    found = extract_html(deep)
    assert len(asked) == 1 and not given
    assert found.method == "html-fast"
    assert found.text.startswith("The footpath around the fictional Lindgate reservoir reopened on Thursday")


def test_confident_fast_path_is_not_second_guessed():
    assert find_body(parse(page("html-jsonld-article.html"))).confidence >= 0.8


def test_headline_list_is_rejected_with_a_reason():
    with pytest.raises(NoArticle, match="index or a headline list"):
        extract_html(page("html-index-page.html"))


def test_bad_html_becomes_a_rejection_not_a_crash():
    for content in ("<html><body></body></html>", "<<<>>>", "<p>too short</p>", "\x00\x01garbage"):
        doc = Document(source="bad.html", kind="html", content=content, digest="cd" * 32)
        result = extract(doc)
        assert isinstance(result, Rejected)
        assert result.reason.startswith("no article text")


def test_japanese_text_counts_as_words_though_it_has_no_spaces():
    sentence = "ヴェルドリアの港で新しいフェリーが運航を始めました。"
    assert word_count(sentence) >= 10
    assert word_count("Ferry crews voted on Monday") == 5


def test_printed_byline_names_the_author_when_nothing_is_declared():
    html = page("html-undated-article.html").replace(
        "<h1>Lindgate choir wins national title</h1>",
        '<h1>Lindgate choir wins national title</h1><span class="author">By Greta Holm, Arts correspondent</span>',
    )
    assert extract_html(html).authors == ["Greta Holm"]


@pytest.mark.parametrize("declared", [
    "2031-04-02 08:15:00 GMT",  # a CMS's own shape: ISO-like date and time with a zone name
    '"2031-04-02T08:15:00Z"',  # JSON quotes left in the attribute
    "Wed, 02 Apr 2031 08:15:00 +0000",  # RFC 2822, as in feeds
])
def test_declared_times_in_common_shapes_are_normalised_to_iso(declared):
    html = page("html-meta-tags-article.html").replace('content="2031-04-02T08:15:00Z"', f"content='{declared}'")
    assert extract_html(html).published == "2031-04-02T08:15:00+00:00"


def test_a_paragraph_made_of_links_inside_the_article_is_left_out_and_recorded():
    teasers = ('<p><a href="/c">Skarrow Lines orders two new ferries for the island route</a> and '
               '<a href="/d">Harbour master retires after thirty years at Port Alder</a></p>')
    html = page("html-jsonld-article.html").replace("<aside", teasers + "<aside", 1)
    found = extract_html(html)
    assert found.method == "html-fast"
    assert "orders two new ferries" not in found.text
    assert "until the end of June." in found.text
    assert any("orders two new ferries" in text for text in found.removed)


@pytest.mark.parametrize("label", [
    "share-bar ", "article-body post-content", "c-social__links ", "Related_Stories ", "related-stories", "ADS slot",
    "loaded ", "shared-photo", "header-ad ", " author-bio", "author_bio ", "author-biography", "sr-only ",
    "visually-hidden", "most_read", "Most-Read widget", "read-more-link", "moretags ", "tagline ", "\u017fhare ",
    "bo\u00eete-share ", "menu\n", "x\x1cnav", "", " ", "newsletter-signup-form promo",
])
def test_chrome_labels_are_judged_as_the_regex_judges_them(label):
    # the word lookup stands in for the regex on ASCII labels; it must never answer differently
    assert _names_chrome(label) == bool(_CHROME.search(label))


def test_word_counts_kept_from_the_prose_pass_equal_a_recount_of_the_cleaned_paragraphs():
    # counts are taken on raw block text (non-breaking spaces, tabs, kana) and reused for cleaned paragraphs
    extra = ("<p>Ferry\u00a0crews voted\ton Monday to end the strike at Port Alder after three weeks.</p>"
             "<p>ヴェルドリアの港で新しいフェリーが運航を始めました。 乗客は  喜んでいます。</p><li>Short item</li>")
    tree = parse(page("html-jsonld-article.html").replace("<aside", extra + "<aside", 1))
    tree.strip_tags(["script", "style", "aside", "nav", "footer"])
    seen = Seen()
    prose, _ = _prose_by_container(tree.body, seen)
    paragraphs, counts = _blocks(tree.body, [], seen)
    assert "Ferry crews voted on Monday to end the strike at Port Alder after three weeks." in paragraphs
    assert any(p.startswith("ヴェルドリアの港で") for p in paragraphs)
    assert counts == [word_count(p) for p in paragraphs]


def test_reading_html_does_not_import_scikit_learn():
    """scikit-learn takes over a second to import; the HTML path (token_f1 from metrics) must not pull it in."""
    code = ("import sys; from newsweave.extract.html import extract_html; "
            "extract_html(open(sys.argv[1]).read()); print('sklearn' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code, str(FIXTURES / "html-short-brief.html")],
                           capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"
