"""FMT rules: the .docx layout a template's profile asks for (GB/T 9704 公文), findings grouped by role and value."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..model import BlockKind, DocLayout, ParagraphLayout, Severity
from ..registry import T, rule
from ..vocab import Need, Scope
from .base import Context, Hit

ROLE_NAMES = {
    "title": ("标题", "title"),
    "body": ("正文", "body"),
    "level1": ("一级标题", "level-1 heading"),
    "level2": ("二级标题", "level-2 heading"),
    "level3": ("三级标题", "level-3 heading"),
    "level4": ("四级标题", "level-4 heading"),
}
# Chinese type sizes (号) in points, largest first.
HAO = ((42, "初号"), (36, "小初"), (26, "一号"), (24, "小一"), (22, "二号"), (18, "小二"), (16, "三号"), (15, "小三"),
       (14, "四号"), (12, "小四"), (10.5, "五号"), (9, "小五"), (7.5, "六号"), (6.5, "小六"), (5.5, "七号"), (5, "八号"))
MAX_LISTED = 8  # paragraph numbers named in a message; more are counted


def hao(pt: float) -> str:
    """A size as 号 when it is one ("三号"), else in points ("13磅")."""
    for size, name in HAO:
        if abs(size - pt) < 0.05:
            return name
    return f"{pt:g} 磅"


@dataclass(frozen=True)
class _Para:
    block: int
    role: str
    lead: bool  # judged by its first characters: a numbered paragraph running text in after its heading words
    layout: ParagraphLayout
    length: int  # of the block's text: a finding spans the whole paragraph


def _profile(ctx: Context) -> tuple[dict[str, Any], DocLayout]:
    """The layout profile the template asks for and the document's layout (the FMT rules' need DOCX_LAYOUT
    guarantees both)."""
    return ctx.rules.layout["profiles"][ctx.analysis.template.template.layout], ctx.doc.layout


def _paragraphs(ctx: Context, layout: DocLayout) -> list[_Para]:
    """Body paragraphs with their role: title, heading level (from the outline) or body text (worked out once per
    file: five FMT rules read them)."""
    key = ("layout-paragraphs", id(layout))
    if key not in ctx.memo:
        ctx.memo[key] = (layout, _roled_paragraphs(ctx, layout))  # the layout kept: its id stays its own
    return ctx.memo[key][1]


def _roled_paragraphs(ctx: Context, layout: DocLayout) -> list[_Para]:
    doc, outline = ctx.doc, ctx.analysis.outline
    roles: dict[int, tuple[str, bool]] = {b: ("title", False) for b in doc.title_blocks}
    for item in outline.items:
        level = min(max(outline.groups[item.group].level, 1), 4)
        roles[item.block] = (f"level{level}", not item.heading)
        if item.heading and item.block in outline.continuations:
            roles[outline.continuations[item.block]] = (f"level{level}", False)
    skip = outline.toc_blocks | outline.boundary_blocks | outline.table_like_blocks
    out = []
    for block in doc.blocks:
        para = layout.paragraphs.get(block.index)
        if block.kind is not BlockKind.PARAGRAPH or para is None or block.index in skip or not para.chars:
            continue
        role, lead = roles.get(block.index, ("body", False))
        out.append(_Para(block.index, role, lead, para, len(block.text)))
    return out


def _listed(paras: list[_Para]) -> dict[str, str]:
    """The paragraph numbers, the first MAX_LISTED of them when there are more: "第 3、7 段" / "paragraphs 3, 7"."""
    numbers = [str(p.layout.paragraph) for p in paras]
    more = len(numbers) > MAX_LISTED
    zh = "第 " + "、".join(numbers[:MAX_LISTED]) + (" 段等" if more else " 段")
    en = ("paragraph " if len(numbers) == 1 else "paragraphs ") + ", ".join(numbers[:MAX_LISTED]) + (", …" if more else "")
    return {"zh": zh, "en": en}


def _grouped(paras: list[_Para], key: Callable[[_Para], Any], variant: str, profile: dict[str, Any],
             args: Callable[[Any, list[_Para]], dict[str, Any]]) -> Iterator[Hit]:
    """One hit per (role, defect) group: on its first paragraph, naming how many and which."""
    groups: dict[Any, list[_Para]] = {}
    for para in paras:
        k = key(para)
        if k is not None:
            groups.setdefault((para.role, k), []).append(para)
    for (role, k), members in groups.items():
        if len(members) < profile["min_group"]:
            continue
        zh, en = ROLE_NAMES[role]
        first = members[0]
        yield Hit(first.block, 0, max(1, first.length), variant, {
            "role": {"zh": zh, "en": en}, "count": len(members), "paragraphs": _listed(members), **args(k, members),
        })


def _anchor(ctx: Context) -> int:
    return ctx.doc.title_blocks[0] if ctx.doc.title_blocks else 0


# ---------------------------------------------------------------------------------------------------------



@rule(
    code="FMT001",
    name="page-setup",
    severity=Severity.WARNING,
    scope=(Scope.DOCUMENT,),
    needs=(Need.DOCX_LAYOUT,),
    summary=T("纸张或页边距不符合公文格式（A4，上37/下35/左28/右26毫米）", "Paper or margins are not the 公文 layout (A4, 37/35/28/26 mm)"),
    messages={
        "page": T(
            "页面设置不符合{profile}：纸张 {width}×{height} 毫米，页边距上 {top}、下 {bottom}、左 {left}、右 {right} 毫米"
            "（应为 A4 210×297 毫米，上 {e_top}、下 {e_bottom}、左 {e_left}、右 {e_right} 毫米）",
            "Page setup is not {profile}: paper {width}×{height} mm, margins top {top}, bottom {bottom}, left {left}, "
            "right {right} mm (expected A4 210×297 mm, top {e_top}, bottom {e_bottom}, left {e_left}, right {e_right} mm)",
        ),
    },
    what=T(
        "模板要求公文版式时，检查 .docx 每一节的纸张大小和页边距（允许的误差见 rules/layout.yaml）。横向的节不检查。",
        "When the template asks for the 公文 layout, each section's paper size and margins in the .docx are checked "
        "(tolerances in rules/layout.yaml). Landscape sections are not checked.",
    ),
    why=T(
        "GB/T 9704 规定公文用 A4 纸，版心 156×225 毫米，天头 37 毫米、订口 28 毫米；页边距不对，打印和装订后版面不合规范。",
        "GB/T 9704 prescribes A4 paper with a 156×225 mm type area, 37 mm top and 28 mm binding margin; wrong "
        "margins give a non-standard page once printed and bound.",
    ),
    fix=T("在“布局—页面设置”中设为 A4，页边距上 3.7、下 3.5、左 2.8、右 2.6 厘米。",
          "In Layout → Page Setup choose A4 and margins top 3.7, bottom 3.5, left 2.8, right 2.6 cm."),
)
def page_setup(ctx: Context) -> Iterator[Hit]:
    profile, layout = _profile(ctx)
    page = profile["page"]
    expected = (page["top_mm"], page["bottom_mm"], page["left_mm"], page["right_mm"])
    seen = set()
    for section in layout.sections:
        if section.landscape or None in (section.width_mm, section.height_mm):
            continue
        actual = (section.top_mm, section.bottom_mm, section.left_mm, section.right_mm)
        size_ok = abs(section.width_mm - page["width_mm"]) <= page["size_tolerance_mm"] and abs(
            section.height_mm - page["height_mm"]) <= page["size_tolerance_mm"]
        margins_ok = all(a is None or abs(a - e) <= page["margin_tolerance_mm"] for a, e in zip(actual, expected))
        key = (section.width_mm, section.height_mm, *actual)
        if size_ok and margins_ok or key in seen:
            continue
        seen.add(key)
        yield Hit(_anchor(ctx), 0, 1, "page", {
            "profile": profile["name"], "width": f"{section.width_mm:g}", "height": f"{section.height_mm:g}",
            **{k: "—" if a is None else f"{a:g}" for k, a in zip(("top", "bottom", "left", "right"), actual)},
            **{f"e_{k}": f"{e:g}" for k, e in zip(("top", "bottom", "left", "right"), expected)},
        })


@rule(
    code="FMT002",
    name="page-numbers-missing",
    severity=Severity.WARNING,
    scope=(Scope.DOCUMENT,),
    needs=(Need.DOCX_LAYOUT,),
    summary=T("页脚或页眉中没有页码", "No page number in the footers or headers"),
    messages={"missing": T("文档的页眉页脚中没有页码域（PAGE），打印后无页码", "No page number field (PAGE) in any header or footer: printed pages are unnumbered")},
    what=T("模板要求公文版式时，.docx 至少有一节的页脚（或页眉）含页码域。", "When the template asks for the 公文 layout, a footer (or header) of the .docx holds a page number field."),
    why=T("GB/T 9704 要求公文标注页码（4 号半角数字，置于版心下边缘之下）；多页报告无页码，审核时难以引用和核对。",
          "GB/T 9704 requires page numbers in the footer; a multi-page report without them is hard to cite and check."),
    fix=T("“插入—页码—页面底端”，居中或外侧，格式“— 1 —”。", "Insert → Page Number → Bottom of Page, as “— 1 —”."),
)
def page_numbers_missing(ctx: Context) -> Iterator[Hit]:
    profile, layout = _profile(ctx)
    if not profile["page_numbers"] or not layout.sections:
        return
    if not any(section.page_number for section in layout.sections):
        yield Hit(_anchor(ctx), 0, 1, "missing")


def _font_families(ctx: Context) -> dict[str, dict[str, Any]]:
    return ctx.rules.layout["fonts"]


def _accepts(ctx: Context, family_ids: list[str], font: str) -> bool:
    norm = font.strip().casefold()
    families = _font_families(ctx)
    return any(norm == name.casefold() for fid in family_ids for name in families[fid]["names"])


@rule(
    code="FMT003",
    name="font-by-role",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY),
    needs=(Need.DOCX_LAYOUT,),
    summary=T("标题、各级标题或正文的字体不符合公文格式", "The title, a heading level or the body is not in the 公文 font"),
    messages={
        "font": T(
            "{count} 个{role}段落使用“{font}”，应为{expected}：{paragraphs}",
            "{count} {role} paragraph(s) use “{font}”, expected {expected}: {paragraphs}",
        ),
    },
    what=T(
        "按 Word 的规则解析每个正文段落的中文字体（直接格式、字符样式、段落样式及其基准样式、文档默认值、主题字体），"
        "与模板版式要求的字体比较：标题小标宋，正文仿宋，一级标题黑体，二级标题楷体，三、四级标题仿宋。"
        "哪些字体名算同一种字体（仿宋_GB2312、FangSong、方正仿宋_GBK……）写在 rules/layout.yaml。"
        "同一角色、同一字体的段落合为一条，列出段号。编号段落（如“（一）主要职责。负责……”）按开头文字的字体判断，正文字体也可。",
        "Each body paragraph's East Asian font is resolved as Word does (direct formatting, character style, "
        "paragraph style and its base styles, document defaults, theme fonts) and compared with the profile: "
        "title 小标宋, body 仿宋, level-1 headings 黑体, level-2 楷体, levels 3–4 仿宋. Which names count as one "
        "font (仿宋_GB2312, FangSong, 方正仿宋_GBK…) is data in rules/layout.yaml. Paragraphs of one role in one "
        "font make one finding naming them. Numbered paragraphs that run text in are judged by their first "
        "characters, and the body font is accepted for them too.",
    ),
    why=T("GB/T 9704 规定了公文各部分的字体；字体混用说明文档由不同来源拼接而未统一排版。",
          "GB/T 9704 sets the font of each part of a 公文; mixed fonts show a document pasted together and never formatted."),
    fix=T("修改对应样式（“标题 1”“标题 2”“正文”）的中文字体，而不是逐段修改。", "Change the East Asian font of the styles (Heading 1, Heading 2, Normal) rather than paragraph by paragraph."),
)
def font_by_role(ctx: Context) -> Iterator[Hit]:
    profile, layout = _profile(ctx)
    roles, families = profile["roles"], _font_families(ctx)

    def wrong(p: _Para) -> str | None:
        spec = roles.get(p.role)
        font = p.layout.lead_font if p.lead else p.layout.font
        if spec is None or not font:
            return None
        accepted = spec["fonts"] + (roles.get("body", {}).get("fonts", []) if p.lead else [])
        return None if _accepts(ctx, accepted, font) else font

    def args(font: str, members: list[_Para]) -> dict[str, Any]:
        names = "或".join(families[f]["name"] for f in roles[members[0].role]["fonts"])
        return {"font": font, "expected": names}

    yield from _grouped(_paragraphs(ctx, layout), wrong, "font", profile, args)


@rule(
    code="FMT007",
    name="font-size-by-role",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY),
    needs=(Need.DOCX_LAYOUT,),
    summary=T("标题或正文的字号不符合公文格式（标题二号，正文三号）", "The title or body is not in the 公文 size (title 二号, body 三号)"),
    messages={
        "size": T("{count} 个{role}段落字号为{size}，应为{expected}：{paragraphs}",
                  "{count} {role} paragraph(s) are set in {size}, expected {expected}: {paragraphs}"),
    },
    what=T("比较每个段落多数文字的字号与版式要求（标题二号 22 磅，正文和各级标题三号 16 磅），同一角色同一字号合为一条。",
           "Each paragraph's size (that of most of its characters) is compared with the profile (title 二号 22 pt, "
           "body and headings 三号 16 pt); one finding per role and size."),
    why=T("GB/T 9704 规定标题用 2 号字、正文用 3 号字；字号过小的报告打印后难以阅读。", "GB/T 9704 sets 2号 for the title and 3号 for the text; small type is hard to read on paper."),
    fix=T("在样式中设置字号：标题二号，正文及各级标题三号。", "Set the sizes in the styles: title 二号, body and headings 三号."),
)
def font_size_by_role(ctx: Context) -> Iterator[Hit]:
    profile, layout = _profile(ctx)
    roles, tol = profile["roles"], profile["size_tolerance_pt"]

    def wrong(p: _Para) -> float | None:
        expected = roles.get(p.role, {}).get("size_pt")
        size = p.layout.size_pt
        return size if expected and size and abs(size - expected) > tol else None

    def args(size: float, members: list[_Para]) -> dict[str, Any]:
        return {"size": hao(size), "expected": hao(roles[members[0].role]["size_pt"])}

    yield from _grouped(_paragraphs(ctx, layout), wrong, "size", profile, args)


@rule(
    code="FMT004",
    name="unexpected-bold",
    severity=Severity.INFO,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY),
    needs=(Need.DOCX_LAYOUT,),
    summary=T("不应加粗的段落加粗了", "Paragraphs in bold where the 公文 layout has none"),
    messages={"bold": T("{count} 个{role}段落加粗：{paragraphs}", "{count} {role} paragraph(s) in bold: {paragraphs}")},
    what=T("版式中不允许加粗的角色（默认为正文和四级标题）的段落，若多数文字加粗即报告，同一角色合为一条。",
           "Paragraphs of a role the profile does not allow in bold (by default body text and level-4 headings) "
           "with most characters bold; one finding per role."),
    why=T("公文正文不加粗，层次靠字体区分；整段加粗多来自复制粘贴的格式。", "公文 body text is never bold (levels differ by font); whole bold paragraphs come from pasted formatting."),
    fix=T("取消这些段落的加粗（Ctrl+B），或把它们设为正确的标题样式。", "Remove the bold (Ctrl+B), or give the paragraphs the right heading style."),
)
def unexpected_bold(ctx: Context) -> Iterator[Hit]:
    profile, layout = _profile(ctx)
    allowed, share = set(profile["bold_allowed"]), profile["bold_share"]

    def wrong(p: _Para) -> bool | None:
        return True if p.role not in allowed and p.layout.bold_share >= share else None

    yield from _grouped(_paragraphs(ctx, layout), wrong, "bold", profile, lambda k, m: {})


def _spacing_text(p: ParagraphLayout) -> dict[str, str]:
    if p.line_rule in ("exact", "atLeast") and p.line_pt is not None:
        zh = "固定值" if p.line_rule == "exact" else "最小值"
        return {"zh": f"{zh} {p.line_pt:g} 磅", "en": f"{p.line_rule} {p.line_pt:g} pt"}
    multiple = p.line_multiple or 1.0
    shown = f"{round(multiple, 2):g}"
    return {"zh": "单倍行距" if multiple == 1 else f"{shown} 倍行距", "en": "single" if multiple == 1 else f"{shown} lines"}


@rule(
    code="FMT005",
    name="line-spacing",
    severity=Severity.INFO,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY),
    needs=(Need.DOCX_LAYOUT,),
    summary=T("行距不是公文的固定值约 28 磅", "Line spacing is not the 公文 fixed ~28 pt"),
    messages={"spacing": T("{count} 个{role}段落行距为{spacing}（应为固定值约 {expected} 磅）：{paragraphs}",
                           "{count} {role} paragraph(s) have line spacing {spacing} (expected exactly ~{expected} pt): {paragraphs}")},
    what=T("正文和各级标题的行距应为固定值约 28 磅（误差见 rules/layout.yaml）；单倍行距而文档网格行距约 28 磅（公文模板常见设置）也算符合。标题不检查。",
           "Body and heading paragraphs are spaced exactly ~28 pt (tolerance in rules/layout.yaml); single spacing "
           "snapped to a document grid of ~28 pt (a common 公文 template) counts as well. The title is not checked."),
    why=T("GB/T 9704 规定每页 22 行，对应行距约 28～29 磅；行距不一，版面疏密不均。", "GB/T 9704 sets 22 lines per page, about 28–29 pt apart; other spacing makes uneven pages."),
    fix=T("在“段落—行距”中选“固定值”“28 磅”（修改“正文”样式即可）。", "Paragraph → Line spacing → Exactly 28 pt (in the Normal style)."),
)
def line_spacing(ctx: Context) -> Iterator[Hit]:
    profile, layout = _profile(ctx)
    spec = profile["line_spacing"]

    def near(pt: float | None) -> bool:
        return pt is not None and abs(pt - spec["pt"]) <= spec["tolerance_pt"]

    def wrong(p: _Para) -> tuple | None:
        if p.role == "title":
            return None
        lay = p.layout
        if lay.line_rule in spec["rules"] and near(lay.line_pt):
            return None
        if lay.line_rule in (None, "auto") and (lay.line_multiple or 1.0) <= 1.0 and near(lay.grid_pt):
            return None
        return (lay.line_rule, lay.line_pt, lay.line_multiple)

    def args(key: tuple, members: list[_Para]) -> dict[str, Any]:
        return {"spacing": _spacing_text(members[0].layout), "expected": f"{spec['pt']:g}"}

    yield from _grouped(_paragraphs(ctx, layout), wrong, "spacing", profile, args)


@rule(
    code="FMT006",
    name="first-line-indent",
    severity=Severity.INFO,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY),
    needs=(Need.DOCX_LAYOUT,),
    summary=T("正文段落首行未缩进 2 字符", "Body paragraphs are not indented 2 characters on the first line"),
    messages={"indent": T("{count} 个{role}段落首行缩进 {indent} 字符（应为 {expected} 字符）：{paragraphs}",
                          "{count} {role} paragraph(s) have a first-line indent of {indent} characters (expected {expected}): {paragraphs}")},
    what=T("较长的正文段落（居中、右对齐及短于 rules/layout.yaml 所定字数的段落如落款、日期不检查）首行应缩进 2 字符；"
           "用段落格式缩进或在段首输入两个全角空格都算。",
           "Longer body paragraphs (not centred or right-aligned ones, nor those shorter than rules/layout.yaml's "
           "minimum, like signatures and dates) are indented 2 characters on the first line, by paragraph format "
           "or by two leading full-width spaces."),
    why=T("公文正文每段首行空两字；不缩进或缩进不一使段落难以分辨。", "Each 公文 paragraph opens two characters in; no or uneven indent blurs the paragraphs."),
    fix=T("在“段落—特殊格式”中选“首行缩进”“2 字符”（修改“正文”样式即可）。", "Paragraph → Special → First line, 2 characters (in the Normal style)."),
)
def first_line_indent(ctx: Context) -> Iterator[Hit]:
    profile, layout = _profile(ctx)
    spec = profile["first_line_indent"]

    def wrong(p: _Para) -> float | None:
        lay = p.layout
        if p.role != "body" or lay.chars < spec["min_chars"] or lay.alignment in ("center", "right", "end"):
            return None
        indent = round((lay.first_line_chars or 0) + lay.lead_spaces, 1)
        return None if abs(indent - spec["chars"]) <= spec["tolerance_chars"] else indent

    def args(indent: float, members: list[_Para]) -> dict[str, Any]:
        return {"indent": f"{indent:g}", "expected": f"{spec['chars']:g}"}

    yield from _grouped(_paragraphs(ctx, layout), wrong, "indent", profile, args)
