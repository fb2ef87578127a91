"""Run the per-file unit of work over many files: serially, or in a local process pool."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from .engine import Options, check_file, crash_result
from .model import FileResult


# A worker pays a cold start (spaCy, jieba) of about two seconds: below this many files per worker a pool
# costs more than it saves.
FILES_PER_WORKER = 4


def run_files(work: Sequence[tuple[str, Options]], jobs: int = 1) -> list[FileResult]:
    """Results in the order of `work` (path and its options); a worker that dies costs only its own file."""
    jobs = min(jobs, len(work) // FILES_PER_WORKER)
    if jobs <= 1 or any(path == "-" for path, _ in work):
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
