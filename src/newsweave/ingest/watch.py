"""Polling sources for what is new: files that appeared or changed in watched folders, and feeds."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from newsweave.ingest.fetch import is_url
from newsweave.model import Result

# A file changed this recently may still be being written (a copy in progress): wait for the next poll.
SETTLE_SECONDS = 1.0


class SourceWatcher:
    """Remembers each file's (size, mtime) so a poll returns only files new or changed since the last one."""

    def __init__(self, sources: Sequence[str], *, settle: float = SETTLE_SECONDS) -> None:
        self.sources = list(sources)
        self.settle = settle
        self._seen: dict[Path, tuple[int, int]] = {}

    def poll(self, now: float) -> list[str]:
        """Inputs for the next batch: every feed or page URL (conditional GET makes an unchanged one cheap)
        and the settled files not seen before."""
        batch: list[str] = []
        for source in self.sources:
            if is_url(source):
                batch.append(source)
                continue
            path = Path(source)
            files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            for file in files:
                try:
                    stat = file.stat()
                except OSError:  # removed between listing and looking: it is gone, nothing to read
                    continue
                signature = (stat.st_size, stat.st_mtime_ns)
                if self._seen.get(file) == signature or now - stat.st_mtime < self.settle:
                    continue
                self._seen[file] = signature
                batch.append(str(file))
        return batch


def watch(
    sources: Sequence[str],
    *,
    process: Callable[[list[str]], Result],
    stop: threading.Event,
    interval: float,
    clock: Callable[[], float],
    settle: float = SETTLE_SECONDS,
) -> int:
    """Poll and process batches until `stop` is set; stopping waits for the batch in hand. Returns batches run."""
    watcher = SourceWatcher(sources, settle=settle)
    batches = 0
    while not stop.is_set():
        batch = watcher.poll(clock())
        if batch:
            process(batch)  # one run_pipeline: one transaction, so a stop never leaves half a batch
            batches += 1
        stop.wait(interval)
    return batches
