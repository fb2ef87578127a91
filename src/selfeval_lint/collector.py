"""Python's cyclic garbage collector kept off work that makes many objects and no garbage."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No collection runs inside the block; after it the collector runs again if it ran before the outermost
    block began (blocks nest, in one thread or several: the collector is process-wide, so only the last block
    to end turns it back on; a caller that had turned it off finds it off). For reading a document: a dict
    for every character and word, none of them in a cycle."""
    global _paused, _enabled_before
    with _lock:
        if _paused == 0:
            _enabled_before = gc.isenabled()
            gc.disable()
        _paused += 1
        _mine.depth = getattr(_mine, "depth", 0) + 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            _mine.depth -= 1
            if _paused == 0 and _enabled_before:
                gc.enable()


def resume_if_idle() -> None:
    """The collector on again if no block is under way and it ran before the last one began: a worker calls
    this between files, in case a time limit's exception (raised by a signal handler, between any two steps)
    cut a block's end short."""
    with _lock:
        if _paused == 0 and _enabled_before and not gc.isenabled():
            gc.enable()


_lock = threading.Lock()
_paused = 0  # blocks under way, in every thread
_mine = threading.local()  # .depth: blocks under way in this thread
_enabled_before = False  # whether the collector ran when the outermost block began


def _after_fork_in_child() -> None:
    """A forked child has only the thread that forked: a new lock (the old one may be held by a thread the child
    does not have), and only that thread's blocks under way (the collector on again if it has none)."""
    global _lock, _paused
    _lock = threading.Lock()
    _paused = getattr(_mine, "depth", 0)
    if _paused == 0 and _enabled_before and not gc.isenabled():
        gc.enable()


os.register_at_fork(after_in_child=_after_fork_in_child)


@contextmanager
def kept_for_good(what: str) -> Iterator[None]:
    """For building what a process keeps (spaCy and its pipeline, jieba and its dictionary): no collection in
    the block, where each pass would walk a growing heap of live objects and free nothing; and, the first time
    `what` is built in the process, every object alive at the end frozen (gc.freeze), so that no later
    collection walks them either (as a forked worker's inherited objects are).

    Freezing takes every object alive at that moment: also a check's objects in flight when the build came
    lazily during one, and the build's own cyclic garbage (about 3,000 objects for spaCy's; collecting them
    first would cost a pass over the whole build, ~55 ms). Frozen objects are still freed once nothing refers
    to them; only a cycle among them is not, and stays to the end of the process. So only the first build of
    each kind freezes, which bounds what can stay so: one build per kind, also if its builder's cache (the
    pipeline's keeps four) evicts it; later builds, for other rule data, stay collectable."""
    with collector_paused():
        yield
        if what not in _FROZEN:
            _FROZEN.add(what)
            gc.freeze()


_FROZEN: set[str] = set()  # what has been built and frozen in this process (a forked child inherits it)
