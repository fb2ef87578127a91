"""Where a run of numbers (1, 2, 3…) breaks: the one judgement NUM001 and NUM006 share."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Break:
    """Item `index` should carry `expected`; `kind` is gap, repeat, back, restart or swap (with the next item)."""

    index: int
    kind: str
    expected: int


def sequence_breaks(values: Sequence[int], restarts_allowed: Sequence[bool] | None = None) -> Iterator[Break]:
    """Breaks in `values`, each reported once: a single wrong number (4 in 1, 2, 4, 4, 5) is one break,
    and the numbers after it are judged against the corrected value, not the wrong one."""
    prev = values[0] if values else 0
    skip: set[int] = set()
    for i in range(1, len(values)):
        v = values[i]
        if v == prev + 1:
            prev = v
            continue
        if v == 1 and v != prev and restarts_allowed is not None and restarts_allowed[i]:
            prev = v
            continue
        expected = prev + 1
        if v == expected + 1 and i + 1 < len(values) and values[i + 1] == expected and i not in skip:
            yield Break(i, "swap", expected)  # （一）（三）（二）: two items swapped
            skip.add(i + 1)
            prev = expected + 1
            continue
        if i in skip:
            continue
        mislabelled = i + 1 < len(values) and values[i + 1] == expected + 1
        if v == prev:
            kind = "repeat"
        elif v == 1:
            kind = "restart"
        elif v > expected:
            kind = "gap"
        else:
            kind = "back"
        yield Break(i, kind, expected)
        prev = expected if mislabelled else v
