"""Numbering labels (一、 （一） (一) 1. 1、 1． （1） ① 第一部分 …): recognise, classify and render them (shared by ingest and analysis)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocab import split_style
from .numerals import CIRCLED, CN_NUMERAL_CHARS, DOT_DIGITS, PAREN_DIGITS, cn_to_int, int_to_cn

_CN = f"[{CN_NUMERAL_CHARS}]{{1,4}}"
_D = r"\d{1,3}"
_PART = re.compile(rf"第\s*({_CN}|{_D})\s*(部分|章|节|篇)")
# After 一、 anything may follow ("二、2023年度…"); after 1、 or 1. a digit may only open a year
# ("1、2023年…"), so that 1.5亿元, 1、2月 and 3、4季度 are not labels.
_YEAR_OR_NO_DIGIT = r"(?:(?=[0-9０-９]{4}\s*年)|(?![0-9０-９.．]))"
_CN_BARE = re.compile(rf"({_CN})\s*([、．.])(?![.．])")
_PAREN = re.compile(rf"([（(])\s*({_CN}|{_D})\s*([）)])")
_AR_BARE = re.compile(rf"({_D})\s*([、．.]){_YEAR_OR_NO_DIGIT}")
_AR_RPAREN = re.compile(rf"({_D})\s*([）)])")
_RANGE_NOUNS = set("、季月批期级等年届")
# Spaces before a label, including the page and line breaks converters leave (pdftotext's \f before a page).
_LEADING_SPACE = " \t\u3000\f\v\x85\u2028\u2029"
_SHAPE_OF_PART = {"部分": "part", "章": "chapter", "节": "section", "篇": "part"}


@dataclass(frozen=True)
class Label:
    """A numbering label as written: its span, value and style."""

    text: str
    start: int
    end: int
    value: int
    family: str  # "cn" (Chinese numeral), "ar" (Arabic digits), "circled"
    shape: str  # "dun" 一、, "dot" 1., "paren" （1）, "rparen" 1）, "circled" ①, "part"/"chapter"/"section"
    width: str = ""  # for brackets: "full", "half" or "mixed"

    @property
    def style(self) -> str:
        """Family and shape: what two labels of one list should share (bracket width aside)."""
        return f"{self.family}-{self.shape}"

    @property
    def frame(self) -> str:
        """The label's outer form, regardless of numeral family: bare (、 or .), paren, circled, part…"""
        return "bare" if self.shape in ("dun", "dot") else self.shape

    @property
    def is_part(self) -> bool:
        return self.shape in ("part", "chapter", "section")


def _numeric(token: str) -> int | None:
    token = token.strip()
    if token.isdigit():
        return int(token)
    return cn_to_int(token)


def _family(token: str) -> str:
    return "ar" if token.strip().isdigit() else "cn"


def parse_label(text: str, pos: int = 0) -> Label | None:
    """The label that starts `text` at `pos` (after leading spaces), or None."""
    while pos < len(text) and text[pos] in _LEADING_SPACE:
        pos += 1
    if pos >= len(text):
        return None
    ch = text[pos]
    if ch in CIRCLED:
        return Label(ch, pos, pos + 1, CIRCLED.index(ch) + 1, "circled", "circled")
    if ch in PAREN_DIGITS:
        return Label(ch, pos, pos + 1, PAREN_DIGITS.index(ch) + 1, "ar", "paren", "full")
    if ch in DOT_DIGITS:
        return Label(ch, pos, pos + 1, DOT_DIGITS.index(ch) + 1, "ar", "dot")
    for pattern, kind in ((_PART, "part"), (_PAREN, "paren"), (_CN_BARE, "bare"), (_AR_BARE, "bare"), (_AR_RPAREN, "rparen")):
        m = pattern.match(text, pos)
        if not m:
            continue
        if kind == "part":
            value, family, shape, width = _numeric(m.group(1)), _family(m.group(1)), _SHAPE_OF_PART[m.group(2)], ""
        elif kind == "paren":
            value, family, shape = _numeric(m.group(2)), _family(m.group(2)), "paren"
            opening, closing = m.group(1) == "（", m.group(3) == "）"
            width = "full" if opening and closing else "half" if not (opening or closing) else "mixed"
        elif kind == "bare":
            value, family, width = _numeric(m.group(1)), _family(m.group(1)), ""
            shape = "dun" if m.group(2) == "、" else "dot"
        else:
            value, family, shape, width = _numeric(m.group(1)), "ar", "rparen", ""
        if not value or (family == "cn" and _is_range(text, m.end(), value)):
            continue
        return Label(m.group(0), pos, m.end(), value, family, shape, width)
    return None


def _is_range(text: str, after: int, value: int) -> bool:
    """一、二季度 or 三、四月: a range of numbers, not a label followed by text."""
    following = int_to_cn(value + 1)
    return text.startswith(following, after) and text[after + len(following) : after + len(following) + 1] in _RANGE_NOUNS


def render_label(style: str, value: int) -> str:
    """How a label of `style` with `value` is written in the GB/T 9704 form (full-width brackets)."""
    family, shape = (part.value for part in split_style(style))
    num = str(value) if family == "ar" else int_to_cn(value)
    if family == "circled":
        return CIRCLED[value - 1] if 0 < value <= len(CIRCLED) else f"({value})"
    return {
        "dun": f"{num}、",
        "dot": f"{num}." if family == "ar" else f"{num}．",
        "paren": f"（{num}）",
        "rparen": f"{num}）",
        "part": f"第{num}部分",
        "chapter": f"第{num}章",
        "section": f"第{num}节",
    }[shape]
