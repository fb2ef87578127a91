"""Run the per-file unit of work over many files: serially, or in a local process pool."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from .engine import Options, check_file, crash_result
from .model import FileResult


def run_files(work: Sequence[tuple[str, Options]], jobs: int = 1) -> list[FileResult]:
    """Results in the order of `work` (path and its options); a worker that dies costs only its own file."""
    if jobs <= 1 or len(work) <= 1 or any(path == "-" for path, _ in work):
        return [check_file(path, options) for path, options in work]
    results: list[FileResult] = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
        futures = [pool.submit(check_file, path, options) for path, options in work]
        for (path, _), future in zip(work, futures):
            try:
                results.append(future.result())
            except Exception as exc:  # e.g. a worker killed by the OS
                results.append(crash_result(path, exc))
    return results
