"""Text dumps that are broken in the ways captured pages are: each extracts or is rejected with a reason."""

import pytest

from newsweave.extract.lines import split_lines
from newsweave.extract.result import NoArticle
from newsweave.extract.textpage import extract_text_page

BODY = [
    "The Kessel Ford water board said on Monday that the River Sarre had fallen below its flood mark.",
    "Engineers from the Veldrian coast authority will inspect the damaged banks over the coming week.",
    "Families who left their homes in Market Square may return from Wednesday, the board said.",
    "A full report on the flood is due before the council meets in June, officials added.",
]
PAGE = "\n".join(["Sarre Valley Herald", "Home | News | Weather", "River Sarre falls below flood mark", *BODY,
                  "Related News", "Valden tram fares to rise", "© 2031 Sarre Valley Herald"])


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends_do_not_change_the_article(newline):
    found = extract_text_page(PAGE.replace("\n", newline))
    assert found.text.split("\n\n") == BODY


def test_nul_bytes_and_a_ten_megabyte_line_do_not_crash():
    noisy = PAGE.replace("Home | News", "Home\x00 | News\x00") + "\n" + "x" * 10_000_000
    found = extract_text_page(noisy)
    assert BODY[0] in found.text


def test_cjk_lines_are_counted_by_characters_not_as_one_word():
    sentence = "港口城市的议会周二投票决定修建一座新的防波堤以保护码头免受冬季风暴的侵袭。"  # fictional report
    (line,) = split_lines(sentence)
    assert 15 <= line.words <= 25


def test_a_page_of_headlines_is_rejected_with_a_reason():
    page = "\n".join(f"Veldria headline number {i} about the harbour" for i in range(60))
    with pytest.raises(NoArticle, match="no article text"):
        extract_text_page(page)


def test_an_empty_page_is_rejected_with_a_reason():
    with pytest.raises(NoArticle, match="no article text"):
        extract_text_page("\n\n  \n")
