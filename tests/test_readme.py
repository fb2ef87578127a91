"""README.md tells the truth: its commands, its rule table and its sample output match the tool."""

from __future__ import annotations

import re

from selfeval_lint.registry import all_rules

from .conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command():
    commands = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line.startswith("python3 ")]
    assert commands and all(c in README for c in commands)


def test_every_rule_is_in_the_readme_table():
    for rule in all_rules():
        assert re.search(rf"^\| {rule.code} \| {rule.name} \| {rule.severity.value} \|", README, re.M), rule.code


def test_sample_summary_line_is_current():
    out = run_cli("check", "corpus/").stdout.decode().rstrip().splitlines()[-1]
    assert out in README
