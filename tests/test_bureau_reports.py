"""A bureau's folder of 100 mixed submissions, built in code: the xlsx, csv, html and json reports list every
one of them, checked or skipped with a reason, and their counts agree."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from lxml import html as lxml_html

from selfeval_lint.discover import discover
from selfeval_lint.engine import Options
from selfeval_lint.ingest.convert import soffice_path
from selfeval_lint.model import FileResult
from selfeval_lint.registry import resolve_selection
from selfeval_lint.report import RENDERERS
from selfeval_lint.run import run_files

from .conftest import CORPUS, ROOT
from .ofd_fixtures import ofd_from_text
from .report_fixtures import CLEAN, PNG, REFERENCE, docx_report
from .test_bundles import make_zip

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "correct").glob("*.txt"))
TEXTS = [*FIXTURES, REFERENCE, CLEAN, CORPUS / "yueyang-kjj-2023-dept-selfeval.defects.txt"]


def workbook(title: str) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "自评表"
    sheet.append([title])
    sheet.append(["一级指标", "分值", "得分"])
    sheet.append(["产出指标", 50, 48])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def legacy_word(tmp: Path) -> bytes | None:
    """The .docx report saved by LibreOffice as a Word 97 .doc (a Kingsoft .wps is the same format)."""
    if soffice_path() is None:
        return None
    tmp.mkdir(parents=True, exist_ok=True)
    source = tmp / "legacy.docx"
    source.write_bytes(docx_report())
    subprocess.run([soffice_path(), f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--convert-to",
                    "doc", "--outdir", str(tmp), str(source)], capture_output=True, timeout=120, check=True)
    return (tmp / "legacy.doc").read_bytes()


def build_folder(root: Path) -> list[Path]:
    """100 submissions as a bureau receives them; returns the top-level entries (files, not folders)."""
    entries: list[tuple[str, bytes]] = []
    for i in range(40):
        entries.append((f"单位{i:02d}-自评报告.txt", TEXTS[i % len(TEXTS)].read_bytes()))
    for i in range(11):  # the same reports as GB18030 text from older editors, in a sub-folder each
        text = TEXTS[i].read_text(encoding="utf-8")
        entries.append((f"乡镇/{i:02d}/报告.txt", text.encode("gb18030")))
    auto_docx = (CORPUS / "yueyang-kjj-2023-dept-selfeval.auto.docx").read_bytes()
    for i in range(20):
        entries.append((f"部门/{i:02d}/绩效自评报告.docx", docx_report() if i % 2 else auto_docx))
    for i in range(6):
        name = "project-selfeval-table.pdf" if i % 2 else "yueyang-kjj-2023-dept-selfeval.auto.pdf"
        entries.append((f"项目{i}.pdf", (CORPUS / name).read_bytes()))
    legacy = legacy_word(root / "soffice")
    if legacy is not None:
        entries += [("旧格式/报告.doc", legacy), ("旧格式/报告.wps", legacy)]
    else:
        entries += [("旧格式/报告1.txt", CLEAN.read_bytes()), ("旧格式/报告2.txt", CLEAN.read_bytes())]
    for i in range(5):
        entries.append((f"自评表/项目{i}自评表.xlsx", workbook(f"2023年度项目{i}绩效自评表")))
    entries.append(("打包/第一批.zip", make_zip({
        "甲局/自评报告.txt": REFERENCE.read_bytes(), "乙局/自评报告.docx": docx_report(), "乙局/封面.png": PNG,
        "丙局/报告.pdf": (CORPUS / "project-selfeval-table.pdf").read_bytes(), "空.txt": b""}, gbk=True)))
    entries.append(("打包/第二批.zip", make_zip({
        "丁局.txt": CLEAN.read_bytes(), "附件/说明.xlsx": workbook("说明"), "嵌套.zip": make_zip({"戊局.txt": CLEAN.read_bytes()}, gbk=True)},
        gbk=True)))
    for i in range(5):
        entries.append((f"扫描件/{i}.png", PNG))
    entries += [("空白.txt", b""), ("空白.docx", b""), ("空白.pdf", b"")]
    entries += [(".DS_Store", b"\x00\x00\x00\x01Bud1"), ("部门/00/~$绩效自评报告.docx", b"\x0cowner" + bytes(150))]
    entries += [("材料.rar", b"Rar!\x1a\x07\x01\x00" + bytes(64))]
    entries += [("版式/报告.ofd", ofd_from_text(REFERENCE.read_text(encoding="utf-8")))]
    entries += [("清单.json", b"{}"), ("说明.md", "# 报送说明\n\n各单位按时报送。\n".encode("utf-8"))]
    assert len(entries) == 100
    paths = []
    for name, data in entries:
        path = root / "报送" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def bureau(tmp_path_factory):
    root = tmp_path_factory.mktemp("bureau")
    entries = build_folder(root)
    found = discover([str(root / "报送")])
    options = Options(selected=resolve_selection(None, None), keep_text=True)
    results = run_files([(path, options) for path in found.files], jobs=1)
    results += [FileResult(s.path, None, skipped=s.reason) for s in found.skipped]
    shutil.rmtree(root / "soffice", ignore_errors=True)
    return entries, results, {name: RENDERERS[name](results, "zh") for name in ("json", "csv", "xlsx", "html", "text")}


def names_every_entry(entries: list[Path], paths: set[str]) -> None:
    for entry in entries:
        if entry.suffix == ".zip":
            assert any(p.startswith(f"{entry}!/") for p in paths), entry
        else:
            assert str(entry) in paths, entry


def test_every_submission_is_checked_or_skipped_with_a_reason(bureau):
    entries, results, out = bureau
    report = json.loads(out["json"])
    checked = {f["path"]: f for f in report["files"]}
    skipped = {s["path"]: s["reason"] for s in report["skipped"]}
    assert not set(checked) & set(skipped)
    names_every_entry(entries, set(checked) | set(skipped))
    folder = entries[0].parent
    assert skipped[str(folder / "扫描件" / "0.png")] == "unsupported"
    assert checked[str(folder / "自评表" / "项目0自评表.xlsx")]["format"] == "xlsx"  # 自评表 workbooks are read (#11)
    assert skipped[str(folder / ".DS_Store")] == "hidden"
    assert skipped[str(folder / "部门" / "00" / "~$绩效自评报告.docx")] == "temporary"
    assert skipped[str(folder / "打包" / "第一批.zip") + "!/乙局/封面.png"] == "unsupported"
    assert checked[str(folder / "打包" / "第二批.zip") + "!/附件/说明.xlsx"]["format"] == "xlsx"
    assert checked[str(folder / "打包" / "第二批.zip") + "!/嵌套.zip!/戊局.txt"]["error"] is None
    first = checked[str(folder / "打包" / "第一批.zip") + "!/甲局/自评报告.txt"]
    assert any(f["code"] == "TXT001" for f in first["findings"])
    assert checked[str(folder / "材料.rar")]["findings"][0]["code"] == "PAR002"
    ofd = checked[str(folder / "版式" / "报告.ofd")]
    assert ofd["format"] == "ofd" and any(f["code"] == "TXT001" for f in ofd["findings"])
    for empty in ("空白.txt", "空白.docx", "空白.pdf"):
        assert checked[str(folder / empty)]["error"], empty
    if soffice_path() is not None:
        for legacy in ("报告.doc", "报告.wps"):
            result = checked[str(folder / "旧格式" / legacy)]
            assert result["format"] == legacy[-3:] and result["error"] is None
            assert any(f["code"] == "TXT001" for f in result["findings"])
    gb = checked[str(folder / "乡镇" / "00" / "报告.txt")]
    assert gb["error"] is None and gb["title"] == checked[str(folder / "单位00-自评报告.txt")]["title"]


def test_counts_agree_across_formats(bureau):
    entries, results, out = bureau
    report = json.loads(out["json"])
    s = report["summary"]
    n_findings = sum(len(f["findings"]) for f in report["files"])
    everyone = {f["path"] for f in report["files"]} | {k["path"] for k in report["skipped"]}
    assert s["files"] + s["skipped"] == len(everyone) == len(results)

    book = openpyxl.load_workbook(io.BytesIO(out["xlsx"]))
    summary = list(book["汇总"].iter_rows(values_only=True))
    rows = [dict(zip(summary[0], r)) for r in summary[1:]]
    assert {r["文件"] for r in rows} == everyone
    status = [r["检查状态"] for r in rows]
    assert sum(x == "已检查" for x in status) == s["files"] - s["unreadable"]
    assert sum(x.startswith("无法读取") for x in status) == s["unreadable"]
    assert sum(x.startswith("未检查") for x in status) == s["skipped"]
    assert sum(r["错误"] or 0 for r in rows) == s["errors"] and sum(r["警告"] or 0 for r in rows) == s["warnings"]
    assert sum(r["提示"] or 0 for r in rows) == s["infos"]
    assert book["问题清单"].max_row - 1 == n_findings == s["errors"] + s["warnings"] + s["infos"]
    matrix = list(book["规则矩阵"].iter_rows(values_only=True))[1:]
    assert len(matrix) == s["files"] and sum(r[1] for r in matrix) == n_findings

    table = list(csv.DictReader(io.StringIO(out["csv"].lstrip("\ufeff"), newline="")))
    assert {r["文件"] for r in table} == everyone
    assert sum(1 for r in table if r["代码"]) == n_findings
    assert sum(1 for r in table if r["问题说明"].startswith("未检查")) == s["skipped"]

    page = lxml_html.fromstring(out["html"])
    assert {tr.get("data-path") for tr in page.xpath('//table[@id="files"]/tbody/tr')} == everyone
    assert len(page.xpath('//table[@id="files"]/tbody/tr[@class="skipped"]')) == s["skipped"]
    assert len(page.xpath('//table[@id="findings"]/tbody/tr')) == n_findings
    assert len(page.xpath('//details[@class="doc"]')) == s["files"]
    # every finding with a line is marked (findings on the same span share one mark)
    marked = {i for m in page.xpath("//mark[@data-f]") for i in m.get("data-f").split()}
    assert len(marked) >= sum(1 for f in report["files"] for x in f["findings"] if x["location"]["line"])
    assert not page.xpath("//script[@src] | //link[@href] | //img[@src]")  # self-contained

    last = out["text"].rstrip().splitlines()[-1]
    assert last.startswith(f"共检查 {s['files']} 个文件：错误 {s['errors']} 个，警告 {s['warnings']} 个，提示 {s['infos']} 个")
    assert f"{s['skipped']} 个文件未检查" in last and f"{s['unreadable']} 个文件无法读取" in last
