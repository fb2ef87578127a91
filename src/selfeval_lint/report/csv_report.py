"""CSV report: one row per finding (a file without findings gets one row saying so), UTF-8 with BOM for Excel."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ..model import FileResult
from .table_rows import FINDING_COLUMNS, finding_rows, headers

# A cell starting with one of these is read as a formula by spreadsheet programs (CSV injection): such a value
# is written with a leading apostrophe, which Excel and LibreOffice show as text.
_FORMULA_START = ("=", "+", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """The value, or a string with a leading apostrophe when a spreadsheet would take it for a formula."""
    if isinstance(value, str) and value and (value.startswith(_FORMULA_START) or (value[0] == "-" and not value[1:2].isdigit())):
        return "'" + value
    return value


def render_csv(results: Sequence[FileResult], lang: str = "zh") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers(FINDING_COLUMNS, lang))
    for _, row in finding_rows(results, lang, every_file=True):
        writer.writerow(["" if row[key] is None else spreadsheet_safe(row[key]) for key, _, _ in FINDING_COLUMNS])
    return "\ufeff" + buffer.getvalue()
