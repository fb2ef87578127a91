"""The shape every rule keeps: a declared scope and preconditions the engine applies once, declared message
variants only, and analysis that computes facts, never verdicts."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from selfeval_lint import registry
from selfeval_lint.checks import Hit
from selfeval_lint.engine import Options, check_file
from selfeval_lint.registry import SHARED_MESSAGES, all_rules, get_rule, resolve_selection
from selfeval_lint.vocab import Need, Scope

from .conftest import CORPUS, ROOT, lint

ANALYSIS = ROOT / "src" / "selfeval_lint" / "analysis"
FIXTURES = ROOT / "tests" / "fixtures"
DOCUMENT_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".xlsx")

REPORT = (
    "2023年度某某局部门整体支出绩效自评报告\n一、部门（单位）基本情况\n负责全市科技工作。\n二、一般公共预算支出情况\n"
    "基本支出708.28万元。\n三、政府性基金预算支出情况\n无。\n四、国有资本经营预算支出情况\n无。\n五、社会保险基金预算支出情况\n无。\n"
    "六、部门整体支出绩效情况\n完成年度目标。\n七、存在的问题及原因分析\n预算绩效管理工作稍显薄弱。\n八、下一步改进措施\n细化预算编制。\n"
    "九、部门整体支出绩效自评结果拟应用和公开情况\n在官网公示。\n十、其他需要说明的情况\n无。\n"
)
NOT_FITTING = "2023年度某某局部门整体支出绩效自评报告\n一、工作开展情况\n完成年度目标。\n二、存在的困难\n人手不足。\n"


def test_every_rule_declares_its_scope_from_the_vocabulary():
    rules = all_rules()
    assert [r.code for r in rules if not r.scope] == []
    assert all(isinstance(s, Scope) for r in rules for s in r.scope)
    assert all(isinstance(n, Need) for r in rules for n in r.needs)


def test_a_scope_or_need_outside_the_vocabulary_is_refused():
    with pytest.raises(ValueError, match="'margins'"):
        replace(get_rule("SEC001"), scope=("margins",))
    with pytest.raises(ValueError, match="'a_pdf'"):
        replace(get_rule("SEC001"), needs=("a_pdf",))


def _swap(monkeypatch, code: str, **fields) -> None:
    monkeypatch.setitem(registry.REGISTRY, code, replace(get_rule(code), **fields))


def test_the_engine_drops_a_hit_outside_the_declared_scope(monkeypatch):
    def on_title_and_body(ctx):
        yield Hit(0, 0, 2, "placeholder", {"text": "标题"})  # the title line
        yield Hit(2, 0, 2, "placeholder", {"text": "正文"})  # a body paragraph

    _swap(monkeypatch, "TXT002", check=on_title_and_body, scope=(Scope.BODY,))
    assert [f.location.line for f in lint(REPORT, select="TXT002")] == [3]
    _swap(monkeypatch, "TXT002", check=on_title_and_body, scope=(Scope.TITLE, Scope.BODY))
    assert [f.location.line for f in lint(REPORT, select="TXT002")] == [1, 3]
    _swap(monkeypatch, "TXT002", check=on_title_and_body, scope=(Scope.DOCUMENT,))
    assert [f.location.line for f in lint(REPORT, select="TXT002")] == [1, 3]


def test_the_engine_asks_the_needs_once_and_calls_the_rule_only_when_they_hold(monkeypatch):
    from selfeval_lint.checks import base

    asked, called = [], []
    monkeypatch.setitem(base.NEED_TESTS, Need.TEMPLATE_FITS, lambda ctx: asked.append(1) or ctx.analysis.sections.fits)

    def counting(ctx):
        called.append(1)
        yield from ()

    _swap(monkeypatch, "SEC001", check=counting)
    lint(NOT_FITTING, select="SEC001")
    assert (len(asked), len(called)) == (1, 0)
    lint(REPORT, select="SEC001")
    assert (len(asked), len(called)) == (2, 1)
    # SEC007 has no such need: the outline that does not fit is its business.
    assert "SEC007" in {f.code for f in lint(NOT_FITTING, select="SEC")}


def test_section_rules_stay_quiet_when_the_outline_does_not_fit_their_template():
    assert {f.code for f in lint(NOT_FITTING, select="SEC")} == {"SEC007"}


def _documents() -> list[Path]:
    return sorted(
        [p for p in CORPUS.iterdir() if p.suffix in DOCUMENT_SUFFIXES] + [p for p in FIXTURES.rglob("*") if p.suffix in DOCUMENT_SUFFIXES]
    )


def test_every_variant_a_rule_emits_is_declared_in_its_messages():
    options = Options(selected=resolve_selection(None, None))
    emitted: dict[str, set[str]] = {}
    for path in _documents():
        for f in check_file(str(path), options).findings:
            emitted.setdefault(f.code, set()).add(f.variant)
    assert len(emitted) >= 30  # the corpus raises most families: the scan reads real findings
    undeclared = {
        code: variants - set(get_rule(code).messages) - set(SHARED_MESSAGES) for code, variants in emitted.items()
    }
    assert {code: v for code, v in undeclared.items() if v} == {}


def _names_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    names |= {a.name.split(".")[-1] for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    return names


@pytest.mark.parametrize("path", sorted(ANALYSIS.glob("*.py")), ids=lambda p: p.name)
def test_analysis_computes_facts_and_reads_the_settings_it_is_given(path):
    """No finding, hit or severity is made in analysis/ (the checks decide), and no rule data or template is
    loaded there (the engine hands them in)."""
    names = _names_in(path)
    assert not names & {"Finding", "Hit", "Severity"}, path.name
    assert not names & {"load_rules", "load_templates", "default_rules_dir", "with_user_wording", "with_user_words"}, path.name


def test_the_rule_page_shows_its_scope_and_needs():
    from .conftest import run_cli

    zh = run_cli("rule", "SEC004").stdout.decode("utf-8")
    assert "读取范围: 各级标题 (headings)" in zh and "(exact_titles, template_fits)" in zh
    en = run_cli("rule", "TXT006", "--lang", "en").stdout.decode("utf-8")
    assert "Reads: title, headings, body (title, headings, body)" in en
    assert "Applies when: spaces are as typed" in en
