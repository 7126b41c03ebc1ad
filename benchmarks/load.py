"""`newsweave serve` under load: concurrent clients on loopback for a fixed time.

    python benchmarks/load.py [--clients 16] [--seconds 30] [--db FILE]

Starts the real `newsweave serve` in a subprocess on 127.0.0.1 (a store built from examples/pages
unless --db is given), drives it with `--clients` threads for `--seconds`, each looping over the
story list, a story page, an article page, the JSON API and a search, and reports throughput,
p50/p99 latency, errors, and the server's resident memory after warm-up and at the end.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

import newsweave
from newsweave.store import Store

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def paths(db: Path) -> list[str]:
    with Store(db) as store:
        stories = store.stories()
        articles = [aid for s in stories for aid in s.articles]
    words = ["strike", "flood", "merger", "cup", "election", "minister", "port"]
    rng = random.Random(1)
    out = ["/", "/?order=largest", "/api/stories"]
    out += [f"/stories/{s.id}" for s in stories] + [f"/api/stories/{s.id}" for s in stories]
    out += [f"/articles/{a}" for a in rng.sample(articles, min(20, len(articles)))]
    out += [f"/api/search?q={w}" for w in words]
    return out


def client(base: str, targets: list[str], until: float, latencies: list[float], errors: list[str], seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as http:
        while time.monotonic() < until:
            target = rng.choice(targets)
            start = time.perf_counter()
            try:
                response = http.get(target)
                if response.status_code != 200:
                    errors.append(f"{target}: {response.status_code}")
            except httpx.HTTPError as exc:
                errors.append(f"{target}: {type(exc).__name__}")
            latencies.append(time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "load.db"
            newsweave.run([ROOT / "examples" / "pages"], db=db)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "newsweave", "serve", "--db", str(db), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    httpx.get(base + "/api/stories", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            targets = paths(db)
            warm: list[float] = []
            client(base, targets, time.monotonic() + 3, warm, [], 0)  # warm-up: caches, imports, first pages
            memory = [rss_mb(server.pid)]
            latencies: list[float] = []
            errors: list[str] = []
            until = time.monotonic() + args.seconds
            threads = [threading.Thread(target=client, args=(base, targets, until, latencies, errors, n + 1))
                       for n in range(args.clients)]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            while any(t.is_alive() for t in threads):
                time.sleep(min(1.0, args.seconds / 10))
                memory.append(rss_mb(server.pid))
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=10)
    cuts = statistics.quantiles(latencies, n=100)
    rate = len(latencies) / elapsed
    rss = f"{memory[0]:.0f} → {max(memory):.0f} → {memory[-1]:.0f}"
    print("| clients | seconds | requests | requests/s | p50 ms | p99 ms | errors | RSS MB: warm → peak → end |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| {args.clients} | {elapsed:.0f} | {len(latencies)} | {rate:.0f} | {cuts[49] * 1000:.0f} "
          f"| {cuts[98] * 1000:.0f} | {len(errors)} | {rss} |")
    for error in errors[:10]:
        print("error:", error)


if __name__ == "__main__":
    main()
