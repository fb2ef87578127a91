"""Run the per-file unit of work over many files: in warm worker processes whose time limit the parent
enforces, streaming each file's result as it finishes; every file gets exactly one result."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import wait
from typing import Any, Protocol

from .collector import resume_if_idle
from .engine import Options, check_file, crash_result, died_result, timeout_result
from .model import FileResult, Finding, Location, Rendered, Severity
from .prerender import Form, Packed, pack_for, storable

Work = Sequence[tuple[str, Options]]

# The parent kills a worker this long after the file's own limit (which SIGALRM enforces inside the worker
# whenever Python code runs): only a worker stuck in C code (e.g. a quadratic sort in a PDF library) gets there.
KILL_GRACE_SECONDS = 2.0


class ResultStore(Protocol):
    """What the runner asks of a result store (cache.Store): a key per file, a lookup, a write."""

    def key(self, path: str, options: Options) -> str | None: ...
    def get(self, key: str, path: str) -> FileResult | None: ...
    def put(self, key: str, result: FileResult) -> None: ...
    def get_rendered(self, key: str, path: str, form: Form) -> Rendered | None: ...
    def put_packed(self, key: str, packed: Packed, form: Form) -> None: ...
    def put_rendering(self, key: str, form: Form, text: str) -> None: ...


def run_files(work: Work, jobs: int = 1, store: ResultStore | None = None) -> list[FileResult]:
    """Results in the order of `work` (path and its options)."""
    results: list[FileResult | None] = [None] * len(work)
    for i, result in run_stream(work, jobs, store):
        results[i] = result
    return results  # type: ignore[return-value]


Compute = Callable[[Work, list[int], int, "Form | None", bool], Iterator[tuple[int, "FileResult | Packed"]]]


def run_stream(
    work: Work, jobs: int = 1, store: ResultStore | None = None, compute: Compute | None = None, form: Form | None = None
) -> Iterator[tuple[int, FileResult | Rendered]]:
    """(index in `work`, result) for every file, each as soon as it is known (stored results first).

    With a streamed report's `form` each file comes as a `Rendered`: its text in that form, rendered in the
    worker that checked it (or kept in the store from an earlier run), and its counts; the findings themselves
    never come back to this process.

    Standard input ('-') is checked in this process. Other files go to worker processes forked from this one
    once it has loaded what they need, so that no worker pays spaCy's or jieba's start-up; a worker that
    dies, or is killed for overrunning its file's time limit, costs only that file and is replaced. With
    one job and no time limit files are checked in this process. `compute` replaces the local pool (e.g. a
    dask_run.DaskExecutor): called as compute(work, indices, jobs, form, keep_body), it yields (index, result)
    with each result whole or packed for `form` (prerender.Packed)."""
    keys: dict[int, str] = {}
    todo: list[int] = []
    for i, (path, options) in enumerate(work):
        key = _store_key(store, path, options)
        hit = _store_get(store, key, path, form)
        if hit is not None:
            yield i, hit
            continue
        if key is not None:
            keys[i] = key
        todo.append(i)
    computed = (compute or _compute)(work, todo, jobs, form, bool(keys))  # the results' bodies only for the store
    for i, item in computed:
        yield i, _kept(store, keys.get(i), item, form)


def _kept(store: ResultStore | None, key: str | None, item: FileResult | Packed, form: Form | None) -> FileResult | Rendered:
    """A computed result as the stream passes it on (packed for `form`), stored under `key` when it may be."""
    if isinstance(item, FileResult):
        item = pack_for(item, form, keep_body=key is not None)
    if isinstance(item, Packed):
        if key is not None and item.rendered.storable and item.body is not None and form is not None:
            _store_call(lambda: store.put_packed(key, item, form))  # type: ignore[union-attr]
        return item.rendered
    if key is not None and storable(item):
        _store_call(lambda: store.put(key, item))  # type: ignore[union-attr]
    return item


def _compute(work: Work, todo: list[int], jobs: int, form: Form | None = None, keep_body: bool = True) -> Iterator[tuple[int, FileResult | Packed]]:
    local = [i for i in todo if work[i][0] == "-"]
    pooled = [i for i in todo if work[i][0] != "-"]
    for i in local:
        yield i, safe_check(*work[i])
    if not pooled:
        return
    limited = any(work[i][1].timeout_seconds for i in pooled)
    if jobs <= 1 and not limited:
        for i in pooled:
            yield i, safe_check(*work[i])
        return
    workers = max(1, min(jobs, len(pooled)))
    if workers > 1:  # one worker loads lazily what its files need, as this process would: nothing to share
        from .warm import warm

        warm(work[i] for i in pooled)
    yield from _Pool(work, pooled, workers, form, keep_body).results()


def safe_check(path: str, options: Options) -> FileResult:
    """check_file, with the batch's last line of defence: whatever it raises is this file's PAR006."""
    return safe_result(lambda: check_file(path, options), path)


def safe_result(compute: Callable[[], FileResult], path: str) -> FileResult:
    """compute(), or the PAR006 result for `path` if it raises (whatever it raises)."""
    try:
        return compute()
    except Exception as exc:
        return _failure(path, "crash", exc)


def _failure(path: str, variant: str, exc: BaseException | None = None, seconds: float | None = None) -> FileResult:
    """The PAR006 result for a file; if even building it fails (an odd path, a broken message), a plain one."""
    try:
        if variant == "died":
            return died_result(path)
        if variant == "timeout":
            return timeout_result(path, seconds)
        return crash_result(path, exc or RuntimeError("unknown"))
    except Exception as inner:
        safe = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        args: dict[str, Any] = {"path": safe, "error": f"{type(inner).__name__}: {inner}", "seconds": seconds}
        finding = Finding("PAR006", Severity.ERROR, variant, args, Location(), excerpt="", fingerprint="")
        return FileResult(safe, None, unreadable=True, findings=[finding])


def _store_key(store: ResultStore | None, path: str, options: Options) -> str | None:
    if store is None or path == "-":
        return None
    try:
        return store.key(path, options)
    except Exception:  # the store is an optimisation: it never costs a file its result
        return None


def _store_get(store: ResultStore | None, key: str | None, path: str, form: Form | None) -> FileResult | Rendered | None:
    """The stored result (as `form` writes it, when given); a result stored from a run in another form is
    rendered here once and its text kept too."""
    if store is None or key is None:
        return None
    try:
        if form is not None:
            rendered = store.get_rendered(key, path, form)
            if rendered is not None:
                return rendered
        whole = store.get(key, path)
        if whole is None or form is None:
            return whole
        packed = pack_for(whole, form, keep_body=False)
        if not isinstance(packed, Packed):
            return whole
        store.put_rendering(key, form, packed.rendered.text)
        return packed.rendered
    except Exception:
        return None


def _store_call(write: Callable[[], None]) -> None:
    try:
        write()
    except Exception:  # the store is an optimisation: it never costs a file its result
        pass


def mp_context() -> multiprocessing.context.BaseContext:
    """fork on Linux (workers inherit the warm parent); elsewhere a forkserver that preloads the same pieces,
    or spawn where neither exists (each worker then warms itself)."""
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["selfeval_lint._preload"])
        return ctx
    return multiprocessing.get_context("spawn")


def _worker_main(conn: Any, form: Form | None = None, keep_body: bool = True) -> None:
    """A worker: receive (index, path, options key, options or None), send back (index, result), until None;
    with a report `form` the result goes back packed (prerender.pack): rendered here, its findings as bytes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    known: dict[int, Options] = {}
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, path, key, options = message
        if options is not None:
            known[key] = options
        result = pack_for(safe_check(path, known[key]), form, keep_body)
        try:
            conn.send((index, result))
        except (BrokenPipeError, EOFError):
            return
        except Exception as exc:  # the result does not pickle
            conn.send((index, _failure(path, "crash", exc)))
        settle_collector()


_settled_in: list[int] = []  # the process that has settled (a forked worker inherits its parent's list)


def settle_collector() -> None:
    """Called by a worker after each file (pool) or task (Dask); the first time in a process, what that loaded
    for good (a reader, caches, the models when not inherited) is left out of every later collection, as the
    objects a forked worker inherits are."""
    resume_if_idle()
    if os.getpid() not in _settled_in:
        _settled_in[:] = [os.getpid()]
        gc.collect()
        gc.freeze()


class _Worker:
    """One worker process, the options it has been sent, and the file it is on."""

    def __init__(self, ctx: multiprocessing.context.BaseContext, form: Form | None = None, keep_body: bool = True) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, form, keep_body), daemon=True)
        frozen_before = gc.get_freeze_count()  # the models, frozen when built (collector.kept_for_good)
        if frozen_before:  # what this freeze adds stays frozen: no garbage among it (a restart comes mid-batch;
            gc.collect()  # the rest of the parent's heap is small, ~0.4 ms)
        gc.freeze()  # a forked worker's collector leaves the inherited (warm) objects alone: their pages stay shared
        try:
            self.process.start()
        finally:
            if not frozen_before:  # unfreezing would put the parent's frozen models back into its collections;
                gc.unfreeze()  # what this freeze added (the batch's long-lived state) stays frozen with them
        child.close()
        self.known: set[int] = set()
        self.index: int | None = None
        self.deadline = float("inf")

    def assign(self, index: int, path: str, key: int, options: Options) -> None:
        self.conn.send((index, path, key, None if key in self.known else options))
        self.known.add(key)
        self.index = index
        limit = options.timeout_seconds
        self.deadline = time.monotonic() + limit + KILL_GRACE_SECONDS if limit else float("inf")

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(timeout=None if kill else 5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class _Pool:
    """Hands files to idle workers one at a time; watches each busy worker's pipe, life and deadline."""

    def __init__(self, work: Work, indices: list[int], jobs: int, form: Form | None = None, keep_body: bool = True) -> None:
        self.work, self.pending, self.jobs = work, deque(indices), jobs
        self.form, self.keep_body = form, keep_body
        self.ctx = mp_context()
        self.option_keys: dict[int, int] = {}  # id(options) → small key sent with each task
        self.options_by_key: list[Options] = []

    def _key(self, options: Options) -> int:
        key = self.option_keys.get(id(options))
        if key is None:
            key = self.option_keys[id(options)] = len(self.options_by_key)
            self.options_by_key.append(options)
        return key

    def results(self) -> Iterator[tuple[int, FileResult | Packed]]:
        workers: list[_Worker | None] = [None] * self.jobs
        retries: dict[int, int] = {}
        try:
            while True:
                for n, w in enumerate(workers):
                    if (w is not None and w.index is not None) or not self.pending:
                        continue
                    if w is None or not w.process.is_alive():
                        if w is not None:
                            w.stop(kill=True)
                        workers[n] = w = _Worker(self.ctx, self.form, self.keep_body)
                    i = self.pending.popleft()
                    path, options = self.work[i]
                    try:
                        w.assign(i, path, self._key(options), options)
                    except (OSError, EOFError):  # the worker went away before it took the file: another one will
                        w.stop(kill=True)
                        workers[n] = None
                        retries[i] = retries.get(i, 0) + 1
                        if retries[i] < 3:
                            self.pending.appendleft(i)
                        else:
                            yield i, _failure(path, "died")
                    except Exception as exc:  # options that do not pickle
                        w.index = None
                        yield i, _failure(path, "crash", exc)
                busy = [w for w in workers if w is not None and w.index is not None]
                if not busy:
                    if self.pending:
                        continue
                    return
                timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
                ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=min(timeout, 3600)))
                now = time.monotonic()
                for n, w in enumerate(workers):
                    if w is None or w.index is None:
                        continue
                    i, path = w.index, self.work[w.index][0]
                    if w.conn in ready:
                        try:
                            _, result = w.conn.recv()
                        except (EOFError, OSError):
                            result = _failure(path, "died")
                            w.stop(kill=True)
                            workers[n] = None
                        except Exception as exc:  # a result that does not unpickle
                            result = _failure(path, "crash", exc)
                        w.index, w.deadline = None, float("inf")
                        yield i, result
                    elif w.process.sentinel in ready:
                        w.stop(kill=True)
                        workers[n] = None
                        yield i, _failure(path, "died")
                    elif now >= w.deadline:
                        w.stop(kill=True)
                        workers[n] = None
                        yield i, _failure(path, "timeout", seconds=self.work[i][1].timeout_seconds)
        finally:
            for w in workers:
                if w is not None:
                    w.stop(kill=w.index is not None)


def default_jobs() -> int:
    """The CPU count this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
