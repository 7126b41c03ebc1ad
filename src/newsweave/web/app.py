"""The `newsweave serve` application: pages and JSON API over one store, behind the security middleware."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

import newsweave
from newsweave.settings import Settings
from newsweave.web import api, pages
from newsweave.web.database import Database
from newsweave.web.security import DEFAULT_MAX_BODY, BodyLimit, SecurityHeaders
from newsweave.web.views import marked, when

TOKEN_ENV = "NEWSWEAVE_TOKEN"


def create_app(*, db: str | Path, token: str | None = None, max_body: int = DEFAULT_MAX_BODY,
               settings: Settings | None = None) -> FastAPI:
    """One app per store file; `token=None` reads NEWSWEAVE_TOKEN, and with no token every write is refused."""
    if max_body <= 0:
        raise ValueError(f"max_body must be a positive number of bytes; got {max_body!r}")
    database = Database(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        database.close()

    app = FastAPI(title="newsweave", version=newsweave.__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,  # their pages load scripts from a CDN; the CSP allows none
                  description="Stories woven from captured news pages; shapes follow CONTRACT.md.")
    app.state.database = database
    app.state.token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    app.state.settings = settings or Settings(max_bytes=max_body)
    app.state.templates = _templates()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(files("newsweave.web") / "static")), name="static")
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_middleware(BodyLimit, max_bytes=max_body)
    app.add_middleware(SecurityHeaders)
    return app


def _templates() -> Environment:
    env = Environment(loader=PackageLoader("newsweave.web", "templates"), autoescape=True)
    env.filters["when"] = when
    env.filters["marked"] = marked
    env.filters["seg"] = lambda value: quote(str(value), safe="")  # an id as one path segment, whatever it holds
    return env


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """One handler for every HTTP error: JSON under /api, a page elsewhere, the status kept."""
    headers = getattr(exc, "headers", None)
    if _wants_json(request):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)
    return pages.render(request, "error.html", status=exc.status_code, status_code=exc.status_code,
                        detail=exc.detail)


async def _invalid_request(request: Request, exc: RequestValidationError) -> Response:
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
    if _wants_json(request):
        return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
    return pages.render(request, "error.html", status=400, status_code=400, detail=problems)
