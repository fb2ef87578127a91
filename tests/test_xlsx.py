"""The .xlsx reader on real workbooks built with openpyxl: displayed values, merges, hidden rows, hostile files."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from selfeval_lint.engine import Options, check_bytes, prepare
from selfeval_lint.ingest.convert import soffice_path
from selfeval_lint.ingest.xlsx import display
from selfeval_lint.registry import resolve_selection

ALL = Options(selected=resolve_selection(None, None))


def _workbook() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws["A1"] = "2023年度科技创新专项资金项目支出绩效自评表"
    ws.merge_cells("A1:H1")
    ws.append(["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    ws.append([None, "年度资金总额", 1842.85, 520, 510, 10, 0.9808, 9.8])
    ws["C3"].number_format = "#,##0.00"
    ws["D3"].number_format = "0.00"
    ws["G3"].number_format = "0.00%"
    ws.merge_cells("A2:A3")
    ws.row_dimensions[3].hidden = True
    hidden = wb.create_sheet("备注")
    hidden.sheet_state = "hidden"
    hidden.append(["说明", "无"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_cells_read_as_displayed_with_merges_hidden_rows_and_sheets():
    doc = prepare("t.xlsx", _workbook(), ALL).doc
    assert doc.format == "xlsx"
    assert doc.title == "2023年度科技创新专项资金项目支出绩效自评表"
    tables = [b.table for b in doc.blocks if b.table is not None]
    assert tables[0].rows[1][2:] == ("1,842.85", "520.00", "510", "10", "98.08%", "9.8")
    assert [(c.text, c.rowspan) for c in tables[0].cells if c.rowspan > 1] == [("项目资金（万元）", 2)]
    sheet = tables[0].sheet
    assert (sheet.name, sheet.hidden, sheet.hidden_rows, sheet.a1(1, 6)) == ("自评表", False, (3,), "G3")
    assert (tables[1].sheet.name, tables[1].sheet.hidden) == ("备注", True)


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [(0.9808, "0.00%", "98.08%"), (0.5, "0%", "50%"), (1842.845, "#,##0.00", "1,842.85"), (9.8, "General", "9.8"),
     (0.1 + 0.2, "General", "0.3"), (3, "0.0", "3.0"), (12.5, '0.00"万元"', "12.50万元"), (-2, "0.00;[Red]-0.00", "-2.00")],
)
def test_number_formats(value, fmt, shown):
    assert display(value, fmt) == shown


def test_formulas_saved_without_values_are_refused():
    wb = openpyxl.Workbook()
    wb.active.append(["全年预算数", "全年执行数", "执行率"])
    wb.active.append([520, 480, "=B2/A2"])
    out = io.BytesIO()
    wb.save(out)
    result = check_bytes("t.xlsx", out.getvalue(), ALL)
    assert [(f.code, f.args["cell"]) for f in result.findings] == [("PAR019", "C2")]


def test_a_million_rows_are_refused_while_counting():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        base = io.BytesIO(_workbook())
        with zipfile.ZipFile(base) as src:
            for name in src.namelist():
                if name != "xl/worksheets/sheet1.xml":
                    z.writestr(name, src.read(name))
        z.writestr("xl/worksheets/sheet1.xml", b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   b"<sheetData>" + b'<row r="1"><c r="A1"><v>1</v></c></row>' * 1_000_000 + b"</sheetData></worksheet>")
    result = check_bytes("t.xlsx", out.getvalue(), ALL)
    assert [(f.code, f.variant) for f in result.findings] == [("PAR018", "rows")]


def test_zip_bomb_is_refused_before_decompressing():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (8 * 2**20) + b"</a>")  # 8 MB from a few kB
    result = check_bytes("t.xlsx", out.getvalue(), ALL)
    assert [(f.code, f.variant) for f in result.findings] == [("PAR004", "zip-bomb")]


def test_encrypted_workbook():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    assert [(f.code, f.variant) for f in check_bytes("t.xlsx", data, ALL).findings] == [("PAR007", "encrypted")]


def test_finding_in_a_sheet_names_sheet_and_cell():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["2023年度项目支出绩效自评表"])
    ws.append(["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    ws.append(["年度资金总额", 500, 520, 480, 10, 0.88, 9.23])
    ws["F3"].number_format = "0.00%"
    out = io.BytesIO()
    wb.save(out)
    result = check_bytes("t.xlsx", out.getvalue(), Options(selected=resolve_selection(["TAB002"], None)))
    assert [(f.code, f.location.sheet, f.location.cell) for f in result.findings] == [("TAB002", "Sheet1", "F3")]


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice not installed")
def test_legacy_xls_is_converted_with_libreoffice(tmp_path):
    import subprocess

    source = tmp_path / "t.xlsx"
    source.write_bytes(_workbook())
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless", "--convert-to", "xls",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    doc = prepare("t.xls", (tmp_path / "t.xls").read_bytes(), ALL).doc
    assert doc.format == "xls"
    assert any(b.table is not None and "98.08%" in b.text for b in doc.blocks)
