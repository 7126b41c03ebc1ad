"""Escaping, path traversal, security headers and error pages, checked in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsweave.web.app import create_app
from newsweave.web.security import BodyLimit

from .conftest import TOKEN


@pytest.fixture(scope="module")
def client(example_db: Path):
    with TestClient(create_app(db=example_db, token=TOKEN)) as c:
        yield c


def test_hostile_text_is_escaped_on_every_page_that_shows_it(client, hostile_id):
    article = client.get(f"/articles/{hostile_id}").text
    story_id = client.get(f"/api/articles/{hostile_id}").json()["story"]
    for html in (article, client.get(f"/stories/{story_id}").text, client.get("/").text,
                 client.get("/", params={"q": "Brennick ferry"}).text):
        assert "<script>window" not in html and "<img src=x" not in html and "<b>(fiction)" not in html
        assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.__pwned = 2&#34;&gt;" in article
    assert "Ines &lt;i&gt;Marlow&lt;/i&gt;" in article


def test_a_javascript_url_is_shown_but_never_linked(client, hostile_id):
    html = client.get(f"/articles/{hostile_id}").text
    assert "javascript:window.__pwned = 3" in html and 'href="javascript:' not in html


def test_search_marks_matches_without_unescaping_the_text(client):
    html = client.get("/", params={"q": "pwned"}).text
    assert "<mark>pwned</mark>" in html and "<script>" not in html.split("<main>")[1]


@pytest.mark.parametrize("path", ["/", "/stories/s-6ea618e4515bfcae", "/api/stories", "/openapi.json",
                                  "/static/style.css", "/articles/nope", "/api/articles/nope"])
def test_every_response_carries_the_content_security_policy(client, path):
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"


def test_pages_load_nothing_inline_that_the_policy_would_block(client):
    for path in ("/", "/stories/s-6ea618e4515bfcae"):
        html = client.get(path).text
        assert "<script" not in html and " style=" not in html and "<style" not in html and " on" + "click=" not in html


@pytest.mark.parametrize("path", [
    "/static/../pyproject.toml", "/static/%2e%2e/%2e%2e/store/sqlite.py", "/static/..%2f..%2fapp.py",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/static//etc/passwd", "/static/../../../etc/passwd",
])
def test_no_path_leaves_the_static_folder(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text and "import" not in response.text


@pytest.mark.parametrize("path", ["/articles/..%2f..%2fetc%2fpasswd", "/api/articles/..%2Fnewsweave.db",
                                  "/stories/%2e%2e"])
def test_ids_are_looked_up_never_opened(client, path):
    response = client.get(path)
    assert response.status_code == 404 and "root:" not in response.text


def test_static_files_are_served_with_their_type(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")


def test_html_errors_are_pages_that_name_the_problem(client):
    missing = client.get("/stories/s-nope")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "no story with id &#39;s-nope&#39;" in missing.text
    bad = client.get("/", params={"from": "someday"})
    assert bad.status_code == 400 and "from must be a date" in bad.text
    worse = client.get("/", params={"offset": "many"})
    assert worse.status_code == 400 and "offset" in worse.text


def test_blank_form_fields_mean_any(client):
    response = client.get("/", params={"q": "", "from": "", "to": "", "outlet": "", "entity": "", "order": ""})
    total = client.get("/api/stories").json()["total"]
    assert response.status_code == 200 and f">{total} stories" in response.text


def test_settings_are_checked_and_name_the_parameter(tmp_path):
    with pytest.raises(ValueError, match="max_body"):
        create_app(db=tmp_path / "x.db", max_body=0)
    with pytest.raises(ValueError, match="max_bytes"):
        BodyLimit(None, max_bytes=-1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="path"):
        create_app(db=":memory:")
