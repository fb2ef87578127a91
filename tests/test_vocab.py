"""The label-style vocabulary is one source: rules/numbering.yaml, its schema and every renderer agree with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from selfeval_lint.labels import parse_label, render_label
from selfeval_lint.rulesets import load_rules
from selfeval_lint.vocab import STYLES, Shape, split_style

from .conftest import lint

RULES = Path(__file__).resolve().parents[1] / "rules"


def test_schema_style_enum_is_the_vocabulary():
    schema = json.loads((RULES / "schema" / "numbering.schema.json").read_text(encoding="utf-8"))
    assert tuple(schema["$defs"]["style"]["enum"]) == STYLES
    assert set(schema["properties"]["part_styles"]["items"]["enum"]) == {"part", "chapter", "section"}


def _styles_named_in_rules() -> set[str]:
    data = yaml.safe_load((RULES / "numbering.yaml").read_text(encoding="utf-8"))
    return {*data["levels"], *data["equivalent"], *data["equivalent"].values()}


def test_every_style_named_in_rules_is_in_the_vocabulary():
    assert _styles_named_in_rules() <= set(STYLES)
    assert load_rules().numbering["levels"]  # and the shipped data loads


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("value", [1, 2, 9, 10, 11, 20])
def test_every_style_renders_and_reads_back(style, value):
    text = render_label(style, value)
    label = parse_label(text + "基本情况")
    assert label is not None and label.text.strip() == text
    assert label.value == value
    family, shape = split_style(style)
    assert label.family == family.value
    assert label.shape == shape.value


def test_unknown_style_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown label style 'circled'"):
        render_label("circled", 1)


def test_labels_only_produce_known_styles():
    samples = "一、 一． （一） (一) 1. 1、 1． （1） (1) 1） ① ⑴ ⒈ 第一部分 第1部分 第一章 第二节 第三篇".split()
    for sample in samples:
        label = parse_label(sample + "基本情况")
        assert label is not None and label.style in STYLES, sample
    assert {s.value for s in Shape} == {split_style(s)[1].value for s in STYLES}


def test_five_levels_deep_every_rule_renders_its_suggestion():
    """Level 5 (circled, ①) through NUM001–NUM007: the suggestions are rendered, nothing crashes."""
    text = (
        "一、基本情况\n（一）主要职责\n1.职责一\n（1）内容\n①第一项\n②第二项\n④第四项\n"
        "（2）内容\n一、重复上级样式的下级\n二、又一项\n二、支出情况\n"
    )
    findings = lint(text)
    assert "PAR006" not in {f.code for f in findings}
    gap = [f for f in findings if f.code == "NUM001" and f.excerpt.startswith("④")]
    assert gap and gap[0].suggestion == "③"
    reused = [(f.location.line, f.suggestion) for f in findings if f.code == "NUM007"]
    assert reused == [(9, "①"), (10, "②")]  # level 5: GB/T 9704's circled style
