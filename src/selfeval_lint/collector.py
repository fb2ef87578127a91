"""Python's cyclic garbage collector kept off work that makes many objects and no garbage."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No collection runs inside the block; after it the collector runs again if it ran before (a nested block,
    or a caller that turned it off, is left as it was). For reading a document: a dict for every character and
    word, none of them in a cycle."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def kept_for_good(what: str) -> Iterator[None]:
    """For building what a process keeps (spaCy and its pipeline, jieba and its dictionary): no collection in
    the block, where each pass would walk a growing heap of live objects and free nothing; and, the first time
    `what` is built in the process, every object alive at the end frozen (gc.freeze), so that no later
    collection walks them either (as a forked worker's inherited objects are).

    Freezing takes every object alive at that moment, also a check's objects in flight when the build came
    lazily during one: they are still freed once nothing refers to them, only a cycle among them is not. So
    only the first build of each kind freezes: a builder's later builds (for other rule data) may be evicted
    from its cache and must stay collectable."""
    with collector_paused():
        yield
        if what not in _FROZEN:
            _FROZEN.add(what)
            gc.freeze()


_FROZEN: set[str] = set()  # what has been built and frozen in this process (a forked child inherits it)
