"""Plain-text report: one finding per entry with file, line:column, code, severity, message, excerpt and fix."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import FileResult, Finding
from ..registry import render
from .summary import Summary, skip_text, summarise

SEVERITY_NAMES = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


SECTION_PART_CHARS = 24  # a heading longer than this is cut with "…" in the location


def _where(result: FileResult, finding: Finding, lang: str) -> str:
    """path:line:column, then what a reader of a Word or PDF file finds it by: page, paragraph or table
    cell, and the heading path (for .txt/.md the line and column are what an editor shows)."""
    loc = finding.location
    if loc.line is None:
        return result.path
    where = f"{result.path}:{loc.line}:{loc.column}"
    zh = lang != "en"
    parts = []
    if loc.page is not None:
        parts.append(f"第{loc.page}页" if zh else f"p.{loc.page}")
    if loc.table is not None:
        t = loc.table
        parts.append(f"表{t['index']} 第{t['row']}行第{t['col']}列" if zh else f"table {t['index']} row {t['row']} col {t['col']}")
    elif loc.paragraph is not None:
        parts.append(f"第{loc.paragraph}段" if zh else f"para {loc.paragraph}")
    if loc.sheet is not None:
        parts.append(f"工作表“{loc.sheet}”{loc.cell}单元格" if zh else f"sheet “{loc.sheet}” cell {loc.cell}")
    if loc.section and result.format not in (None, "txt", "md"):
        path = " > ".join(_cut(s) for s in loc.section.split(" > "))
        parts.append(f"“{path}”" if zh else f'in "{path}"')
    return where + (f" ({' '.join(parts)})" if parts else "")


def _cut(heading: str) -> str:
    return heading if len(heading) <= SECTION_PART_CHARS else heading[: SECTION_PART_CHARS - 1] + "…"


def render_finding(result: FileResult, finding: Finding, lang: str) -> list[str]:
    severity = SEVERITY_NAMES[lang][finding.severity.value]
    lines = [f"{_where(result, finding, lang)}: {finding.code} [{severity}] {render(finding, lang)}"]
    if finding.excerpt:
        lines.append(f"    | {finding.excerpt}")
    if finding.suggestion:
        lines.append(("    = 建议：" if lang == "zh" else "    = suggestion: ") + finding.suggestion)
    elif finding.suggestion == "":
        lines.append("    = 建议：删除" if lang == "zh" else "    = suggestion: delete it")
    return lines


ORDERED = True  # streamed (report/stream.py) in input order as far as finished


def render_file(result: FileResult, lang: str = "zh") -> str:
    """One file's entries: each finding followed by a blank line, or the line saying why it was skipped."""
    if result.skipped:
        return f"{result.path}: " + ("skipped: " if lang == "en" else "未检查：") + skip_text(result, lang) + "\n"
    return "".join("\n".join(render_finding(result, finding, lang)) + "\n\n" for finding in result.findings)


def render_end(s: Summary, lang: str = "zh") -> str:
    """The closing summary line, from the counts alone."""
    if lang == "en":
        line = f"Checked {s.files} file(s): {s.errors} error(s), {s.warnings} warning(s), {s.infos} info(s)"
        if s.per_10k:
            line += f", {s.per_10k:g} per 10,000 characters"
        if s.unreadable:
            line += f"; {s.unreadable} file(s) could not be read"
        if s.skipped:
            line += f"; {s.skipped} file(s) skipped (listed above)"
    else:
        line = f"共检查 {s.files} 个文件：错误 {s.errors} 个，警告 {s.warnings} 个，提示 {s.infos} 个"
        if s.per_10k:
            line += f"，每万字 {s.per_10k:g} 处"
        if s.unreadable:
            line += f"；{s.unreadable} 个文件无法读取"
        if s.skipped:
            line += f"；{s.skipped} 个文件未检查（见上）"
    if s.suppressed:
        line += f"；另有 {s.suppressed} 个问题已按报告中的抑制注释略去" if lang == "zh" else f"; {s.suppressed} suppressed in the reports"
    if not (s.errors or s.warnings or s.infos):
        line += "。未发现问题。" if lang == "zh" else ". No problems found."
    return line + "\n"


def render_text(results: Sequence[FileResult], lang: str = "zh") -> str:
    """The whole report at once: checked files' findings first, then the skipped files, then the summary."""
    ordered = [r for r in results if not r.skipped] + [r for r in results if r.skipped]
    return "".join(render_file(r, lang) for r in ordered) + render_end(summarise(results), lang)
