"""`selfeval-lint formats`: the readers' registry (ingest/readers.py) as a table, as JSON, or as the docs' Markdown table."""

from __future__ import annotations

import unicodedata
from typing import Any

from .ingest.formats import COMMON_CODES
from .ingest.readers import Reader, all_readers

ROLES = {
    "document": ("检查", "checked"),
    "bundle": ("逐个检查成员", "members checked"),
    "skipped": ("跳过", "skipped"),
    "refused": ("检查（报告无法读取）", "checked (reported unreadable)"),
}
PRODUCTS = {
    "blocks": ("段落", "paragraphs"),
    "tables": ("表格", "tables"),
    "layout": ("版式", "layout"),
    "members": ("成员文件", "member files"),
}
LOCATIONS = {
    "line": ("行", "line"),
    "column": ("列", "column"),
    "paragraph": ("段落", "paragraph"),
    "page": ("页", "page"),
    "table": ("表格单元格", "table cell"),
    "sheet": ("工作表", "sheet"),
    "cell": ("单元格", "cell"),
    "member": ("压缩包成员", "archive member"),
}
HEADERS = {
    "zh": ("格式", "扩展名", "名称", "目录中", "识别方式", "产出", "位置字段", "可能的 PAR"),
    "en": ("format", "suffixes", "name", "in folders", "told by", "produces", "location fields", "PAR codes"),
}


def _pick(table: dict[str, tuple[str, str]], keys: tuple[str, ...], lang: str) -> str:
    return "、".join(table[k][0] for k in keys) if lang != "en" else ", ".join(table[k][1] for k in keys)


def _role(reader: Reader) -> str:
    """A bundle that is never opened (.rar) is checked as a file that gets its PAR finding."""
    return "refused" if reader.role == "bundle" and "members" not in reader.produces else reader.role


def _told_by(reader: Reader, lang: str) -> str:
    if reader.magic is not None:
        return reader.magic.describe(lang)
    if reader.read is None:
        return "扩展名" if lang != "en" else "suffix"
    return "其他内容（按扩展名区分文本/Markdown）" if lang != "en" else "any other content (suffix tells text from Markdown)"


def rows(lang: str = "zh") -> list[tuple[str, ...]]:
    """One row per reader, in registry order, with the columns of HEADERS."""
    return [
        (
            r.name,
            " ".join(r.suffixes),
            r.title(lang),
            ROLES[_role(r)][0 if lang != "en" else 1],
            _told_by(r, lang),
            _pick(PRODUCTS, r.produces, lang) or "—",
            _pick(LOCATIONS, r.locations, lang) or "—",
            " ".join(r.codes) or "—",
        )
        for r in all_readers()
    ]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(lang: str = "zh") -> str:
    """The registry as aligned columns (CJK counted double width), then the codes every format can raise."""
    table = [HEADERS["en" if lang == "en" else "zh"], *rows(lang)]
    widths = [max(_width(row[i]) for row in table) for i in range(len(table[0]))]
    lines = ["  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)).rstrip() for row in table]
    common = " ".join(COMMON_CODES)
    lines.append("")
    lines.append(f"所有格式都可能：{common}" if lang != "en" else f"every format can also raise: {common}")
    return "\n".join(lines) + "\n"


def markdown_table(lang: str = "en") -> str:
    """The registry as a Markdown table (README and docs/architecture.md carry it; a test keeps them fresh)."""
    header = HEADERS["en" if lang == "en" else "zh"]
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows(lang):
        cells = [f"`{row[0]}`", " ".join(f"`{s}`" for s in row[1].split()), *row[2:]]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(out) + "\n"


def as_json() -> list[dict[str, Any]]:
    """Every field of every reader that is data (not its functions)."""
    return [
        {
            "name": r.name,
            "title": {"zh": r.title.zh, "en": r.title.en},
            "suffixes": list(r.suffixes),
            "also": list(r.also),
            "role": r.role,
            "kind": r.content_kind,
            "magic": None if r.magic is None else {
                "zh": r.magic.describe.zh, "en": r.magic.describe.en, "sniffed": r.magic.sniffed,
                "prefixes": [p.hex() for p in r.magic.prefixes], "members": list(r.magic.members),
            },
            "mismatch": {"zh": r.mismatch.zh, "en": r.mismatch.en},
            "produces": list(r.produces),
            "locations": list(r.locations),
            "codes": list(r.codes),
        }
        for r in all_readers()
    ]


def upload_suffixes() -> list[str]:
    """The suffixes the web page's file picker offers: every one a directory walk checks, in registry order."""
    return [s for r in all_readers() if r.role != "skipped" for s in r.suffixes]


def readable_formats(lang: str = "zh") -> str:
    """The formats that are read, as one sentence for the PAR002 documentation: "Word 文档（.docx）、…"."""
    parts = [f"{r.title(lang)}（{' '.join(r.suffixes)}）" if lang != "en" else f"{r.title(lang)} ({' '.join(r.suffixes)})"
             for r in all_readers() if r.role == "document"]
    return "、".join(parts) if lang != "en" else ", ".join(parts)
