"""Concise report, one line per finding as ruff prints it: path:line:col: CODE [severity] message."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import FileResult, Finding
from ..registry import render
from .summary import Summary, summarise
from .text import SEVERITY_NAMES


def concise_line(result: FileResult, finding: Finding, lang: str) -> str:
    loc = finding.location
    where = result.path if loc.line is None else f"{result.path}:{loc.line}:{loc.column}"
    return f"{where}: {finding.code} [{SEVERITY_NAMES[lang][finding.severity.value]}] {render(finding, lang)}"


def concise_lines(result: FileResult, lang: str = "zh") -> list[str]:
    """One file's lines (for streaming a batch file by file)."""
    return [concise_line(result, f, lang) for f in result.findings]


def concise_summary(results: Sequence[FileResult], lang: str = "zh") -> str:
    return render_end(summarise(results), lang).rstrip("\n")


ORDERED = True  # streamed (report/stream.py) in input order as far as finished


def render_file(result: FileResult, lang: str = "zh") -> str:
    return "".join(line + "\n" for line in concise_lines(result, lang))


def render_end(s: Summary, lang: str = "zh") -> str:
    if lang == "en":
        return f"Found {s.errors + s.warnings + s.infos} problem(s) in {s.files} file(s).\n"
    return f"共检查 {s.files} 个文件，发现 {s.errors + s.warnings + s.infos} 个问题。\n"


def render_concise(results: Sequence[FileResult], lang: str = "zh") -> str:
    lines = [line for r in results for line in concise_lines(r, lang)]
    return "".join(line + "\n" for line in lines) + concise_summary(results, lang) + "\n"
