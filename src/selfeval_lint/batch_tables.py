"""Across files: a report and its self-evaluation table submitted as two files of one folder, matched by year and
agency, the report's statements (执行率, 自评得分, 自评等级) held to the table (TAB020). Runs after a batch's results
are collected; each file contributes a small picklable summary built where it was checked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from .analysis import Analysis
from .analysis.selfeval_table import canonical_grade, grade_for, same_scope
from .checks.base import Hit
from .model import Addendum, FileResult, Finding, Rendered

CODE = "TAB020"


@dataclass(frozen=True)
class TableSummary:
    """What one file offers the cross-file pass: its table's figures, or its text's statements as findings-to-be."""

    folder: str
    year: int | None
    agency: str | None
    names: tuple[str, ...]  # the agency and the units a table names (主管部门, 实施单位)
    scope: str  # "dept", "project" or ""
    rate: tuple[Decimal, int] | None = None  # the table's 年度资金总额 执行率 (value, decimals)
    score: tuple[Decimal, int] | None = None  # its 总分
    grade: str | None = None  # its 自评等级 (or the band of its 总分)
    mentions: tuple[tuple[str, Decimal | None, int, str | None, Finding], ...] = ()  # kind, value, decimals, grade


def _scope(title: str) -> str:
    if "部门整体" in title or "整体支出" in title:
        return "dept"
    return "project" if "项目" in title else ""


def summarise(analysis: Analysis, make: Callable[[Hit], Finding]) -> TableSummary | None:
    """A file's summary: a file holding one table and no statements about it offers the table; a file holding
    no table offers its statements (each already made a finding, located, to be kept when they disagree)."""
    doc = analysis.doc
    facts = analysis.selfeval_tables
    folder = folder_of(doc.path)
    if len(facts.tables) == 1 and not facts.mentions:
        table = facts.tables[0]
        conf = analysis.rules.tables
        total_row = table.funds.total if table.funds is not None else None
        rate_cell = total_row.cells.get("rate") if total_row is not None else None
        rate = (rate_cell.value, rate_cell.decimals) if rate_cell is not None and rate_cell.kind == "percent" else None
        score = None
        if table.total_score is not None and table.total_score.kind == "number" and table.total_score.value is not None:
            score = (table.total_score.value, table.total_score.decimals)
        grade = None
        if table.grade is not None and table.grade.kind != "empty":
            grade = canonical_grade(table.grade.text.split("：")[-1].split(":")[-1], conf)
        if grade is None and score is not None:
            grade = grade_for(score[0], conf["grades"])
        names = tuple(n for n in (doc.agency, *table.units) if n)
        return TableSummary(folder, doc.year, doc.agency, names, _scope(table.title or doc.title or ""), rate, score, grade)
    if not facts.tables and facts.mentions:
        mentions = tuple(
            (m.kind, m.value, m.decimals, m.grade, make(Hit(m.block, m.start, m.end, m.kind, {})))
            for m in facts.mentions
        )
        names = (doc.agency,) if doc.agency else ()
        return TableSummary(folder, doc.year, doc.agency, names, _scope(doc.title or ""), mentions=mentions)
    return None


def folder_of(path: str) -> str:
    """The folder a file was submitted in, as the cross-file pass groups files ("" for standard input)."""
    return str(Path(path).resolve().parent) if path != "-" else ""


def _meets(value: Decimal, decimals: int, other: tuple[Decimal, int]) -> bool:
    half, half_other = Decimal("0.5") * Decimal(10) ** -decimals, Decimal("0.5") * Decimal(10) ** -other[1]
    return value - half <= other[0] + half_other and other[0] - half_other <= value + half


def cross_check(results: Sequence[FileResult]) -> list[FileResult]:
    """Results with TAB020 findings added to each report whose one matching table file (same folder, year and
    agency, same scope) says otherwise. A report with two matching table files is left alone."""
    summaries = [(i, r.table_summary) for i, r in enumerate(results) if getattr(r, "table_summary", None) is not None]
    tables = [(i, s) for i, s in summaries if s.mentions == ()]
    out = list(results)
    for i, report in summaries:
        if not report.mentions or report.year is None or report.agency is None:
            continue
        matches = [
            (j, t) for j, t in tables
            if t.folder == report.folder and t.year == report.year and report.agency in t.names
            and not (report.scope and t.scope and report.scope != t.scope)
        ]
        if len(matches) != 1:
            continue
        j, table = matches[0]
        name = Path(results[j].path).name
        added = []
        for kind, value, decimals, grade, finding in report.mentions:
            if kind == "rate" and value is not None and table.rate is not None and not _meets(value, decimals, table.rate):
                args = {"what": {"zh": "预算执行率", "en": "execution rate"}, "figure": f"{value}%", "table": f"{table.rate[0]}%"}
            elif kind == "score" and value is not None and table.score is not None and not _meets(value, decimals, table.score):
                args = {"what": {"zh": "自评得分", "en": "score"}, "figure": f"{value}分", "table": f"{table.score[0]}分"}
            elif kind == "grade" and grade is not None and table.grade is not None and grade != table.grade:
                args = {"what": {"zh": "自评等级", "en": "grade"}, "figure": grade, "table": table.grade}
            else:
                continue
            added.append(replace(finding, variant="file", args={**finding.args, **args, "file": name}, review=True))
        if added:
            out[i] = replace(results[i], findings=sorted([*results[i].findings, *added], key=_order))
    return out


def released(
    results: Iterable[tuple[int, FileResult | Rendered]], paths: Sequence[str]
) -> Iterator[tuple[int, FileResult | Rendered | Addendum]]:
    """(index, result) pairs passed on at once, for a streamed report, and once every file of a folder has come
    (`paths`: the batch's files by index; pairs past its end pass at once) the cross-file TAB020 findings of its
    reports as an `Addendum` each: no result waits for a slower file of its folder."""
    folders = [folder_of(p) for p in paths]
    pending = Counter(folders)
    held: dict[str, list[tuple[int, FileResult]]] = {}  # per folder: its files' results that have a summary,
    # findings left out (the cross-file pass reads only paths and summaries), so a large folder costs little

    def complete(entries: list[tuple[int, FileResult]]) -> Iterator[tuple[int, FileResult | Addendum]]:
        for (i, before), after in zip(entries, cross_check([r for _, r in entries])):
            if before.table_summary.mentions and after.findings:
                yield i, Addendum(after)

    for index, result in results:
        if index >= len(folders):
            yield index, result
            continue
        folder = folders[index]
        pending[folder] -= 1
        plain = result.result if isinstance(result, Rendered) else result  # a Rendered one's head: no findings
        if getattr(plain, "table_summary", None) is not None:
            held.setdefault(folder, []).append((index, replace(plain, findings=[], suppressed=[], lines=None)))
        yield index, result  # what another file of its folder says about it comes later, as an Addendum
        if pending[folder] == 0:
            yield from complete(held.pop(folder, []))
    for entries in held.values():  # only if some index never came (not expected): nothing is lost
        yield from complete(entries)


def _order(f: Finding) -> tuple[int, int, str]:
    return (f.block if f.block is not None else -1, f.start or 0, f.code)


__all__ = ["CODE", "TableSummary", "cross_check", "folder_of", "released", "summarise", "same_scope"]
