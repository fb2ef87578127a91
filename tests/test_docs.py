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


def test_the_guides_rule_example_is_the_real_rule():
    """docs/architecture.md shows TXT010 and an excerpt of its case file: both must be what the code holds."""
    import yaml

    guide = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = guide.split("# an excerpt of checks/cases/TXT010.yaml", 1)[1].split("\n", 1)[1].split("```", 1)[0]
    shown = yaml.safe_load(block)
    real = yaml.safe_load((ROOT / "src/selfeval_lint/checks/cases/TXT010.yaml").read_text(encoding="utf-8"))
    assert shown["rule"] == "TXT010" and all(case in real["cases"] for case in shown["cases"])
    source = (ROOT / "src/selfeval_lint/checks/residue.py").read_text(encoding="utf-8")
    assert 'yield Hit(block.index, m.start(), m.end(), "option", {"text": m.group(0)})' in source
    assert 'name="option-unselected"' in source
