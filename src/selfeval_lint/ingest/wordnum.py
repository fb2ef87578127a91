"""Word automatic numbering (ECMA-376 §17.9) rendered as Word displays it, from numbering.xml and styles.xml."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml.etree import _Element

from ..numerals import CIRCLED, DOT_DIGITS, PAREN_DIGITS

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
LEVELS = 9


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{tag}"


def _child(el: _Element, tag: str) -> _Element | None:
    """`el.find(tag)` for one Clark name: the first direct child with that tag (lxml's find parses the path with
    ElementPath on every call; most properties stand first among a few children)."""
    for child in el:
        if child.tag == tag:
            return child
    return None


VAL = w("val")
PSTYLE, NUM_PR, NUM_ID, ILVL, OUTLINE_LVL = w("pStyle"), w("numPr"), w("numId"), w("ilvl"), w("outlineLvl")

# ---------------------------------------------------------------------------------------------------------
# Number formats (ST_NumberFormat, ECMA-376 §17.18.59).
#
# What Word really displays was taken from two implementations written to reproduce Word's output, since
# the standard gives no table: Open-XML-PowerTools (ListItemTextGetter_zh_CN, by Microsoft) and
# ONLYOFFICE (IntToChineseCounting…). Both agree that
#   chineseCounting          10 十, 11 十一, 20 二十, 99 九十九, but 100 一○○ (digit by digit, zero "○" U+25CB);
#   chineseCountingThousand  10 十, 11 十一, 20 二十, 100 一百, 110 一百一十;
# and PowerTools has ideographTraditional 甲…癸 for 1–10, then plain digits.
# Uncertain, not checked against Word itself:
#   - the zero inside chineseCountingThousand (PowerTools "〇" U+3007, ONLYOFFICE "○" U+25CB; 零 is never used);
#   - chineseLegalSimplified 10 → 壹拾 (financial usage; Word might write 拾), 100 → 壹佰, 101 → 壹佰零壹;
#   - taiwaneseCountingThousand (what LibreOffice and WPS write for 一、二、三) is rendered like
#     chineseCountingThousand: the characters are the same below 10 000, which is all a report needs;
#   - decimalEnclosedCircleChinese stops at ⑩ (ONLYOFFICE's table), decimalEnclosedCircle at ⑳, then plain
#     digits in both; custom formats (w14 "001, 002, …") use their mc:Fallback format.
# ---------------------------------------------------------------------------------------------------------

_SIMPLE_DIGITS = "〇一二三四五六七八九"
_LEGAL_SIMPLIFIED = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TRADITIONAL = "零壹貳參肆伍陸柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_FULL_WIDTH_DIGITS = "０１２３４５６７８９"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(value: int) -> str:
    out = []
    for number, letters in _ROMAN:
        count, value = divmod(value, number)
        out.append(letters * count)
    return "".join(out)


def _letters(value: int) -> str:
    """A, B, … Z, AA, BB, … (Word repeats the letter, it does not count in base 26)."""
    repeat, index = divmod(value - 1, 26)
    return chr(ord("A") + index) * (repeat + 1)


def _chinese_counting(value: int) -> str:
    """Word's chineseCounting: 十-words below 100, digit by digit from 100 (100 → 一○○)."""
    digits = "○" + _SIMPLE_DIGITS[1:]
    if value < 10:
        return digits[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
    return "".join(digits[int(d)] for d in str(value))


def _grouped(value: int, digits: str, units: str, myriad: str, zero: str, drop_leading_one: bool) -> str:
    """A counting-thousand numeral: units 十百千 within groups of four digits, a zero for each gap."""
    if value >= 10_000:
        high, low = divmod(value, 10_000)
        head = _grouped(high, digits, units, myriad, zero, drop_leading_one) + myriad
        if not low:
            return head
        return head + (zero if low < 1000 else "") + _grouped(low, digits, units, myriad, zero, False)
    out, pending_zero, started = [], False, False
    for place, digit in zip((3, 2, 1, 0), f"{value:04d}"):
        d = int(digit)
        if d == 0:
            pending_zero = pending_zero or started
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        out.append(digits[d] + ("" if place == 0 else units[place - 1]))
        started = True
    text = "".join(out)
    if drop_leading_one and 10 <= value < 20:
        text = text[1:]  # 十一, not 一十一
    return text


def _table(symbols: str, value: int) -> str:
    """The value's symbol in a fixed table (1-based), plain digits beyond it."""
    return symbols[value - 1] if 1 <= value <= len(symbols) else str(value)


_FORMATTERS = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda v: f"{v:02d}" if 0 <= v < 10 else str(v),
    "decimalFullWidth": lambda v: "".join(_FULL_WIDTH_DIGITS[int(d)] for d in str(v)),
    "decimalFullWidth2": lambda v: "".join(_FULL_WIDTH_DIGITS[int(d)] for d in str(v)),
    "upperLetter": lambda v: _letters(v) if v > 0 else str(v),
    "lowerLetter": lambda v: _letters(v).lower() if v > 0 else str(v),
    "upperRoman": lambda v: _roman(v) if v > 0 else str(v),
    "lowerRoman": lambda v: _roman(v).lower() if v > 0 else str(v),
    "chineseCounting": _chinese_counting,
    "taiwaneseCounting": _chinese_counting,
    "chineseCountingThousand": lambda v: _grouped(v, _SIMPLE_DIGITS, "十百千", "万", "〇", True),
    "taiwaneseCountingThousand": lambda v: _grouped(v, _SIMPLE_DIGITS, "十百千", "萬", "〇", True),
    "chineseLegalSimplified": lambda v: _grouped(v, _LEGAL_SIMPLIFIED, "拾佰仟", "万", "零", False),
    "ideographLegalTraditional": lambda v: _grouped(v, _LEGAL_TRADITIONAL, "拾佰仟", "萬", "零", False),
    "ideographDigital": lambda v: "".join(_SIMPLE_DIGITS[int(d)] for d in str(v)),
    "taiwaneseDigital": lambda v: "".join(_SIMPLE_DIGITS[int(d)] for d in str(v)),
    "ideographTraditional": lambda v: _table(_HEAVENLY_STEMS, v),
    "ideographZodiac": lambda v: _table(_EARTHLY_BRANCHES, v),
    "decimalEnclosedCircle": lambda v: _table(CIRCLED[:20], v),
    "decimalEnclosedCircleChinese": lambda v: _table(CIRCLED[:10], v),
    "ideographEnclosedCircle": lambda v: _table("㊀㊁㊂㊃㊄㊅㊆㊇㊈㊉", v),
    "decimalEnclosedFullstop": lambda v: _table(DOT_DIGITS, v),
    "decimalEnclosedParen": lambda v: _table(PAREN_DIGITS, v),
    "none": lambda v: "",
    "bullet": lambda v: "",
}


# A label longer than this is no list label: the value is written in Arabic digits instead (a letter format
# repeats its letter value/26 times, roman numerals grow by one M per thousand).
MAX_LABEL_CHARS = 16
_LONG_FORMATS = {"upperLetter": 26 * MAX_LABEL_CHARS, "lowerLetter": 26 * MAX_LABEL_CHARS,
                 "upperRoman": 1000 * MAX_LABEL_CHARS // 2, "lowerRoman": 1000 * MAX_LABEL_CHARS // 2}


def format_number(value: int, num_fmt: str) -> str:
    """`value` written in the Word number format `num_fmt` (unknown formats fall back to decimal); a value
    whose label would be longer than MAX_LABEL_CHARS is written in Arabic digits."""
    value = min(value, MAX_NUMBER)
    if value < 0 or value > _LONG_FORMATS.get(num_fmt, MAX_NUMBER):
        return str(value)
    if value == 0 and num_fmt not in ("none", "bullet", "decimalZero", "chineseCounting", "taiwaneseCounting"):
        return "0"
    label = _FORMATTERS.get(num_fmt, str)(value)
    return label if len(label) <= MAX_LABEL_CHARS else str(value)


# Bullets drawn from symbol fonts are stored as private-use characters (Symbol F0B7, Wingdings F0A7 …).
_SYMBOL_BULLETS = {"\uf0b7": "•", "\uf06c": "●", "\uf0a7": "▪", "\uf06e": "■", "\uf075": "◆", "\uf0d8": "➢",
                   "\uf076": "❖", "\uf0fc": "✓", "\uf0a8": "◆", "\uf0b2": "◇", "\uf06f": "□", "\uf071": "❑"}


def _visible_bullet(text: str) -> str:
    return "".join(_SYMBOL_BULLETS.get(ch, "•" if "\uf000" <= ch <= "\uf0ff" else ch) for ch in text)


# ---------------------------------------------------------------------------------------------------------
# styles.xml and numbering.xml
# ---------------------------------------------------------------------------------------------------------


def _val(el: _Element | None) -> str | None:
    return None if el is None else el.get(VAL)


# Word stores numbers as 32-bit integers (ST_DecimalNumber): a longer number is not one Word wrote, and
# parsing or formatting it (4,000 digits, 10**9 in a letter format) must not cost unbounded time or memory.
MAX_NUMBER = 2**31 - 1
_MAX_DIGITS = 11


def _int(text: str | None, default: int | None = None) -> int | None:
    if text is None or len(text.strip()) > _MAX_DIGITS:
        return default
    try:
        return max(-MAX_NUMBER, min(MAX_NUMBER, int(text)))
    except ValueError:
        return default


def _on(el: _Element | None) -> bool:
    """A WordprocessingML on/off property: present and not switched off."""
    return el is not None and el.get(VAL, "true") not in ("0", "false", "off")


@dataclass(frozen=True)
class Style:
    """The properties of one style that numbering and outline levels need."""

    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None


_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)


@dataclass
class Styles:
    """Paragraph and numbering styles by id, with their basedOn chains resolved on demand (a style's properties
    are read from its element when a chain first reaches it: most of a template's styles are never used)."""

    elements: dict[str, _Element] = field(default_factory=dict)
    default_paragraph: str | None = None
    by_id: dict[str, Style] = field(default_factory=dict)
    _chains: dict[str, tuple[str | None, int | None, int | None]] = field(default_factory=dict)

    def style(self, style_id: str) -> Style:
        """The properties of the style `style_id` (one of `elements`)."""
        style = self.by_id.get(style_id)
        if style is None:
            style = self.by_id[style_id] = _style(self.elements[style_id], style_id)
        return style

    def chain(self, style_id: str | None) -> tuple[str | None, int | None, int | None]:
        """numId, ilvl and outline level (0-based) a style gets from itself or the styles it is based on."""
        if style_id is None:
            return None, None, None
        if style_id not in self._chains:
            num_id = ilvl = outline = heading = None
            current: str | None = style_id
            seen: set[str] = set()
            while current is not None and current not in seen and current in self.elements:
                seen.add(current)
                style = self.style(current)
                num_id = style.num_id if num_id is None else num_id
                ilvl = style.ilvl if ilvl is None else ilvl
                outline = style.outline if outline is None else outline
                if heading is None and (m := _HEADING_NAME.match(style.name.strip())):
                    heading = int(m.group(1)) - 1
                current = style.based_on
            self._chains[style_id] = (num_id, ilvl, outline if outline is not None else heading)
        return self._chains[style_id]


def read_styles(root: _Element | None) -> Styles:
    """The styles of a styles.xml root element (None: no styles part)."""
    styles = Styles()
    if root is None:
        return styles
    elements = styles.elements
    for el in root.iterfind(_STYLE):
        style_id = el.get(_STYLE_ID)
        if style_id is None:
            continue
        elements[style_id] = el
        if styles.default_paragraph is None and el.get(_TYPE) == "paragraph" and _on_attr(el.get(_DEFAULT)):
            styles.default_paragraph = style_id
    return styles


_STYLE, _STYLE_ID, _TYPE, _DEFAULT, _NAME, _BASED_ON, _PPR = (
    w("style"), w("styleId"), w("type"), w("default"), w("name"), w("basedOn"), w("pPr"))


def _style(el: _Element, style_id: str) -> Style:
    """One w:style's name, base style, numbering and outline level."""
    ppr = _child(el, _PPR)
    num_pr = _child(ppr, NUM_PR) if ppr is not None else None
    return Style(
        name=_val(_child(el, _NAME)) or style_id,
        based_on=_val(_child(el, _BASED_ON)),
        num_id=_val(_child(num_pr, NUM_ID)) if num_pr is not None else None,
        ilvl=_int(_val(_child(num_pr, ILVL))) if num_pr is not None else None,
        outline=_int(_val(_child(ppr, OUTLINE_LVL))) if ppr is not None else None,
    )


def _on_attr(value: str | None) -> bool:
    return value in ("1", "true", "on")


@dataclass(frozen=True)
class Level:
    """One level of a list definition (w:lvl)."""

    start: int = 0
    num_fmt: str = "decimal"
    text: str = ""
    suffix: str = "tab"  # tab, space or nothing
    legal: bool = False  # w:isLgl: every substituted level in decimal
    restart: int | None = None  # w:lvlRestart: restart only after this 1-based level; 0 never
    style: str | None = None  # w:pStyle: the paragraph style tied to this level


@dataclass(frozen=True)
class AbstractNum:
    id: str
    levels: dict[int, Level]
    num_style_link: str | None = None
    single_level: bool = False


@dataclass(frozen=True)
class Num:
    id: str
    abstract_id: str | None
    start_overrides: dict[int, int]
    level_overrides: dict[int, Level]


def _level(el: _Element) -> Level:
    num_fmt = _val(_child(el, w("numFmt")))
    if num_fmt is None:  # Word 2010 custom formats: <mc:AlternateContent> with a standard mc:Fallback
        num_fmt = _val(el.find(f"{{{MC_NS}}}AlternateContent/{{{MC_NS}}}Fallback/{w('numFmt')}"))
    text = _val(_child(el, w("lvlText")))
    return Level(
        start=_int(_val(_child(el, w("start"))), 0) or 0,
        num_fmt=num_fmt or "decimal",
        text=text or "",
        suffix=_val(_child(el, w("suff"))) or "tab",
        legal=_on(_child(el, w("isLgl"))),
        restart=_int(_val(_child(el, w("lvlRestart")))),
        style=_val(_child(el, w("pStyle"))),
    )


@dataclass
class Numbering:
    """The list definitions of numbering.xml: abstract definitions and the w:num instances that use them."""

    abstracts: dict[str, AbstractNum] = field(default_factory=dict)
    nums: dict[str, Num] = field(default_factory=dict)
    styles: Styles = field(default_factory=Styles)
    _resolved: dict[str, tuple[AbstractNum, Num, Num | None] | None] = field(default_factory=dict)

    def resolve(self, num_id: str) -> tuple[AbstractNum, Num, Num | None] | None:
        """The abstract definition a num uses, following w:numStyleLink to the list style's own num."""
        if num_id not in self._resolved:
            num = self.nums.get(num_id)
            abstract = self.abstracts.get(num.abstract_id) if num and num.abstract_id else None
            linked: Num | None = None
            for _ in range(4):
                if abstract is None or abstract.num_style_link is None:
                    break
                target = self.nums.get(self.styles.chain(abstract.num_style_link)[0] or "")
                if target is None or target.abstract_id is None:
                    break
                linked, abstract = target, self.abstracts.get(target.abstract_id)
            self._resolved[num_id] = (abstract, num, linked) if abstract is not None and num is not None else None
        return self._resolved[num_id]


def read_numbering(root: _Element | None, styles: Styles) -> Numbering:
    """The list definitions of a numbering.xml root element (None: no numbering part)."""
    numbering = Numbering(styles=styles)
    if root is None:
        return numbering
    for el in root.iterfind(w("abstractNum")):
        levels = {}
        for lvl in el.iterfind(w("lvl")):
            ilvl = _int(lvl.get(w("ilvl")))
            if ilvl is not None and 0 <= ilvl < LEVELS:
                levels[ilvl] = _level(lvl)
        abstract_id = el.get(w("abstractNumId")) or ""
        numbering.abstracts[abstract_id] = AbstractNum(
            abstract_id,
            levels,
            num_style_link=_val(_child(el, w("numStyleLink"))),
            single_level=_val(_child(el, w("multiLevelType"))) == "singleLevel",
        )
    for el in root.iterfind(w("num")):
        starts, overrides = {}, {}
        for override in el.iterfind(w("lvlOverride")):
            ilvl = _int(override.get(w("ilvl")))
            if ilvl is None or not 0 <= ilvl < LEVELS:
                continue
            if (start := _int(_val(_child(override, w("startOverride"))))) is not None:
                starts[ilvl] = start
            if (lvl := _child(override, w("lvl"))) is not None:
                overrides[ilvl] = _level(lvl)
        num_id = el.get(w("numId")) or ""
        numbering.nums[num_id] = Num(num_id, _val(_child(el, w("abstractNumId"))), starts, overrides)
    return numbering


def paragraph_numbering(ppr: _Element | None, numbering: Numbering) -> tuple[str, int] | None:
    """The (numId, ilvl) a paragraph is numbered with, from its own w:numPr or its style chain; None if off.

    A paragraph's own numId wins (0 switches the style's numbering off); an ilvl alone on the paragraph
    applies to the style's list. Without any ilvl, the level whose w:pStyle names the paragraph's style
    is used, else level 0.
    """
    styles = numbering.styles
    style_id = _val(_child(ppr, PSTYLE)) if ppr is not None else None
    style_id = style_id or styles.default_paragraph
    style_num, style_ilvl, _ = styles.chain(style_id)
    num_pr = _child(ppr, NUM_PR) if ppr is not None else None
    own_num = _val(_child(num_pr, NUM_ID)) if num_pr is not None else None
    own_ilvl = _int(_val(_child(num_pr, ILVL))) if num_pr is not None else None
    num_id = own_num if own_num is not None else style_num
    if num_id is None or num_id.strip() in ("", "0"):
        return None
    ilvl = own_ilvl if own_ilvl is not None else (style_ilvl if own_num is None else 0)
    if ilvl is None:
        ilvl = 0
        resolved = numbering.resolve(num_id)
        if resolved is not None:
            ilvl = next((i for i, lvl in sorted(resolved[0].levels.items()) if lvl.style == style_id), 0)
    return num_id, min(max(ilvl, 0), LEVELS - 1)


def outline_level(ppr: _Element | None, styles: Styles) -> int | None:
    """The 1-based heading level of a paragraph (w:outlineLvl, own or from its style chain), None for body text."""
    own = _int(_val(_child(ppr, OUTLINE_LVL))) if ppr is not None else None
    if own is None:
        style_id = _val(_child(ppr, PSTYLE)) if ppr is not None else None
        own = styles.chain(style_id or styles.default_paragraph)[2]
    return own + 1 if own is not None and 0 <= own < LEVELS else None


_LEVEL_REF = re.compile(r"%([1-9])")  # a level's number in w:lvlText


class AutoLabel(NamedTuple):
    """A rendered list label and what Word puts between it and the text (w:suff)."""

    text: str
    suffix: str


class Counters:
    """Word's list counters for one story (the body, or one text box).

    Counters belong to the abstract definition, so every w:num pointing at it continues the same list;
    a num with w:startOverride restarts the overridden levels the first time it is used. Numbering an
    item increments its level and restarts deeper levels (w:lvlRestart: only after a level at or above
    the one it names; 0: never). A shallower level that has not started yet counts as its start value
    and is then taken as used: a level-1 item before any level-0 item shows （一）, and the first
    level-0 item after it shows 二、. LibreOffice does this (domain.md §3), and so does
    Open-XML-PowerTools' ListItemRetriever, which was written to match Word's display.
    """

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.values: dict[str, list[int | None]] = {}
        self.used_nums: set[str] = set()

    def next_label(self, num_id: str, ilvl: int) -> AutoLabel | None:
        """Count one item of list `num_id` at level `ilvl` and return its label (None: nothing displayed)."""
        resolved = self.numbering.resolve(num_id)
        if resolved is None:
            return None
        abstract, num, linked = resolved
        if abstract.single_level:
            ilvl = 0
        level = self._level(abstract, num, linked, ilvl)
        if level is None:
            return None
        starts = {**(linked.start_overrides if linked else {}), **num.start_overrides}
        counters = self.values.setdefault(abstract.id, [None] * LEVELS)
        if num.id not in self.used_nums:
            self.used_nums.add(num.id)
            for overridden in starts:
                counters[overridden] = None

        def start(i: int) -> int:
            if i in starts:
                return starts[i]
            lvl = self._level(abstract, num, linked, i)
            return lvl.start if lvl is not None else 0

        current = counters[ilvl]
        counters[ilvl] = start(ilvl) if current is None else min(current + 1, MAX_NUMBER)
        for shallower in range(ilvl):
            if counters[shallower] is None:
                counters[shallower] = start(shallower)
        for deeper in range(ilvl + 1, LEVELS):
            lvl = self._level(abstract, num, linked, deeper)
            restart = lvl.restart if lvl is not None else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None

        def substitute(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            lvl = self._level(abstract, num, linked, i)
            fmt = lvl.num_fmt if lvl is not None else "decimal"
            if level.legal and fmt not in ("decimalZero", "none"):
                fmt = "decimal"
            value = counters[i]
            return format_number(start(i) if value is None else value, fmt)

        text = _LEVEL_REF.sub(substitute, level.text)
        if level.num_fmt == "bullet":
            text = _visible_bullet(text)
        text = text.replace("\t", " ")
        if not text.strip():
            return None
        suffix = level.suffix
        if text != text.rstrip():
            text, suffix = text.rstrip(), "space"
        return AutoLabel(text, suffix)

    @staticmethod
    def _level(abstract: AbstractNum, num: Num, linked: Num | None, ilvl: int) -> Level | None:
        """The level definition in force: the num's w:lvlOverride, else the abstract's (or the nearest above)."""
        for i in range(ilvl, -1, -1):
            for source in (num.level_overrides, linked.level_overrides if linked else {}, abstract.levels):
                if i in source:
                    return source[i]
        return None


def joined(label: AutoLabel, text: str) -> str:
    """The paragraph text as displayed: label, separator, text.

    w:suff tab and space both become one space, nothing none. No space follows a label ending in a
    full-width character or an enclosed number (一、 （一） ① ⒈), so that the text reads "一、部门…" as
    when typed; "1." and "A)" get one, so that "1. 2023年…" is not read as the number 1.2023.
    """
    if not text or label.suffix == "nothing":
        return label.text + text
    last = label.text[-1]
    tight = unicodedata.east_asian_width(last) in ("W", "F") or last in CIRCLED + PAREN_DIGITS + DOT_DIGITS
    return label.text + ("" if tight else " ") + text
