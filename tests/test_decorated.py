"""Decorated headings (class 4 of issue 9): marks before a label, tabs or full-width spaces after it."""

from __future__ import annotations

from .conftest import lint


def _num(text: str) -> list[tuple[str, int, str]]:
    return [(f.code, f.location.line, f.variant) for f in lint(text, select="NUM")]


def test_marks_before_labels_keep_the_sequence():
    text = "▲一、基本情况\n负责全区工作。\n■二、支出情况\n（一）基本支出\n★（二）项目支出\n●三、绩效情况\n完成目标。\n"
    assert _num(text) == []


def test_a_gap_behind_a_mark_is_reported_at_the_label():
    text = "▲一、基本情况\n负责全区工作。\n▲三、绩效情况\n完成目标。\n"
    found = [f for f in lint(text, select="NUM001")]
    assert [(f.location.line, f.location.column, f.suggestion) for f in found] == [(3, 2, "二、")]


def test_tabs_and_full_width_spaces_after_labels():
    text = "一、\t基本情况\n负责全区工作。\n二、\u3000支出情况\n（一）\u3000基本支出\n（二）\t项目支出\n三、 绩效情况\n完成目标。\n"
    assert _num(text) == []


def test_bold_markdown_markers_before_a_label(tmp_path):
    text = "**一、基本情况**\n负责全区工作。\n**二、支出情况**\n支出708万元。\n**四、绩效情况**\n完成目标。\n"
    found = [(f.location.line, f.suggestion) for f in lint(text, select="NUM001", name="r.md")]
    assert found == [(5, "三、")]
