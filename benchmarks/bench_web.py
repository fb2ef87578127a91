"""Requests per second and latency of `selfeval-lint serve` for the reference .docx, against the CLI's per-file time.

    python benchmarks/bench_web.py [--requests N] [--jobs J] [CLIENTS ...]     # default: 48 requests, 1 4 16

Starts a real server on a free localhost port (its worker pool warm before timing), sends N uploads of
corpus/yueyang-kjj-2023-dept-selfeval.auto.docx from C concurrent clients for each C, and prints
throughput and p50/p95 latency beside the time one warm in-process `check_file` takes on the same file
(the floor: what a request adds is upload, queueing and the JSON).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
DOCX = ROOT / "corpus" / "yueyang-kjj-2023-dept-selfeval.auto.docx"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli_per_file(repeats: int = 10) -> float:
    """Median seconds of one warm check_file on the reference .docx in this process."""
    from selfeval_lint.engine import Options, check_file
    from selfeval_lint.registry import resolve_selection

    options = Options(resolve_selection(None, None))
    check_file(str(DOCX), options)  # warm: spaCy, jieba, rule data
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        check_file(str(DOCX), options)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run(clients: int, requests: int, url: str, data: bytes) -> tuple[float, list[float]]:
    def one(_: int) -> float:
        t = time.perf_counter()
        r = httpx.post(url + "/api/check", files=[("files", ("report.docx", data))], timeout=300)
        r.raise_for_status()
        return time.perf_counter() - t

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        latencies = list(pool.map(one, range(requests)))
    return time.perf_counter() - start, latencies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("clients", nargs="*", type=int, default=[1, 4, 16])
    parser.add_argument("--requests", type=int, default=48)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    port = _port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "selfeval_lint", "serve", "--port", str(port), "--jobs", str(args.jobs), "--queue", "64", "--per-client", "64"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        for _ in range(300):
            try:
                httpx.get(url + "/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        data = DOCX.read_bytes()
        run(args.jobs, args.jobs * 2, url, data)  # warm every worker
        floor = cli_per_file()
        print(f"CLI check_file (warm, in-process): {floor * 1000:.0f} ms per file; server workers: {args.jobs}")
        print(f"{'clients':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p50 / CLI':>10} {'s/req / CLI':>12}")
        for c in args.clients:
            wall, lat = run(c, args.requests, url, data)
            lat.sort()
            p50, p95 = statistics.median(lat), lat[int(0.95 * (len(lat) - 1))]
            rps = args.requests / wall
            print(f"{c:>7} {rps:>7.1f} {p50 * 1000:>8.0f} {p95 * 1000:>8.0f} {p50 / floor:>10.2f} {1 / rps / floor:>12.2f}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
