"""The command line as users and CI run it: exit status, formats, selection, languages, batches."""

from __future__ import annotations

import json

from .conftest import CORPUS, run_cli

REFERENCE = str(CORPUS / "yueyang-kjj-2023-dept-selfeval.txt")
CLEAN = "2023年度某局部门整体支出绩效自评报告\n一、基本情况\n（一）主要职责\n（二）内设机构\n二、支出情况\n"


def test_reference_report_exits_1_with_text_report():
    proc = run_cli("check", REFERENCE, fresh=True)
    assert proc.returncode == 1
    out = proc.stdout.decode()
    assert "yueyang-kjj-2023-dept-selfeval.txt:49:1: TXT001 [错误]" in out
    assert "    | [bookmark: _GoBack]" in out
    assert out.rstrip().splitlines()[-1].startswith("共检查 1 个文件：错误 1 个，警告 17 个，提示 5 个，每万字 55.21 处")


def test_clean_report_exits_0():
    proc = run_cli("check", str(CORPUS / "yueyang-kjj-2023-dept-selfeval.fixed.txt"))
    assert proc.returncode == 0, proc.stdout.decode()
    assert "未发现问题" in proc.stdout.decode()


def test_fail_on_threshold():
    assert run_cli("check", REFERENCE, "--ignore", "TXT001").returncode == 0
    assert run_cli("check", REFERENCE, "--ignore", "TXT001", "--fail-on", "warning").returncode == 1
    assert run_cli("check", REFERENCE, "--fail-on", "never").returncode == 0


def test_select_and_ignore_by_code_and_prefix():
    proc = run_cli("check", REFERENCE, "--format", "json", "--select", "NUM", "--ignore", "NUM002")
    codes = {f["code"] for f in json.loads(proc.stdout)["files"][0]["findings"]}
    assert codes == {"NUM003", "NUM004"}


def test_unknown_code_is_a_usage_error():
    proc = run_cli("check", REFERENCE, "--select", "XYZ")
    assert proc.returncode == 2
    assert "XYZ" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


def test_bad_option_is_a_usage_error():
    assert run_cli("check", REFERENCE, "--format", "yaml").returncode == 2
    assert run_cli("check").returncode == 2


def test_json_report_follows_the_contract():
    proc = run_cli("check", REFERENCE, "--format", "json")
    report = json.loads(proc.stdout)
    assert report["tool"]["name"] == "selfeval-lint"
    (file,) = report["files"]
    assert file["title"] == "2023年度岳阳市科学技术局部门整体支出绩效自评报告" and file["error"] is None
    finding = next(f for f in file["findings"] if f["location"]["line"] == 50)
    assert finding["code"] == "NUM002" and finding["name"] == "numbering-style-mixed"
    assert finding["location"]["section"] == "七、存在的问题及原因分析"
    assert finding["excerpt"] == "（2） 人员专业素养有待进一步提高" and finding["suggestion"] == "（二）"
    assert set(finding["location"]) >= {"line", "column", "page", "paragraph", "table", "section"}
    assert len(finding["fingerprint"]) == 16
    assert report["summary"] == {
        "files": 1, "errors": 1, "warnings": 17, "infos": 5, "unreadable": 0, "skipped": 0, "chars": 4166,
        "per_10k_chars": 55.21,
    }


def test_fingerprints_survive_edits_elsewhere(tmp_path):
    original = (CORPUS / "yueyang-kjj-2023-dept-selfeval.txt").read_text(encoding="utf-8")
    edited = original.replace("无。\n", "无。\n本年度无此项支出。\n", 1)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(original, encoding="utf-8")
    b.write_text(edited, encoding="utf-8")
    prints = [
        {f["fingerprint"] for f in json.loads(run_cli("check", str(p), "--format", "json").stdout)["files"][0]["findings"]}
        for p in (a, b)
    ]
    assert prints[0] == prints[1]


def test_english_messages():
    out = run_cli("check", REFERENCE, "--lang", "en").stdout.decode()
    assert "TXT001 [error] The text contains a bookmark marker left by a converter" in out
    assert out.rstrip().splitlines()[-1].startswith("Checked 1 file(s): 1 error(s), 17 warning(s), 5 info(s), 55.21 per 10,000")


def test_output_file(tmp_path):
    target = tmp_path / "report.json"
    proc = run_cli("check", REFERENCE, "--format", "json", "-o", str(target))
    assert proc.returncode == 1 and proc.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["files"] == 1


def test_stdin():
    proc = run_cli("check", "-", stdin="一、甲\n二、乙\n四、丙\n".encode("gb18030"), fresh=True)
    assert proc.returncode == 1
    assert "-:3:1: NUM001 [错误] 序号跳号：“二、”之后应为“三、”，此处为“四、”" in proc.stdout.decode()


def test_directory_batch_with_a_bad_file_in_parallel(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("一、甲\n三、乙\n", encoding="gb18030")
    (tmp_path / "sub" / "c.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    proc = run_cli("check", str(tmp_path), "--format", "json", "--jobs", "2", "--select", "NUM,TXT", fresh=True)
    assert proc.returncode == 1
    files = json.loads(proc.stdout)["files"]
    assert [f["path"].replace(str(tmp_path), "") for f in files] == ["/a.txt", "/sub/b.txt", "/sub/c.txt"]
    assert [[x["code"] for x in f["findings"]] for f in files] == [[], ["NUM001"], ["PAR002"]]
    assert files[2]["error"].startswith("文件 ") and "不是文本文件" in files[2]["error"]
    assert b"Traceback" not in proc.stderr


def test_binary_file_gives_a_par_finding_not_a_traceback(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    proc = run_cli("check", str(path), fresh=True)
    assert proc.returncode == 1
    assert "PAR002 [错误] 文件" in proc.stdout.decode() and b"Traceback" not in proc.stderr


def test_rules_lists_every_rule():
    from selfeval_lint.registry import all_rules

    out = run_cli("rules").stdout.decode().splitlines()
    assert [line.split()[0] for line in out] == [r.code for r in all_rules()]


def test_rule_documentation():
    proc = run_cli("rule", "num001")
    out = proc.stdout.decode()
    assert proc.returncode == 0
    assert out.startswith("# NUM001 numbering-sequence") and "## 示例 1" in out and "## 如何修改" in out
    assert "## Example 1" in run_cli("rule", "NUM001", "--lang", "en").stdout.decode()
    assert run_cli("rule", "NUM999").returncode == 2


def test_extract_prints_the_outline():
    proc = run_cli("extract", REFERENCE)
    facts = json.loads(proc.stdout)
    assert proc.returncode == 0
    assert facts["title"] == "2023年度岳阳市科学技术局部门整体支出绩效自评报告"
    top = [(o["label"], o["location"]["line"]) for o in facts["outline"] if o["level"] == 1]
    assert [label for label, _ in top] == ["1、", "2、", "3、", "4、", "5、", "六、", "七、", "8、", "九、", "十、"]
    assert top[5] == ("六、", 34)
    assert facts["enumerations"][0]["kind"] == "shi" and len(facts["enumerations"][0]["markers"]) == 4


def test_version_and_help_are_fast_paths():
    assert run_cli("--version", fresh=True).stdout.decode().startswith("selfeval-lint ")
    assert run_cli("--help", fresh=True).returncode == 0


def test_rules_and_help_do_not_load_the_segmenter():
    import subprocess
    import sys

    code = (
        "import sys, contextlib, io\n"
        "from selfeval_lint.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['rules']); main(['rule', 'SEC001'])\n"
        "print(sorted(m for m in ('jieba', 'spacy', 'docx', 'pdfplumber') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert proc.stdout.decode().strip() == "[]", proc.stderr.decode()


def test_fingerprints_survive_renumbering_elsewhere_and_par_findings_have_one(tmp_path):
    original = (CORPUS / "yueyang-kjj-2023-dept-selfeval.txt").read_text(encoding="utf-8")
    renumbered = original.replace("1、 部门（单位）基本情况", "一、部门（单位）基本情况")
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path, text in zip(paths, (original, renumbered)):
        path.write_text(text, encoding="utf-8")
    reports = [json.loads(run_cli("check", str(p), "--format", "json").stdout)["files"][0]["findings"] for p in paths]
    half_width = [{f["fingerprint"] for f in r if f["code"] == "NUM004"} for r in reports]
    assert half_width[0] == half_width[1] and len(half_width[0]) == 2
    missing = json.loads(run_cli("check", str(tmp_path / "nope.txt"), "--format", "json").stdout)["files"][0]["findings"]
    assert len(missing[0]["fingerprint"]) == 16
