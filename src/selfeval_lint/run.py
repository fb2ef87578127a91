"""Run the per-file unit of work over many files: serially, or in a local process pool."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .engine import Options, check_file, crash_result, died_result
from .model import FileResult

# A worker pays a cold start (spaCy, jieba) of about two seconds: below this many files per worker a pool
# costs more than it saves.
FILES_PER_WORKER = 4


def run_files(work: Sequence[tuple[str, Options]], jobs: int = 1) -> list[FileResult]:
    """Results in the order of `work` (path and its options). A worker that dies costs only its own file:
    the files it left unfinished are checked again, each in a process of its own, to find the one that
    killed it."""
    jobs = min(jobs, len(work) // FILES_PER_WORKER)
    if jobs <= 1 or any(path == "-" for path, _ in work):
        return [check_file(path, options) for path, options in work]
    results: dict[int, FileResult] = {}
    _pool_pass(work, range(len(work)), jobs, results)
    for i in range(len(work)):
        if i not in results:
            results[i] = _isolated(*work[i])
    return [results[i] for i in range(len(work))]


def _pool_pass(work: Sequence[tuple[str, Options]], indices: range, jobs: int, results: dict[int, FileResult]) -> None:
    """Check files in a pool, keeping every result that comes back; files lost to a broken pool stay out."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {i: pool.submit(check_file, *work[i]) for i in indices}
        for i, future in futures.items():
            try:
                results[i] = future.result()
            except BrokenProcessPool:
                continue  # checked again on its own
            except Exception as exc:  # the result could not be returned (e.g. not picklable)
                results[i] = crash_result(work[i][0], exc)


def _isolated(path: str, options: Options) -> FileResult:
    """Check one file in a fresh single-use process; if that process dies too, the file is the culprit."""
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(check_file, path, options).result()
    except BrokenProcessPool:
        return died_result(path)
    except Exception as exc:
        return crash_result(path, exc)
