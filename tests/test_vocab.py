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


# The other vocabularies (vocab.py) against the schemas and data that name them.


def _schema(name: str) -> dict:
    return json.loads((RULES / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))


def test_statement_cue_kinds_are_one_vocabulary():
    from selfeval_lint.vocab import CueKind

    cues = _schema("statements")["properties"]["cues"]
    kinds = [k.value for k in CueKind]
    assert cues["required"] == kinds and cues["propertyNames"]["enum"] == kinds
    assert list(load_rules().statements["cues"]) == kinds


def test_the_statement_code_names_only_kinds_of_the_vocabulary():
    """Every cue kind or completion base the statement code spells as a string is one vocab.py declares."""
    import ast
    import re

    from selfeval_lint.vocab import CompletionBase, CueKind

    known = {k.value for k in CueKind} | {b.value for b in CompletionBase}
    src = Path(__file__).resolve().parents[1] / "src" / "selfeval_lint"
    spelled = {
        node.value
        for path in [src / "analysis" / "statements.py", src / "analysis" / "changes.py", src / "checks" / "changes.py"]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"[A-Z][A-Z_]{2,}", node.value)
    }
    assert len(spelled) >= 10 and spelled <= known


def test_completion_bases_and_relations_are_one_vocabulary():
    from selfeval_lint.vocab import CompletionBase, Relation

    props = _schema("statements")["properties"]
    assert props["completion_bases"]["additionalProperties"]["enum"] == [b.value for b in CompletionBase]
    assert props["comparison"]["properties"]["relations"]["additionalProperties"]["enum"] == [r.value for r in Relation]
    data = load_rules().statements
    assert set(data["completion_bases"].values()) <= {b.value for b in CompletionBase}
    assert set(data["comparison"]["relations"].values()) <= {r.value for r in Relation}


def test_severities_and_block_kinds_come_from_vocab():
    from selfeval_lint import model, vocab

    assert model.Severity is vocab.Severity and model.BlockKind is vocab.BlockKind
    assert [s.value for s in vocab.Severity] == ["info", "warning", "error"]
    assert [s.rank for s in vocab.Severity] == [1, 2, 3]


def test_the_configuration_schema_names_the_severities():
    from selfeval_lint.config import SCHEMA
    from selfeval_lint.vocab import Severity

    props = SCHEMA["properties"]
    assert set(props["severity"]["additionalProperties"]["enum"]) == {s.value for s in Severity}
    assert set(props["fail-on"]["enum"]) == {s.value for s in Severity} | {"never"}


def test_location_fields_are_one_vocabulary():
    from dataclasses import fields

    from selfeval_lint.model import Location
    from selfeval_lint.vocab import LOCATION_FIELDS

    assert tuple(f.name for f in fields(Location)) == LOCATION_FIELDS
    assert tuple(Location().as_dict()) == LOCATION_FIELDS
