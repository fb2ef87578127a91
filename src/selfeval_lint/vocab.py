"""The typed vocabulary of numbering label styles that labels.py, rules/numbering.yaml and its schema share."""

from __future__ import annotations

from enum import Enum


class Family(str, Enum):
    """The numerals of a label."""

    CN = "cn"  # 一 二 三
    AR = "ar"  # 1 2 3 (also ⑴ ⒈)
    CIRCLED = "circled"  # ① ② ③


class Shape(str, Enum):
    """The frame around a label's numeral."""

    DUN = "dun"  # 一、 1、
    DOT = "dot"  # 1. 一．
    PAREN = "paren"  # （一） （1）
    RPAREN = "rparen"  # 1）
    CIRCLED = "circled"  # ①
    PART = "part"  # 第一部分 / 第一篇
    CHAPTER = "chapter"  # 第一章
    SECTION = "section"  # 第一节


PART_SHAPES: frozenset[Shape] = frozenset({Shape.PART, Shape.CHAPTER, Shape.SECTION})


def style_of(family: Family | str, shape: Shape | str) -> str:
    """The style name of a family and a shape, as Label.style spells it ("cn-paren")."""
    return f"{Family(family).value}-{Shape(shape).value}"


# Every style a label can have: what parse_label produces, render_label renders and rules/ may name.
# (No cn-rparen: "一）" is not read as a label.)
STYLES: tuple[str, ...] = (
    "cn-dun", "cn-dot", "cn-paren", "ar-dun", "ar-dot", "ar-paren", "ar-rparen", "circled-circled",
    "cn-part", "ar-part", "cn-chapter", "ar-chapter", "cn-section", "ar-section",
)


def split_style(style: str) -> tuple[Family, Shape]:
    """A style's family and shape; ValueError naming the style when it is not in the vocabulary."""
    if style not in STYLES:
        raise ValueError(f"unknown label style {style!r} (known: {', '.join(STYLES)})")
    family, shape = style.split("-", 1)
    return Family(family), Shape(shape)
