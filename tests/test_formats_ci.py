"""CI report formats: SARIF (against the OASIS schema), JUnit (against Jenkins' XSD), GitHub, GitLab, concise, statistics."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from lxml import etree

from selfeval_lint.registry import all_rules

from .conftest import CORPUS, run_cli
from .docx_fixtures import docx_bytes, p, tbl, tc

SCHEMAS = Path(__file__).parent / "schemas"
REFERENCE = "corpus/yueyang-kjj-2023-dept-selfeval.txt"


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> list[str]:
    """The corpus report, a .docx with a finding in a table cell, and an unreadable file (paths relative to the repo)."""
    folder = tmp_path_factory.mktemp("ci")
    body = p("2023年度某局部门整体支出绩效自评报告") + p("一、基本情况") + tbl(
        [tc("项目"), tc("金额")], [tc("办公费"), tc("[bookmark: _GoBack]12万元")], columns=2
    )
    report = folder / "表格.docx"
    report.write_bytes(docx_bytes(body))
    broken = folder / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    return [REFERENCE, str(report), str(broken)]


@functools.lru_cache(maxsize=None)
def _cached(args: tuple[str, ...]) -> str:
    proc = run_cli("check", *args)
    assert proc.returncode == 1, proc.stderr.decode()
    return proc.stdout.decode()


def _run(fmt: str, paths: list[str], *extra: str) -> str:
    """The report of `paths` in `fmt`, from the command line (each distinct command run once per session)."""
    return _cached(("--format", fmt, "--jobs", "1", *paths, *extra))


def test_sarif_of_the_whole_corpus_is_valid(batch):
    log = json.loads(_run("sarif", ["corpus", *batch[1:]]))
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert not [e.message for e in Draft4Validator(schema).iter_errors(log)][:3]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert {"corpus/yueyang-kjj-2023-dept-selfeval.auto.pdf", "corpus/yueyang-kjj-2023-dept-selfeval.txt"} <= uris


def test_sarif_is_valid_against_the_official_schema(batch):
    log = json.loads(_run("sarif", batch))
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    errors = list(Draft4Validator(schema).iter_errors(log))
    assert not errors, [e.message for e in errors[:3]]
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1


def test_sarif_rules_come_from_the_registry(batch):
    run = json.loads(_run("sarif", batch))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    par001 = rules[[r["id"] for r in rules].index("PAR001")]
    assert par001["name"] == "file-unreadable" and par001["defaultConfiguration"]["level"] == "error"
    assert par001["help"]["markdown"].startswith("# PAR001 file-unreadable")
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_results_carry_locations_fingerprints_and_cells(batch):
    run = json.loads(_run("sarif", batch))["runs"][0]
    expected = json.loads(_run("json", batch))
    results = run["results"]
    assert len(results) == sum(len(f["findings"]) for f in expected["files"])
    first = expected["files"][0]["findings"][0]
    sarif_first = results[0]
    loc = sarif_first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": REFERENCE, "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {
        "startLine": first["location"]["line"], "startColumn": first["location"]["column"],
        "endLine": first["location"]["end_line"], "endColumn": first["location"]["end_column"],
    }
    assert sarif_first["partialFingerprints"]["selfevalLintFingerprint/v1"] == first["fingerprint"]
    assert sarif_first["message"]["text"] == first["message"]
    cell = next(r for r in results if r["ruleId"] == "TXT001" and "table" in r.get("properties", {}))
    assert cell["properties"]["table"] == {"index": 1, "row": 2, "col": 2}
    assert "%E8%A1%A8%E6%A0%BC.docx" in cell["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    broken = [r for r in results if r["ruleId"].startswith("PAR")]
    assert broken and "region" not in broken[0]["locations"][0]["physicalLocation"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///")


def test_junit_is_valid_against_the_jenkins_xsd(batch):
    xml = _run("junit", [*batch, str(CORPUS / "yueyang-kjj-2023-dept-selfeval.fixed.txt")])
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))
    document = etree.fromstring(xml.encode("utf-8"))
    assert schema.validate(document), schema.error_log
    suites = document.findall("testsuite")
    assert len(suites) == 4
    reference, cell, broken, clean = suites
    assert int(reference.get("failures")) == len(reference.findall("testcase/failure")) > 0
    assert broken.get("errors") == "1" and broken.find("testcase/error").get("type").startswith("PAR")
    assert clean.get("failures") == "0" and [c.get("name") for c in clean.findall("testcase")] == ["selfeval-lint"]
    assert "TXT001" in [f.get("type") for f in cell.findall("testcase/failure")]
    assert document.get("tests") == str(sum(int(s.get("tests")) for s in suites))


WORKFLOW = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command back into (command, properties, message), as the runner reads it."""
    match = WORKFLOW.match(line)
    assert match, line
    props = dict(item.split("=", 1) for item in match.group(2).split(","))
    return match.group(1), {k: _unescape(v) for k, v in props.items()}, _unescape(match.group(3))


def test_github_commands_parse_back(batch):
    lines = _run("github", batch).splitlines()
    expected = [(fr["path"], f) for fr in json.loads(_run("json", batch))["files"] for f in fr["findings"]]
    assert len(lines) == len(expected)
    for line, (path, finding) in zip(lines, expected):
        command, props, message = parse_workflow_command(line)
        assert command == {"error": "error", "warning": "warning", "info": "notice"}[finding["severity"]]
        assert props["file"] == path and props["title"] == finding["code"] and message == finding["message"]
        if finding["location"]["line"] is not None:
            assert int(props["line"]) == finding["location"]["line"]
            assert int(props["col"]) == finding["location"]["column"]
            assert int(props["endColumn"]) == finding["location"]["end_column"]
        else:
            assert "line" not in props


def test_github_escapes_what_the_spec_says():
    from selfeval_lint.report.github import escape_data, escape_property

    assert escape_data("50%\r\nok: a,b") == "50%25%0D%0Aok: a,b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = "::error file=" + escape_property("d:/x,y.txt") + "::" + escape_data("1%\n2")
    _, props, message = parse_workflow_command(line)
    assert props["file"] == "d:/x,y.txt" and message == "1%\n2"


def test_gitlab_code_quality(batch):
    issues = json.loads(_run("gitlab", batch))
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["path"]
    assert any(i["check_name"].startswith("PAR") and i["location"]["path"].endswith("broken.docx") for i in issues)


def test_concise_one_line_per_finding(batch):
    lines = _run("concise", batch).splitlines()
    assert lines[0].startswith(f"{REFERENCE}:4:1: NUM002 [警告] ")
    assert any(re.match(r".*broken\.docx: PAR\d{3} \[错误\] ", line) for line in lines)
    assert lines[-1].startswith("共检查 3 个文件")
    english = _run("concise", batch, "--lang", "en").splitlines()
    assert english[0].startswith(f"{REFERENCE}:4:1: NUM002 [warning] ") and english[-1].startswith("Found ")


def test_statistics_counts_per_rule(batch):
    findings = [f for fr in json.loads(_run("json", batch))["files"] for f in fr["findings"]]
    rows = json.loads(_run("json", batch, "--statistics"))
    assert sum(r["count"] for r in rows) == len(findings)
    assert rows[0]["count"] == max(r["count"] for r in rows)
    text = _run("text", batch, "--statistics")
    num002 = sum(1 for f in findings if f["code"] == "NUM002")
    assert re.search(rf"^\s*{num002}  NUM002  \[警告\]  numbering-style-mixed", text, re.M)


def test_output_format_from_config_and_cli_wins(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "selfeval-lint.toml").write_text('output-format = "pdf"\n', encoding="utf-8")
    assert run_cli("check", "r.txt", cwd=bad).returncode == 2
    (tmp_path / "selfeval-lint.toml").write_text('output-format = "concise"\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text((CORPUS / "yueyang-kjj-2023-dept-selfeval.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = run_cli("check", "r.txt", cwd=tmp_path).stdout.decode()
    assert out.startswith("r.txt:4:1: NUM002 [警告]")
    assert json.loads(run_cli("check", "r.txt", "--format", "json", cwd=tmp_path).stdout)["files"]
    assert json.loads(run_cli("check", "r.txt", "--output-format", "json", cwd=tmp_path).stdout)["files"]
