"""Every rule's documented examples hold: the invalid text raises the rule, the fixed text raises nothing."""

from __future__ import annotations

import pytest

from selfeval_lint.registry import all_rules

from .conftest import codes, lint

CHECKED = [r for r in all_rules() if r.check is not None]
EXAMPLES = [(r.code, n, ex) for r in CHECKED for n, ex in enumerate(r.examples)]


# Rules whose examples need a setting no shipped template has; each is tested on its own instead.
NEEDS_SETTINGS = {
    "SEC004": "a template with exact_titles: true (tests/test_sections.py)",
    "NUM008": "a .docx with automatic numbering (tests/test_word_reports.py)",
}


def test_every_checking_rule_has_an_example():
    assert [r.code for r in CHECKED if not r.examples and r.code not in NEEDS_SETTINGS] == []


def _lint_example(text: str, select: str | None = None) -> list:
    """Lint an example: text as a .txt file, or a layout example ("docx: field=value …", the FMT rules) as the
    .docx that tests/test_layout.py builds from that description (scripts/make_docx.Layout)."""
    if text.startswith("docx:"):
        from .test_layout import lint_docx, spec_docx

        return lint_docx(spec_docx(text), select=select or "ALL")
    return lint(text, select=select)


@pytest.mark.parametrize(("code", "n", "example"), EXAMPLES, ids=[f"{c}-{n}" for c, n, _ in EXAMPLES])
def test_invalid_example_raises_the_rule(code, n, example):
    assert code in codes(_lint_example(example.invalid))


@pytest.mark.parametrize(("code", "n", "example"), EXAMPLES, ids=[f"{c}-{n}" for c, n, _ in EXAMPLES])
def test_fixed_example_raises_nothing_of_its_family(code, n, example):
    """Short NUM/TXT examples are no whole reports (SEC would note missing sections); SEC examples are."""
    assert _lint_example(example.valid, select=code[:3]) == []


def test_every_rule_documents_what_why_and_fix_in_both_languages():
    for rule in all_rules():
        for text in (rule.summary, rule.what, rule.why, rule.fix):
            assert text.zh.strip() and text.en.strip(), rule.code
        for variant, message in rule.messages.items():
            assert message.zh.strip() and message.en.strip(), (rule.code, variant)
