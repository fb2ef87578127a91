"""One regex for a list of patterns: a text none of them can match is passed over after a single scan."""

from __future__ import annotations

import re
from collections.abc import Iterable

_CACHE: dict[tuple[tuple[str, int], ...], re.Pattern[str] | None] = {}


def any_of(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str] | None:
    """A regex that matches a text exactly when at least one of `patterns` matches somewhere in it (their
    alternation), or None when they cannot be joined so (groups, whose numbers would shift under a backreference,
    or flags other than the default): then every pattern must be tried. Built once per list of patterns."""
    key = tuple((p.pattern, p.flags) for p in patterns)
    if key not in _CACHE:
        joined = None
        if key and all(p.groups == 0 and p.flags == re.UNICODE for p in patterns):
            try:
                joined = re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
            except re.error:
                joined = None
        _CACHE[key] = joined
    return _CACHE[key]
