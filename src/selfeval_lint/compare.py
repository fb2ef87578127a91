"""Resubmission diff: which findings of an earlier round were fixed, are still there, or are new (by fingerprint)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .model import FileResult, Finding
from .report.json_report import finding_dict
from .report.text import render_finding

STATUS = ("fixed", "remaining", "new")
STATUS_NAMES = {
    "zh": {"fixed": "已改正", "remaining": "仍存在", "new": "新出现"},
    "en": {"fixed": "fixed", "remaining": "still there", "new": "new"},
}


@dataclass
class Pair:
    """An earlier and a later version of one report (either may be missing), and how they were matched."""

    old: FileResult | None
    new: FileResult | None
    matched_by: str  # "files" (two files named), "agency-year" (from the titles), "name" (relative path), "none"
    fixed: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    added: list[Finding] = field(default_factory=list)


def relative_names(results: Sequence[FileResult], root: str) -> list[str]:
    base = Path(root)
    names = []
    for r in results:
        try:
            names.append(str(Path(r.path).relative_to(base)))
        except ValueError:
            names.append(Path(r.path).name)
    return names


def pair_results(old: Sequence[FileResult], new: Sequence[FileResult], old_root: str, new_root: str) -> list[Pair]:
    """Match the reports of two rounds: two single files with each other; in folders, by agency and year from
    the title when both are known and unique on both sides, then by path relative to each folder."""
    if Path(old_root).is_file() and Path(new_root).is_file():
        return [diff(Pair(old[0], new[0], "files"))]
    from .ingest.title import agency_and_year
    from .rulesets import load_rules

    rules = load_rules()

    def by_title(results: Sequence[FileResult]) -> dict[tuple[str, int], int]:
        keys: dict[tuple[str, int], list[int]] = {}
        for i, r in enumerate(results):
            agency, year = agency_and_year(r.title, rules)
            if agency and year:
                keys.setdefault((agency, year), []).append(i)
        return {k: v[0] for k, v in keys.items() if len(v) == 1}

    pairs: list[Pair] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    old_titles, new_titles = by_title(old), by_title(new)
    for key, j in sorted(new_titles.items(), key=lambda kv: kv[1]):
        if key in old_titles:
            i = old_titles[key]
            pairs.append(Pair(old[i], new[j], "agency-year"))
            used_old.add(i)
            used_new.add(j)
    old_names = {n: i for i, n in enumerate(relative_names(old, old_root)) if i not in used_old}
    for j, name in enumerate(relative_names(new, new_root)):
        if j in used_new:
            continue
        if name in old_names:
            pairs.append(Pair(old[old_names.pop(name)], new[j], "name"))
        else:
            pairs.append(Pair(None, new[j], "none"))
    pairs.extend(Pair(old[i], None, "none") for i in sorted(old_names.values()))
    return [diff(p) for p in pairs]


def diff(pair: Pair) -> Pair:
    """Sort each finding by fingerprint: in the old only (fixed), in both (remaining, as the new states it), new only."""
    old = pair.old.findings if pair.old else []
    new = pair.new.findings if pair.new else []
    old_prints = {f.fingerprint for f in old}
    new_prints = {f.fingerprint for f in new}
    pair.fixed = [f for f in old if f.fingerprint not in new_prints] if pair.new else []
    pair.remaining = [f for f in new if f.fingerprint in old_prints]
    pair.added = [f for f in new if f.fingerprint not in old_prints] if pair.old else list(new)
    return pair


def totals(pairs: Sequence[Pair]) -> dict[str, int]:
    return {
        "pairs": sum(1 for p in pairs if p.old and p.new),
        "only_old": sum(1 for p in pairs if p.new is None),
        "only_new": sum(1 for p in pairs if p.old is None),
        "fixed": sum(len(p.fixed) for p in pairs),
        "remaining": sum(len(p.remaining) for p in pairs),
        "new": sum(len(p.added) for p in pairs),
    }


def render_json(pairs: Sequence[Pair], lang: str = "zh") -> str:
    def side(r: FileResult | None) -> dict[str, Any] | None:
        return None if r is None else {"path": r.path, "title": r.title, "format": r.format, "unreadable": r.unreadable}

    payload = {
        "tool": {"name": "selfeval-lint", "version": __version__},
        "pairs": [
            {
                "old": side(p.old),
                "new": side(p.new),
                "matched_by": p.matched_by,
                "fixed": [finding_dict(f, lang) for f in p.fixed],
                "remaining": [finding_dict(f, lang) for f in p.remaining],
                "new_findings": [finding_dict(f, lang) for f in p.added],
            }
            for p in pairs
        ],
        "summary": totals(pairs),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render_text(pairs: Sequence[Pair], lang: str = "zh") -> str:
    zh = lang != "en"
    names = STATUS_NAMES["zh" if zh else "en"]
    out: list[str] = []
    for p in pairs:
        if p.old is None:
            out.append((f"仅在新一轮中：{p.new.path}" if zh else f"only in the new round: {p.new.path}"))  # type: ignore[union-attr]
        elif p.new is None:
            out.append((f"仅在上一轮中：{p.old.path}" if zh else f"only in the earlier round: {p.old.path}"))
            continue
        else:
            counts = f"{names['fixed']} {len(p.fixed)}，{names['remaining']} {len(p.remaining)}，{names['new']} {len(p.added)}"
            if not zh:
                counts = f"{len(p.fixed)} fixed, {len(p.remaining)} still there, {len(p.added)} new"
            out.append(f"{p.old.path} → {p.new.path}: {counts}")
        for status, findings, result in (("fixed", p.fixed, p.old), ("remaining", p.remaining, p.new), ("new", p.added, p.new)):
            for f in findings:
                lines = render_finding(result, f, lang)  # type: ignore[arg-type]
                out.append(f"  [{names[status]}] " + lines[0])
                out.extend("  " + line for line in lines[1:])
        out.append("")
    t = totals(pairs)
    if zh:
        out.append(f"共比对 {t['pairs']} 份报告：已改正 {t['fixed']} 处，仍存在 {t['remaining']} 处，新出现 {t['new']} 处"
                   + (f"；仅上一轮有 {t['only_old']} 份，仅新一轮有 {t['only_new']} 份" if t["only_old"] or t["only_new"] else ""))
    else:
        out.append(f"Compared {t['pairs']} report(s): {t['fixed']} fixed, {t['remaining']} still there, {t['new']} new"
                   + (f"; {t['only_old']} only in the earlier round, {t['only_new']} only in the new" if t["only_old"] or t["only_new"] else ""))
    return "\n".join(out) + "\n"


def render_xlsx(pairs: Sequence[Pair], lang: str, path: str) -> None:
    """A workbook: one row per finding (status, old file, new file, code, severity, section, message, excerpt)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from .registry import render

    zh = lang != "en"
    names = STATUS_NAMES["zh" if zh else "en"]
    wb = Workbook()
    ws = wb.active
    ws.title = "比对" if zh else "comparison"
    header = (["状态", "上一轮文件", "新一轮文件", "代码", "级别", "部分", "说明", "原文"] if zh else
              ["status", "earlier file", "new file", "code", "severity", "section", "message", "excerpt"])
    ws.append(header)
    for p in pairs:
        for status, findings in (("fixed", p.fixed), ("remaining", p.remaining), ("new", p.added)):
            for f in findings:
                ws.append([names[status], p.old.path if p.old else "", p.new.path if p.new else "", f.code,
                           f.severity.value, f.location.section or "", render(f, lang), f.excerpt])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for i, width in enumerate((10, 40, 40, 9, 9, 30, 60, 40), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    wb.save(path)
