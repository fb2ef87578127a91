"""Every rule's cases (src/selfeval_lint/checks/cases/<CODE>.yaml) through the real pipeline: invalid cases raise
the rule (with the expected findings), valid and trap cases raise nothing of it; every rule has a case file."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from selfeval_lint.checks.cases import CASES_DIR, case_codes, load_cases
from selfeval_lint.engine import Options, check_bytes, check_file
from selfeval_lint.model import Finding
from selfeval_lint.registry import all_rules, render, resolve_selection

from . import case_builders
from .conftest import ROOT, run_cli

SCHEMA = ROOT / "rules" / "schema" / "cases.schema.json"
CODES = [r.code for r in all_rules()]
CASES = [(code, case) for code in case_codes() if code in CODES for case in load_cases(code)["cases"]]
ALL = Options(selected=resolve_selection(None, None))


def _options(config: dict[str, Any], directory: Path) -> Options:
    """Options as the command line or selfeval-lint.toml would set them from the case's `config`."""
    options = ALL
    if "select" in config or "ignore" in config:
        options = replace(options, selected=resolve_selection(config.get("select"), config.get("ignore")))
    if "template" in config:
        options = replace(options, template=config["template"])
    if "templates" in config:  # inline user templates: id → YAML text, written to a template folder
        folder = directory / "templates"
        folder.mkdir()
        for name, text in config["templates"].items():
            (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        options = replace(options, template_dirs=(str(folder),))
    for key in ("max_bytes", "timeout_seconds"):
        if key in config:
            options = replace(options, **{key: config[key]})
    return options


def _as_dict(f: Finding) -> dict[str, Any]:
    loc = f.location
    return {"code": f.code, "variant": f.variant, "line": loc.line, "column": loc.column, "page": loc.page,
            "paragraph": loc.paragraph, "suggestion": f.suggestion, "message": render(f)}


def _cli_findings(path: Path, config: dict[str, Any]) -> list[dict[str, Any]]:
    """Findings of every file the command line checks under `path` (folders, bundles, the cross-file pass)."""
    args = ["check", str(path), "--format", "json", "--no-cache", "--jobs", "1"]
    for key in ("select", "ignore"):
        if key in config:
            args += [f"--{key}", ",".join(config[key])]
    report = json.loads(run_cli(*args).stdout)
    return [{"code": f["code"], "variant": None, **f["location"], "suggestion": f["suggestion"], "message": f["message"]}
            for entry in report["files"] for f in entry["findings"]]


def run_case(case: dict[str, Any], directory: Path) -> list[dict[str, Any]]:
    """The findings of all rules for the case's input, built in its format."""
    config = case.get("config", {})
    options = _options(config, directory)
    text = case.get("text", "")
    fmt = case.get("format", "txt")
    if fmt == "txt":
        return [_as_dict(f) for f in check_bytes(case.get("file", "report.txt"), text.encode("utf-8"), options).findings]
    if fmt in ("docx", "pdf"):
        data = case_builders.docx_from_text(text) if fmt == "docx" else case_builders.pdf_from_text(text)
        return [_as_dict(f) for f in check_bytes(f"report.{fmt}", data, options).findings]
    path = case_builders.BUILDERS[case["builder"]](text, directory)
    if case.get("cli"):
        return _cli_findings(path, config)
    return [_as_dict(f) for f in check_file(str(path), options).findings]


def _matches(expected: dict[str, Any], found: dict[str, Any]) -> bool:
    return all(expected[k] in found[k] if k == "message" else found.get(k) == expected[k] for k in expected)


@pytest.mark.parametrize(("code", "case"), CASES, ids=[f"{code}::{case['name']}" for code, case in CASES])
def test_rule_case(code, case, tmp_path):
    findings = run_case(case, tmp_path)
    mine = [f for f in findings if f["code"] == code]
    shown = [(f["code"], f["variant"], f["line"], f["message"]) for f in findings]
    if case["kind"] == "invalid":
        assert mine, f"{code} not raised; found {shown}"
        for expected in case.get("expect", []):
            assert any(_matches(expected, f) for f in mine), f"no {code} finding like {expected}; found {shown}"
        if "count" in case:
            assert len(mine) == case["count"], shown
    else:
        assert mine == [], f"{case['kind']} case raised {shown}"
    if case.get("only"):
        assert [f for f in findings if f["code"] != code] == [], f"other rules raised {shown}"


def test_every_registered_rule_has_a_case_file_and_every_case_file_a_rule():
    assert [code for code in CODES if not (CASES_DIR / f"{code}.yaml").is_file()] == []
    assert [code for code in case_codes() if code not in CODES] == []


def test_every_rule_has_an_invalid_case_and_a_valid_or_trap_case():
    for code in CODES:
        kinds = {case["kind"] for case in load_cases(code)["cases"]}
        assert "invalid" in kinds and kinds & {"valid", "trap"}, code


def test_every_case_file_fits_the_schema_and_names_its_rule():
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], path.name
        assert data["rule"] == path.stem, path.name
        names = [case["name"] for case in data["cases"]]
        assert len(names) == len(set(names)), f"{path.name}: case names repeat"
        for case in data["cases"]:
            assert ("builder" in case) == (case.get("format") == "build"), (path.name, case["name"])
            assert case.get("builder") is None or case["builder"] in case_builders.BUILDERS, (path.name, case["name"])
            assert case["kind"] == "invalid" or "expect" not in case, (path.name, case["name"])


def test_documented_examples_pair_up_and_are_what_rule_shows(cli):
    for rule in all_rules():
        documented = [c for c in load_cases(rule.code)["cases"] if c.get("doc")]
        assert [e.invalid for e in rule.examples] == [c["text"] for c in documented if c["kind"] == "invalid"]
        assert [e.valid for e in rule.examples] == [c["text"] for c in documented if c["kind"] != "invalid"]
    shown = cli("rule", "NUM001").stdout.decode()
    assert load_cases("NUM001")["cases"][0]["text"].rstrip("\n") in shown


def test_every_rule_documents_what_why_and_fix_in_both_languages():
    for rule in all_rules():
        for text in (rule.summary, rule.what, rule.why, rule.fix):
            assert text.zh.strip() and text.en.strip(), rule.code
        for variant, message in rule.messages.items():
            assert message.zh.strip() and message.en.strip(), (rule.code, variant)
