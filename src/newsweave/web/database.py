"""One writer thread owns the only writable connection; each request reads through its own read-only one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from newsweave.store import Store

T = TypeVar("T")


class Database:
    """The server's view of one SQLite file, as datasette does it: writes queue, reads run side by side."""

    def __init__(self, path: str | Path) -> None:
        if str(path) in ("", ":memory:"):
            raise ValueError(f"path must name a file a server can reopen per request; got {str(path)!r}")
        self.path = Path(path)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-writer")
        self._store: Store | None = None
        try:
            self.write(lambda store: None)  # create and migrate the file before the first reader opens it
        except BaseException:
            self._writer.shutdown()
            raise

    def write(self, job: Callable[[Store], T]) -> T:
        """Run `job` on the writer connection, one job at a time, and wait for its answer."""
        return self._writer.submit(self._run, job).result()

    def _run(self, job: Callable[[Store], T]) -> T:
        if self._store is None:
            self._store = Store(self.path)
        return job(self._store)

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A read-only connection for one request; it sees every committed write and cannot write."""
        store = Store.reader(self.path)
        try:
            yield store
        finally:
            store.close()

    def close(self) -> None:
        def _close(_: Store) -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        self._writer.submit(_close, None).result()
        self._writer.shutdown()
