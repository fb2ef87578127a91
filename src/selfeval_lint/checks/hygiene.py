"""TXT rules: extraction artifacts, unfilled template text, unbalanced brackets and quotes, stacked punctuation."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..model import Block, BlockKind, Severity
from ..registry import T, rule
from ..vocab import Scope
from ..rulesets import Pattern
from .base import Context, Hit
from ..analysis.prefilter import needed, passes

# Ranking of punctuation, to suggest which of a stacked pair to keep.
_STRENGTH = "。？！；：，、"


def _checked_blocks(ctx: Context) -> Iterator[Block]:
    """Blocks whose text the hygiene rules read: body and tables, not the table of contents."""
    for block in ctx.doc.blocks:
        if block.index not in ctx.analysis.outline.toc_blocks:
            yield block


@rule(
    code="TXT001",
    name="extraction-artifact",
    severity=Severity.ERROR,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY, Scope.TABLE_CELLS),
    summary=T("文中残留转换或排版标记", "Conversion or markup artifacts left in the text"),
    messages={
        "artifact": T("文中有{what}“{text}”，应删除", "The text contains {what} “{text}”; delete it"),
    },
    what=T(
        "检查格式转换或复制粘贴留下的标记：[bookmark: _GoBack]、未更新的域代码（PAGEREF _Toc…、HYPERLINK）、"
        "“错误！未找到引用源。”、图片标记 ![]()、HTML 标记、文档属性信息等。模式定义在 rules/hygiene.yaml。",
        "Finds markers left by conversion or copy-paste: [bookmark: _GoBack], field codes (PAGEREF _Toc…, HYPERLINK), "
        "“错误！未找到引用源。”, image markers ![](), HTML tags, document-property dumps. Patterns live in rules/hygiene.yaml.",
    ),
    why=T("这些标记出现在公开的报告中显得不专业，也说明文本未经校对。", "Such markers look unprofessional in a published report and show the text was not proofread."),
    fix=T("删除标记；如为域代码，在 Word 中更新域（F9）或转换为普通文字。", "Delete them; for field codes, update fields (F9) in Word or convert them to text."),
)
def extraction_artifact(ctx: Context) -> Iterator[Hit]:
    allowed = set(ctx.rules.hygiene.get("markdown_allows", [])) if ctx.doc.format == "md" else set()
    patterns = [p for p in ctx.rules.artifacts if p.id not in allowed]
    for hit in _pattern_hits(ctx, patterns, "artifact"):
        yield Hit(hit.block, hit.start, hit.end, hit.variant, hit.args, "")


def _pattern_hits(ctx: Context, patterns: list[Pattern], variant: str, review: bool = False) -> Iterator[Hit]:
    """One hit per spot where a pattern matches; where patterns overlap, the first listed wins."""
    filters = [needed(p.regex) for p in patterns]
    for block in _checked_blocks(ctx):
        taken: list[tuple[int, int]] = []  # sorted, non-overlapping: only the neighbours can overlap a match
        present = set(block.text)
        for pattern, filtered in zip(patterns, filters):
            if not passes(filtered, present):
                continue  # the block lacks characters every match of the pattern holds
            added = []
            for m in pattern.regex.finditer(block.text):
                i = bisect.bisect_left(taken, (m.start(), m.start()))
                if (i > 0 and taken[i - 1][1] > m.start()) or (i < len(taken) and taken[i][0] < m.end()):
                    continue
                added.append((m.start(), m.end()))
                args = {"text": m.group(0), "what": {"zh": pattern.zh, "en": pattern.en}}
                yield Hit(block.index, m.start(), m.end(), variant, args, review=review)
            taken = sorted(taken + added)  # two sorted runs: a linear merge


@rule(
    code="TXT002",
    name="template-placeholder",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY, Scope.TABLE_CELLS),
    summary=T("未填写的模板内容", "Unfilled template text"),
    messages={
        "placeholder": T("疑似{what}：“{text}”", "Looks like {what}: “{text}”"),
    },
    what=T(
        "检查模板中未替换的内容：20xx 年、XX 局、××、X月X日、空着的“占 %”、下划线空位、"
        "“（此处填写…）”“（…字以内）”等填写提示。“4×4”之类的乘号、英文缩写不会被当作占位符。",
        "Finds template text never replaced: 20xx, XX局, ××, X月X日, a blank “占 %”, underscores left as blanks, prompts "
        "like （此处填写…） or （…字以内）. A multiplication sign as in 4×4 or an English acronym is never taken for one.",
    ),
    why=T("未填写的模板内容说明报告没有完成。", "Unfilled template text means the report is unfinished."),
    fix=T("填入实际内容，或删除填写提示。", "Fill in the real content or delete the prompt."),
)
def template_placeholder(ctx: Context) -> Iterator[Hit]:
    yield from _pattern_hits(ctx, list(ctx.rules.placeholders), "placeholder", review=True)


@rule(
    code="TXT003",
    name="unbalanced-bracket",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY, Scope.TABLE_CELLS),
    summary=T("括号或引号不配对", "Unbalanced brackets or quotes"),
    messages={
        "unopened": T("右{name} {char} 前面缺少对应的左{name} {opener}", "Closing {char} has no opening {opener} before it"),
        "unclosed": T("左{name} {char} 后面缺少对应的右{name} {closer}", "Opening {char} has no closing {closer} after it"),
    },
    what=T(
        "在每个段落内检查引号“”‘’与括号（）〔〕《》【】是否成对。文号括号的不同写法〔2020〕[2020]﹝2020﹞视为同一种；"
        "“1）”“a)”这类列表序号不算多余的右括号；跨段落的长引文（每段以“开头、末段以”结尾）不报。",
        "Checks, paragraph by paragraph, that quotes “” ‘’ and brackets （） 〔〕 《》 【】 pair up. The ways of writing "
        "document-number brackets (〔2020〕 [2020] ﹝2020﹞) count as one kind; list labels like 1） or a) are not stray "
        "closers; a quotation running over paragraphs (each opening with “, the last closing with ”) is fine.",
    ),
    why=T(
        "缺失的引号或括号多是删改时误删，如“三公”经费写成三公”经费、文号〔2024〕1号写成〔20241号。",
        "A missing quote or bracket is usually an editing slip: 三公”经费 for “三公”经费, 〔20241号 for 〔2024〕1号.",
    ),
    fix=T("补上缺失的一半，或删除多余的一半。", "Add the missing half or delete the stray one."),
)
def unbalanced_bracket(ctx: Context) -> Iterator[Hit]:
    pairs = ctx.rules.hygiene["brackets"]
    opener = {ch: i for i, p in enumerate(pairs) for ch in p["open"]}
    closer = {ch: i for i, p in enumerate(pairs) for ch in p["close"]}
    quotes = {i for i, p in enumerate(pairs) if p["open"] in ("“", "‘")}
    units = list(_balance_units(ctx))

    def hit(unit: Unit, at: int, variant: str, k: int, ch: str) -> Hit:
        other = pairs[k]["close"][0] if variant == "unclosed" else pairs[k]["open"][0]
        args = {"char": ch, "closer" if variant == "unclosed" else "opener": other, "name": pairs[k]["name"]}
        return _unit_hit(unit, at, variant, args)

    marks = set(opener) | set(closer)
    for n, unit in enumerate(units):
        text = "".join(piece for _, _, piece in unit)
        if marks.isdisjoint(text):
            continue  # no bracket or quote: nothing to pair, nothing left open
        stack: list[tuple[int, int]] = []
        for i, ch in enumerate(text):
            if ch in opener and not (ch == "‘" and _between_letters(text, i)):
                stack.append((i, opener[ch]))
            elif ch in closer:
                kind = closer[ch]
                if ch == "’" and _between_letters(text, i):
                    continue  # an apostrophe (China’s)
                if stack and stack[-1][1] == kind:
                    stack.pop()
                    continue
                if any(k == kind for _, k in stack):
                    while stack[-1][1] != kind:
                        j, k = stack.pop()
                        yield hit(unit, j, "unclosed", k, text[j])
                    stack.pop()
                    continue
                if _unit_position(unit, i) in ctx.analysis.label_closers:
                    continue  # the bracket closes a list label (1） a)), not an opening bracket
                yield hit(unit, i, "unopened", kind, ch)
        next_text = "".join(piece for _, _, piece in units[n + 1]).lstrip() if n + 1 < len(units) else ""
        for j, k in stack:
            if k in quotes and next_text.startswith(pairs[k]["open"][0]):
                continue  # a quotation that goes on in the next paragraph
            yield hit(unit, j, "unclosed", k, text[j])


Unit = list[tuple[int, int, str]]  # (block, offset in its text, piece of text)


def _balance_units(ctx: Context) -> Iterator[Unit]:
    """Stretches balanced on their own: a paragraph (with a wrapped heading's second line), a table line."""
    continuations = ctx.analysis.outline.continuations
    joined = set(continuations.values())
    for block in _checked_blocks(ctx):
        if block.index in joined:
            continue
        if block.kind is BlockKind.TABLE:
            offset = 0
            for line in block.text.split("\n"):
                yield [(block.index, offset, line)]
                offset += len(line) + 1
            continue
        unit = [(block.index, 0, block.text)]
        if block.index in continuations:
            unit.append((continuations[block.index], 0, ctx.doc.blocks[continuations[block.index]].text))
        yield unit


def _unit_position(unit: Unit, at: int) -> tuple[int, int]:
    """(block, offset in its text) of position `at` of the unit's joined text."""
    for block, offset, piece in unit:
        if at < len(piece):
            return block, offset + at
        at -= len(piece)
    raise IndexError(at)


def _unit_hit(unit: Unit, at: int, variant: str, args: dict) -> Hit:
    """A one-character hit at position `at` of the unit's joined text, in the block that holds it."""
    block, offset = _unit_position(unit, at)
    return Hit(block, offset, offset + 1, variant, args)


def _between_letters(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isascii() and text[i - 1].isalpha() and text[i + 1].isascii() and text[i + 1].isalpha()


@rule(
    code="TXT004",
    name="stacked-punctuation",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY, Scope.TABLE_CELLS),
    summary=T("标点重复或叠用", "Doubled or stacked punctuation"),
    messages={
        "stacked": T("标点“{text}”重复或叠用，应为“{suggestion}”", "Punctuation “{text}” is doubled or stacked; write “{suggestion}”"),
    },
    what=T(
        "检查相邻重复或叠用的中文标点，如“。。”“，，”“，。”。省略号“……”、破折号“——”不在此列；“？！”等允许。",
        "Finds doubled or stacked Chinese punctuation such as 。。, ，， or ，。. Ellipses (……) and dashes (——) are never "
        "flagged; ？！ and the like are allowed.",
    ),
    why=T("重复标点多是编辑残留，公开报告中应避免。", "Doubled punctuation is an editing leftover that a published report should not show."),
    fix=T("保留一个合适的标点。", "Keep the one right mark."),
)
def stacked_punctuation(ctx: Context) -> Iterator[Hit]:
    marks = ctx.rules.hygiene["stacked_punctuation"]
    allowed = set(ctx.rules.hygiene["stacked_allowed"])
    run = re.compile(f"[{re.escape(marks)}]{{2,}}")
    for block in _checked_blocks(ctx):
        for m in run.finditer(block.text):
            text = m.group(0)
            if len(text) == 2 and text in allowed:
                continue
            keep = min(text, key=lambda ch: _STRENGTH.index(ch) if ch in _STRENGTH else len(_STRENGTH))
            yield Hit(block.index, m.start(), m.end(), "stacked", {"text": text, "suggestion": keep}, keep)
