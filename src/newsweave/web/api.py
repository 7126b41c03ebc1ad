"""The JSON API: stories and articles as CONTRACT.md writes them, search, and ingesting documents."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials
from starlette.concurrency import run_in_threadpool

from newsweave.store import Store
from newsweave.store.search import HIT_END, HIT_START, MAX_LIMIT, list_stories, search_articles
from newsweave.web.security import bearer, require_token
from newsweave.web.uploads import MEDIA_TYPES, ingest_upload, suffix_for
from newsweave.web.views import make_filter

router = APIRouter(prefix="/api", tags=["api"])


def reader(request: Request) -> Iterator[Store]:
    """A read-only store for this request only."""
    with request.app.state.database.reader() as store:
        yield store


Reader = Annotated[Store, Depends(reader)]


@router.get("/stories", summary="Stories, newest or largest first, filtered by date, outlet, entity or words")
def get_stories(
    store: Reader,
    order: Annotated[str | None, Query(description="newest, oldest or largest")] = None,
    date_from: Annotated[str | None, Query(alias="from", description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="YYYY-MM-DD")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=500, description="words every matching story's articles hold")] = None,
    limit: Annotated[int, Query()] = 50,
    offset: Annotated[int, Query()] = 0,
) -> JSONResponse:
    filt = make_filter(order=order, date_from=date_from, date_to=date_to, outlet=outlet, entity=entity, q=q,
                       limit=limit, offset=offset)
    stories, total = list_stories(store, filt)
    return JSONResponse({"total": total, "offset": filt.offset, "limit": filt.limit,
                         "stories": [s.to_dict() for s in stories]})


@router.get("/stories/{story_id}", summary="One story as the result contract writes it")
def get_story(story_id: str, store: Reader) -> JSONResponse:
    story = store.story(story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return JSONResponse(story.to_dict())


@router.get("/articles/{article_id}", summary="One article as the result contract writes it")
def get_article(
    article_id: str,
    store: Reader,
    boilerplate: Annotated[bool, Query(description="also return the lines the extractor removed")] = False,
) -> JSONResponse:
    article = store.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    data = article.to_dict()
    if boilerplate:
        data["boilerplate"] = article.boilerplate
    return JSONResponse(data)


@router.get("/search", summary="Articles holding every word of q (SQLite FTS5, BM25 order), and their stories")
def search(
    store: Reader,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> JSONResponse:
    hits, total = search_articles(store, q, limit=limit, offset=offset)
    found = []
    for hit in hits:
        item = asdict(hit)
        item["snippet"] = hit.snippet.replace(HIT_START, "").replace(HIT_END, "")
        found.append(item)
    stories = list(dict.fromkeys(h.story for h in hits if h.story))
    return JSONResponse({"query": q, "total": total, "offset": offset, "limit": limit, "articles": found,
                         "stories": stories})


_DOCUMENT_BODY = {
    "requestBody": {
        "required": True,
        "description": "one page dump (text/plain), HTML page (text/html) or JSONL batch (application/x-ndjson)",
        "content": {media: {"schema": {"type": "string"}} for media in MEDIA_TYPES},
    }
}


@router.post("/documents", summary="Ingest one page or JSONL batch (needs the token)", openapi_extra=_DOCUMENT_BODY)
async def post_documents(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    name: Annotated[str | None, Query(max_length=200, description="a label for the upload's source")] = None,
) -> JSONResponse:
    require_token(request, credentials)
    suffix = suffix_for(request.headers.get("content-type"))
    body = await request.body()
    if not body.strip():
        raise HTTPException(400, "the request body is empty: send the page or JSONL lines to ingest")
    state = request.app.state
    job = partial(ingest_upload, body=body, suffix=suffix, name=name, settings=state.settings)
    result = await run_in_threadpool(state.database.write, job)  # waits for the writer off the event loop
    return JSONResponse(result.to_dict())
