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


def summarise(results: Sequence[FileResult]) -> Summary:
    counts = {s: 0 for s in Severity}
    for result in results:
        for finding in result.findings:
            counts[finding.severity] += 1
    return Summary(
        files=len(results),
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
        unreadable=sum(1 for r in results if r.unreadable),
    )
