"""TXT rules on template residue: options left unselected, explanations announced but missing, figures that lost
their unit beside siblings that have it, and blanks where a figure belongs (data in rules/residue.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..extra_rules import extra_rules
from ..model import Block, BlockKind, Severity
from ..registry import T, rule
from ..vocab import Scope
from .base import Context, Hit

_NUM = r"\d+(?:[.．]\d+)?"


@dataclass(frozen=True)
class _Residue:
    options: re.Pattern[str]
    explanation: re.Pattern[str]
    bare_rate: re.Pattern[str]
    bare_wan: re.Pattern[str]
    blank: re.Pattern[str]


_COMPILED: dict[int, tuple[object, _Residue]] = {}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _residue(ctx: Context) -> _Residue:
    conf = extra_rules(ctx.rules, "residue")
    cached = _COMPILED.get(id(conf))
    if cached is not None and cached[0] is conf:
        return cached[1]
    pairs = [(a, b) for a, b in conf["options"]] + [(b, a) for a, b in conf["options"]]
    options = "|".join(rf"{re.escape(a)}[（(]{re.escape(b)}[）)]" for a, b in pairs)
    options = rf"(?:{options})(?!{_alternation(conf['option_nouns'])})"
    compiled = _Residue(
        options=re.compile(options),
        explanation=re.compile(rf"(?:{_alternation(conf['explanation_cues'])})\s*[：:]?\s*(?P<end>[。；;]|$)"),
        bare_rate=re.compile(rf"(?:{_alternation(conf['rate_words'])})(?P<num>{_NUM})(?=[。；;，,]|$)"),
        bare_wan=re.compile(rf"(?<![\d.])(?P<num>\d+[.．]\d+)万(?=[{re.escape(conf['wan_breaks'])}])"),
        blank=re.compile(
            rf"(?:{_alternation(conf['blank_before'])})(?P<gap>[ \t\u3000]+)(?P<unit>{_alternation(conf['blank_units'])})"
        ),
    )
    _COMPILED[id(conf)] = (conf, compiled)
    return compiled


def _paragraphs(ctx: Context) -> Iterator[Block]:
    """Body paragraphs: not tables (whose headers may read 增加（减少）), not the table of contents."""
    toc = ctx.analysis.outline.toc_blocks
    for block in ctx.doc.blocks:
        if block.kind is BlockKind.PARAGRAPH and block.index not in toc:
            yield block


@rule(
    code="TXT010",
    name="option-unselected",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY),
    summary=T("模板中的选项未作取舍（“增加（减少）”）", "A template's options left unselected (增加（减少）)"),
    messages={
        "option": T("“{text}”是模板中的二选一，应按实际只保留一项", "“{text}” is a template's either-or: keep the one that applies"),
    },
    what=T(
        "正文中出现一个词紧跟括号中的反义词，如“增加（减少）”“下降（增长）”“较上年增长（下降）X%”，说明填写模板时没有删去"
        "不适用的选项。表格中的列名（如“增加（减少）额”）不检查。词对定义在 rules/residue.yaml。",
        "Finds a word followed by its opposite in brackets in the body text (增加（减少）, 下降（增长）, 较上年增长（下降）X%): the "
        "option that does not apply was never deleted. Table headers (增加（减少）额) are not checked. The word pairs live in "
        "rules/residue.yaml.",
    ),
    why=T("保留两个选项让读者无法判断实际增减方向。", "Both options left in place leave the reader unable to tell which way the figure moved."),
    fix=T("按实际数据删去不适用的选项。", "Delete the option that does not fit the figures."),
)
def option_unselected(ctx: Context) -> Iterator[Hit]:
    pattern = _residue(ctx).options
    for block in _paragraphs(ctx):
        for m in pattern.finditer(block.text):
            yield Hit(block.index, m.start(), m.end(), "option", {"text": m.group(0)})


@rule(
    code="TXT011",
    name="explanation-missing",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY),
    summary=T("“主要原因是”后没有内容", "An explanation announced but not given"),
    messages={
        "missing": T("“{cue}”后没有写出内容", "Nothing follows “{cue}”"),
    },
    what=T(
        "“主要原因是”“原因分析：”“主要用于：”等引出说明的词语后面紧接句号、分号，或位于段末而下一段是同级或上级标题"
        "（或文末）时提示：说明被漏写。下一段是正文或下级标题（分条说明）时不提示。",
        "Notes 主要原因是, 原因分析：, 主要用于： and similar words followed by 。 or ；, or ending a paragraph whose next block is "
        "a heading of the same or a higher level (or the end of the document): the explanation was left out. Body text or "
        "sub-headings after it (an explanation in points) are fine.",
    ),
    why=T("只写“主要原因是”而无下文，是模板未填完整的典型痕迹。", "“主要原因是” with nothing after it is a typical trace of an unfinished template."),
    fix=T("补写原因或删去引导语。", "Write the explanation or delete the words that announce it."),
)
def explanation_missing(ctx: Context) -> Iterator[Hit]:
    pattern = _residue(ctx).explanation
    blocks = ctx.doc.blocks
    outline = ctx.analysis.outline
    for block in _paragraphs(ctx):
        item = outline.item_of_block.get(block.index)
        if (item is not None and outline.items[item].heading) or block.index in ctx.doc.title_blocks:
            continue
        for m in pattern.finditer(block.text):
            cue = m.group(0).rstrip("。；;：: \t")
            if m.group("end"):  # 主要原因是。
                yield Hit(block.index, m.start(), m.end(), "missing", {"cue": cue})
                continue
            announced = m.group(0).rstrip().endswith(("：", ":")) or cue.endswith(("是", "为"))
            if announced and _section_ends_after(ctx, block, blocks):
                yield Hit(block.index, m.start(), m.end(), "missing", {"cue": cue})


def _section_ends_after(ctx: Context, block: Block, blocks: list[Block]) -> bool:
    """The block is the last of its section: the next non-empty block is a heading that is not under it."""
    nxt = next((blocks[i] for i in range(block.index + 1, len(blocks)) if blocks[i].text.strip()), None)
    if nxt is None:
        return True
    outline = ctx.analysis.outline
    item = outline.item_of_block.get(nxt.index)
    if item is None or not outline.items[item].heading:
        return False
    own = outline.sections.get(block.index, ())
    parents = outline.sections.get(nxt.index, ())
    return not own or own[-1] not in parents  # not a sub-heading of the block's own section


@rule(
    code="TXT012",
    name="unit-missing",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY),
    summary=T("数字缺少单位（同段其他数字有）", "A figure lost its unit where its siblings have it"),
    messages={
        "percent": T("“{text}”缺少“%”：同段其他比率都带“%”", "“{text}” lacks its %: the other rates of the paragraph have one"),
        "yuan": T("“{text}”缺少“元”：同段其他金额写作“万元”", "“{text}” lacks its 元: the other amounts of the paragraph are in 万元"),
    },
    what=T(
        "同一段中其他比率都带“%”，而“增长13.95。”之类的带小数的比率没有单位；或其他金额写作“万元”，而“0.39万（含…”缺了“元”。"
        "“万人次”“万平方米”等其他单位不受影响。",
        "In a paragraph whose other rates carry %, a rate with decimals such as “增长13.95。” without one; or, where the "
        "other amounts are in 万元, an amount like “0.39万（含…” that lost its 元. Other units (万人次, 万平方米) are not affected.",
    ),
    why=T("缺少单位的数字含义不明，也无法参与核对计算。", "A figure without its unit is ambiguous and cannot be checked."),
    fix=T("补上单位。", "Add the unit."),
)
def unit_missing(ctx: Context) -> Iterator[Hit]:
    residue = _residue(ctx)
    by_block: dict[int, list] = {}  # figures per block, grouped once (a lookup per block stays linear)
    for f in ctx.analysis.figures:
        by_block.setdefault(f.block, []).append(f)
    for block in _paragraphs(ctx):
        text = block.text
        figures = by_block.get(block.index, [])
        # only where the siblings that have the unit are at least as many as those that lack it
        rates = [m for m in residue.bare_rate.finditer(text) if "." in m.group("num") or "．" in m.group("num")]
        if rates and sum(f.kind == "percent" for f in figures) >= len(rates):
            for m in rates:
                yield Hit(block.index, m.start("num"), m.end("num"), "percent", {"text": m.group(0)}, m.group("num") + "%")
        wans = list(residue.bare_wan.finditer(text))
        if wans and sum(f.kind == "amount" and f.unit == "万元" for f in figures) >= len(wans):
            for m in wans:
                yield Hit(block.index, m.start(), m.end(), "yuan", {"text": m.group(0)}, m.group(0) + "元")


@rule(
    code="TXT013",
    name="figure-blank",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY),
    summary=T("应填数字处留空（“比上年减少 万元”）", "A blank where a figure belongs (比上年减少 万元)"),
    messages={
        "blank": T("“{text}”中应有数字，却留了空", "“{text}” has a blank where a figure belongs"),
    },
    what=T(
        "“增加、减少、增长、为、计、占”等词与单位（万元、元、%、个）之间只有空格，如“比上年减少 万元”“增长 %”：模板中的空位没有填写。"
        "两个以上空格和下划线空位由 TXT002 报告。",
        "Only spaces stand between words such as 增加, 减少, 增长, 为, 计, 占 and a unit (万元, 元, %, 个), as in "
        "“比上年减少 万元” or “增长 %”: a template blank was never filled. Two or more spaces and underscores are TXT002's.",
    ),
    why=T("空着的数字让整句失去意义，审核时必被退回。", "A blank figure leaves the sentence meaningless; reviewers always send it back."),
    fix=T("填入数字，或删去该句。", "Fill in the figure or delete the sentence."),
)
def figure_blank(ctx: Context) -> Iterator[Hit]:
    pattern = _residue(ctx).blank
    unit_words = extra_rules(ctx.rules, "residue")["blank_not_after"]
    taken: list[tuple[int, int]] = []
    for block in _paragraphs(ctx):
        blanks = list(pattern.finditer(block.text))
        if blanks:
            taken = [
                (m.start(), m.end()) for p in ctx.rules.placeholders for m in p.regex.finditer(block.text)
            ]  # TXT002 reports these
        for m in blanks:
            if any(s < m.end() and m.start() < e for s, e in taken) or any(
                w in block.text[max(0, m.start() - 4) : m.start() + 1] for w in unit_words
            ):
                continue  # TXT002's, or a unit named (金额单位为 万元)
            yield Hit(block.index, m.start(), m.end(), "blank", {"text": m.group(0)})
