"""Numbering style facts: the style each sibling group should use and how each outline level is styled."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .outline import Outline, SiblingGroup


@dataclass(frozen=True)
class GroupStyle:
    """How one sibling group is styled."""

    group: int
    target: str  # the style the whole group should use (GB/T 9704's for its level when present)
    uniform: bool  # every item has the same style
    standard: str | None  # the GB/T 9704 style of the group's level


@dataclass(frozen=True)
class NumberingStyles:
    """Per group its style facts; per outline level the style most heading groups share."""

    groups: dict[int, GroupStyle]
    level_style: dict[int, str]  # level → prevailing (normalised) style of its heading groups
    level_mixed: frozenset[int]  # levels whose heading groups use different styles
    equivalent: dict[str, str]  # styles accepted in place of the standard one (1、 for 1.)

    def normalised(self, style: str) -> str:
        return self.equivalent.get(style, style)


def standard_style(level: int, profile: dict[str, Any]) -> str | None:
    levels = profile["levels"]
    return levels[level - 1] if 0 < level <= len(levels) else None


def _target(styles: list[str], standard: str | None, equivalent: dict[str, str]) -> str:
    if standard and standard in styles:
        return standard
    if standard and any(equivalent.get(s) == standard for s in styles):
        return next(s for s in styles if equivalent.get(s) == standard)
    counts = Counter(styles)
    best = max(counts.values())
    return next(s for s in styles if counts[s] == best)


def _group_style(outline: Outline, group: SiblingGroup, profile: dict[str, Any]) -> GroupStyle:
    labels = [item.label for item in outline.group_items(group)]
    styles = [lb.style for lb in labels]
    standard = standard_style(group.level, profile)
    target = _target(styles, standard, profile["equivalent"])
    return GroupStyle(group.id, target, len(set(styles)) == 1, standard)


def numbering_styles(outline: Outline, profile: dict[str, Any]) -> NumberingStyles:
    """Style facts for every group, and for every level of heading groups."""
    equivalent = profile["equivalent"]
    groups = {g.id: _group_style(outline, g, profile) for g in outline.groups}
    by_level: dict[int, list[str]] = {}
    for g in outline.groups:
        if g.level > 0 and not g.annex and outline.is_heading_group(g):
            by_level.setdefault(g.level, []).append(equivalent.get(groups[g.id].target, groups[g.id].target))
    level_style = {}
    for level, styles in by_level.items():
        standard = standard_style(level, profile)
        level_style[level] = _target(styles, standard, {})
    mixed = frozenset(level for level, styles in by_level.items() if len(set(styles)) > 1)
    return NumberingStyles(groups, level_style, mixed, equivalent)
