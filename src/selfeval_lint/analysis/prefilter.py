"""Cheap exact prefilters for regexes: characters one of which every match must hold, read from the pattern
itself, so that a text without them is passed over (a set test against the text's characters)."""

from __future__ import annotations

import re
from functools import lru_cache

try:  # the regex parser the re module compiles with (re._parser since Python 3.11)
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_MAX_CHARS = 64  # a larger class (a range of ideographs, \d) filters out too little to be worth a scan
_MAX_FILTERS = 2


@lru_cache(maxsize=512)
def needed(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of characters of each of which every match of `pattern` holds one, the most telling first; () when
    none can be told from the pattern (case-insensitive flags, only wide classes, only lookarounds): then the
    pattern itself must be run."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return ()
    try:
        sets = _sequence(_sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # an internal API: any surprise means no prefilter, never a wrong one
        return ()
    ordered = sorted(set(sets), key=lambda chars: (any(c.isdigit() or c.isspace() for c in chars), len(chars), sorted(chars)))
    return tuple(ordered[:_MAX_FILTERS])


def passes(sets: tuple[frozenset[str], ...], present: set[str]) -> bool:
    """Whether a text whose characters are `present` holds one of every set: else the pattern cannot match in it."""
    for chars in sets:
        if chars.isdisjoint(present):
            return False
    return True


def _sequence(items) -> list[frozenset[str]]:  # type: ignore[no-untyped-def]
    """For a sequence, every part of which a match consumes: the classes each part requires."""
    out: list[frozenset[str]] = []
    for op, av in items:
        out += _element(op, av)
    return out


def _element(op, av) -> list[frozenset[str]]:  # type: ignore[no-untyped-def]
    if op is _sre.LITERAL:
        return [frozenset(chr(av))]
    if op is _sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is _sre.LITERAL:
                chars.add(chr(value))
            elif kind is _sre.RANGE and value[1] - value[0] < _MAX_CHARS:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY (\d, \s), a wide range
                return []
        return [frozenset(chars)] if 0 < len(chars) <= _MAX_CHARS else []
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
        low, _high, item = av
        return _sequence(item) if low >= 1 else []
    if op is _sre.SUBPATTERN:
        _group, add_flags, _del_flags, item = av
        return [] if add_flags & (re.IGNORECASE | re.VERBOSE) else _sequence(item)
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is _sre.BRANCH:  # whichever alternative matched: the union of one class each alternative requires
        union: set[str] = set()
        for branch in av[1]:
            sets = _sequence(branch)
            if not sets:
                return []
            union |= min(sets, key=len)
        return [frozenset(union)] if len(union) <= _MAX_CHARS else []
    return []  # lookarounds, anchors, any character, group references: they promise no character of the match
