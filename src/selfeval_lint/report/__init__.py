"""Report: render FileResults in the form each user needs; formats compute nothing a check should have.

A renderer takes the results and the language and returns the report: `str` for a text format, `bytes` for a
binary one (BINARY lists those: the command line writes them to -o FILE, or to standard output only when it
is not a terminal)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model import FileResult
from .csv_report import render_csv
from .html_report import html_page, render_html
from . import concise, github, text
from .concise import render_concise
from .github import render_github
from .gitlab import render_gitlab
from .json_report import render_json
from .junit import render_junit
from .sarif import render_sarif
from . import jsonl
from .stream import StreamingFormat
from .text import render_text
from .xlsx_report import render_xlsx

RENDERERS: dict[str, Callable[[Sequence[FileResult], str], str | bytes]] = {
    "text": render_text,
    "json": render_json,
    "csv": render_csv,
    "xlsx": render_xlsx,
    "html": render_html,
    "sarif": render_sarif,
    "junit": render_junit,
    "github": render_github,
    "gitlab": render_gitlab,
    "concise": render_concise,
    "jsonl": jsonl.render_jsonl,
}
BINARY = {"xlsx"}

# Formats written file by file as results come (report/stream.py); the others are rendered once at the end.
# A report whose 自评表 is another file of its folder waits for that folder (batch_tables.released: TAB020).
STREAMING: dict[str, StreamingFormat] = {
    "text": text,  # type: ignore[dict-item]
    "concise": concise,  # type: ignore[dict-item]
    "github": github,  # type: ignore[dict-item]
    "jsonl": jsonl,  # type: ignore[dict-item]
}

__all__ = ["BINARY", "RENDERERS", "STREAMING", "html_page", "render_csv", "render_html", "render_json", "render_text", "render_xlsx"]
