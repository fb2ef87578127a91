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
    chars: int = 0  # characters of body text over the readable files
    suppressed: int = 0  # findings left out by suppression comments in the reports

    @property
    def per_10k(self) -> float | None:
        """Findings per 10,000 characters (每万字差错数), None when no text was read."""
        return per_10k(self.errors + self.warnings + self.infos, self.chars)


def per_10k(findings: int, chars: int) -> float | None:
    return round(findings * 10_000 / chars, 2) if chars else None


def file_rates(result: FileResult) -> dict[str, float | None]:
    """A file's findings per 10,000 characters, in all and by severity."""
    by = {s: sum(1 for f in result.findings if f.severity is s) for s in Severity}
    return {
        "all": per_10k(len(result.findings), result.chars),
        "errors": per_10k(by[Severity.ERROR], result.chars),
        "warnings": per_10k(by[Severity.WARNING], result.chars),
        "infos": per_10k(by[Severity.INFO], result.chars),
    }


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
        chars=sum(r.chars for r in results),
        suppressed=sum(len(r.suppressed) for r in results),
    )


def checked(results: Sequence[FileResult]) -> list[FileResult]:
    """The results of files that were checked (skipped files left out)."""
    return [r for r in results if r.skipped is None]


def skip_text(result: FileResult, lang: str) -> str:
    """Why a skipped file was not checked, in the report's language."""
    from ..discover import Skipped, reason_text

    return reason_text(Skipped(result.path, result.skipped or ""), lang)
