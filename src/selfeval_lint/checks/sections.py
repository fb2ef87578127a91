"""SEC rules: the report's sections against its template — missing, out of order, empty, misnamed, duplicated."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import wraps

from ..analysis.outline import Outline
from ..analysis.sections import SectionMatch, lost_characters, normalise
from ..analysis.segment import segmenter
from ..model import Severity
from ..registry import T, rule
from ..vocab import Need, Scope
from .base import Context, Hit

DEPT_REPORT = (
    "2023年度某某局部门整体支出绩效自评报告\n一、部门（单位）基本情况\n（一）主要职责\n负责全市科技工作。\n（二）内设机构\n内设科室5个。\n"
    "二、一般公共预算支出情况\n（一）基本支出情况\n基本支出708.28万元。\n（二）项目支出情况\n项目支出411.28万元。\n"
    "三、政府性基金预算支出情况\n无。\n四、国有资本经营预算支出情况\n无。\n五、社会保险基金预算支出情况\n无。\n"
    "六、部门整体支出绩效情况\n完成年度目标。\n七、存在的问题及原因分析\n预算绩效管理工作稍显薄弱。\n八、下一步改进措施\n细化预算编制。\n"
    "九、部门整体支出绩效自评结果拟应用和公开情况\n在官网公示。\n十、其他需要说明的情况\n无。\n"
)


def _heading_hit(ctx: Context, item: int, variant: str, suggestion: str | None = None, **args: object) -> Hit:
    """A hit on a heading's title (the text after its label); `suggestion` replaces that title."""
    outline = ctx.analysis.outline
    heading = outline.items[item]
    text = ctx.doc.blocks[heading.block].text
    start = heading.label.end + (len(text[heading.label.end :]) - len(text[heading.label.end :].lstrip()))
    end = max(start + 1, len(text.rstrip()))
    return Hit(heading.block, start, end, variant, {"heading": outline.heading_text(item), **args}, suggestion)


def _info_on_fallback(check: Callable[[Context], Iterator[Hit]]) -> Callable[[Context], Iterator[Hit]]:
    """A document whose type the title does not tell is checked against the generic fallback: what it lacks
    of a self-evaluation report's outline is a note (info) at most, never an error or a warning."""

    @wraps(check)
    def capped(ctx: Context) -> Iterator[Hit]:
        choice = ctx.analysis.sections.choice
        fallback = not choice.recognised and not choice.explicit
        for hit in check(ctx):
            yield replace(hit, severity=Severity.INFO) if fallback else hit

    return capped


def _template_args(ctx: Context) -> dict[str, str]:
    return {"template": ctx.analysis.sections.choice.template.name}


def _where_missing(ctx: Context, match: SectionMatch) -> tuple[int, int]:
    """Where to report a missing section: the heading it belongs under, or the first heading after its place."""
    facts = ctx.analysis.sections
    outline = ctx.analysis.outline
    if len(match.path) > 1:
        parent = next(m for m in facts.matches if m.path == match.path[:-1])
        block = outline.items[parent.item].block  # type: ignore[index]
        return block, outline.items[parent.item].label.start  # type: ignore[index]
    later = [m for m in facts.matches if len(m.path) == 1 and m.item is not None and m.path > match.path]
    if later:
        item = outline.items[min(later, key=lambda m: m.path).item]  # type: ignore[arg-type]
        return item.block, item.label.start
    found = [m for m in facts.matches if m.item is not None]
    if found:
        item = outline.items[max(found, key=lambda m: outline.items[m.item].block).item]  # type: ignore[index,arg-type]
        return item.block, item.label.start
    first = ctx.doc.title_blocks[0] if ctx.doc.title_blocks else 0
    return first, 0


def _out_of_order(matches: list[SectionMatch], outline: Outline) -> list[tuple[SectionMatch, SectionMatch | None]]:
    """Found sections that break the template order: those outside the longest run in order."""
    found = sorted((m for m in matches if m.item is not None and m.how != "merged"), key=lambda m: outline.items[m.item].block)
    if len(found) < 2:
        return []
    # Longest increasing subsequence of template positions, in document order.
    best: list[list[SectionMatch]] = []
    for m in found:
        candidates = [run for run in best if run[-1].path < m.path]
        best.append([*max(candidates, key=len, default=[]), m])
    keep = {id(m) for m in max(best, key=len)}
    misplaced = []
    for m in found:
        if id(m) in keep:
            continue
        before = [k for k in matches if k.item is not None and id(k) in keep and k.path < m.path]
        misplaced.append((m, before[-1] if before else None))
    return misplaced


@rule(
    code="SEC001",
    name="section-missing",
    severity=Severity.ERROR,
    scope=(Scope.TITLE, Scope.HEADINGS),
    needs=(Need.TEMPLATE_FITS,),
    summary=T("缺少模板要求的部分", "A section the template requires is missing"),
    messages={
        "missing": T("缺少“{title}”部分（{template}要求）", "The section “{title}” is missing (required by {template})"),
        "missing-child": T(
            "“{parent}”下缺少“{title}”（{template}要求）", "“{title}” is missing under “{parent}” (required by {template})"
        ),
    },
    what=T(
        "按报告类型模板（rules/templates/）检查必需的一级标题及其下级标题是否齐全。标题按别名和近似写法匹配，"
        "如“主要职责”也可写作“部门职责”“部门职能职责”。",
        "Checks that the sections the report's template (rules/templates/) requires are present, with their required "
        "sub-sections. Headings match through aliases and near misses: 主要职责 may be written 部门职责 or 部门职能职责.",
    ),
    why=T("财政部门要求自评报告按规定提纲编写，缺少部分的报告会被退回。", "Finance bureaus require the prescribed outline; a report missing a section is sent back."),
    fix=T("补写缺少的部分；如确无内容，写明“无”（模板允许时）。", "Add the section; where the template allows it, write 无 if there is nothing to report."),
)
@_info_on_fallback
def section_missing(ctx: Context) -> Iterator[Hit]:
    facts = ctx.analysis.sections
    for match in facts.matches:
        if match.item is not None or not match.section.required:
            continue
        block, start = _where_missing(ctx, match)
        args = {"title": match.section.title, **_template_args(ctx)}
        if len(match.path) > 1:
            parent = next(m for m in facts.matches if m.path == match.path[:-1])
            args["parent"] = parent.section.title
            yield Hit(block, start, start + 1, "missing-child", args)
        else:
            yield Hit(block, start, start + 1, "missing", args)


@rule(
    code="SEC002",
    name="section-order",
    severity=Severity.WARNING,
    scope=(Scope.HEADINGS,),
    needs=(Need.TEMPLATE_FITS,),
    summary=T("部分的顺序与模板不符", "Sections out of the template's order"),
    messages={
        "order": T("“{heading}”的位置与模板顺序不符，应排在“{after}”之后", "“{heading}” is out of order: it belongs after “{after}”"),
        "first": T("“{heading}”的位置与模板顺序不符，应排在最前", "“{heading}” is out of order: it belongs first"),
    },
    what=T(
        "一级标题应按模板规定的顺序排列。只报告打乱顺序的那几个部分（保留最长的有序部分）。",
        "Top-level sections follow the template's order. Only the sections that break it are reported (the longest "
        "run in order is kept).",
    ),
    why=T("统一的提纲顺序便于财政部门批量审核和汇总。", "A common order lets finance bureaus review and compare reports quickly."),
    fix=T("按模板顺序调整各部分。", "Reorder the sections as the template lists them."),
)
@_info_on_fallback
def section_order(ctx: Context) -> Iterator[Hit]:
    if not ctx.analysis.sections.choice.template.ordered:
        return
    top = [m for m in ctx.analysis.sections.matches if len(m.path) == 1]
    for misplaced, after in _out_of_order(top, ctx.analysis.outline):
        if after is None:
            yield _heading_hit(ctx, misplaced.item, "first")  # type: ignore[arg-type]
        else:
            yield _heading_hit(ctx, misplaced.item, "order", after=after.section.title)  # type: ignore[arg-type]


@rule(
    code="SEC003",
    name="section-empty",
    severity=Severity.WARNING,
    scope=(Scope.HEADINGS, Scope.BODY),
    needs=(Need.TEMPLATE_FITS,),
    summary=T("部分没有内容，或以“无”作答而模板不允许", "A section has no body, or answers 无 where the template does not allow it"),
    messages={
        "empty": T("“{heading}”下没有内容", "“{heading}” has no body"),
        "none": T(
            "“{heading}”只写了“无”，{template}要求该部分如实填写",
            "“{heading}” answers only 无, but {template} requires this section to be filled in",
        ),
    },
    what=T(
        "模板中的每个部分都应有正文或下级标题；只有模板标明可写“无”的部分（如政府性基金预算支出情况）才能以“无”“暂无”作答。"
        "“存在的问题”写“暂无”是常见的退回原因。",
        "Each template section needs a body or sub-headings; only sections the template marks (e.g. 政府性基金预算支出情况) "
        "may answer 无 or 暂无. Answering 存在的问题 with 暂无 is a common reason for sending a report back.",
    ),
    why=T("空白或“暂无”的部分说明自评流于形式。", "An empty or 暂无 section shows the self-evaluation was a formality."),
    fix=T("如实填写该部分内容。", "Write the section's content."),
)
@_info_on_fallback
def section_empty(ctx: Context) -> Iterator[Hit]:
    facts = ctx.analysis.sections
    for match in facts.matches:
        if match.item is None or match.how == "merged":
            continue
        body = facts.bodies.get(match.item)
        if body == "empty":
            yield _heading_hit(ctx, match.item, "empty")
        elif body == "none" and not match.section.none_ok:
            yield _heading_hit(ctx, match.item, "none", **_template_args(ctx))


@rule(
    code="SEC004",
    name="section-title-nonstandard",
    severity=Severity.INFO,
    scope=(Scope.HEADINGS,),
    needs=(Need.EXACT_TITLES, Need.TEMPLATE_FITS),
    summary=T("标题未使用模板规定的写法", "A heading does not use the template's wording"),
    messages={
        "alias": T("标题“{heading}”按别名对应模板的“{title}”，{template}要求使用规定标题", "“{heading}” matches “{title}” only through an alias; {template} asks for the exact title"),
        "similar": T("标题“{heading}”与模板的“{title}”相近但不一致，{template}要求使用规定标题", "“{heading}” resembles “{title}”; {template} asks for the exact title"),
    },
    what=T(
        "仅对要求规范标题的模板（exact_titles: true）生效：标题只通过别名或近似写法与模板对应时提示，并给出规定标题。",
        "Only for templates that ask for exact titles (exact_titles: true): notes a heading that matches its section only "
        "through an alias or a near miss, and names the canonical title.",
    ),
    why=T("部分地区要求标题与提纲完全一致，便于系统汇总。", "Some bureaus require the titles verbatim so that reports can be compiled automatically."),
    fix=T("改用模板规定的标题。", "Use the canonical title."),
)
def section_title_nonstandard(ctx: Context) -> Iterator[Hit]:
    facts = ctx.analysis.sections
    for match in facts.matches:
        if match.item is not None and match.how in ("alias", "similar"):
            yield _heading_hit(ctx, match.item, match.how, match.section.title, title=match.section.title, **_template_args(ctx))


@rule(
    code="SEC005",
    name="section-duplicate",
    severity=Severity.WARNING,
    scope=(Scope.HEADINGS,),
    needs=(Need.TEMPLATE_FITS,),
    summary=T("同一部分出现两次", "A section appears twice"),
    messages={"duplicate": T("“{heading}”与前面的“{first}”是模板中的同一部分“{title}”", "“{heading}” repeats the section “{title}” already given as “{first}”")},
    what=T("模板中的同一部分不应出现两个标题。", "One template section should have one heading."),
    why=T("重复的部分多是合并文档时遗留的。", "A repeated section is usually left over from merging documents."),
    fix=T("合并或删除重复的部分。", "Merge or delete the repeated section."),
)
@_info_on_fallback
def section_duplicate(ctx: Context) -> Iterator[Hit]:
    """A heading naming a section exactly whose section another (earlier) heading already stands for."""
    outline = ctx.analysis.outline
    paired = {m.path: m for m in ctx.analysis.sections.matches}
    for hit in ctx.analysis.sections.exact:
        match = paired.get(hit.path)
        if match is None or match.item is None or match.item == hit.item:
            continue
        item = hit.item
        yield _heading_hit(ctx, item, "duplicate", first=outline.heading_text(match.item), title=match.section.title)  # type: ignore[arg-type]


@rule(
    code="SEC006",
    name="heading-dropped-characters",
    severity=Severity.WARNING,
    scope=(Scope.HEADINGS,),
    needs=(Need.TEMPLATE_FITS,),
    summary=T("标题疑似缺字", "A heading seems to have lost characters"),
    messages={"dropped": T("标题“{heading}”疑似缺字，应为“{title}”", "“{heading}” seems to have lost characters: “{title}”")},
    what=T(
        "标题与模板中某部分的标题（或别名）相比，词语内部缺字（如“三、政府性基金算支出情况”缺“预”），给出可能的规定标题。"
        "整词省略（如“存在问题及原因”）是常见的简写，不报。",
        "A heading that is a template title (or alias) with characters missing inside its words (三、政府性基金算支出情况 "
        "lacks 预): the likely canonical title is suggested. Whole words left out (存在问题及原因) are a common "
        "shortening and are not reported.",
    ),
    why=T("标题缺字多是编辑时误删，公开报告中很显眼。", "A heading with missing characters is an editing slip that stands out in a published report."),
    fix=T("补全标题。", "Restore the missing characters."),
)
@_info_on_fallback
def heading_dropped_characters(ctx: Context) -> Iterator[Hit]:
    outline, seg = ctx.analysis.outline, segmenter(ctx.rules)
    for match in ctx.analysis.sections.matches:
        if match.item is None or match.how not in ("similar", "dropped"):
            continue  # only a heading paired by likeness can have lost characters
        heading = normalise(outline.items[match.item].run_in[0] or outline.items[match.item].title)
        if any(lost_characters(heading, normalise(name), seg) for name in match.section.names):
            yield _heading_hit(ctx, match.item, "dropped", match.section.title, title=match.section.title)


@rule(
    code="SEC007",
    name="template-unrecognised",
    severity=Severity.INFO,
    scope=(Scope.TITLE,),
    summary=T("未能识别报告类型", "The report type was not recognised"),
    messages={
        "fallback": T(
            "未能根据标题识别报告类型，已按通用模板“{template}”检查；可用 --template 指定（selfeval-lint templates 列出可用模板）",
            "The report type was not recognised from the title; checked against the generic template “{template}”. "
            "Choose one with --template (selfeval-lint templates lists them)",
        ),
        "mismatch": T(
            "报告提纲与按标题选定的模板“{template}”差异较大（规定的 {required} 个部分只对上 {found} 个），"
            "可能是其他地区或年份的提纲，未逐项检查各部分；如确应按此模板，请用 --template 指定",
            "The outline differs widely from “{template}”, the template the title suggests ({found} of its {required} "
            "sections found): perhaps another province's or year's outline, so sections were not checked one by "
            "one. Choose the template with --template if it does apply",
        ),
    },
    what=T(
        "根据标题中的关键词（如“部门整体支出”“项目支出绩效自评报告”）选择模板；都不匹配时使用通用模板并提示。"
        "按标题选定的模板规定的部分缺少 3 个以上、且只对上不到 60% 时，多半是其他地区或年份的提纲：此时不逐项报告缺少的部分，只作此提示。",
        "The template is chosen from words in the title (部门整体支出, 项目支出绩效自评报告…); when none matches, the generic "
        "fallback is used and this note says so. When more than two sections, and over 40%, of the template the title suggests "
        "are missing, the outline is most likely another province's or year's: sections are then not reported one by "
        "one, only this note is given.",
    ),
    why=T("按错误的模板检查会漏掉或误报缺少的部分。", "Checking against the wrong template misses or invents missing sections."),
    fix=T("在标题中写明报告类型，或用 --template 或配置文件指定模板。", "Name the report type in the title, or choose the template with --template or in the configuration."),
)
def template_unrecognised(ctx: Context) -> Iterator[Hit]:
    facts = ctx.analysis.sections
    if facts.choice.recognised and facts.fits:
        return
    block = ctx.doc.title_blocks[0] if ctx.doc.title_blocks else 0
    span = max(1, len(ctx.doc.blocks[block].text.rstrip()))
    if not facts.choice.recognised:
        yield Hit(block, 0, span, "fallback", _template_args(ctx))
    else:
        yield Hit(block, 0, span, "mismatch", {**_template_args(ctx), "found": facts.found, "required": facts.required})


def _with_toc(report: str, *extra: str) -> str:
    """The report with a table of contents (its top-level headings, and `extra` entries) after the title."""
    title, body = report.split("\n", 1)
    entries = [line for line in body.splitlines() if "、" in line[:3] and not line.startswith("（")]
    return "\n".join([title, "目录", *entries, *extra, body])


@rule(
    code="SEC008",
    name="toc-heading-mismatch",
    severity=Severity.WARNING,
    scope=(Scope.TOC, Scope.HEADINGS),
    summary=T("目录与正文标题不一致", "A table-of-contents entry disagrees with the body"),
    messages={
        "missing": T(
            "目录列有“{entry}”，正文中没有对应的标题",
            "The table of contents lists “{entry}” but the body has no such heading",
        ),
        "unlabelled": T(
            "目录列有“{entry}”，正文中对应的“{body}”缺少序号“{label}”",
            "The table of contents lists “{entry}”; in the body “{body}” lacks its label “{label}”",
        ),
        "retitled": T(
            "目录列有“{entry}”，正文同一序号的标题为“{body}”，两者不一致",
            "The table of contents lists “{entry}” but the body heading with that label reads “{body}”",
        ),
        "relabelled": T(
            "目录列有“{entry}”，正文中该标题的序号为“{body}”，两者不一致",
            "The table of contents lists “{entry}” but the body numbers that heading “{body}”",
        ),
    },
    what=T(
        "目录中的一级条目（第一个条目的序号样式，如“第一部分”或“一、”）应在正文中有序号和标题都相同的标题。"
        "正文标题不按目录编号时（一半以上的条目找不到同序号的标题）不检查；标题措辞略有差异、缺少数字不算不一致。",
        "Each top-level entry of the table of contents (entries styled like the first, e.g. 第一部分 or 一、) has a "
        "body heading with the same label and title. Nothing is checked when the body does not number its headings "
        "as the TOC does (half of the entries have no heading with their label); small rewordings and lost digits "
        "are not a disagreement.",
    ),
    why=T(
        "目录与正文不一致，说明正文删改后目录未更新，或正文漏掉了一部分，读者按目录找不到内容。",
        "A TOC that disagrees with the body shows the body was edited without updating it, or that a part is missing: "
        "readers cannot find what the TOC promises.",
    ),
    fix=T("补上正文缺少的标题（或序号），或更新目录。", "Add the missing heading (or label) to the body, or update the TOC."),
)
def toc_heading_mismatch(ctx: Context) -> Iterator[Hit]:
    from ..analysis.toc import toc_matches

    doc = ctx.doc
    for match in toc_matches(doc, ctx.analysis.outline):
        if match.same is not None:
            continue  # the body has the heading the entry names
        # The closest thing the body holds decides what is said: the title under another label first, then
        # the label with another title, then the title on a line of its own; else the heading is missing.
        found = next(((variant, place) for variant, place in (
            ("relabelled", match.same_title), ("retitled", match.same_label), ("unlabelled", match.unlabelled),
        ) if place is not None), ("missing", None))
        entry = match.entry
        text = doc.blocks[entry.block].text[entry.label.start : entry.end].strip()
        args = {"entry": text, "body": found[1].text if found[1] is not None else "", "label": entry.label.text}
        yield Hit(entry.block, entry.label.start, entry.label.start + len(text), found[0], args)
