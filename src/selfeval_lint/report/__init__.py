"""Report: render FileResults in the form each user needs; formats compute nothing a check should have."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model import FileResult
from .json_report import render_json
from .text import render_text

RENDERERS: dict[str, Callable[[Sequence[FileResult], str], str]] = {
    "text": render_text,
    "json": render_json,
}

__all__ = ["RENDERERS", "render_json", "render_text"]
