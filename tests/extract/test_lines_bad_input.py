"""Text dumps that are broken in the ways captured pages are: each extracts or is rejected with a reason."""

import pytest

from newsweave.extract.language import detect_language
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


# Point 5 of issue 3 end to end, from the bytes on disk: decoding (charset-normalizer), then extraction.
JAPANESE = [
    "ヴァルデン市議会は十八日、市中心部と北部のオストヴィク地区を結ぶ新しい路面電車線の建設を承認した。住民が二十年以上求めてきた計画で、"
    "採決には多くの住民が傍聴に訪れた。",
    "新線は全長七キロで十一の停留所を設け、2035年の開業を予定している。総工費は約六億四千万クローネで、その三分の二を国の交通基金が負担する。",
    "計画を推進してきた市議は、中心部までの所要時間がバスの四十分から十五分に短縮されると述べた。野党議員も計画を支持したが、予算超過を警告した。",
]
CHINESE = [
    "瓦尔登市议会十八日批准修建一条连接市中心与北部奥斯特维克区的新电车线路，这一项目当地居民已呼吁了二十多年，投票当天有许多居民到场旁听。",
    "新线路全长七公里，设十一个车站，预计于2035年通车。市议会估算工程总造价为六亿四千万克朗，其中三分之二将来自国家交通基金。",
    "市议员表示，新线路将把前往市中心的通勤时间从乘坐公交车的四十分钟缩短至十五分钟。反对派议员支持该计划，但警告称以往的电车项目曾大幅超出预算。",
]


def _extract_file(path):
    from newsweave.extract import extract
    from newsweave.ingest.files import read_file

    (doc,) = read_file(path)
    return extract(doc)


@pytest.mark.parametrize(("encoding", "masthead", "title", "paragraphs", "language"), [
    ("shift_jis", "ヴェルドリア新報", "ヴァルデン市議会、新路面電車線を承認", JAPANESE, "ja"),
    ("gb18030", "韦尔德里亚时报", "瓦尔登电车新线路获批", CHINESE, "zh"),
])
def test_legacy_east_asian_encodings_are_detected_and_read(tmp_path, encoding, masthead, title, paragraphs, language):
    footer = "关于我们" if language == "zh" else "利用規約"
    page = "\n".join([masthead, title, "2031年8月19日 07:45", *paragraphs, footer])
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(page.encode(encoding))
    article = _extract_file(path)
    assert article.text.split("\n\n")[:2] == paragraphs[:2]  # decoded intact (which lines are body is lines.py's)
    assert (article.title, article.published, article.language) == (title, "2031-08-19T07:45", language)


def test_short_cjk_sentences_are_prose():
    sentences = ["港口城市的议会周二投票决定修建新的防波堤。", "工程预计四年完成，总造价二十一亿克朗。",
                 "渔民协会表示将请求法院审查这一决定。", "第一段工程将于明年春天开工。"]
    lines = split_lines("\n".join(sentences))
    assert all(line.prose for line in lines)


def test_an_arabic_page_keeps_its_script_and_language():
    body = [
        "وافق مجلس مدينة فالدن يوم الاثنين على إنشاء خط ترام جديد يربط وسط المدينة بحي أوستفيك الشمالي بعد نقاش طويل.",
        "ويبلغ طول الخط سبعة كيلومترات ويضم أحد عشر موقفا، ومن المتوقع افتتاحه في عام ألفين وخمسة وثلاثين.",
        "وقال أعضاء في المجلس إن الخط سيختصر الرحلة إلى وسط المدينة من أربعين دقيقة بالحافلة إلى خمس عشرة دقيقة.",
    ]
    found = extract_text_page("\n".join(["صحيفة فالدن", "مجلس فالدن يوافق على خط ترام جديد", *body]))
    assert found.text.split("\n\n") == body and found.title == "مجلس فالدن يوافق على خط ترام جديد"
    assert detect_language(found.text) == "ar"


def test_a_file_mixing_utf8_and_windows_1252_still_yields_its_article(tmp_path):
    # a UTF-8 page whose footer was pasted in from a Windows-1252 file: not valid UTF-8 as a whole
    path = tmp_path / "mixed.txt"
    path.write_bytes(PAGE.encode("utf-8") + "\nCafé Söder — Valden’s best breakfast".encode("cp1252"))
    article = _extract_file(path)
    assert article.text.split("\n\n") == BODY
    assert article.title == "River Sarre falls below flood mark"


def test_mojibake_does_not_stop_the_article_or_its_metadata():
    # UTF-8 read as Windows-1252 upstream: "Lindgate’s" arrives as "Lindgateâ€™s"
    garbled = [line.encode("utf-8").decode("cp1252", errors="replace") for line in (
        "Lindgate’s café owners say the flood cost them a season’s trade — and more.",
        *BODY,
    )]
    page = "\n".join(["Sarre Valley Herald", "Published 3 May 2031, 09:20 CEST", *garbled])
    found = extract_text_page(page)
    assert "Lindgateâ€™s" in found.text and BODY[0] in found.text
    assert found.published == "2031-05-03T09:20+02:00"


def test_a_page_that_is_one_ten_megabyte_line_of_prose_is_read_once():
    sentence = "The Valden harbour board met on 3 May 2031 and voted to build the new breakwater, officials said. "
    page = "Sarre Valley Herald\n" + sentence * (10_000_000 // len(sentence))
    found = extract_text_page(page)
    assert len(found.text) > 9_000_000
    assert found.published is None  # a date deep inside the prose is an event, not the publication time
