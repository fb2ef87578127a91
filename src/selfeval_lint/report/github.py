"""GitHub Actions workflow commands (::error file=…,line=…::message): annotations on the pull request."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import FileResult, Finding
from ..registry import render

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A command's message: % CR LF percent-encoded (as @actions/core's escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: also : and , encoded (as @actions/core's escapeProperty)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(result: FileResult, finding: Finding, lang: str) -> str:
    loc = finding.location
    props = [("file", result.path)]
    if loc.line is not None:
        props += [("line", loc.line), ("col", loc.column)]
        if loc.end_line is not None:
            props.append(("endLine", loc.end_line))
        if loc.end_column is not None:
            props.append(("endColumn", loc.end_column))
    props.append(("title", finding.code))
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in props if value is not None)
    return f"::{COMMANDS[finding.severity.value]} {joined}::{escape_data(render(finding, lang))}"


def github_lines(result: FileResult, lang: str = "zh") -> list[str]:
    """One file's workflow commands (for streaming a batch file by file)."""
    return [github_line(result, f, lang) for f in result.findings]


ORDERED = True  # streamed (report/stream.py) in input order as far as finished


def render_file(result: FileResult, lang: str = "zh") -> str:
    return "".join(line + "\n" for line in github_lines(result, lang))


def render_end(summary: object, lang: str = "zh") -> str:
    """Workflow commands need no closing line."""
    return ""


def render_github(results: Sequence[FileResult], lang: str = "zh") -> str:
    return "".join(line + "\n" for r in results for line in github_lines(r, lang))
