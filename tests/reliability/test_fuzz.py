"""Property tests: whatever bytes or text arrive, no exception escapes a stage; bad input becomes
a Rejected entry with a reason."""

from __future__ import annotations

import gzip
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.digest import build_digest
from newsweave.extract import extract
from newsweave.extract.dates import find_dates, parse_given
from newsweave.extract.result import NoArticle
from newsweave.extract.textpage import extract_text_page
from newsweave.ingest.decode import UnusableInput, decode, gunzip
from newsweave.ingest.jsonl import read_jsonl
from newsweave.model import Article, Document, Rejected

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Odd Unicode: combining marks, right-to-left text, zero-width and surrogate-free astral characters.
ODD = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), min_codepoint=0, max_codepoint=0x1FFFF), max_size=400
)
PAGE_LINES = st.lists(
    st.one_of(
        ODD,
        st.sampled_from(["Comments", "Related News", "  • Home", "Published 05/14/2031, 09:12 AM", "By Mira Castellane",
                         "© 2031 The Fictional Courier. All rights reserved.", "Photo: Lantern Wire", ""]),
        st.builds(lambda n: "Fictional prose about the Valden tram strike, said the union. " * n,
                  st.integers(min_value=1, max_value=6)),
    ),
    max_size=60,
)


@FUZZ
@given(PAGE_LINES)
def test_text_page_extraction_returns_text_or_a_reason(lines):
    try:
        found = extract_text_page("\n".join(lines))
    except NoArticle as exc:
        assert str(exc).startswith("no article text")
    else:
        assert found.text.strip()


@FUZZ
@given(ODD)
def test_dates_never_raise_and_are_iso(text):
    for found in find_dates(text):
        assert found.value[:4].isdigit() and found.value[4] == "-"
    parse_given(text)


def _html(depth: int, attribute: int, text: str) -> str:
    return ("<div>" * depth + f"<p title='{'x' * attribute}'>{text}</p>" + "</div>" * depth)


@FUZZ
@given(st.integers(0, 3000), st.integers(0, 200_000), ODD)
def test_html_deep_nesting_giant_attributes_odd_text(depth, attribute, text):
    doc = Document(source="fuzz.html", kind="html", content=_html(depth, attribute, text), digest="0" * 64)
    assert isinstance(extract(doc), Article | Rejected)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_decode_or_are_rejected_with_a_reason(data):
    try:
        text = decode(data)
    except UnusableInput as exc:
        assert str(exc)
    else:
        assert isinstance(text, str)


@FUZZ
@given(st.binary(max_size=3000), st.integers(0, 3000))
def test_truncated_gzip_is_a_reason_not_a_crash(data, cut):
    packed = gzip.compress(data)[: cut or None]
    try:
        assert gunzip(packed, max_bytes=10_000) == data
    except UnusableInput as exc:
        assert "gzip" in str(exc)


@FUZZ
@given(st.lists(st.one_of(ODD, st.builds(json.dumps, st.dictionaries(st.sampled_from(
    ["id", "text", "page", "html", "title", "published", "authors", "outlet"]), st.one_of(ODD, st.integers(),
    st.none(), st.lists(ODD, max_size=3))))), max_size=20))
def test_jsonl_reader_yields_documents_or_reasons(lines):
    items = list(read_jsonl("\n".join(line.replace("\n", " ") for line in lines), "fuzz.jsonl"))
    for item in items:
        assert isinstance(item, Document | Rejected)
        if isinstance(item, Rejected):
            assert item.reason
        else:
            assert isinstance(extract(item), Article | Rejected)


@FUZZ
@given(st.lists(ODD, min_size=1, max_size=4), st.lists(st.sampled_from(
    ['"We will not stop," said Ana Pell, 54.', "“Open the gates”, the union said.", "He said: “Never.", '"',
     "On Saturday the minister met them.", "Mr. Verhoek said on Sept. 4 he would not resign."]), max_size=8))
def test_digest_of_odd_articles_never_raises(texts, quotes):
    articles = [
        Article(id=f"a{i}", source=f"a{i}.txt", text="\n\n".join([t, *quotes]), published="2031-05-14T09:12")
        for i, t in enumerate(texts)
    ]
    digest = build_digest(articles)
    for quote in digest.quotes:
        assert set(quote.sources) <= {a.id for a in articles}


def _fictional_warc(compressed: bool) -> bytes:
    """Three responses (two HTML pages, one PNG) of an invented site, written by warcio."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compressed)
    for n, content_type in enumerate(("text/html", "image/png", "text/html; charset=utf-8")):
        body = f"<html><body><p>Fictional Valden tram report {n}, said the council.</p></body></html>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://valden.example/{n}.html", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
    return out.getvalue()


WARCS = {True: _fictional_warc(True), False: _fictional_warc(False)}


@FUZZ
@given(st.booleans(), st.integers(0, 4000), st.integers(0, 4000), st.binary(max_size=64), st.booleans())
def test_warc_reader_yields_documents_or_reasons_whatever_the_damage(compressed, cut, at, noise, insert):
    import tempfile
    from pathlib import Path

    from newsweave.ingest.warc import read_warc

    data = WARCS[compressed][: cut or None]
    at = min(at, len(data))
    data = data[:at] + noise + data[at + (0 if insert else len(noise)):]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("fuzz.warc.gz" if compressed else "fuzz.warc")
        path.write_bytes(data)
        items = list(read_warc(path, max_record_bytes=100_000))
    assert len(items) <= 2 + 3  # no record is read twice; at most one extra reason per damaged region
    for item in items:
        assert isinstance(item, Document | Rejected)
        if isinstance(item, Rejected):
            assert item.reason and item.source.startswith(str(path))
        else:
            # A changed printable byte in an uncompressed WARC is undetectable without digests: only shape is checked.
            assert item.url and item.url.startswith(("http://", "https://")) and item.url.isprintable()
            assert item.kind == "html" and isinstance(item.content, str)
