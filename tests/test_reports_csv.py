"""--format csv: one row per finding, every file named, UTF-8 with BOM; read back with the csv module."""

from __future__ import annotations

import csv
import io
import json

from .conftest import run_cli
from .report_fixtures import submissions


def read(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode("utf-8"))  # Excel opens UTF-8 with BOM correctly
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_one_row_per_finding_and_every_file_named(tmp_path):
    folder = submissions(tmp_path)
    out = tmp_path / "r.csv"
    proc = run_cli("check", str(folder), "--format", "csv", "-o", str(out))
    assert proc.returncode == 1
    rows = read(out.read_bytes())
    report = json.loads(run_cli("check", str(folder), "--format", "json").stdout)
    findings = [r for r in rows if r["代码"]]
    assert len(findings) == sum(len(f["findings"]) for f in report["files"])
    assert {r["文件"] for r in rows} == {f["path"] for f in report["files"]} | {s["path"] for s in report["skipped"]}
    assert list(rows[0]) == ["文件", "位置", "行号", "代码", "级别", "所在部分", "问题说明", "原文摘录", "修改建议", "需人工确认"]
    clean = next(r for r in rows if r["文件"] == str(folder / "乙单位.txt"))
    assert clean["代码"] == "" and clean["问题说明"] == "已检查，未发现问题"
    png = next(r for r in rows if r["文件"] == str(folder / "封面.png"))
    assert png["问题说明"] == "未检查：不是可检查的报告格式（.png）"
    cell = next(r for r in findings if r["代码"] == "TXT002")
    assert cell["位置"] == "表1第2行第2列" and cell["原文摘录"] == "基本支出\t××"
    ref = next(r for r in findings if r["文件"].endswith("自评报告.txt") and r["行号"] == "49")
    assert ref["代码"] == "TXT001" and ref["级别"] == "错误" and ref["修改建议"] == "删除"
    assert ref["所在部分"] == "七、存在的问题及原因分析 > （一）预算绩效管理工作稍显薄弱"


def test_english_and_formula_cells(tmp_path):
    (tmp_path / "a.txt").write_text("2023年度某局部门整体支出绩效自评报告\n=SUM(A1:A9)（一\n", encoding="utf-8")
    proc = run_cli("check", str(tmp_path / "a.txt"), "--format", "csv", "--lang", "en")
    rows = read(proc.stdout)
    assert list(rows[0])[:4] == ["File", "Location", "Line", "Code"]
    assert "'=SUM(A1:A9)（一" in [r["Excerpt"] for r in rows]  # never run as a formula by a spreadsheet
    assert all(r["Severity"] in ("error", "warning", "info") for r in rows)
