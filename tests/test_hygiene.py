"""TXT rules on defects, on correct text, and on the traps of domain.md §6.
Plain cases (this text → this rule, or nothing) are in src/selfeval_lint/checks/cases/<CODE>.yaml."""

from __future__ import annotations

import pytest

from .conftest import lint

HEAD = "一、基本情况\n"


def found(text: str, code: str) -> list[tuple[int, int, str]]:
    """(line, column, matched text) of each finding of `code` in HEAD + text."""
    return [
        (f.location.line, f.location.column, f.args.get("text", f.args.get("char")))
        for f in lint(HEAD + text, code)
    ]


# TXT001 extraction-artifact


@pytest.mark.parametrize(
    "artifact",
    [
        "[bookmark: _GoBack]",
        "PAGEREF _Toc123456789 \\h",
        "错误！未找到引用源。",
        "Error! Reference source not found.",
        "![](media/image1.png)",
        "![]()",
        "<span style='color:red'>",
        "KSOProductBuildVer 2052-11.1.0.12358",
        "_Toc98765432",
    ],
)
def test_artifacts_are_found_with_their_span(artifact):
    findings = lint(HEAD + "我单位" + artifact + "开展了自评。\n", "TXT001")
    assert len(findings) == 1
    f = findings[0]
    assert (f.location.line, f.location.column) == (2, 4)
    assert artifact.startswith(f.args["text"][:6])


def test_markdown_image_with_a_target_is_content_in_markdown():
    findings = lint("# 一、基本情况\n\n![图1](media/image1.png)\n", "TXT001", name="report.md")
    assert findings == []


# TXT002 template-placeholder


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("20xx年度部门整体支出绩效自评报告。\n", "20xx"),
        ("XX局高度重视绩效自评工作。\n", "XX"),
        ("××单位成立了领导小组。\n", "××"),
        ("于X月X日完成自评。\n", "X月X日"),
        ("基本支出占 %。\n", "占 %"),
        ("（此处填写项目概况）\n", "（此处填写项目概况）"),
        ("（300字以内）\n", "（300字以内）"),
        ("项目资金共计________万元。\n", "________万元"),
    ],
)
def test_placeholders(text, hit):
    assert [t for _, _, t in found(text, "TXT002")] == [hit]


# TXT003 unbalanced-bracket


def test_closing_quote_without_opening():
    assert found("建立政策、项目、任务”，紧盯指标。\n", "TXT003") == [(2, 11, "”")]


def test_document_number_bracket_unclosed():
    assert found("依据岳财预〔20241号文件开展自评。\n", "TXT003") == [(2, 6, "〔")]


def test_opening_quote_without_closing():
    assert found("严格控制“三公经费支出。\n", "TXT003") == [(2, 5, "“")]


def test_crossed_brackets_report_the_inner_unclosed_one():
    assert found("详见《绩效评价办法（试行》。\n", "TXT003") == [(2, 10, "（")]


def test_quotation_over_several_paragraphs():
    text = "“第一段引文，\n“第二段引文，\n“末段引文。”\n"
    assert found(text, "TXT003") == []


def test_table_rows_are_checked_line_by_line():
    text = "指标\t（说明\t分值\n产出\t说明）\t50\n"
    assert [(line, t) for line, _, t in found(text, "TXT003")] == [(2, "（"), (3, "）")]


# TXT004 stacked-punctuation


@pytest.mark.parametrize(("text", "hit", "fix"), [("拟在官网公示。。\n", "。。", "。"), ("加强管理，，提高效益。\n", "，，", "，"), ("加强管理，。\n", "，。", "。")])
def test_stacked_punctuation(text, hit, fix):
    findings = lint(HEAD + text, "TXT004")
    assert [(f.args["text"], f.suggestion) for f in findings] == [(hit, fix)]


@pytest.mark.parametrize("text", ["采用 PPP）模式。\n", "采用PPP）模式。\n"])
def test_a_stray_closer_after_a_word_is_found_whatever_the_spacing(text):
    assert [t for _, _, t in found(text, "TXT003")] == ["）"]
