"""selfeval-lint compare: findings of two rounds sorted into fixed, still there and new, by fingerprint."""

from __future__ import annotations

import json
import shutil

from .conftest import CORPUS

REF = CORPUS / "yueyang-kjj-2023-dept-selfeval.txt"
FIXED = CORPUS / "yueyang-kjj-2023-dept-selfeval.fixed.txt"
OTHER = "2023年度某某县教育局部门整体支出绩效自评报告\n一、部门基本情况\n三、主要职责\n"
OTHER_V2 = "2023年度某某县教育局部门整体支出绩效自评报告\n一、部门基本情况\n二、主要职责\n四、绩效目标\n"


def _rounds(tmp_path):
    old, new = tmp_path / "round1", tmp_path / "round2"
    (old / "kjj").mkdir(parents=True)
    new.mkdir()
    shutil.copy(REF, old / "kjj" / "report.txt")
    shutil.copy(FIXED, new / "科技局-修改稿.txt")  # another name, same agency and year in the title
    (old / "edu.txt").write_text(OTHER, encoding="utf-8")
    (new / "edu.txt").write_text(OTHER_V2, encoding="utf-8")
    (new / "untitled.txt").write_text("一、甲\n三、乙\n", encoding="utf-8")
    return old, new


def test_folders_matched_by_agency_and_year_else_by_name(tmp_path, cli):
    old, new = _rounds(tmp_path)
    before = json.loads(cli("check", str(old / "kjj" / "report.txt"), "--format", "json").stdout)["files"][0]["findings"]
    out = json.loads(cli("compare", str(old), str(new), "--format", "json").stdout)
    pairs = {(p["old"] or {}).get("path", "-").rsplit("/", 1)[-1] + ">" + (p["new"] or {}).get("path", "-").rsplit("/", 1)[-1]: p
             for p in out["pairs"]}
    assert set(pairs) == {"report.txt>科技局-修改稿.txt", "edu.txt>edu.txt", "->untitled.txt"}
    kjj = pairs["report.txt>科技局-修改稿.txt"]
    assert kjj["matched_by"] == "agency-year"
    assert [f["fingerprint"] for f in kjj["fixed"]] == [f["fingerprint"] for f in before]  # the fixed text fixes all
    assert kjj["remaining"] == kjj["new_findings"] == []
    edu = pairs["edu.txt>edu.txt"]
    assert edu["matched_by"] == "agency-year"
    assert [f["code"] for f in edu["fixed"]] == ["NUM001"]  # 三、 after 一、 is gone
    assert [f["code"] for f in edu["new_findings"]] == ["NUM001"]  # 四、 after 二、 is new
    assert pairs["->untitled.txt"]["matched_by"] == "none"
    assert out["summary"]["pairs"] == 2 and out["summary"]["only_new"] == 1


def test_two_files_and_unchanged_findings_still_there(tmp_path, cli):
    (tmp_path / "a.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER + "（二）附注\n", encoding="utf-8")
    result = cli("compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--lang", "en")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert "[still there]" in text and "NUM001" in text
    last = text.rstrip().splitlines()[-1]
    assert last.startswith("Compared 1 report(s): 0 fixed,") and last.endswith("still there, 1 new")  # the added （二）


def test_xlsx_lists_every_finding_with_its_status(tmp_path, cli):
    from openpyxl import load_workbook

    old, new = _rounds(tmp_path)
    target = tmp_path / "diff.xlsx"
    assert cli("compare", str(old), str(new), "--format", "xlsx", "-o", str(target)).returncode == 0
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("状态", "上一轮文件", "新一轮文件", "代码")
    out = json.loads(cli("compare", str(old), str(new), "--format", "json").stdout)["summary"]
    statuses = [r[0] for r in rows[1:]]
    assert (statuses.count("已改正"), statuses.count("仍存在"), statuses.count("新出现")) == (
        out["fixed"], out["remaining"], out["new"])
    assert cli("compare", str(old), str(new), "--format", "xlsx").returncode == 2  # needs -o
