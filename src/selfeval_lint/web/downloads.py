"""What the page offers to download for a checked file, made in the response (nothing is kept on the server)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from ..model import FileResult


def _item(kind: str, label: str, name: str, mime: str, data: bytes) -> dict[str, Any]:
    return {"kind": kind, "label": label, "name": name, "mime": mime, "data": base64.b64encode(data).decode("ascii")}


def downloads(result: FileResult, saved: Path, lang: str) -> list[dict[str, Any]]:
    """The HTML report and the XLSX summary of the file, and its annotated copy where one can be written."""
    from ..report import html_page, render_xlsx

    zh = lang != "en"
    stem = Path(result.path).stem or "report"
    items = [
        _item("html", "下载 HTML 报告" if zh else "HTML report", f"{stem}.检查结果.html", "text/html",
              html_page([result], lang).encode("utf-8")),
        _item("xlsx", "下载 Excel 汇总" if zh else "XLSX summary", f"{stem}.检查结果.xlsx",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", render_xlsx([result], lang)),
    ]
    return items
