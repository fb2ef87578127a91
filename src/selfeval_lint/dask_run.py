"""Run the per-file unit of work on a dask.distributed cluster: a scheduler's address, or a LocalCluster."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence

from .engine import Options, check_bytes, check_file, timeout_result
from .ingest import IngestError, read_bytes
from .model import FileResult
from .prerender import Form, Packed, pack_for

SEND_MODES = ("bytes", "path")
# Tasks in flight per worker: one running, the next already there when it finishes.
WINDOW_PER_WORKER = 2
# Files per task after each worker's first (which holds one): a task costs the scheduler and the client about
# 12 ms of their CPU whatever its size (measured on 300 ten-page files: 1.8–2.1 s at four files a task, 1.4–1.6 s
# at twelve), and on a machine whose cores all run workers that time is taken from them.
FILES_PER_TASK = 8
# The LocalCluster this tool starts has no dashboard, so nothing reads what Dask's own monitors record. Each
# worker's statistical profiler samples every thread's stack every 10 ms, its system monitor polls psutil twice a
# second, its event loop ticks 50 times a second, its memory (and its nanny's watch of it) is read ten times a
# second, and the scheduler looks for work to steal between equal single-threaded workers: together about 8 % of
# each file's time (measured: the worker's CPU outside the check, 7.8 → 4.5 ms a file with the profiler off
# alone). Memory is still watched, twice a second. A scheduler the user starts keeps its own settings.
QUIET_LOCAL_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.tick.interval": "200ms",
    "distributed.worker.memory.monitor-interval": "500ms",
    "distributed.scheduler.work-stealing": False,
}


def check_sent_bytes(path: str, data: bytes, options: Options, form: Form | None = None, keep_body: bool = True) -> FileResult | Packed:
    """The task for --dask-send bytes: the client read the file; the worker checks its content (and, for a
    streamed report, renders it: prerender.pack)."""
    return pack_for(within_limit(lambda: check_bytes(path, data, options), path, options.timeout_seconds), form, keep_body)


def check_shared_path(path: str, options: Options, form: Form | None = None, keep_body: bool = True) -> FileResult | Packed:
    """The task for --dask-send path: the worker reads the file from storage it shares with the client."""
    return pack_for(within_limit(lambda: check_file(path, options), path, options.timeout_seconds), form, keep_body)


def check_files(items: Sequence[tuple[str, bytes | None]], options: Options, form: Form | None = None,
                keep_body: bool = True) -> list[FileResult | Packed]:
    """The task: each file of `items` (its path, and its bytes when the client sent them; None: the worker reads
    it from storage it shares with the client), in turn."""
    results = [check_sent_bytes(path, data, options, form, keep_body) if data is not None
               else check_shared_path(path, options, form, keep_body) for path, data in items]
    from .run import settle_collector

    settle_collector()  # after the worker's first task, as a pool worker after its first file
    return results


def within_limit(compute: Callable[[], FileResult], path: str, seconds: float | None) -> FileResult:
    """compute() in a thread of its own; after `seconds` (and the runner's grace) the task answers PAR006 timeout.

    Dask runs tasks in worker threads, where SIGALRM cannot interrupt them and the thread cannot be killed: a
    file stuck in C code keeps its thread (and a core) until the worker restarts, but the batch finishes."""
    from .run import KILL_GRACE_SECONDS, safe_result

    if not seconds:
        return safe_result(compute, path)
    box: list[FileResult] = []
    thread = threading.Thread(target=lambda: box.append(safe_result(compute, path)), daemon=True, name=f"check {path}")
    thread.start()
    thread.join(seconds + KILL_GRACE_SECONDS)
    return box[0] if box else timeout_result(path, seconds)


def warm_worker(samples: Sequence[tuple[str, Options]] | None = None) -> None:
    """Run on every worker once before the files come: rule data, the readers, jieba and spaCy the files of
    `samples` (one name per suffix and configuration of the batch) need; everything without samples."""
    from .warm import warm, warm_everything

    if samples is None:
        warm_everything()
    else:
        warm(samples)
    import gc

    gc.freeze()  # the warm objects (spaCy, jieba, the cluster's own) are left out of every later collection


def _samples(work: Sequence[tuple[str, Options]], indices: list[int]) -> list[tuple[str, Options]]:
    """One (name, options) per distinct suffix and options of the files to check: what their warm-up needs."""
    from pathlib import Path

    seen: dict[tuple[str, int], tuple[str, Options]] = {}
    for i in indices:
        path, options = work[i]
        suffix = Path(path).suffix.lower()
        seen.setdefault((suffix, id(options)), (f"sample{suffix}", options))
    return list(seen.values())


def task_size(submitted: int, workers: int, remaining: int) -> int:
    """Files in the next task: one in each worker's first (the first results come soon), then FILES_PER_TASK,
    fewer as the batch ends (a share of what is left per worker: the workers finish together)."""
    if submitted < workers:
        return 1
    return max(1, min(FILES_PER_TASK, remaining // (2 * workers)))


def local_cluster(workers: int):  # type: ignore[no-untyped-def]
    """A LocalCluster of `workers` single-threaded worker processes (spawned by Dask: forking this process, whose
    event loop already runs in a thread, could deadlock a worker), without the monitors only a dashboard reads
    (QUIET_LOCAL_CLUSTER: its scheduler reads them as it starts, each worker's nanny hands them on)."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(QUIET_LOCAL_CLUSTER):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)


class DaskExecutor:
    """`compute(work, indices, jobs, form, keep_body)` for run.run_stream: yields (index, result) as the cluster
    finishes each, packed for the streamed report's `form` by the worker that checked it."""

    def __init__(self, scheduler: str = "local", send: str = "bytes") -> None:
        if send not in SEND_MODES:
            raise ValueError(send)
        self.scheduler, self.send = scheduler, send

    def __call__(
        self, work: Sequence[tuple[str, Options]], indices: list[int], jobs: int, form: Form | None = None, keep_body: bool = True
    ) -> Iterator[tuple[int, FileResult | Packed]]:
        import logging

        from distributed import Client, as_completed

        logging.getLogger("distributed").setLevel(logging.ERROR)  # the cluster's chatter is not the report
        cluster = None
        if self.scheduler == "local":
            cluster = local_cluster(max(1, jobs))
            client = Client(cluster)
        else:
            client = Client(self.scheduler, timeout=30)
        try:
            client.run(warm_worker, _samples(work, indices))  # a .docx batch does not import the PDF readers
            yield from self._stream(client, work, indices, max(1, jobs), as_completed, form, keep_body)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _stream(self, client, work, indices: list[int], jobs: int, as_completed, form, keep_body) -> Iterator[tuple[int, FileResult | Packed]]:  # type: ignore[no-untyped-def]
        """Submit files a window at a time (every worker always has its next task, the client and the scheduler
        hold a window of files' bytes, not the whole batch) and yield each result as it comes. A task holds
        task_size files of one configuration, so that the scheduler's and the client's work per task is shared by
        a few files."""
        workers = max(jobs, len(client.scheduler_info().get("workers", {})))
        window = max(4, WINDOW_PER_WORKER * FILES_PER_TASK * workers)  # files in flight
        scattered: dict[int, object] = {}
        futures: dict[object, list[int]] = {}
        finished = as_completed()
        todo = deque(indices)
        tasks = 0

        def submit() -> Iterator[tuple[int, FileResult]]:
            """Top the window up; files that cannot be read here get their PAR result at once."""
            nonlocal tasks
            while sum(map(len, futures.values())) < window and todo:  # files in flight
                options = work[todo[0]][1]
                if id(options) not in scattered:  # each distinct Options goes to the cluster once
                    scattered[id(options)] = client.scatter(options, broadcast=True, hash=False)
                size = task_size(tasks, workers, len(todo))
                group: list[int] = []
                items: list[tuple[str, bytes | None]] = []
                while todo and len(group) < size and work[todo[0]][1] is options:
                    i = todo.popleft()
                    path = work[i][0]
                    data = None
                    if self.send == "bytes":
                        try:
                            data = read_bytes(path, options.max_bytes)
                        except IngestError:  # unreadable here: the same PAR result the local pool gives
                            yield i, check_file(path, options)
                            continue
                    group.append(i)
                    items.append((path, data))
                if not group:
                    continue
                future = client.submit(check_files, items, scattered[id(options)], form, keep_body, pure=False)
                futures[future] = group
                finished.add(future)
                tasks += 1

        yield from submit()
        for future in finished:
            group = futures.pop(future)
            try:
                yield from zip(group, future.result())
            except Exception as exc:  # a worker lost for good, a result that did not come back
                from .run import _failure

                for i in group:
                    yield i, _failure(work[i][0], "crash", exc)
            future.release()
            yield from submit()
