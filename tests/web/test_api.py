"""The JSON API in-process: contract shapes, filters, search, and POST /api/documents behind its token."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

from newsweave.store import Store
from newsweave.web.app import create_app

from .conftest import EXAMPLES, TOKEN, schema_for

FICTIONAL_PAGE = "\n\n".join([  # a text dump: one paragraph per line, as pages are captured
    "Fictional Valden tram drivers stop work over rota changes",
    "By Oda Fenwick, The Fictional Courier\n14 June 2031, 08:05",
    "Tram drivers in the fictional city of Valden stopped work at dawn on Saturday in a dispute over new rotas, "
    "leaving thousands of weekend travellers to find other ways into the centre, the drivers' union said.",
    "The union said the transport board had changed shift patterns without consulting staff, and that drivers "
    "would stay out until the board agreed to talks. The board said it regretted the disruption.",
    "Replacement buses ran on the two busiest lines, but queues stretched along the harbour front by mid-morning, "
    "and shopkeepers in the old town said the stoppage had emptied their streets on one of the busiest days.",
]) + "\n"


@pytest.fixture(scope="module")
def client(example_db: Path):
    with TestClient(create_app(db=example_db, token=TOKEN)) as c:
        yield c


@pytest.fixture
def writer(fresh_db: Path):
    with TestClient(create_app(db=fresh_db, token=TOKEN, max_body=20_000)) as c:
        yield c


def _stories(client: TestClient, **params) -> dict:
    response = client.get("/api/stories", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_every_story_and_article_follows_the_contract_schema(client):
    listed = _stories(client, limit=200)
    assert listed["total"] == len(listed["stories"]) >= 6
    for story in listed["stories"]:
        jsonschema.validate(story, schema_for("story"))
        assert client.get(f"/api/stories/{story['id']}").json() == story
        for aid in story["articles"]:
            article = client.get(f"/api/articles/{aid}").json()
            jsonschema.validate(article, schema_for("article"))
            assert article["story"] == story["id"] and "boilerplate" not in article


def test_article_boilerplate_is_returned_on_request(client, example_db):
    with Store(example_db) as store:
        with_lines = next(a for a in store.articles() if a.boilerplate)
    data = client.get(f"/api/articles/{with_lines.id}", params={"boilerplate": "true"}).json()
    assert data["boilerplate"] == with_lines.boilerplate


def test_stories_order_newest_and_largest_first(client):
    newest = [s["start"] for s in _stories(client)["stories"]]
    assert newest == sorted(newest, reverse=True)
    largest = [len(s["articles"]) for s in _stories(client, order="largest")["stories"]]
    assert largest == sorted(largest, reverse=True) and largest[0] > largest[-1]


def test_stories_filter_by_outlet_entity_and_date(client, example_db):
    with Store(example_db) as store:
        articles = store.articles()
        stories = store.stories()
    vbn = {a.story for a in articles if a.outlet == "VBN News"}
    assert {s["id"] for s in _stories(client, outlet="VBN News")["stories"]} == vbn
    assert 0 < len(vbn) < len(stories)

    named = {s.id for s in stories if any(e.name == "Port Alder" for e in s.entities)}
    assert {s["id"] for s in _stories(client, entity="port alder")["stories"]} == named and named

    june = {s.id for s in stories if (s.end or s.start)[:10] >= "2031-06-01"}
    assert {s["id"] for s in _stories(client, **{"from": "2031-06-01"})["stories"]} == june
    may = {s.id for s in stories if s.start[:10] <= "2031-05-21"}
    assert {s["id"] for s in _stories(client, to="2031-05-21")["stories"]} == may
    assert june and may and not june & may


def test_stories_filter_by_words_uses_the_full_text_index(client, example_db):
    with Store(example_db) as store:
        mention = {a.story for a in store.articles() if re.search(r"\bdockworkers?\b", f"{a.title} {a.text}", re.I)}
    found = {s["id"] for s in _stories(client, q="dockworkers")["stories"]}
    assert found == mention and 0 < len(found) < 6
    assert _stories(client, q="zeppelin")["total"] == 0


@pytest.mark.parametrize(("params", "named"), [
    ({"order": "loudest"}, "order"), ({"from": "2031-13-01"}, "from"), ({"to": "yesterday"}, "to"),
    ({"limit": 0}, "limit"), ({"offset": -1}, "offset"),
])
def test_a_bad_list_parameter_is_a_400_that_names_it(client, params, named):
    response = client.get("/api/stories", params=params)
    assert response.status_code == 400 and response.json()["detail"].startswith(named)


def test_search_returns_ranked_articles_with_their_stories(client):
    data = client.get("/api/search", params={"q": "Kessel Ford flood"}).json()
    assert data["total"] == len(data["articles"]) > 0
    for hit in data["articles"]:
        article = client.get(f"/api/articles/{hit['id']}").json()
        body = f"{article['title']} {article['text']}".lower()
        assert "kessel" in body and "ford" in body and "flood" in body  # porter stems: floods, flooded
        assert hit["story"] in data["stories"] and "\ue000" not in hit["snippet"]


@pytest.mark.parametrize("query", ['"', "*", "NEAR(", "title:x OR", "a\" OR \"b", "^^^", "' DROP TABLE articles; --"])
def test_search_syntax_in_a_query_is_read_as_words_not_fts_syntax(client, query):
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200, response.text
    assert response.json()["total"] >= 0
    assert client.get("/api/stories").json()["total"] >= 6  # nothing was dropped


def test_search_needs_a_query(client):
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search", params={"q": ""}).status_code == 422


def test_unknown_ids_are_404_json(client):
    for path in ("/api/stories/s-nope", "/api/articles/nope"):
        response = client.get(path)
        assert response.status_code == 404 and "nope" in response.json()["detail"]


def test_openapi_describes_the_api(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/search",
            "/api/documents"} <= set(spec["paths"])
    assert "text/html" in spec["paths"]["/api/documents"]["post"]["requestBody"]["content"]
    assert not any(path.startswith("/stories") for path in spec["paths"])  # pages are not API


def test_post_documents_refuses_without_or_with_a_wrong_token(writer):
    page = FICTIONAL_PAGE.encode()
    headers = {"content-type": "text/plain"}
    missing = writer.post("/api/documents", content=page, headers=headers)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = writer.post("/api/documents", content=page, headers={**headers, "authorization": "Bearer guessed"})
    assert wrong.status_code == 403
    assert writer.get("/api/search", params={"q": "tram drivers rotas"}).json()["total"] == 0


def test_post_documents_is_refused_when_the_server_has_no_token(fresh_db, monkeypatch):
    monkeypatch.delenv("NEWSWEAVE_TOKEN", raising=False)
    with TestClient(create_app(db=fresh_db)) as c:
        response = c.post("/api/documents", content=FICTIONAL_PAGE.encode(),
                          headers={"content-type": "text/plain", "authorization": "Bearer anything"})
    assert response.status_code == 403 and "NEWSWEAVE_TOKEN" in response.json()["detail"]


def test_the_token_can_come_from_the_environment(fresh_db, monkeypatch):
    monkeypatch.setenv("NEWSWEAVE_TOKEN", "from-the-environment")
    with TestClient(create_app(db=fresh_db)) as c:
        response = c.post("/api/documents", content=FICTIONAL_PAGE.encode(),
                          headers={"content-type": "text/plain", "authorization": "Bearer from-the-environment"})
    assert response.status_code == 200, response.text


def test_post_documents_ingests_a_page_that_readers_then_find(writer):
    response = writer.post("/api/documents", params={"name": "valden-trams.txt"}, content=FICTIONAL_PAGE.encode(),
                           headers={"content-type": "text/plain; charset=utf-8", "authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    result = response.json()
    (article,) = [a for a in result["articles"] if a["source"] == "upload:valden-trams.txt"]
    assert article["title"] == "Fictional Valden tram drivers stop work over rota changes"
    assert article["published"].startswith("2031-06-14")
    stored = writer.get(f"/api/articles/{article['id']}").json()
    assert stored["source"] == "upload:valden-trams.txt" and stored["story"]
    hits = writer.get("/api/search", params={"q": "tram rotas"}).json()
    assert [h["id"] for h in hits["articles"]] == [article["id"]]  # the FTS trigger indexed it


def test_post_documents_ingests_html_and_jsonl_and_reports_rejected_lines(writer):
    auth = {"authorization": f"Bearer {TOKEN}"}
    html = (EXAMPLES / "vbn" / "telecom-merger.html").read_bytes()
    known = writer.post("/api/documents", content=html, headers={**auth, "content-type": "text/html"}).json()
    assert known["articles"] and known["rejected"] == []  # already in the store: nothing new, nothing lost
    text = "Ferry fares on the fictional Brennick crossing rise by a tenth from July, the operator said. " * 4
    lines = json.dumps({"id": "f1", "title": "Fictional ferry fares rise", "text": text}).encode() + b"\n{oops\n"
    batch = writer.post("/api/documents", content=lines, headers={**auth, "content-type": "application/x-ndjson"})
    data = batch.json()
    assert [a["source"] for a in data["articles"] if a["source"].startswith("upload:")] == ["upload:document.jsonl#f1"]
    assert [r["source"] for r in data["rejected"]] == ["upload:document.jsonl#2"]
    assert "not valid JSON" in data["rejected"][0]["reason"]


def test_post_documents_refuses_an_unknown_type_and_an_empty_body(writer):
    auth = {"authorization": f"Bearer {TOKEN}"}
    odd = writer.post("/api/documents", content=b"%PDF-1.7", headers={**auth, "content-type": "application/pdf"})
    assert odd.status_code == 415 and "text/plain" in odd.json()["detail"]
    empty = writer.post("/api/documents", content=b"  \n", headers={**auth, "content-type": "text/plain"})
    assert empty.status_code == 400


def test_a_body_over_the_limit_is_413_declared_or_streamed(writer):
    auth = {"authorization": f"Bearer {TOKEN}", "content-type": "text/plain"}
    big = FICTIONAL_PAGE.encode() * 30  # over the 20 000 bytes this app allows
    declared = writer.post("/api/documents", content=big, headers=auth)
    assert declared.status_code == 413 and "20000" in declared.json()["detail"]
    streamed = writer.post("/api/documents", content=(big[i:i + 4096] for i in range(0, len(big), 4096)), headers=auth)
    assert streamed.status_code == 413
    assert "content-security-policy" in streamed.headers


def test_an_upload_name_cannot_leave_its_temporary_folder(writer, tmp_path):
    target = tmp_path / "escaped.txt"
    name = f"../../../../../..{target.with_suffix('')}"
    response = writer.post("/api/documents", params={"name": name}, content=FICTIONAL_PAGE.encode(),
                           headers={"content-type": "text/plain", "authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    (article,) = response.json()["articles"]
    assert article["source"] == "upload:escaped.txt" and not target.exists()


def test_binary_or_broken_uploads_are_reported_not_crashed(writer):
    auth = {"authorization": f"Bearer {TOKEN}"}
    for body, media in [(bytes(range(256)) * 8, "text/plain"), (b"<html><body><p>\xff\xfe broken", "text/html"),
                        (b"\x1f\x8b\x08\x00 not really gzip", "application/x-ndjson")]:
        response = writer.post("/api/documents", content=body, headers={**auth, "content-type": media})
        assert response.status_code == 200, response.text
        data = response.json()
        assert data["rejected"] and all(r["source"].startswith("upload:document") for r in data["rejected"])
        assert all(r["reason"] for r in data["rejected"])
