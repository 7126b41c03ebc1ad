"""A store built from the project's examples (plus one hostile fictional page), an app over it, a live server."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest

import newsweave

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "pages"
HOSTILE = Path(__file__).parent / "fixtures" / "hostile.jsonl"
ARTIFACTS = Path(os.environ.get("NEWSWEAVE_TEST_ARTIFACTS", Path(__file__).parent / "artifacts"))
SCHEMA = json.loads(files("newsweave").joinpath("schema/contract.schema.json").read_text())
TOKEN = "fictional-test-token-7c1e"


def schema_for(definition: str) -> dict:
    """One definition of the contract schema (story, article) as a schema of its own."""
    return {"$ref": f"#/$defs/{definition}", "$defs": SCHEMA["$defs"]}


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/pages and the hostile page through the real pipeline, once per session."""
    path = tmp_path_factory.mktemp("store") / "examples.db"
    newsweave.run([EXAMPLES, HOSTILE], db=path)
    return path


@pytest.fixture(scope="session")
def hostile_id(example_db: Path) -> str:
    from newsweave.store import Store

    with Store(example_db) as store:
        (found,) = [a.id for a in store.articles() if a.title and "<script>" in a.title]
    return found


@pytest.fixture
def fresh_db(tmp_path: Path, example_db: Path) -> Path:
    """A private copy for tests that write."""
    path = tmp_path / "copy.db"
    shutil.copyfile(example_db, path)
    return path


class LiveServer:
    """uvicorn on 127.0.0.1 at a free port, in a thread of this test process."""

    def __init__(self, app) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError(f"uvicorn did not start at {self.url}")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture(scope="session")
def live_server(example_db: Path) -> Iterator[LiveServer]:
    from newsweave.web.app import create_app

    with LiveServer(create_app(db=example_db, token=TOKEN)) as server:
        yield server


CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _chromium() -> str:
    found = os.environ.get("NEWSWEAVE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is missing: .ci/run installs Debian's chromium before `make test`")
    pytest.skip("chromium not found: install Debian's chromium (apt-get install chromium) to run the browser tests")


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory):
    """Debian's Chromium driven by Playwright; never a downloaded browser, and a fresh profile."""
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture
def page(chromium):
    """A new tab per test, failing the test on any script error or CSP violation it logs."""
    tab = chromium.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    tab.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    yield tab
    tab.close()
    assert not problems, problems


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def shot(page, artifacts: Path, name: str) -> Path:
    """A full-page screenshot kept as a test artifact; the path is printed so a failing run shows it."""
    path = artifacts / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: Debian's chromium against a live server (-m 'not browser' skips)")
