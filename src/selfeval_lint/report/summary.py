"""Counts over a run's results, shared by every report format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import FileResult, Severity


@dataclass(frozen=True)
class Summary:
    files: int
    errors: int
    warnings: int
    infos: int
    unreadable: int
    skipped: int = 0  # files found but not checked (FileResult.skipped); not counted in `files`


def summarise(results: Sequence[FileResult]) -> Summary:
    counts = {s: 0 for s in Severity}
    for result in results:
        for finding in result.findings:
            counts[finding.severity] += 1
    checked = [r for r in results if r.skipped is None]
    return Summary(
        files=len(checked),
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
        unreadable=sum(1 for r in results if r.unreadable),
        skipped=len(results) - len(checked),
    )


def checked(results: Sequence[FileResult]) -> list[FileResult]:
    """The results of files that were checked (skipped files left out)."""
    return [r for r in results if r.skipped is None]


def skip_text(result: FileResult, lang: str) -> str:
    """Why a skipped file was not checked, in the report's language."""
    from ..discover import Skipped, reason_text

    return reason_text(Skipped(result.path, result.skipped or ""), lang)
