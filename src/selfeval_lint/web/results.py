"""One checked file as the page shows it: the JSON report's file entry plus its text, counts and sections."""

from __future__ import annotations

from typing import Any

from ..model import FileResult
from ..report.json_report import file_dict


def file_entry(result: FileResult, lang: str, template_names: dict[str, str]) -> dict[str, Any]:
    """`--format json`'s entry for the file, with what the page needs beside it."""
    entry = file_dict(result, lang)
    counts = {"errors": 0, "warnings": 0, "infos": 0}
    for f in result.findings:
        counts[{"error": "errors", "warning": "warnings", "info": "infos"}[f.severity.value]] += 1
    entry.update(
        counts=counts,
        chars=result.chars,
        template_name=template_names.get(result.template or "", result.template),
        sections=list(result.sections),
        lines=result.lines or [],
    )
    return entry
