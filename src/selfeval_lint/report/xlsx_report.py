"""Excel workbook report (openpyxl): 汇总 (one row per file), 问题清单 (one row per finding), 规则矩阵 (rule × file)."""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..model import FileResult
from .table_rows import FILE_COLUMNS, FINDING_COLUMNS, file_row, finding_rows, headers, rule_name

SHEETS = {"zh": ("汇总", "问题清单", "规则矩阵"), "en": ("Summary", "Findings", "Rules by file")}
MAX_WIDTH = 60


def render_xlsx(results: Sequence[FileResult], lang: str = "zh") -> bytes:
    """The workbook's bytes. Skipped and unreadable files are rows of 汇总 with their reason."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    lang = "en" if lang == "en" else "zh"
    summary_name, findings_name, matrix_name = SHEETS[lang]
    book = Workbook()
    summary = book.active
    summary.title = summary_name
    findings = book.create_sheet(findings_name)
    matrix = book.create_sheet(matrix_name)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F3")

    # 问题清单 first, to know where each file's findings start.
    _header(findings, headers(FINDING_COLUMNS, lang), bold, fill)
    first_row: dict[int, int] = {}
    for n, (result, row) in enumerate(finding_rows(results, lang), start=2):
        first_row.setdefault(id(result), n)
        _append(findings, [row[key] for key, _, _ in FINDING_COLUMNS])
    link_header = "问题" if lang == "zh" else "Findings"
    _header(summary, [*headers(FILE_COLUMNS, lang), link_header], bold, fill)
    link_text = "查看问题" if lang == "zh" else "show findings"
    for n, result in enumerate(results, start=2):
        row = file_row(result, lang)
        _append(summary, [row[key] for key, _, _ in FILE_COLUMNS])
        if id(result) in first_row:
            cell = summary.cell(row=n, column=len(FILE_COLUMNS) + 1, value=link_text)
            target = f"'{findings_name}'!A{first_row[id(result)]}"
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target, display=link_text)
            cell.style = "Hyperlink"

    codes = sorted({f.code for r in results for f in r.findings})
    _header(matrix, [headers(FILE_COLUMNS, lang)[0], "合计" if lang == "zh" else "Total", *codes], bold, fill)
    for i, code in enumerate(codes, start=3):
        matrix.cell(row=1, column=i).alignment = Alignment(horizontal="center")
        matrix.cell(row=1, column=i).comment = Comment(rule_name(code), "selfeval-lint")
    for result in results:
        if result.skipped:
            continue
        per_code = Counter(f.code for f in result.findings)
        _append(matrix, [result.path, len(result.findings), *[per_code.get(c) for c in codes]])
    for sheet in (summary, findings, matrix):
        _finish(sheet, wrap=Alignment(wrap_text=True, vertical="top"))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _header(sheet: Any, names: list[str], bold: Any, fill: Any) -> None:
    sheet.append(names)
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill


def _append(sheet: Any, values: list[Any]) -> None:
    """Append a row; text is kept as text (never a formula) and characters XML cannot hold are dropped."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    clean = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values]
    sheet.append(clean)
    for cell, value in zip(sheet[sheet.max_row], clean):
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"


def _finish(sheet: Any, wrap: Any) -> None:
    """Frozen header row, autofilter over the data, column widths from the content (CJK counted double)."""
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    if sheet.max_row >= 1 and sheet.max_column >= 1:
        sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.max_column)}{max(sheet.max_row, 1)}"
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            widths[cell.column] = max(widths.get(cell.column, 0), _display_width(str(cell.value)))
            if cell.row > 1 and isinstance(cell.value, str) and _display_width(cell.value) > MAX_WIDTH:
                cell.alignment = wrap
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, width + 2)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
