"""JSON report, as specified in design.md: tool, files with findings, summary."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..model import FileResult, Finding
from ..registry import get_rule
from .summary import checked, file_rates, skip_text, summarise


def finding_dict(finding: Finding, lang: str) -> dict[str, Any]:
    rule = get_rule(finding.code)
    return {
        "code": finding.code,
        "name": rule.name,
        "severity": finding.severity.value,
        "message": rule.message(finding.variant, finding.args, lang),
        "location": finding.location.as_dict(),
        "excerpt": finding.excerpt,
        "suggestion": finding.suggestion,
        "review": finding.review,
        "fingerprint": finding.fingerprint,
    }


def file_dict(result: FileResult, lang: str) -> dict[str, Any]:
    findings = [finding_dict(f, lang) for f in result.findings]
    return {
        "path": result.path,
        "format": result.format,
        "template": result.template,
        "title": result.title,
        "error": findings[0]["message"] if result.unreadable and findings else None,
        "findings": findings,
        "suppressed": [
            {**finding_dict(s.finding, lang), "how": s.how, "reason": s.reason, "author": s.author, "suppressed_at": s.line}
            for s in result.suppressed
        ],
        "summary": {"chars": result.chars, "per_10k_chars": file_rates(result)},
    }


def render_json(results: Sequence[FileResult], lang: str = "zh") -> str:
    s = summarise(results)
    payload = {
        "tool": {"name": "selfeval-lint", "version": __version__},
        "files": [file_dict(r, lang) for r in checked(results)],
        "skipped": [{"path": r.path, "reason": r.skipped, "message": skip_text(r, lang)} for r in results if r.skipped],
        "summary": {"files": s.files, "errors": s.errors, "warnings": s.warnings, "infos": s.infos, "unreadable": s.unreadable,
                    "skipped": s.skipped, "chars": s.chars, "per_10k_chars": s.per_10k},
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
