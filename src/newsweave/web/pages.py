"""The HTML pages: the story list with filters and search, one story, one article."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from newsweave.store.search import headlines, list_stories, outlets, search_articles, story_outlets
from newsweave.web.api import Reader
from newsweave.web.charts import timeline_chart
from newsweave.web.views import chips, copy_tree, filter_params, make_filter, page_entities, safe_url

router = APIRouter(include_in_schema=False)
_PAGE = 30
_ARTICLE_HITS = 8


def render(request: Request, template: str, *, status: int = 200, **context: object) -> HTMLResponse:
    """A page from the package's templates; autoescape is on, so stored text can never become markup."""
    page = request.app.state.templates.get_template(template).render(request=request, **context)
    return HTMLResponse(page, status_code=status)


@router.get("/", response_class=HTMLResponse)
def story_list(
    request: Request,
    store: Reader,
    order: str | None = None,
    date_from: Annotated[str | None, Query(alias="from")] = None,
    date_to: Annotated[str | None, Query(alias="to")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=500)] = None,
    offset: int = 0,
) -> HTMLResponse:
    filt = make_filter(order=order, date_from=date_from, date_to=date_to, outlet=outlet, entity=entity, q=q,
                       limit=_PAGE, offset=offset)
    stories, total = list_stories(store, filt)
    hits = search_articles(store, filt.query, limit=_ARTICLE_HITS)[0] if filt.query else []
    return render(
        request, "stories.html", stories=stories, total=total, filt=filt, hits=hits,
        outlets=outlets(store), entities=page_entities(stories), params=filter_params, page=_PAGE,
        story_outlets=story_outlets(store, [s.id for s in stories]),
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, store: Reader) -> HTMLResponse:
    story = store.story(story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    articles = {a.id: a for a in store.articles(story.articles)}
    for p in story.shared_passages:  # a passage may name an article outside the story
        missing = [s.article for s in p.spans if s.article not in articles]
        articles.update({a.id: a for a in store.articles(missing)})
    lines = [line for line in store.storylines() if story.id in line.stories]
    titles = headlines(store, [sid for line in lines for sid in line.stories])
    return render(
        request, "story.html", story=story, articles=articles, chips=lambda ids: chips(ids, articles),
        tree=copy_tree(story, articles), chart=timeline_chart(story, articles), storylines=lines, titles=titles,
        outlets=sorted({a.outlet for a in articles.values() if a.outlet and a.id in story.articles}),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: Reader) -> HTMLResponse:
    article = store.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    story = store.story(article.story) if article.story else None
    original = store.article(article.copy_of) if article.copy_of else None
    return render(request, "article.html", article=article, story=story, original=original,
                  url=safe_url(article.url))
