"""--format xlsx: the workbook a bureau sorts and filters, reopened with openpyxl and read back."""

from __future__ import annotations

import json

import openpyxl
import pytest

from .conftest import run_cli
from .report_fixtures import submissions


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("xlsx")
    folder = submissions(root)
    out = root / "报告.xlsx"
    proc = run_cli("check", str(folder), "--format", "xlsx", "-o", str(out))
    report = json.loads(run_cli("check", str(folder), "--format", "json").stdout)
    return proc, openpyxl.load_workbook(out), report, folder


def rows(sheet):
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row)) for row in values[1:]]


def test_exit_status_is_unchanged(run):
    proc, _, _, _ = run
    assert proc.returncode == 1 and proc.stdout == b""


def test_summary_has_one_row_per_file_checked_or_skipped(run):
    _, book, report, folder = run
    assert book.sheetnames == ["汇总", "问题清单", "规则矩阵"]
    summary = {r["文件"]: r for r in rows(book["汇总"])}
    assert set(summary) == {f["path"] for f in report["files"]} | {s["path"] for s in report["skipped"]}
    reference = summary[str(folder / "甲单位" / "自评报告.txt")]
    assert reference["单位"] == "岳阳市科学技术局" and reference["年度"] == 2023
    assert reference["模板"] == "hunan-dept-selfeval" and reference["格式"] == "txt" and reference["检查状态"] == "已检查"
    (ref_json,) = [f for f in report["files"] if f["path"] == reference["文件"]]
    assert reference["错误"] + reference["警告"] + reference["提示"] == len(ref_json["findings"])
    assert reference["每万字差错数"] == pytest.approx(len(ref_json["findings"]) * 10000 / reference["字数"], abs=0.01)
    docx = summary[str(folder / "丙单位.docx")]
    assert docx["格式"] == "docx" and docx["段落数"] == 8 and docx["单位"] == "某市农业农村局"
    assert summary[str(folder / "空文件.txt")]["检查状态"].startswith("无法读取：") and "没有任何文字" in summary[str(folder / "空文件.txt")]["检查状态"]
    assert summary[str(folder / "封面.png")]["检查状态"] == "未检查：不是可检查的报告格式（.png）"
    assert summary[str(folder / "封面.png")]["错误"] is None
    assert summary[str(folder / ".~lock.丙单位.docx#")]["检查状态"] == "未检查：隐藏文件或文件夹"


def test_findings_sheet_names_a_place_a_person_can_find(run):
    _, book, report, folder = run
    findings = rows(book["问题清单"])
    assert len(findings) == sum(len(f["findings"]) for f in report["files"])
    docx = [f for f in findings if f["文件"] == str(folder / "丙单位.docx")]
    artifact = next(f for f in docx if f["代码"] == "TXT001")
    assert artifact["位置"] == "第4段" and artifact["级别"] == "错误" and artifact["修改建议"] == "删除"
    assert artifact["所在部分"] == "一、部门基本情况 > （一）部门职责" and artifact["原文摘录"].startswith("[bookmark: _GoBack]")
    placeholder = next(f for f in docx if f["代码"] == "TXT002")
    assert placeholder["位置"] == "表1第2行第2列" and placeholder["需人工确认"] == "是"
    txt = next(f for f in findings if f["文件"].endswith("自评报告.txt") and f["行号"] == 50)
    assert txt["位置"] == "第50行" and txt["代码"] == "NUM002" and txt["修改建议"] == "（二）"


def test_summary_rows_link_to_their_first_finding(run):
    _, book, _, _ = run
    sheet, findings = book["汇总"], book["问题清单"]
    header = [c.value for c in sheet[1]]
    linked = 0
    for row in sheet.iter_rows(min_row=2):
        cell = row[header.index("问题")]
        path = row[0].value
        if cell.hyperlink is None:
            assert not any(f["文件"] == path for f in rows(findings))
            continue
        sheet_name, ref = cell.hyperlink.location.rsplit("!", 1)
        assert sheet_name == "'问题清单'"
        target = findings[ref]
        assert target.value == path and findings.cell(row=target.row - 1, column=1).value != path
        linked += 1
    assert linked == 3  # the reference report, the .docx and the empty file


def test_rule_by_file_matrix_counts_agree(run):
    _, book, report, _ = run
    matrix = rows(book["规则矩阵"])
    by_path = {f["path"]: f for f in report["files"]}
    assert {r["文件"] for r in matrix} == set(by_path)
    for row in matrix:
        findings = by_path[row["文件"]]["findings"]
        assert row["合计"] == len(findings)
        for code in {f["code"] for f in findings}:
            assert row[code] == sum(1 for f in findings if f["code"] == code)
    assert book["规则矩阵"]["C1"].comment is not None  # the rule's name on its code


def test_frozen_header_autofilter_and_widths(run):
    _, book, _, _ = run
    for sheet in book:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(row=1, column=sheet.max_column).column_letter}{sheet.max_row}"
        assert sheet.column_dimensions["A"].width > 20


def test_english_headers(tmp_path):
    out = tmp_path / "r.xlsx"
    run_cli("check", str(submissions(tmp_path)), "--format", "xlsx", "-o", str(out), "--lang", "en")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "Findings", "Rules by file"]
    assert book["Findings"]["A1"].value == "File" and book["Summary"]["M1"].value == "Findings per 10,000 characters"


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    (tmp_path / "a.txt").write_text("2023年度某局部门整体支出绩效自评报告\n=SUM(A1:A9)（一\n", encoding="utf-8")
    out = tmp_path / "r.xlsx"
    run_cli("check", str(tmp_path / "a.txt"), "--format", "xlsx", "-o", str(out))
    sheet = openpyxl.load_workbook(out)["问题清单"]
    excerpts = [c.value for c in sheet["H"][1:]]
    assert "=SUM(A1:A9)（一" in excerpts
    assert all(c.data_type == "s" for c in sheet["H"][1:] if c.value)


def test_binary_report_to_standard_output_when_it_is_not_a_terminal(tmp_path):
    proc = run_cli("check", str(tmp_path / "none.txt"), "--format", "xlsx", fresh=True)
    assert proc.stdout[:2] == b"PK" and proc.returncode == 1


def test_binary_report_refused_on_a_terminal(tmp_path):
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    master, slave = os.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "selfeval_lint", "check", str(tmp_path / "x.txt"), "--format", "xlsx"],
                              stdout=slave, stderr=subprocess.PIPE, cwd=ROOT, timeout=60)
    finally:
        os.close(slave)
        os.close(master)
    assert proc.returncode == 2 and "-o FILE" in proc.stderr.decode()
