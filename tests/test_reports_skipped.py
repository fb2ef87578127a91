"""Nothing is skipped silently: every file given or found is checked or listed with the reason it was not."""

from __future__ import annotations

import json
import os

from selfeval_lint.discover import discover

from .conftest import run_cli
from .report_fixtures import PNG, submissions


def test_discovery_returns_what_it_skips_and_why(tmp_path):
    folder = submissions(tmp_path)
    (folder / ".git" / "objects").mkdir(parents=True)
    (folder / ".git" / "objects" / "a.txt").write_text("x")
    (folder / "说明.pptx").write_bytes(b"PK")  # .xlsx is read since #11 (self-evaluation tables)
    found = discover([str(folder)])
    assert [os.path.relpath(f, folder) for f in found.files] == ["丙单位.docx", "乙单位.txt", "甲单位/自评报告.txt", "空文件.txt"]
    skipped = {s.path[len(str(folder)) + 1 :]: s.reason for s in found.skipped}
    assert skipped == {".git/": "hidden", ".~lock.丙单位.docx#": "hidden", "封面.png": "unsupported", "说明.pptx": "unsupported"}


def test_a_file_named_explicitly_is_always_checked(tmp_path):
    (tmp_path / "a.png").write_bytes(PNG)
    found = discover([str(tmp_path / "a.png")])
    assert found.files == [str(tmp_path / "a.png")] and found.skipped == []
    report = json.loads(run_cli("check", str(tmp_path / "a.png"), "--format", "json").stdout)
    assert report["files"][0]["findings"][0]["code"].startswith("PAR")


def test_text_lists_skipped_files_and_counts_them(tmp_path):
    folder = submissions(tmp_path)
    proc = run_cli("check", str(folder))
    lines = proc.stdout.decode().rstrip().splitlines()
    assert f"{folder / '封面.png'}: 未检查：不是可检查的报告格式（.png）" in lines
    assert f"{folder / '.~lock.丙单位.docx#'}: 未检查：隐藏文件或文件夹" in lines
    assert lines[-1].startswith("共检查 4 个文件：") and lines[-1].endswith("；1 个文件无法读取；2 个文件未检查（见上）")
    assert proc.returncode == 1
    en = run_cli("check", str(folder), "--lang", "en").stdout.decode().rstrip().splitlines()
    assert f"{folder / '封面.png'}: skipped: not a report format that can be checked (.png)" in en
    assert en[-1].endswith("; 2 file(s) skipped (listed above)")


def test_json_has_a_skipped_list_and_count(tmp_path):
    folder = submissions(tmp_path)
    report = json.loads(run_cli("check", str(folder), "--format", "json").stdout)
    assert report["summary"]["files"] == 4 and report["summary"]["skipped"] == 2
    assert {(s["path"], s["reason"]) for s in report["skipped"]} == {
        (str(folder / "封面.png"), "unsupported"), (str(folder / ".~lock.丙单位.docx#"), "hidden")}
    assert all(s["message"] for s in report["skipped"])
    assert not {s["path"] for s in report["skipped"]} & {f["path"] for f in report["files"]}


def test_a_folder_with_nothing_to_check_is_still_a_usage_error_naming_what_was_skipped(tmp_path):
    (tmp_path / "a.png").write_bytes(PNG)
    proc = run_cli("check", str(tmp_path))
    assert proc.returncode == 2
    assert "a.png: 不是可检查的报告格式（.png）" in proc.stderr.decode()
