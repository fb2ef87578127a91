"""--statistics: how many findings each rule raised, most frequent first (as ruff --statistics)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from ..model import FileResult
from ..registry import get_rule
from .text import SEVERITY_NAMES


def rule_counts(results: Sequence[FileResult]) -> list[tuple[str, int, str]]:
    """(code, count, severity as reported: overrides from the configuration shown) by count, then code."""
    counts = Counter(f.code for r in results for f in r.findings)
    severity = {f.code: f.severity.value for r in results for f in r.findings}
    return sorted(((c, n, severity[c]) for c, n in counts.items()), key=lambda item: (-item[1], item[0]))


def render_statistics(results: Sequence[FileResult], lang: str = "zh", as_json: bool = False) -> str:
    rows = []
    for code, count, severity in rule_counts(results):
        rows.append({"code": code, "name": get_rule(code).name, "severity": severity, "count": count})
    if as_json:
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    width = max((len(str(r["count"])) for r in rows), default=1)
    lines = [
        f"{r['count']:>{width}}  {r['code']}  [{SEVERITY_NAMES[lang][r['severity']]}]  {r['name']}  {get_rule(r['code']).summary(lang)}"
        for r in rows
    ]
    return "".join(line + "\n" for line in lines)
