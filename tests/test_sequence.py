"""The shared judgement of where a run of numbers breaks."""

from __future__ import annotations

import pytest

from selfeval_lint.checks.sequence import sequence_breaks


@pytest.mark.parametrize(
    ("values", "breaks"),
    [
        ([1, 2, 3, 4], []),
        ([1, 2, 4, 5], [(2, "gap", 3)]),  # the rest renumbered from the gap: one break
        ([1, 2, 4, 4, 5], [(2, "gap", 3)]),  # one wrong number: one break
        ([1, 2, 4, 4], [(2, "gap", 3)]),
        ([1, 2, 4, 5, 5], [(2, "gap", 3), (4, "repeat", 6)]),
        ([1, 2, 2, 3], [(2, "repeat", 3)]),
        ([1, 2, 3, 2], [(3, "back", 4)]),
        ([6, 9, 8, 9, 10], [(1, "gap", 7)]),  # 九 typed for 七
        ([1, 2, 1, 2], [(2, "restart", 3)]),
        ([], []),
        ([3], []),
    ],
)
def test_breaks(values, breaks):
    assert [(b.index, b.kind, b.expected) for b in sequence_breaks(values)] == breaks


def test_allowed_restart_is_not_a_break():
    assert list(sequence_breaks([1, 2, 1, 2], [False, False, True, False])) == []
