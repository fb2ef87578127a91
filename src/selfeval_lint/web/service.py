"""The checking service behind the web page: a bounded queue in front of a worker pool running the engine."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from ..engine import Options, check_file, crash_result, died_result
from ..model import FileResult


@dataclass(frozen=True)
class Limits:
    """What one server accepts: upload sizes and counts, and how much work may wait."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_files: int = 20  # per request
    queue: int = 16  # files being checked or waiting, over all clients
    per_client: int = 8  # files one client may have in the queue at once
    timeout_seconds: float = 120  # per file, the engine's limit


class Busy(Exception):
    """The queue is full (HTTP 503) or one client holds too much of it (HTTP 429)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _warm() -> None:
    """Load the rule data, the segmenter and the statement pipeline once per worker, not once per file."""
    from ..analysis.nlp import pipeline
    from ..rulesets import load_rules

    pipeline(load_rules())  # loads the rule data, jieba with its dictionary and spaCy


class CheckService:
    """Checks uploaded files in a process pool (never in a request thread), a bounded number at a time."""

    def __init__(self, limits: Limits, jobs: int | None = None) -> None:
        self.limits = limits
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None
        self._in_queue = 0
        self._by_client: dict[str, int] = {}
        self._slots = asyncio.Semaphore(self.jobs)

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")  # the server has threads: never fork it
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context, initializer=_warm)
        return self._pool

    def warm_up(self) -> None:
        """Start the workers now, so that the first upload does not wait for them to load."""
        pool = self._executor()
        for _ in range(self.jobs):
            pool.submit(_warm)

    def _reset(self) -> None:
        """Drop a broken or stuck pool: its processes are ended and the next file starts a fresh one."""
        pool, self._pool = self._pool, None
        if pool is not None:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
            pool.shutdown(wait=False, cancel_futures=True)

    def admit(self, client: str, files: int) -> None:
        """Reserve queue places for `files` files of `client`, or raise Busy (503 full, 429 that client)."""
        if self._by_client.get(client, 0) + files > self.limits.per_client:
            raise Busy(429)
        if self._in_queue + files > self.limits.queue:
            raise Busy(503)
        self._in_queue += files
        self._by_client[client] = self._by_client.get(client, 0) + files

    def release(self, client: str, files: int) -> None:
        self._in_queue -= files
        left = self._by_client.get(client, 0) - files
        if left > 0:
            self._by_client[client] = left
        else:
            self._by_client.pop(client, None)

    async def check(self, path: str, options: Options, shown_as: str) -> FileResult:
        """Check one saved upload in the pool; the result is named `shown_as` (the upload's own name)."""
        options = replace(options, keep_text=True, timeout_seconds=self.limits.timeout_seconds)

        def failed(exc: Exception | None) -> FileResult:
            return died_result(path) if exc is None else crash_result(path, exc)

        result = await self.run(check_file, path, options, grace=30, failed=failed)
        return _renamed(result, path, shown_as)

    async def run(self, fn, *args, grace: float = 0, failed=lambda exc: []):  # type: ignore[no-untyped-def]
        """`fn(*args)` in the pool, never in the request thread. A dead or stuck worker (past the engine's limit
        plus `grace`: stuck in C code) is replaced and gives `failed(None)`; another error `failed(exc)`."""
        async with self._slots:
            loop = asyncio.get_running_loop()
            try:
                future = loop.run_in_executor(self._executor(), fn, *args)
                return await asyncio.wait_for(future, self.limits.timeout_seconds + grace)
            except (BrokenProcessPool, asyncio.TimeoutError):
                self._reset()
                return failed(None)
            except Exception as exc:  # the result could not come back; the server goes on
                return failed(exc)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _renamed(result: FileResult, path: str, shown_as: str) -> FileResult:
    """The result as the user knows the file: the temporary path never shows, in messages or locations."""
    result.path = shown_as
    for i, finding in enumerate(result.findings):
        if finding.args.get("path") == path:
            result.findings[i] = replace(finding, args={**finding.args, "path": shown_as})
    return result


class PrivateDir:
    """A temporary directory only this process can read, removed with everything in it on exit."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="selfeval-upload-"))
        os.chmod(self.path, 0o700)

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
