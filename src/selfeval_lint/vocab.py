"""The typed vocabularies that code, rules/ data and their JSON Schemas share: label styles, severities,
block kinds, rule scopes and preconditions, statement cue kinds, location fields (tests/test_vocab.py holds the
schemas to them)."""

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


class Severity(str, Enum):
    """How sure a finding is that the document is wrong."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]


class BlockKind(str, Enum):
    """What a block is, as far as the input format can tell."""

    PARAGRAPH = "paragraph"
    TABLE = "table"


class Scope(str, Enum):
    """The blocks a rule reads (and may report in): declared by each rule, applied by the engine."""

    TITLE = "title"  # the report's title lines
    TOC = "toc"  # the table of contents
    HEADINGS = "headings"  # outline items that are headings
    BODY = "body"  # other paragraphs (numbered list items included)
    TABLE_CELLS = "table_cells"  # the cells of tables
    DOCUMENT = "document"  # the document as a whole: any block, or the file itself (PAR, SUP)


class Need(str, Enum):
    """A precondition the engine checks once before it calls a rule (checks/base.py says how each is told)."""

    TEMPLATE_FITS = "template_fits"  # the outline follows the chosen template closely enough
    EXACT_TITLES = "exact_titles"  # the template asks for its titles verbatim (and fits)
    DOCX_LAYOUT = "docx_layout"  # a .docx whose page and paragraph layout was read, and a template naming a known layout profile
    TYPED_SPACING = "typed_spacing"  # spaces are the author's (.txt, .md, .docx), not a PDF's or OFD's layout


class CueKind(str, Enum):
    """The kinds of statement cue words (rules/statements.yaml `cues`), as the EntityRuler labels them."""

    BREAKDOWN = "BREAKDOWN"
    TOTAL_AFTER = "TOTAL_AFTER"
    SHARE = "SHARE"
    EACH = "EACH"
    LIST_INTRO = "LIST_INTRO"
    ETC = "ETC"
    RATE = "RATE"
    BUDGET = "BUDGET"
    INITIAL_BUDGET = "INITIAL_BUDGET"
    EXECUTION = "EXECUTION"
    COMPARE = "COMPARE"
    INCREASE = "INCREASE"
    DECREASE = "DECREASE"
    FLAT = "FLAT"
    COMPLETION = "COMPLETION"


class CompletionBase(str, Enum):
    """What a completion rate is measured against (rules/statements.yaml `completion_bases`)."""

    INITIAL_BUDGET = "INITIAL_BUDGET"
    BUDGET = "BUDGET"
    ANY = "ANY"


class Relation(str, Enum):
    """A written comparison between two figures (rules/statements.yaml `comparison.relations`)."""

    GT = "gt"
    LT = "lt"
    EQ = "eq"


# The fields of a finding's location (model.Location, the JSON report's "location"), in report order.
LOCATION_FIELDS: tuple[str, ...] = (
    "line", "column", "end_line", "end_column", "page", "paragraph", "table", "section", "sheet", "cell",
)
