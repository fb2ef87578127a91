"""Configuration files and rule-set directories, through the real command line."""

from __future__ import annotations

import json
import shutil

from .conftest import CORPUS, run_cli

REFERENCE = CORPUS / "yueyang-kjj-2023-dept-selfeval.txt"


def setup(tmp_path, config: str, name: str = "selfeval-lint.toml"):
    project = tmp_path / "project"
    (project / "reports").mkdir(parents=True)
    shutil.copy(REFERENCE, project / "reports" / "report.txt")
    (project / name).write_text(config, encoding="utf-8")
    return project


def codes_and_severities(proc) -> list[tuple[str, str]]:
    return [(f["code"], f["severity"]) for f in json.loads(proc.stdout)["files"][0]["findings"]]


def test_ignore_txt_and_raise_num003_to_error(tmp_path):
    base = run_cli("check", str(REFERENCE), "--format", "json", "--ignore", "TXT001")
    assert base.returncode == 0 and ("NUM003", "warning") in codes_and_severities(base)
    project = setup(tmp_path, 'ignore = ["TXT"]\n\n[severity]\nNUM003 = "error"\n')
    proc = run_cli("check", str(project / "reports" / "report.txt"), "--format", "json")
    found = codes_and_severities(proc)
    assert proc.returncode == 1  # NUM003 is an error now
    assert ("NUM003", "error") in found and not any(code.startswith("TXT") for code, _ in found)


def test_config_in_pyproject_found_upward(tmp_path):
    project = setup(tmp_path, '[project]\nname = "x"\n\n[tool.selfeval-lint]\nselect = ["TXT"]\nlang = "en"\n', "pyproject.toml")
    proc = run_cli("check", str(project / "reports"), cwd=project)
    out = proc.stdout.decode()
    assert "TXT001 [error] The text contains" in out and "NUM00" not in out


def test_pyproject_without_the_table_is_skipped(tmp_path):
    project = setup(tmp_path, '[project]\nname = "x"\n', "pyproject.toml")
    (tmp_path / "selfeval-lint.toml").write_text('select = ["TXT001"]\n', encoding="utf-8")
    found = codes_and_severities(run_cli("check", str(project / "reports"), "--format", "json"))
    assert {code for code, _ in found} == {"TXT001"}


def test_explicit_config_and_cli_select_win(tmp_path):
    project = setup(tmp_path, 'select = ["TXT"]\n')
    other = tmp_path / "other.toml"
    other.write_text('select = ["NUM004"]\n', encoding="utf-8")
    report = str(project / "reports" / "report.txt")
    assert {c for c, _ in codes_and_severities(run_cli("check", report, "--format", "json", "--config", str(other)))} == {"NUM004"}
    assert {c for c, _ in codes_and_severities(run_cli("check", report, "--format", "json", "--select", "NUM003"))} == {"NUM003"}


def test_extend_select_and_per_file_ignores(tmp_path):
    project = setup(tmp_path, 'select = ["TXT"]\nextend-select = ["NUM004"]\n\n[per-file-ignores]\n"reports/*.txt" = ["TXT003"]\n')
    found = {c for c, _ in codes_and_severities(run_cli("check", str(project / "reports" / "report.txt"), "--format", "json"))}
    assert found == {"TXT001", "NUM004", "TXT005", "TXT006", "TXT007", "TXT008"}  # TXT003 ignored for reports/*.txt


def test_unknown_key_is_exit_2_naming_file_and_key(tmp_path):
    project = setup(tmp_path, 'selct = ["NUM"]\n')
    proc = run_cli("check", str(project / "reports"))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "selfeval-lint.toml" in err and "selct" in err and "Traceback" not in err


def test_bad_value_and_unknown_code_are_exit_2(tmp_path):
    for config, key in [('lang = "fr"\n', "lang"), ('[severity]\nNUM003 = "fatal"\n', "severity.NUM003"), ('ignore = ["XYZ"]\n', "ignore")]:
        project = setup(tmp_path / key, config)
        proc = run_cli("check", str(project / "reports"))
        assert proc.returncode == 2 and key in proc.stderr.decode(), (config, proc.stderr)


def test_invalid_toml_is_exit_2(tmp_path):
    project = setup(tmp_path, "select = [\n")
    proc = run_cli("check", str(project / "reports"))
    assert proc.returncode == 2 and "not valid TOML" in proc.stderr.decode()


TEMPLATE = """id: local-dept
name: 本地部门模板
detect:
  title_any: [部门整体支出]
  priority: 99
sections:
  - title: 部门（单位）基本情况
  - title: 绩效目标完成情况
"""


def test_user_rule_dir_adds_a_template_without_code(tmp_path):
    project = setup(tmp_path, 'rule-dirs = ["my-rules"]\n')
    (project / "my-rules").mkdir()
    (project / "my-rules" / "local.yaml").write_text(TEMPLATE, encoding="utf-8")
    report = json.loads(run_cli("check", str(project / "reports"), "--format", "json", "--select", "SEC").stdout)
    (file,) = report["files"]
    assert file["template"] == "local-dept"
    assert [f["message"] for f in file["findings"]] == ["缺少“绩效目标完成情况”部分（本地部门模板要求）"]
    listing = run_cli("templates", "--config", str(project / "selfeval-lint.toml")).stdout.decode()
    assert "local-dept" in listing and "hunan-dept-selfeval" in listing


def test_broken_rule_set_is_exit_2_naming_file_and_key(tmp_path):
    project = setup(tmp_path, 'rule-dirs = ["my-rules"]\n')
    (project / "my-rules").mkdir()
    (project / "my-rules" / "bad.yaml").write_text(TEMPLATE.replace("  - title: 绩效目标完成情况\n", "  - titel: 绩效目标完成情况\n"), encoding="utf-8")
    proc = run_cli("check", str(project / "reports"))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "bad.yaml" in err and "sections.1" in err and "Traceback" not in err
    check = run_cli("templates", "--check", str(project / "my-rules"))
    assert check.returncode == 2 and "bad.yaml" in check.stderr.decode()


def test_templates_check_accepts_the_shipped_templates():
    proc = run_cli("templates", "--check", "rules/templates")
    assert proc.returncode == 0 and proc.stdout.decode().count(": OK (") == 5


def test_unknown_template_is_exit_2():
    proc = run_cli("check", str(REFERENCE), "--template", "nope")
    assert proc.returncode == 2 and "hunan-dept-selfeval" in proc.stderr.decode()


def test_duplicate_template_id_is_exit_2(tmp_path):
    project = setup(tmp_path, 'rule-dirs = ["my-rules"]\n')
    (project / "my-rules").mkdir()
    (project / "my-rules" / "dup.yaml").write_text(TEMPLATE.replace("local-dept", "generic"), encoding="utf-8")
    proc = run_cli("check", str(project / "reports"))
    assert proc.returncode == 2 and "already defined" in proc.stderr.decode()


def test_tolerance_settings(tmp_path):
    text = "2023年度某局部门整体支出绩效自评报告\n一、支出情况\n支出100.00万元，其中：A 60.00万元，B 40.03万元。\n"
    strict = setup(tmp_path / "strict", 'select = ["ARI"]\n')
    lax = setup(tmp_path / "lax", 'select = ["ARI"]\n\n[tolerance]\namount-yuan = 500\n')
    for project in (strict, lax):
        (project / "reports" / "report.txt").write_text(text, encoding="utf-8")
    assert [c for c, _ in codes_and_severities(run_cli("check", str(strict / "reports"), "--format", "json"))] == ["ARI001"]
    assert codes_and_severities(run_cli("check", str(lax / "reports"), "--format", "json")) == []
    bad = setup(tmp_path / "bad", "[tolerance]\nshortfall-share = 2\n")
    proc = run_cli("check", str(bad / "reports"))
    assert proc.returncode == 2 and "tolerance.shortfall-share" in proc.stderr.decode()


def test_par_rules_cannot_be_switched_off_or_softened(tmp_path):
    for config, key in [('[severity]\nPAR001 = "info"\n', "severity.PAR001"), ('ignore = ["PAR"]\n', "ignore")]:
        project = setup(tmp_path / key, config)
        proc = run_cli("check", str(project / "reports"))
        assert proc.returncode == 2 and key in proc.stderr.decode() and "PAR" in proc.stderr.decode()


def test_empty_select_selects_nothing():
    proc = run_cli("check", str(REFERENCE), "--select", "", "--format", "json")
    assert json.loads(proc.stdout)["files"][0]["findings"] == [] and proc.returncode == 0
