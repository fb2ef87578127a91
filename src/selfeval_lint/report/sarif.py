"""SARIF 2.1.0 report (one run; rules from the registry; results with regions, fingerprints and cell/page properties)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..model import FileResult, Finding
from ..registry import Rule, all_rules, render

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def artifact_location(path: str) -> dict[str, Any]:
    """A file's artifactLocation: a percent-encoded URI relative to the working directory, else an absolute file URI."""
    if path == "-":
        return {"uri": "stdin"}
    resolved = Path(path).resolve()
    try:
        relative = resolved.relative_to(Path.cwd().resolve())
    except ValueError:
        return {"uri": resolved.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": SRCROOT}


def _rule_descriptor(rule: Rule, lang: str) -> dict[str, Any]:
    from ..docs import rule_markdown

    doc = rule_markdown(rule, lang)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary(lang)},
        "fullDescription": {"text": rule.what(lang)},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
        "properties": {"tags": [rule.family]},
    }


def _region(finding: Finding) -> dict[str, int] | None:
    loc = finding.location
    if loc.line is None:
        return None
    region = {"startLine": loc.line, "startColumn": loc.column or 1}
    if loc.end_line is not None:
        region["endLine"] = loc.end_line
    if loc.end_column is not None:
        region["endColumn"] = loc.end_column
    return region


def _properties(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    props: dict[str, Any] = {
        key: value
        for key, value in (("page", loc.page), ("paragraph", loc.paragraph), ("table", loc.table), ("section", loc.section))
        if value is not None
    }
    if finding.excerpt:
        props["excerpt"] = finding.excerpt
    if finding.suggestion is not None:
        props["suggestion"] = finding.suggestion
    if finding.review:
        props["review"] = True
    return props


def sarif_result(result: FileResult, finding: Finding, index: dict[str, int], lang: str) -> dict[str, Any]:
    """One SARIF result for one finding of one file."""
    physical: dict[str, Any] = {"artifactLocation": artifact_location(result.path)}
    region = _region(finding)
    if region:
        physical["region"] = region
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": LEVELS[finding.severity.value],
        "message": {"text": render(finding, lang)},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {"selfevalLintFingerprint/v1": finding.fingerprint},
    }
    props = _properties(finding)
    if props:
        out["properties"] = props
    return out


def render_sarif(results: Sequence[FileResult], lang: str = "zh") -> str:
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    sarif_results = []
    for result in results:
        for finding in result.findings:
            sarif_results.append(sarif_result(result, finding, index, lang))
        for entry in getattr(result, "suppressed", ()):
            item = sarif_result(result, entry.finding, index, lang)
            suppression: dict[str, Any] = {"kind": "inSource", "justification": entry.reason or ""}
            if entry.author:
                suppression["properties"] = {"author": entry.author}
            item["suppressions"] = [suppression]
            sarif_results.append(item)
    run = {
        "tool": {
            "driver": {
                "name": "selfeval-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule_descriptor(r, lang) for r in rules],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    payload = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
