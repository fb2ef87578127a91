"""Report: render FileResults in the form each user needs; formats compute nothing a check should have."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model import FileResult
from .concise import render_concise
from .github import render_github
from .gitlab import render_gitlab
from .json_report import render_json
from .junit import render_junit
from .sarif import render_sarif
from .text import render_text

RENDERERS: dict[str, Callable[[Sequence[FileResult], str], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "junit": render_junit,
    "github": render_github,
    "gitlab": render_gitlab,
    "concise": render_concise,
}

__all__ = ["RENDERERS", "render_json", "render_text"]
