"""Report: render FileResults in the form each user needs; formats compute nothing a check should have."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model import FileResult
from . import jsonl, text
from .json_report import render_json
from .stream import StreamingFormat
from .text import render_text

RENDERERS: dict[str, Callable[[Sequence[FileResult], str], str]] = {
    "text": render_text,
    "json": render_json,
    "jsonl": jsonl.render_jsonl,
}

# Formats written file by file as results come (report/stream.py); the others are rendered once at the end.
STREAMING: dict[str, StreamingFormat] = {
    "text": text,  # type: ignore[dict-item]
    "jsonl": jsonl,  # type: ignore[dict-item]
}

__all__ = ["RENDERERS", "STREAMING", "render_json", "render_text"]
