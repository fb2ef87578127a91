"""Build the corpus's self-evaluation tables (绩效自评表): a correct one as .docx, .xlsx and .pdf, one file per defect
the TAB rules find, and the reference report with a table whose 执行率 disagrees with its text.

    python scripts/build_tables.py                    # write corpus/selfeval-table-*.{docx,xlsx,pdf}
    python scripts/build_tables.py --write-expected   # also record what the tool reports now, for review

The .pdf files are printed from the .docx by LibreOffice (soffice). Expected findings are reviewed by hand
before they are committed; tests/test_corpus.py then fails on any difference.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

TITLE = "2023年度科技创新专项资金项目支出绩效自评表"
# A Hunan-style 项目支出绩效自评表, nine columns; "" where a merged cell extends.
ROWS = [
    ["项目名称", "科技创新专项资金", "", "", "", "", "", "", ""],
    ["主管部门", "岳阳市科学技术局", "", "", "", "实施单位", "岳阳市科学技术局", "", ""],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
    ["", "年度资金总额", "500.00", "520.00", "510.00", "10", "98.08%", "9.81", ""],
    ["", "其中：本年财政拨款", "500.00", "500.00", "490.00", "—", "98.00%", "—", ""],
    ["", "上年结转资金", "0.00", "20.00", "20.00", "—", "100.00%", "—", ""],
    ["", "其他资金", "0.00", "0.00", "0.00", "—", "—", "—", ""],
    ["年度总体目标", "预期目标", "", "", "", "实际完成情况", "", "", ""],
    ["", "支持科技创新项目30个以上，培育科技型企业10家以上", "", "", "", "支持科技创新项目32个，培育科技型企业12家", "", "", ""],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["", "产出指标", "数量指标", "支持科技项目数", "≥30个", "32个", "15", "15", "无"],
    ["", "", "", "培育科技型企业数", "≥10家", "12家", "10", "10", "无"],
    ["", "", "质量指标", "项目验收合格率", "≥95%", "96%", "10", "10", "无"],
    ["", "", "时效指标", "资金拨付时间", "≤30个工作日", "25个工作日", "5", "5", "无"],
    ["", "", "成本指标", "单个项目平均资助额", "≤17万元", "15.9万元", "10", "10", "无"],
    ["", "效益指标", "社会效益指标", "带动企业研发投入", "逐步提高", "较上年提高12%", "15", "15", "无"],
    ["", "", "经济效益指标", "新增产值", "≥2亿元", "2.3亿元", "10", "10", "无"],
    ["", "", "可持续影响指标", "区域科技创新能力", "持续增强", "达到预期", "5", "5", "无"],
    ["", "满意度指标", "服务对象满意度指标", "项目承担单位满意度", "≥90%", "95%", "10", "9", "无"],
    ["总分", "", "", "", "", "", "100", "98.81", ""],
    ["自评等级", "优", "", "", "", "", "", "", ""],
]
# (first row, first column, last row, last column), 0-based, inclusive.
MERGES = [
    (0, 1, 0, 8), (1, 1, 1, 4), (1, 6, 1, 8), (2, 0, 6, 0), (7, 0, 8, 0), (7, 1, 7, 4), (7, 5, 7, 8), (8, 1, 8, 4),
    (8, 5, 8, 8), (9, 0, 18, 0), (10, 1, 14, 1), (10, 2, 11, 2), (15, 1, 17, 1), (19, 0, 19, 5), (20, 1, 20, 8),
]


def _set(rows: list[list[str]], row: int, col: int, text: str) -> list[list[str]]:
    out = [list(r) for r in rows]
    out[row][col] = text
    return out


def _edit(*edits: tuple[int, int, str]) -> list[list[str]]:
    rows = ROWS
    for row, col, text in edits:
        rows = _set(rows, row, col, text)
    return rows


# One file per defect: the rows changed, and which formats to write (the .pdf via LibreOffice is slow).
DEFECTS: dict[str, tuple[list[list[str]], tuple[str, ...]]] = {
    "funds-sum": (_edit((3, 2, "520.00")), ("xlsx", "docx")),  # 年初预算数 total ≠ 500 + 0 + 0
    "rate": (_edit((3, 6, "92.31%")), ("xlsx", "docx", "pdf")),  # 510 / 520 is 98.08%
    "rate-score": (_edit((3, 7, "10"), (19, 7, "99")), ("xlsx",)),  # full marks at 98.08%
    "points": (_edit((18, 6, "5"), (18, 7, "4"), (19, 7, "93.81")), ("xlsx",)),  # Σ分值 95, 满意度 5
    "over": (_edit((16, 7, "12"), (19, 7, "100.81")), ("xlsx",)),  # 得分 12 > 分值 10
    "total": (_edit((19, 7, "95.20")), ("xlsx", "docx")),  # Σ得分 is 98.81
    "grade": (_edit((20, 1, "良")), ("xlsx", "docx")),  # 98.81 is 优
    "missed-full": (_edit((12, 5, "92%"), (12, 8, "部分项目验收延期，已督促整改")), ("xlsx",)),  # 92% < 95%, full marks
    "missed-reason": (_edit((12, 5, "92%"), (12, 7, "8"), (19, 7, "96.81")), ("xlsx",)),  # no reason
    "met-deviation": (_edit((11, 8, "未完成年度目标")), ("xlsx",)),  # 12 ≥ 10, yet "未完成"
    "low-execution": (
        _edit((3, 4, "450.00"), (3, 6, "86.54%"), (3, 7, "8.65"), (4, 4, "430.00"), (4, 6, "86.00%"), (19, 7, "97.65")),
        ("xlsx",),
    ),
    "empty": (_edit((16, 7, ""), (19, 7, "")), ("xlsx",)),  # a score and the total left blank
    "dash": (_edit((13, 7, "—")), ("xlsx",)),  # "—" for a score
    "text": (_edit((10, 7, "满分")), ("xlsx",)),  # "满分" for a score
}


def build_docx(rows: list[list[str]], path: Path, before: list[str] = (), title: str = TITLE) -> None:  # type: ignore[assignment]
    """The table as a Word table with its merges, under its title (and any report paragraphs before it)."""
    from docx import Document

    document = Document()
    for text in before:
        document.add_paragraph(text)
    document.add_paragraph(title)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for r0, c0, r1, c1 in MERGES:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    document.save(str(path))


def build_xlsx(rows: list[list[str]], path: Path) -> None:
    """The table as a workbook the way units fill it: numbers as numbers (rates as fractions shown with 0.00%),
    the 得分 total and the 执行率 as values a spreadsheet computed, merges, the title merged across row 1."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目支出绩效自评表"
    ws.cell(1, 1, TITLE)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for r, row in enumerate(rows, start=2):
        for c, text in enumerate(row, start=1):
            if not text:
                continue
            cell = ws.cell(r, c)
            if text.endswith("%") and text[:-1].replace(".", "").isdigit():
                cell.value = float(text[:-1]) / 100
                cell.number_format = "0.00%"
            elif text.replace(".", "", 1).isdigit() and "." in text and r - 2 in (3, 4, 5, 6) and c in (3, 4, 5):
                cell.value = float(text)
                cell.number_format = "#,##0.00"
            elif text.replace(".", "", 1).isdigit():
                cell.value = float(text) if "." in text else int(text)
            else:
                cell.value = text
    for r0, c0, r1, c1 in MERGES:
        ws.merge_cells(start_row=r0 + 2, start_column=c0 + 1, end_row=r1 + 2, end_column=c1 + 1)
    for c in range(1, len(rows[0]) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 14
    wb.save(str(path))


def to_pdf(path: Path) -> Path:
    from scripts.build_corpus import to_pdf as print_pdf

    return print_pdf(path)


REFERENCE = CORPUS / "yueyang-kjj-2023-dept-selfeval.fixed.txt"
DEPT_TITLE = "2023年度岳阳市科学技术局部门整体支出绩效自评表"
# The department-wide table of the reference report: its 基本支出 708.28 and 项目支出 411.28 万元 executed.
DEPT_ROWS = [
    ["部门名称", "岳阳市科学技术局", "", "", "", "", "", "", ""],
    ["主管部门", "岳阳市科学技术局", "", "", "", "实施单位", "岳阳市科学技术局", "", ""],
    ["预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
    ["", "年度资金总额", "1,080.00", "1,142.36", "1,119.56", "10", "98.00%", "9.80", ""],
    ["", "其中：基本支出", "700.00", "720.00", "708.28", "—", "98.37%", "—", ""],
    ["", "项目支出", "380.00", "422.36", "411.28", "—", "97.38%", "—", ""],
    ["", "其他资金", "0.00", "0.00", "0.00", "—", "—", "—", ""],
    *ROWS[7:19],
    ["总分", "", "", "", "", "", "100", "98.80", ""],
    ["自评等级", "优", "", "", "", "", "", "", ""],
]
# The sentence the narrative variants add to the reference report's 六、 section (its own figures agree with each other).
NARRATIVE = ("2023年度部门整体支出全年预算数1,142.36万元，全年执行数1,119.56万元，预算执行率98.00%，"
             "部门整体支出绩效自评得分98.80分，自评等级为优。")


def narrative_paragraphs(figures: str) -> list[str]:
    """The corrected reference report with the project's figures stated in 六、, before its table."""
    lines = [line for line in REFERENCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    at = next(i for i, line in enumerate(lines) if line.startswith("六、"))
    sentence = NARRATIVE.replace("全年执行数1,119.56万元，预算执行率98.00%", figures)
    return [*lines[: at + 1], sentence, *lines[at + 1 :], "附件："]


def outputs() -> list[Path]:
    """Every file this script writes (the expected files aside)."""
    names = [CORPUS / f"selfeval-table.{ext}" for ext in ("docx", "xlsx", "pdf")]
    for name, (_, formats) in DEFECTS.items():
        names += [CORPUS / f"selfeval-table.{name}.{ext}" for ext in formats]
    return names + [CORPUS / "yueyang-kjj-2023-dept-selfeval.with-table.docx", CORPUS / "yueyang-kjj-2023-dept-selfeval.table-rate.docx"]


def build() -> list[Path]:
    written = []
    base = CORPUS / "selfeval-table"
    build_docx(ROWS, base.with_suffix(".docx"))
    build_xlsx(ROWS, base.with_suffix(".xlsx"))
    written += [base.with_suffix(".docx"), base.with_suffix(".xlsx"), to_pdf(base.with_suffix(".docx"))]
    for name, (rows, formats) in DEFECTS.items():
        docx, xlsx = CORPUS / f"selfeval-table.{name}.docx", CORPUS / f"selfeval-table.{name}.xlsx"
        if "docx" in formats or "pdf" in formats:
            build_docx(rows, docx)
            written.append(docx)
        if "pdf" in formats:
            written.append(to_pdf(docx))
            if "docx" not in formats:
                docx.unlink()
                written.remove(docx)
        if "xlsx" in formats:
            build_xlsx(rows, xlsx)
            written.append(xlsx)
    # The text's figures agree with each other; in table-rate they are not the table's (1,100.00 and 96.29%).
    for name, figures in (("with-table", "全年执行数1,119.56万元，预算执行率98.00%"), ("table-rate", "全年执行数1,100.00万元，预算执行率96.29%")):
        path = CORPUS / f"yueyang-kjj-2023-dept-selfeval.{name}.docx"
        build_docx(DEPT_ROWS, path, before=narrative_paragraphs(figures), title=DEPT_TITLE)
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write-expected", action="store_true", help="record the current findings as expected")
    args = parser.parse_args()
    written = build()
    for path in written:
        print(f"wrote {path.relative_to(ROOT)}")
    if args.write_expected:
        from scripts.build_corpus import expected_findings, expected_path

        for path in written:
            target = expected_path(path)
            target.write_text(json.dumps(expected_findings(path), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
