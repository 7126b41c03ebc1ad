from pathlib import Path

import pytest

from newsweave.extract.result import NoArticle
from newsweave.extract.textpage import extract_text_page

FERRY = (Path(__file__).parent / "fixtures" / "ferry-page.txt").read_text()


def test_body_keeps_every_paragraph_and_drops_the_chrome():
    found = extract_text_page(FERRY)
    paragraphs = found.text.split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("Crews of the Port Alder ferry line stopped work at dawn")
    assert paragraphs[-1] == "Transport Minister Tomas Verhoek said he would meet both sides on Friday."
    for chrome in ("WhatsApp", "Valden tram fares", "Photo:", "moderation", "Related", "Container volumes",
                   "All rights reserved", "Ferries / Port Alder"):
        assert chrome not in found.text
    assert found.method == "text-lines"


def test_metadata_is_the_articles_not_the_capture_dates():
    found = extract_text_page(FERRY)
    assert found.title == "Ferry crews walk out as Port Alder talks stall"
    assert found.published == "2031-05-14T09:12"
    assert found.updated == "2031-05-14T11:40"
    assert found.outlet == "The Meridian Chronicle"


def test_wire_credit_line_and_byline():
    page = FERRY.replace("Lantern Wire\n14 May", "By Mira Castellane and Jon Ives\n14 May")
    found = extract_text_page(page.replace("Crews of the Port Alder ferry line stopped work at dawn, stranding",
                                           "PORT ALDER (Reuters) - Crews of the Port Alder ferry line stopped work "
                                           "at dawn, stranding"))
    assert found.authors == ["Mira Castellane", "Jon Ives"]
    assert found.agency == "Reuters"
    assert found.dateline == "PORT ALDER"


def test_page_of_headline_lists_is_not_an_article():
    page = "\n".join(f"  • Fictional headline number {i} about Valden" for i in range(40))
    with pytest.raises(NoArticle, match="no article text"):
        extract_text_page(page)


def test_a_comment_thread_below_the_article_is_not_article_text():
    # The model keeps this thread's comments (they read like prose); its heading ends the article.
    found = extract_text_page((Path(__file__).parent / "fixtures" / "comments-page.txt").read_text())
    assert found.text.startswith("Kestrel plans to bring the low-profile keyboard")
    assert "usually announces new laptops at its spring event in Valden." in found.text
    for comment in ("48 comments", "Top Rated Comments", "type all day", "borders", "Rating:", "lindqvist_74"):
        assert comment not in found.text
