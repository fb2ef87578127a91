"""Plain-text report: one finding per entry with file, line:column, code, severity, message, excerpt and fix."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import FileResult, Finding
from ..registry import render
from .summary import Summary, summarise

SEVERITY_NAMES = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def _where(result: FileResult, finding: Finding, lang: str) -> str:
    """path:line:column, with the page, Word paragraph or table cell a reader of that format looks for."""
    loc = finding.location
    if loc.line is None:
        return result.path
    where = f"{result.path}:{loc.line}:{loc.column}"
    zh = lang != "en"
    if loc.table is not None:
        t = loc.table
        where += f" (表{t['index']} 第{t['row']}行第{t['col']}列)" if zh else f" (table {t['index']} row {t['row']} col {t['col']})"
    elif loc.paragraph is not None:
        where += f" (第{loc.paragraph}段)" if zh else f" (para {loc.paragraph})"
    if loc.page is not None:
        where += f" (第{loc.page}页)" if zh else f" (p.{loc.page})"
    return where


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


ORDERED = True  # streamed in input order, as far as finished (report/stream.py)


def render_file(result: FileResult, lang: str = "zh") -> str:
    """One file's findings, each followed by a blank line ("" for a file without findings)."""
    out: list[str] = []
    for finding in result.findings:
        out.extend(render_finding(result, finding, lang))
        out.append("")
    return "".join(line + "\n" for line in out)


def render_end(s: Summary, lang: str = "zh") -> str:
    """The closing count line."""
    if lang == "en":
        line = f"Checked {s.files} file(s): {s.errors} error(s), {s.warnings} warning(s), {s.infos} info(s)"
        if s.unreadable:
            line += f"; {s.unreadable} file(s) could not be read"
    else:
        line = f"共检查 {s.files} 个文件：错误 {s.errors} 个，警告 {s.warnings} 个，提示 {s.infos} 个"
        if s.unreadable:
            line += f"；{s.unreadable} 个文件无法读取"
    if not (s.errors or s.warnings or s.infos):
        line += "。未发现问题。" if lang == "zh" else ". No problems found."
    return line + "\n"


def render_text(results: Sequence[FileResult], lang: str = "zh") -> str:
    return "".join(render_file(r, lang) for r in results) + render_end(summarise(results), lang)
