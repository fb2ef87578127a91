"""Build the corpus variants of the reference report, and (on request) record their expected findings.

    python scripts/build_corpus.py                    # write corpus/*.fixed.txt and *.defects.txt
    python scripts/build_corpus.py --word             # also the reference as .docx with Word automatic
                                                      # numbering, and as .pdf made from it by LibreOffice
    python scripts/build_corpus.py --write-expected   # also record what the tool reports now, for review

The expected files are reviewed by hand before they are committed: the test suite then fails on any
difference, so a change in what the tool reports on these documents is a visible diff.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
REFERENCE = CORPUS / "yueyang-kjj-2023-dept-selfeval.txt"

# Every defect of the reference report corrected (GB/T 9704 labels, full-width brackets, artifact, quote).
FIXES = [
    ("1、 部门（单位）基本情况", "一、部门（单位）基本情况"),
    ("(一)主要职责", "（一）主要职责"),
    ("(二)内设机构", "（二）内设机构"),
    ("2、 一般公共预算支出情况", "二、一般公共预算支出情况"),
    ("（1） 基本支出情况", "（一）基本支出情况"),
    ("（2） 项目支出情况", "（二）项目支出情况"),
    ("3、 政府性基金预算支出情况", "三、政府性基金预算支出情况"),
    ("4、 国有资本经营预算支出情况", "四、国有资本经营预算支出情况"),
    ("5、 社会保险基金预算支出情况", "五、社会保险基金预算支出情况"),
    ("建立政策、项目、任务”", "建立“政策、项目、任务”"),
    ("[bookmark: _GoBack]", ""),
    ("（2） 人员专业素养", "（二）人员专业素养"),
    ("8、 下一步改进措施", "八、下一步改进措施"),
    ("（2） 积极对接项目资金", "（二）积极对接项目资金"),
    ("（3） 加强人员业务素质", "（三）加强人员业务素质"),
    ("（4） 不断提高机关管理水平", "（四）不断提高机关管理水平"),
    ("国(境)外", "国（境）外"),
    ("科室 11 个", "科室11个"),
    ("单位 1 个", "单位1个"),
    ("人事科(人才工作办公室) 、", "人事科（人才工作办公室）、"),
    ("《科技日报》、《光明日报》", "《科技日报》《光明日报》"),
    ("1-11月，累计", "1—11月，累计"),
    ("内部控制制度》、《岳阳市科学技术局预算管理制度》", "内部控制制度》《岳阳市科学技术局预算管理制度》"),
    ("单位官网网站上公示", "单位官方网站上公示"),
]

# Defects injected into the corrected report: one per kind the tool must find.
DEFECTS = [
    ("七、存在的问题及原因分析", "九、存在的问题及原因分析"),  # gap after 六、
    ("（三）专项资金管理情况", "（二）专项资金管理情况"),  # repeated （二）
    ("2023年度我单位项目支出", "20xx年度我单位项目支出"),  # unfilled year
    ("在岳阳市科技局单位官方网站上公示。", "在岳阳市科技局单位官方网站上公示。。"),  # doubled 。
    ("三是科技创新平台不断壮大。", "四是科技创新平台不断壮大。"),  # enumeration repeat (四是 twice)
    ("重新梳理修订了《岳阳市科学技术局采购工作内部控制制度》", "重新梳理修订了《岳阳市科学技术局采购工作内部控制制度"),  # unclosed 《
    ("建立信息化调度平台", "建立建立信息化调度平台"),  # a word written twice
    ("截至目前", "截止目前"),  # 截止 for 截至
    ("科室11个", "科室 11 个"),  # stray spaces around a figure
]


def apply(text: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        if text.count(old) != 1:
            sys.exit(f"build_corpus: {old!r} occurs {text.count(old)} times in the source, expected once")
        text = text.replace(old, new)
    return text


def variants() -> dict[Path, str]:
    reference = REFERENCE.read_text(encoding="utf-8")
    fixed = apply(reference, FIXES)
    return {
        REFERENCE.with_suffix(".fixed.txt"): fixed,
        REFERENCE.with_suffix(".defects.txt"): apply(fixed, DEFECTS),
    }


AUTO_DOCX = REFERENCE.with_suffix(".auto.docx")
AUTO_PDF = REFERENCE.with_suffix(".auto.pdf")


def report_lines(text: str) -> list[tuple[int | None, str]]:
    """The report as (outline level from 0, or None for body text; text without its label) — the input of
    scripts/make_docx.report_to_docx. The levels come from the tool's own outline of the typed text."""
    sys.path.insert(0, str(ROOT / "src"))
    from selfeval_lint.analysis.outline import build_outline
    from selfeval_lint.ingest import build_document
    from selfeval_lint.rulesets import load_rules

    rules = load_rules()
    doc = build_document("reference.txt", text.encode("utf-8"), rules)
    outline = build_outline(doc, rules)
    lines: list[tuple[int | None, str]] = []
    for block in doc.blocks:
        item = outline.item_of_block.get(block.index)
        if item is None:
            # In the Word original the _GoBack bookmark is invisible: the converter printed it.
            lines.append((None, block.text.replace("[bookmark: _GoBack]", "")))
        else:
            lines.append((outline.groups[outline.items[item].group].level - 1, outline.items[item].title))
    return lines


TABLE_DOCX = CORPUS / "project-selfeval-table.docx"
TABLE_PDF = CORPUS / "project-selfeval-table.pdf"
TABLE_ROWS = [
    ["项目名称", "科技创新专项资金"] + [""] * 6,
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "500.00", "520.00", "510.00", "10", "98.08%", "9.8"],
    ["", "其中：本年财政拨款", "500.00", "500.00", "490.00", "—", "98.00%", "—"],
    ["", "上年结转资金", "0.00", "20.00", "20.00", "—", "100.00%", "—"],
    ["", "其他资金", "0.00", "0.00", "0.00", "—", "—", "—"],
]


def build_table_docx(path: Path) -> None:
    """A 项目支出绩效自评表 header block: 项目名称 merged across the row, 项目资金（万元） merged down five rows."""
    from docx import Document

    document = Document()
    document.add_paragraph("2023年度科技创新专项资金项目支出绩效自评表")
    table = document.add_table(rows=len(TABLE_ROWS), cols=len(TABLE_ROWS[0]))
    table.style = "Table Grid"
    for r, row in enumerate(TABLE_ROWS):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 7))
    table.cell(1, 0).merge(table.cell(5, 0))
    document.save(str(path))


def to_pdf(path: Path) -> Path:
    """`path` printed to PDF by LibreOffice, beside it."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", "pdf",
             "--outdir", str(path.parent), str(path)],
            check=True, capture_output=True, timeout=180,
        )
    return path.with_suffix(".pdf")


def build_word_variants() -> None:
    """The reference report as .docx with automatic numbering, a self-evaluation table, and both as PDF."""
    sys.path.insert(0, str(ROOT))
    from scripts.make_docx import Layout, report_to_docx

    # In 公文 layout (GB/T 9704), as its template (hunan-dept-selfeval, profile gongwen) asks: clean of FMT.
    report_to_docx(report_lines(REFERENCE.read_text(encoding="utf-8")), AUTO_DOCX, automatic=True, layout=Layout())
    build_table_docx(TABLE_DOCX)
    for path in (AUTO_DOCX, TABLE_DOCX):
        print(f"wrote {path.relative_to(ROOT)} and {to_pdf(path).relative_to(ROOT)}")


DOCUMENT_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".xlsx")


def expected_path(path: Path) -> Path:
    """NAME.expected.json beside NAME.txt; NAME.docx.expected.json beside NAME.docx (and .pdf)."""
    if path.suffix in (".txt", ".md"):
        return path.with_name(path.stem + ".expected.json")
    return path.with_name(path.name + ".expected.json")


def expected_findings(path: Path) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from selfeval_lint.engine import Options, check_file
    from selfeval_lint.registry import render, resolve_selection

    result = check_file(str(path), Options(selected=resolve_selection(None, None)))
    return {
        "file": path.name,
        "findings": [
            {
                "code": f.code,
                "line": f.location.line,
                "column": f.location.column,
                "suggestion": f.suggestion,
                "message": render(f),
            }
            for f in result.findings
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write-expected", action="store_true", help="record the current findings as expected")
    parser.add_argument("--word", action="store_true", help="also build the .docx and (with LibreOffice) .pdf variants")
    args = parser.parse_args()
    for path, text in variants().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    if args.word:
        build_word_variants()
    if args.write_expected:
        for path in sorted(p for p in CORPUS.iterdir() if p.suffix in DOCUMENT_SUFFIXES):
            target = expected_path(path)
            target.write_text(json.dumps(expected_findings(path), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
