"""A lazy window over per-paragraph facts built in document order: only the current one and those looked up ahead are held."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Window(Generic[T]):
    """Items built lazily, in order, from `source`, each keyed by a block index that increases.

    Iterating yields each item once; `get(index)` finds an item at or after the current one (reading the source
    ahead as far as needed). Items behind the current one are dropped, so memory stays bounded by how far the
    caller looks ahead — not by the document's length (a 50 MiB text's tokens and per-character facts are never
    all held at once)."""

    def __init__(self, source: Iterable[T], key: Callable[[T], int]) -> None:
        self._source = iter(source)
        self._key = key
        self._ahead: deque[T] = deque()  # read from the source, not yet yielded
        self._held: dict[int, T] = {}  # the current item and those read ahead, by key
        self._current: int | None = None
        self._done = False

    def _pull(self) -> bool:
        if self._done:
            return False
        item = next(self._source, None)
        if item is None:
            self._done = True
            return False
        self._ahead.append(item)
        self._held[self._key(item)] = item
        return True

    def __iter__(self) -> Iterator[T]:
        while self._ahead or self._pull():
            item = self._ahead.popleft()
            if self._current is not None:
                self._held.pop(self._current, None)  # the one before is no longer reachable
            self._current = self._key(item)
            yield item

    def get(self, index: int) -> T | None:
        """The item keyed `index` (at or after the current one), or None when the source has none."""
        while index not in self._held and (not self._ahead or self._key(self._ahead[-1]) < index) and self._pull():
            pass
        return self._held.get(index)

    def __getitem__(self, index: int) -> T:
        item = self.get(index)
        if item is None:
            raise KeyError(index)
        return item
