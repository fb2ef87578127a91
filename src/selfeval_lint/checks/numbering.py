"""NUM rules: heading and list numbering — sequence, style within a group and per level, brackets, hierarchy."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..labels import Label, render_label
from ..analysis.outline import OutlineItem
from ..analysis.styles import standard_style
from ..model import Severity
from ..registry import T, rule
from ..vocab import Scope
from .base import Context, Hit
from .sequence import sequence_breaks

LEVEL_NAMES = {1: ("一级", "level-1"), 2: ("二级", "level-2"), 3: ("三级", "level-3"), 4: ("四级", "level-4"), 5: ("五级", "level-5")}


def _level_args(level: int) -> dict[str, str]:
    zh, en = LEVEL_NAMES.get(level, (f"第{level}级", f"level-{level}"))
    return {"level_zh": zh, "level_en": en}


def _hit(item: OutlineItem, variant: str, fix: str | None = None, **args: object) -> Hit:
    """A hit on an outline item's label; `fix` is the label to write instead."""
    return Hit(item.block, item.label.start, item.label.end, variant, {"label": item.label.text, **args}, fix)


@rule(
    code="NUM001",
    name="numbering-sequence",
    severity=Severity.ERROR,
    scope=(Scope.HEADINGS, Scope.BODY),
    summary=T("标题或段落序号跳号、重复、倒退或起始错误", "Heading or list numbers skip, repeat, go back or start wrong"),
    messages={
        "gap": T("序号跳号：“{prev}”之后应为“{expected}”，此处为“{label}”", "Numbering gap: after “{prev}” comes “{expected}”, not “{label}”"),
        "repeat": T("序号重复：“{label}”与同组前项相同，应为“{expected}”", "Repeated number: “{label}” repeats the one before; write “{expected}”"),
        "back": T("序号倒退：“{prev}”之后应为“{expected}”，此处为“{label}”", "Numbering goes back: after “{prev}” comes “{expected}”, not “{label}”"),
        "restart": T(
            "同级标题序号在“{prev}”之后重新从“{label}”开始",
            "Heading numbers restart at “{label}” after “{prev}” in the same list",
        ),
        "start": T("本组序号应从“{expected}”开始，此处为“{label}”", "This list should start at “{expected}”, not “{label}”"),
        "swap": T("序号顺序颠倒：此处“{label}”与下一项“{next}”应对调", "Numbers swapped: “{label}” and the next “{next}” are in the wrong order"),
        "run-in": T(
            "“{label}”并入了上一项“{prev}”的段落中，应另起一段（此后序号为“{next}”）",
            "“{label}” is run into the paragraph of “{prev}”; start a new paragraph there (the next item is “{next}”)",
        ),
    },
    what=T(
        "同一上级下的同级标题或编号段落，序号应从 1（一）开始逐一递增：不跳号、不重复、不倒退。"
        "缺少的一项若写在上一项段落中句末之后（“…。（八）负责…”），则指出该处应另起一段。"
        "在新的上级标题下、在“第X部分”或“附件”之后重新编号不算错误；编号段落的新列表可以重新从 1 开始。",
        "Sibling headings and numbered paragraphs under one parent count up from 1 without gaps, repeats or going "
        "back. Restarting under a new parent, after 第X部分 or after 附件 is fine; a new numbered list may start at 1 again.",
    ),
    why=T(
        "跳号或重复的序号说明内容被删改后没有重新编号，审核人员会怀疑内容缺失。",
        "A skipped or repeated number shows content was edited without renumbering; reviewers suspect missing content.",
    ),
    fix=T("按顺序重新编号（建议使用 Word 自动编号）。", "Renumber in order (Word's automatic numbering avoids this)."),
)
def numbering_sequence(ctx: Context) -> Iterator[Hit]:
    outline = ctx.analysis.outline
    for group in outline.groups:
        items = outline.group_items(group)
        first = items[0]
        if first.label.value != 1 and all(item.heading for item in items):
            yield _hit(first, "start", render_label(first.label.style, 1), expected=render_label(first.label.style, 1))
        values = [item.label.value for item in items]
        # A numbered paragraph may open a new list at 1, and so may a sub-heading list after a lead-in
        # ("主要内容为："); a heading list restarting otherwise is reported.
        restarts = [
            not (item.heading and prev.heading) or (item.lead_in and group.depth > 1)
            for prev, item in zip([items[0], *items], items)
        ]
        for brk in sequence_breaks(values, restarts):
            item, prev = items[brk.index], items[brk.index - 1]
            expected = render_label(item.label.style, brk.expected)
            following = items[brk.index + 1].label.text if brk.index + 1 < len(items) else ""
            if brk.kind == "gap" and (run_in := _run_in_item(ctx, prev, expected, brk.expected)) is not None:
                start = run_in
                yield Hit(prev.block, start, start + len(expected), "run-in", {"label": expected, "prev": prev.label.text, "next": item.label.text})
                continue
            yield _hit(item, brk.kind, expected, prev=prev.label.text, expected=expected, next=following)


def _run_in_item(ctx: Context, prev: OutlineItem, expected: str, value: int) -> int | None:
    """Where the missing item stands inside the previous item's paragraph, right after a sentence end
    ("…会计准则、会计制度和财务规则。（八）负责本区…"), or None."""
    text = ctx.doc.blocks[prev.block].text
    found = [m for m in re.finditer(r"[。；;]\s*(" + re.escape(expected) + ")", text) if m.start() > prev.label.end]
    if len(found) != 1 or value != prev.label.value + 1:
        return None
    return found[0].start(1)


@rule(
    code="NUM002",
    name="numbering-style-mixed",
    severity=Severity.WARNING,
    scope=(Scope.HEADINGS, Scope.BODY),
    summary=T("同组序号样式不一致", "One list mixes numbering styles"),
    messages={
        "mixed": T(
            "同级序号样式不一致：此处为“{label}”，同组为“{sample}”样式，应改为“{suggestion}”",
            "Numbering style mixed within one list: “{label}” among “{sample}”-style siblings; write “{suggestion}”",
        ),
        "lost-auto": T(
            "同级序号样式不一致：此处为“{label}”，同组为“{sample}”样式，应改为“{suggestion}”。"
            "本组序号连续而汉字与阿拉伯数字混用，疑为 Word 自动编号在转换中丢失，请核对原文档",
            "Numbering style mixed within one list: “{label}” among “{sample}”-style siblings; write “{suggestion}”. "
            "The numbers run on while switching between Chinese and Arabic numerals: the signature of Word "
            "automatic numbering lost in conversion; check the original document",
        ),
    },
    what=T(
        "同一组同级序号应使用同一种样式（如“（一）（二）（三）”，而不是“（一）（2）（3）”；“1、”与“1.”混用也算）。"
        "建议的样式优先取 GB/T 9704 对该级的规定（一、→（一）→1.→（1）），否则取本组多数项的样式。括号全角/半角由 NUM004 检查。",
        "Siblings of one list share one label style (（一）（二）（三）, not （一）（2）（3）; mixing 1、 and 1. counts too). "
        "The suggested style is GB/T 9704's for that level (一、→（一）→1.→（1）) when the list uses it, else the "
        "majority style of the list. Bracket width is NUM004's business.",
    ),
    why=T(
        "序号样式混用是最常见的格式问题，往往说明内容拼接自不同文档或自动编号丢失。",
        "Mixed label styles are the most common format slip; they often mean text pasted from elsewhere or lost automatic numbering.",
    ),
    fix=T("将本组序号统一为建议的样式。", "Rewrite the list's labels in the suggested style."),
)
def numbering_style_mixed(ctx: Context) -> Iterator[Hit]:
    outline, styles = ctx.analysis.outline, ctx.analysis.styles
    for group in outline.groups:
        facts = styles.groups[group.id]
        if facts.uniform:
            continue
        items = outline.group_items(group)
        sample = next(item.label.text for item in items if item.label.style == facts.target)
        variant = "lost-auto" if _lost_automatic_numbering([item.label for item in items]) else "mixed"
        for item in items:
            if item.label.style != facts.target:
                suggestion = render_label(facts.target, item.label.value)
                yield _hit(item, variant, suggestion, sample=sample, suggestion=suggestion)


def _lost_automatic_numbering(labels: list[Label]) -> bool:
    """Arabic and Chinese numerals alternating in one frame while the numbers run on: the signature of Word
    automatic numbering lost in conversion (NUM002 says so)."""
    values = [lb.value for lb in labels]
    continuous = all(b == a + 1 for a, b in zip(values, values[1:]))
    return {"ar", "cn"} <= {lb.family for lb in labels} and len({lb.frame for lb in labels}) == 1 and continuous


@rule(
    code="NUM003",
    name="level-style-inconsistent",
    severity=Severity.WARNING,
    scope=(Scope.HEADINGS,),
    summary=T("同级标题在不同部分样式不同", "One heading level styled differently in different parts"),
    messages={
        "inconsistent": T(
            "{level_zh}标题在此处用“{label}”样式，文中其他部分的{level_zh}标题用“{sample}”样式，应改为“{suggestion}”",
            "{level_en} headings use “{label}” here but “{sample}” elsewhere in the document; write “{suggestion}”",
        ),
    },
    what=T(
        "同一级标题在全文应使用同一种序号样式，例如二级标题在各部分都用“（一）”，而不是某一部分改用“（1）”。"
        "“1、”与“1.”视为同一样式。无序号标题行之后从“一、”重新编号的独立部分（如逐项目的“……专项经费情况说明”）各自比较。",
        "A heading level uses one label style throughout: level-2 headings are （一） in every part, not （1） in one of "
        "them. 1、 and 1. count as the same style here. Blocks that restart at 一、 after an unlabelled title line "
        "(per-project “……专项经费情况说明”) are compared within themselves.",
    ),
    why=T("同级标题样式不一致会让读者误判层级。", "Inconsistent styles for one level make readers misjudge the hierarchy."),
    fix=T("将该组标题改为全文同级通用的样式。", "Restyle the group as the rest of the level."),
)
def level_style_inconsistent(ctx: Context) -> Iterator[Hit]:
    outline, styles = ctx.analysis.outline, ctx.analysis.styles
    prevailing_in = _segment_level_styles(ctx)
    for group in outline.groups:
        if group.level not in styles.level_mixed or group.annex or not outline.is_heading_group(group):
            continue
        prevailing = prevailing_in.get(group.id)
        if prevailing is None:
            continue  # its level is styled alike within its own block
        target = styles.groups[group.id].target
        if styles.normalised(target) == prevailing:
            continue
        first = outline.group_items(group)[0]
        sample = render_label(prevailing, 1)
        suggestion = render_label(prevailing, first.label.value)
        yield _hit(first, "inconsistent", suggestion, sample=sample, suggestion=suggestion, **_level_args(group.level))


def _segment_level_styles(ctx: Context) -> dict[int, str]:
    """Per heading group whose level is styled two ways within its block, the prevailing style of that level there.
    A block is the document up to a top-level list that starts anew after an unlabelled title line (per-project
    "…专项经费情况说明 一、项目概述…" blocks): each is numbered on its own, and levels are not compared across them."""
    from ..analysis.outline import _is_title_line
    from ..analysis.styles import _target

    outline, styles = ctx.analysis.outline, ctx.analysis.styles
    labels = {item.block: item.label for item in outline.items}
    blocks = ctx.doc.blocks
    segment, of_group = 0, {}
    for group in outline.groups:
        first = outline.items[group.items[0]]
        if group.depth == 1 and group.id and first.label.value == 1 and first.block > 0:
            if _is_title_line(blocks[first.block - 1], labels):
                segment += 1
        of_group[group.id] = segment
    by_level: dict[tuple[int, int], list[str]] = {}
    for g in outline.groups:
        if g.level > 0 and not g.annex and outline.is_heading_group(g):
            by_level.setdefault((of_group[g.id], g.level), []).append(styles.normalised(styles.groups[g.id].target))
    out = {}
    for g in outline.groups:
        found = by_level.get((of_group[g.id], g.level), [])
        if len(set(found)) > 1:
            out[g.id] = _target(found, standard_style(g.level, ctx.analysis.rules.numbering), {})
    return out


@rule(
    code="NUM004",
    name="halfwidth-label-bracket",
    severity=Severity.WARNING,
    scope=(Scope.HEADINGS, Scope.BODY),
    summary=T("序号使用半角括号", "A label uses half-width brackets"),
    messages={
        "half": T(
            "序号“{label}”使用了半角括号，中文公文应使用全角括号“{suggestion}”",
            "Label “{label}” uses half-width brackets; Chinese documents use full-width ones: “{suggestion}”",
        ),
    },
    what=T(
        "标题或段落序号中的括号应为全角“（）”，如“（一）”“（1）”，而非半角“(一)”“(1)”（GB/T 9704）。",
        "Brackets in heading and list labels are full-width （） as in （一） or （1）, not half-width (一) or (1) (GB/T 9704).",
    ),
    why=T("半角括号是常见的排版疏漏，与同级全角序号并列时尤其显眼。", "Half-width brackets are a common typesetting slip, glaring beside full-width siblings."),
    fix=T("将半角括号改为全角括号。", "Replace the half-width brackets with full-width ones."),
)
def halfwidth_label_bracket(ctx: Context) -> Iterator[Hit]:
    for item in ctx.analysis.outline.items:
        if item.label.shape == "paren" and item.label.width in ("half", "mixed"):
            suggestion = _full_width(item.label)
            yield _hit(item, "half", suggestion, suggestion=suggestion)


def _full_width(label: Label) -> str:
    return label.text.replace("(", "（").replace(")", "）")


@rule(
    code="NUM005",
    name="hierarchy-nonstandard",
    severity=Severity.INFO,
    scope=(Scope.HEADINGS,),
    summary=T("标题层级样式不符合 GB/T 9704", "Heading levels differ from GB/T 9704"),
    messages={
        "skip": T(
            "{level_zh}标题用了“{label}”样式，按 GB/T 9704 {level_zh}应为“{suggestion}”（跳过了中间层级）",
            "{level_en} headings use “{label}”; GB/T 9704 has “{suggestion}” at this level (a level is skipped)",
        ),
        "order": T(
            "{level_zh}标题用了“{label}”样式，按 GB/T 9704 {level_zh}应为“{suggestion}”",
            "{level_en} headings use “{label}”; GB/T 9704 has “{suggestion}” at this level",
        ),
    },
    what=T(
        "GB/T 9704-2012 规定结构层次序数依次为“一、”“（一）”“1.”“（1）”。本规则在整组标题样式统一、"
        "但与该层级的规定样式不同时提示（例如“一、”下直接用“（1）”）；“1、”视同“1.”。仅作提示。",
        "GB/T 9704-2012 orders levels as 一、, （一）, 1., （1）. This notes a uniformly styled heading group whose style "
        "differs from its level's (e.g. （1） straight under 一、); 1、 counts as 1.. Information only.",
    ),
    why=T("跳级在实际报告中很常见，不算错误，但不符合公文格式规范。", "Skipping a level is common and not an error, but it departs from the standard."),
    fix=T("如需严格符合公文格式，按层级改用规定的序号样式。", "For strict compliance, use the standard style of each level."),
)
def hierarchy_nonstandard(ctx: Context) -> Iterator[Hit]:
    outline, styles = ctx.analysis.outline, ctx.analysis.styles
    levels = ctx.rules.numbering["levels"]
    for group in outline.groups:
        facts = styles.groups[group.id]
        if (
            not facts.uniform
            or facts.standard is None
            or group.annex
            or group.reuses_style
            or group.level in styles.level_mixed
            or not outline.is_heading_group(group)
        ):
            continue
        parent_group = outline.groups[outline.items[group.parent].group] if group.parent is not None else None
        if parent_group is not None and not styles.groups[parent_group.id].uniform:
            continue
        style = styles.normalised(facts.target)
        if style == facts.standard or style not in levels:
            continue
        first = outline.group_items(group)[0]
        variant = "skip" if levels.index(style) > group.level - 1 else "order"
        suggestion = render_label(facts.standard, first.label.value)
        yield _hit(first, variant, suggestion, suggestion=suggestion, **_level_args(group.level))


@rule(
    code="NUM006",
    name="enumeration-sequence",
    severity=Severity.WARNING,
    scope=(Scope.HEADINGS, Scope.BODY),
    summary=T("段内列举序号跳号或重复", "An inline enumeration skips or repeats"),
    messages={
        "gap": T("列举序号跳号：“{prev}”之后应为“{expected}”，此处为“{label}”", "Enumeration gap: after “{prev}” comes “{expected}”, not “{label}”"),
        "repeat": T("列举序号重复：“{label}”与前项相同，应为“{expected}”", "Repeated enumeration marker “{label}”; write “{expected}”"),
        "back": T("列举序号倒退：“{prev}”之后应为“{expected}”，此处为“{label}”", "Enumeration goes back: after “{prev}” comes “{expected}”, not “{label}”"),
        "start": T("列举应从“{expected}”开始，此处为“{label}”", "The enumeration should start at “{expected}”, not “{label}”"),
        "swap": T("列举顺序颠倒：此处“{label}”与下一项“{next}”应对调", "Markers swapped: “{label}” and the next “{next}” are in the wrong order"),
    },
    what=T(
        "段落中的列举（一是…二是…、第一，…第二，…、①②③、1.…2.…、（1）…（2）…）在同一节内应逐一递增。"
        "只认分句开头的标记，“第一批”“排名第一”“增长159.82%”之类不会被当作列举。",
        "Inline enumerations (一是…二是…, 第一，…第二，…, ①②③, 1.…2.…, （1）…（2）…) count up one by one within a "
        "section. Only markers that open a clause count, so 第一批, 排名第一 or 增长159.82% never do.",
    ),
    why=T("列举跳号或重复通常是删改后遗留的错误。", "A skipped or repeated marker is usually left over from editing."),
    fix=T("按顺序重新编排列举序号。", "Renumber the enumeration in order."),
)
def enumeration_sequence(ctx: Context) -> Iterator[Hit]:
    for enum in ctx.analysis.enumerations:
        markers = enum.markers
        if len(markers) < 2:
            continue

        def marker_text(value: int) -> str:
            return _marker_text(enum.kind, value, markers[0].text)

        first = markers[0]
        if first.value != 1:
            yield Hit(first.block, first.start, first.end, "start", {"label": first.text, "expected": marker_text(1)}, marker_text(1))
        for brk in sequence_breaks([m.value for m in markers]):
            m, prev = markers[brk.index], markers[brk.index - 1]
            expected = marker_text(brk.expected)
            following = markers[brk.index + 1].text if brk.index + 1 < len(markers) else ""
            args = {"label": m.text, "prev": prev.text, "expected": expected, "next": following}
            yield Hit(m.block, m.start, m.end, brk.kind, args, expected)


def _marker_text(kind: str, value: int, like: str) -> str:
    """How marker number `value` is written in an enumeration whose first marker is `like`."""
    if kind == "shi":
        return render_label("cn-dun", value)[:-1] + "是"
    if kind == "di":
        return "第" + render_label("cn-dun", value)[:-1]
    if kind == "circled":
        return render_label("circled-circled", value)
    return re.sub(r"\d+", str(value), like, count=1)


@rule(
    code="NUM007",
    name="enclosing-style-reused",
    severity=Severity.WARNING,
    scope=(Scope.HEADINGS, Scope.BODY),
    summary=T("下级序号误用上级样式", "A sub-list uses the style of an enclosing level"),
    messages={
        "reused": T(
            "“{label}”位于“{parent}”之下，却与上级标题使用同一种序号样式，疑为下级序号误用上级样式；建议改为“{suggestion}”",
            "“{label}” stands under “{parent}” but uses the style of an enclosing level; write “{suggestion}”",
        ),
    },
    what=T(
        "下级列表（两项以上）不应使用上级标题的序号样式，例如“（二）机构设置”之下又出现“一、内设股室12个”“二、下属学校86所”。"
        "只有一项时按上级序号重复处理（见 NUM001）。",
        "A sub-list (of two or more items) must not reuse an enclosing level's label style, as in 一、内设股室12个 and "
        "二、下属学校86所 under （二）机构设置. A single such item is read as a repeated number instead (NUM001).",
    ),
    why=T("上下级样式相同会让读者把下级内容误认为新的一级标题。", "Readers take such items for new top-level headings."),
    fix=T("改用该层级应有的序号样式。", "Use the label style of that level."),
)
def enclosing_style_reused(ctx: Context) -> Iterator[Hit]:
    outline = ctx.analysis.outline
    for group in outline.groups:
        if not group.reuses_style or group.parent is None:
            continue
        standard = standard_style(group.level, ctx.rules.numbering) or "ar-dot"
        parent = outline.heading_text(group.parent)
        for item in outline.group_items(group):
            suggestion = render_label(standard, item.label.value)
            yield _hit(item, "reused", suggestion, parent=parent, suggestion=suggestion)


@rule(
    code="NUM008",
    name="label-mode-mixed",
    severity=Severity.INFO,
    scope=(Scope.HEADINGS, Scope.BODY),
    summary=T("同组序号有的自动编号、有的手工输入", "One list mixes automatic and typed labels"),
    messages={
        "typed": T(
            "“{label}”是手工输入的序号，同组其他项使用 Word 自动编号；增删条目后手工序号不会随之更新",
            "“{label}” is typed while its siblings use Word automatic numbering; a typed label does not renumber "
            "when items are added or removed",
        ),
        "automatic": T(
            "“{label}”是 Word 自动编号，同组其他项的序号是手工输入的；增删条目后两者容易错位",
            "“{label}” is Word automatic numbering while its siblings are typed; the two drift apart when items "
            "are added or removed",
        ),
    },
    what=T(
        "Word 文档中，同一组同级序号有的来自自动编号（numbering.xml），有的直接输入在文字里。提示少数的一方。",
        "In a Word document, one list whose labels come partly from automatic numbering (numbering.xml) and partly "
        "from text typed in the paragraph. The minority is noted.",
    ),
    why=T(
        "混用时增删一项，自动编号会重排而手工序号不会，最常见的跳号、重号由此产生。",
        "Add or remove an item and the automatic labels renumber while the typed ones do not: the usual source of "
        "skipped and repeated numbers.",
    ),
    fix=T("整组统一使用自动编号（或统一手工输入）。", "Use automatic numbering for the whole list (or type every label)."),
)
def label_mode_mixed(ctx: Context) -> Iterator[Hit]:
    outline = ctx.analysis.outline
    for group in outline.groups:
        items = outline.group_items(group)
        automatic = [i for i in items if i.automatic]
        if not automatic or len(automatic) == len(items):
            continue
        minority_automatic = len(automatic) < len(items) - len(automatic)
        for item in items:
            if item.automatic == minority_automatic:
                yield _hit(item, "automatic" if item.automatic else "typed")
