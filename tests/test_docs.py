"""docs/rules/ is generated from the rule declarations; a stale page fails the suite."""

from __future__ import annotations

from selfeval_lint.docs import generated_docs

from .conftest import ROOT


def test_generated_rule_docs_are_current():
    directory = ROOT / "docs" / "rules"
    pages = generated_docs()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in directory.glob("*.md")}
    stale = sorted(name for name in pages.keys() | on_disk.keys() if pages.get(name) != on_disk.get(name))
    assert stale == [], "run: python -m selfeval_lint.docs docs/rules"
