"""GitLab Code Quality report (JSON array of issues: description, check_name, fingerprint, severity, location)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..model import FileResult, Finding
from ..registry import render

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _relative(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path


def gitlab_issue(result: FileResult, finding: Finding, lang: str) -> dict[str, Any]:
    path = _relative(result.path)
    # fingerprints are unique within a file; GitLab wants them unique in the report, so the path is folded in
    fingerprint = hashlib.sha1(f"{path}|{finding.fingerprint}".encode()).hexdigest()
    return {
        "description": render(finding, lang),
        "check_name": finding.code,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity.value],
        "location": {"path": path, "lines": {"begin": finding.location.line or 1}},
    }


def render_gitlab(results: Sequence[FileResult], lang: str = "zh") -> str:
    issues = [gitlab_issue(r, f, lang) for r in results for f in r.findings]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
