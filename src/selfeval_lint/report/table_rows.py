"""The rows and columns the tabular reports share (xlsx, csv, html): one per file, one per finding."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import FileResult, Finding, Severity
from ..registry import get_rule, render
from .summary import skip_text
from .text import SEVERITY_NAMES

# (key, zh header, en header)
FILE_COLUMNS = (
    ("path", "文件", "File"),
    ("agency", "单位", "Agency"),
    ("year", "年度", "Year"),
    ("title", "标题", "Title"),
    ("template", "模板", "Template"),
    ("format", "格式", "Format"),
    ("pages", "页数", "Pages"),
    ("paragraphs", "段落数", "Paragraphs"),
    ("chars", "字数", "Characters"),
    ("errors", "错误", "Errors"),
    ("warnings", "警告", "Warnings"),
    ("infos", "提示", "Infos"),
    ("per_10k", "每万字差错数", "Findings per 10,000 characters"),
    ("status", "检查状态", "Status"),
)
FINDING_COLUMNS = (
    ("path", "文件", "File"),
    ("place", "位置", "Location"),
    ("line", "行号", "Line"),
    ("code", "代码", "Code"),
    ("severity", "级别", "Severity"),
    ("section", "所在部分", "Section"),
    ("message", "问题说明", "Message"),
    ("excerpt", "原文摘录", "Excerpt"),
    ("suggestion", "修改建议", "Suggestion"),
    ("review", "需人工确认", "Needs review"),
)


def headers(columns: Sequence[tuple[str, str, str]], lang: str) -> list[str]:
    return [en if lang == "en" else zh for _, zh, en in columns]


def place(finding: Finding, lang: str) -> str:
    """Where a person finds the finding: page, Word paragraph, table cell; the line for plain text."""
    loc, zh = finding.location, lang != "en"
    parts = []
    if loc.page is not None:
        parts.append(f"第{loc.page}页" if zh else f"page {loc.page}")
    if loc.table is not None:
        t = loc.table
        parts.append(f"表{t['index']}第{t['row']}行第{t['col']}列" if zh else f"table {t['index']} row {t['row']} col {t['col']}")
    elif loc.paragraph is not None:
        parts.append(f"第{loc.paragraph}段" if zh else f"paragraph {loc.paragraph}")
    if not parts and loc.line is not None:
        parts.append(f"第{loc.line}行" if zh else f"line {loc.line}")
    return " ".join(parts) if zh else ", ".join(parts)


def status(result: FileResult, lang: str) -> str:
    """Checked, unreadable (with the PAR message) or skipped (with the reason)."""
    zh = lang != "en"
    if result.skipped:
        return ("未检查：" if zh else "skipped: ") + skip_text(result, lang)
    if result.unreadable:
        message = render(result.findings[0], lang) if result.findings else ""
        return ("无法读取：" if zh else "unreadable: ") + message
    return "已检查" if zh else "checked"


def counts(result: FileResult) -> dict[Severity, int]:
    out = {s: 0 for s in Severity}
    for f in result.findings:
        out[f.severity] += 1
    return out


def per_10k(result: FileResult) -> float | None:
    """Findings per 10,000 characters of body text (每万字差错数); None when the file has no text read."""
    from .summary import file_rates

    return None if result.skipped or result.unreadable else file_rates(result)["all"]


def file_row(result: FileResult, lang: str) -> dict[str, Any]:
    n = counts(result)
    read = not (result.skipped or result.unreadable)
    return {
        "path": result.path,
        "agency": result.agency,
        "year": result.year,
        "title": result.title,
        "template": result.template,
        "format": result.format,
        "pages": result.pages,
        "paragraphs": result.paragraphs if read else None,
        "chars": result.chars if read else None,
        "errors": None if result.skipped else n[Severity.ERROR],
        "warnings": None if result.skipped else n[Severity.WARNING],
        "infos": None if result.skipped else n[Severity.INFO],
        "per_10k": per_10k(result),
        "status": status(result, lang),
    }


def finding_row(result: FileResult, finding: Finding, lang: str) -> dict[str, Any]:
    yes, no = ("是", "") if lang != "en" else ("yes", "")
    suggestion = finding.suggestion
    if suggestion == "":
        suggestion = "删除" if lang != "en" else "delete it"
    return {
        "path": result.path,
        "place": place(finding, lang),
        "line": finding.location.line,
        "code": finding.code,
        "severity": SEVERITY_NAMES[lang][finding.severity.value],
        "section": finding.location.section,
        "message": render(finding, lang),
        "excerpt": finding.excerpt,
        "suggestion": suggestion,
        "review": yes if finding.review else no,
    }


def file_only_row(result: FileResult, lang: str) -> dict[str, Any]:
    """A file without findings (clean, or skipped) as a row of the findings list, with its status."""
    message = status(result, lang)
    if not result.skipped:
        message += "，未发现问题" if lang != "en" else ", no problems found"
    return {"path": result.path, "place": "", "line": None, "code": "", "severity": "",
            "section": None, "message": message, "excerpt": "", "suggestion": None, "review": ""}


def finding_rows(results: Sequence[FileResult], lang: str, every_file: bool = False) -> list[tuple[FileResult, dict[str, Any]]]:
    """Every finding, file by file, each with the result it belongs to; with `every_file`, a file without
    findings (clean or skipped) gets one row saying so, so that the list alone names every file."""
    rows = []
    for r in results:
        if r.findings:
            rows += [(r, finding_row(r, f, lang)) for f in r.findings]
        elif every_file:
            rows.append((r, file_only_row(r, lang)))
    return rows


def rule_name(code: str) -> str:
    return get_rule(code).name
