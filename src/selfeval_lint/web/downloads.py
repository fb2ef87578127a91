"""What the page offers to download for a checked file, made in the response (nothing is kept on the server)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from ..model import FileResult


def _item(kind: str, label: str, name: str, mime: str, data: bytes) -> dict[str, Any]:
    return {"kind": kind, "label": label, "name": name, "mime": mime, "data": base64.b64encode(data).decode("ascii")}


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def downloads(result: FileResult, saved: str, lang: str) -> list[dict[str, Any]]:
    """The annotated copy (Word comments or PDF highlights, the writer of `--annotate`) where one can be
    written, the HTML report and the XLSX summary of the file. Runs in the worker pool."""
    from ..report import html_page, render_xlsx

    zh = lang != "en"
    stem = Path(result.path).stem or "report"
    items = []
    annotated = None if result.unreadable else _annotated(result, saved, lang)
    if annotated is not None:
        suffix, mime, data = annotated
        items.append(_item("annotated", "下载批注副本" if zh else "Annotated copy", f"{stem}.批注{suffix}", mime, data))
    items += [
        _item("html", "下载 HTML 报告" if zh else "HTML report", f"{stem}.检查结果.html", "text/html",
              html_page([result], lang).encode("utf-8")),
        _item("xlsx", "下载 Excel 汇总" if zh else "XLSX summary", f"{stem}.检查结果.xlsx",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", render_xlsx([result], lang)),
    ]
    return items


def _annotated(result: FileResult, saved: str, lang: str) -> tuple[str, str, bytes] | None:
    """The upload written back with a note on each finding: (suffix, MIME type, bytes), or None for text."""
    from ..annotate import annotated_copy
    from ..ingest import read_bytes

    try:
        copy = annotated_copy(saved, read_bytes(saved), result.findings, lang)
    except Exception:  # an unreadable or unwritable file gets no copy; its findings are still shown
        return None
    if copy is None:
        return None
    suffix, data = copy
    return suffix, "application/pdf" if suffix == ".pdf" else DOCX_MIME, data
