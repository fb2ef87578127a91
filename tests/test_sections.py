"""Sections against templates: the reference report matches its template; variants raise the right SEC finding."""

from __future__ import annotations

import json

import pytest

from selfeval_lint.engine import Options, check_bytes
from selfeval_lint.registry import resolve_selection

from .conftest import CORPUS, run_cli

REFERENCE = (CORPUS / "yueyang-kjj-2023-dept-selfeval.txt").read_text(encoding="utf-8")
FIXED = (CORPUS / "yueyang-kjj-2023-dept-selfeval.fixed.txt").read_text(encoding="utf-8")

PROJECT = """2023年度科技创新专项资金项目支出绩效自评报告
一、项目基本情况
项目资金500万元。
二、项目资金使用及管理情况
资金全部到位。
三、项目组织实施情况
按计划实施。
四、项目绩效情况
完成全部绩效目标。
五、存在的问题及原因分析
部分项目进度偏慢。
六、下一步改进措施
加强项目管理。
七、绩效自评结果拟应用和公开情况
在官网公开。
八、其他需要说明的情况
无。
"""


def sec(text: str, **options) -> list[tuple[str, str, int, str | None]]:
    result = check_bytes("r.txt", text.encode("utf-8"), Options(selected=resolve_selection(["SEC"], None), **options))
    return [(f.code, f.variant, f.location.line, f.args.get("title")) for f in result.findings]


def facts(text: str, tmp_path, *args: str) -> dict:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return json.loads(run_cli("extract", str(path), *args).stdout)


def test_reference_report_matches_its_template_completely(tmp_path):
    extracted = facts(REFERENCE, tmp_path)
    assert extracted["template"] == {"id": "hunan-dept-selfeval", "name": "湖南省部门整体支出绩效自评报告", "recognised": True}
    sections = extracted["sections"]
    assert [s["match"] for s in sections if len(s["path"]) == 1] == ["exact"] * 10
    assert {s["section"]: s["match"] for s in sections if len(s["path"]) == 2} == {
        "主要职责": "exact", "内设机构": "exact", "基本支出情况": "exact", "项目支出情况": "exact",
    }
    assert sec(REFERENCE) == []
    assert sec(FIXED) == []


def renumber(text: str, removed: str) -> str:
    """Delete the top-level section titled `removed` with its body and renumber the rest."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.endswith(removed))
    end = next(i for i in range(start + 1, len(lines)) if lines[i][:2] in ("八、", "九、", "十、", "8、"))
    lines[start:end] = []
    mapping = {"8、": "七、", "九、": "八、", "十、": "九、"}
    return "\n".join(mapping[line[:2]] + line[2:] if line[:2] in mapping else line for line in lines)


def test_deleted_section_is_missing_by_name():
    text = renumber(FIXED, "存在的问题及原因分析")
    # reported at the heading that now stands where the section belongs
    assert sec(text) == [("SEC001", "missing", 47, "存在的问题及原因分析")]


def test_missing_child_section():
    text = FIXED.replace("（二）内设机构\n", "")
    assert [(c, v, t) for c, v, _, t in sec(text)] == [("SEC001", "missing-child", "内设机构")]


def test_swapped_sections_are_out_of_order():
    lines = FIXED.split("\n")
    seven = next(i for i, l in enumerate(lines) if l.startswith("七、"))
    eight = next(i for i, l in enumerate(lines) if l.startswith("八、"))
    nine = next(i for i, l in enumerate(lines) if l.startswith("九、"))
    problems, measures = lines[seven:eight], lines[eight:nine]
    measures[0], problems[0] = "七、" + measures[0][2:], "八、" + problems[0][2:]
    swapped = "\n".join(lines[:seven] + measures + problems + lines[nine:])
    assert [(c, v) for c, v, _, _ in sec(swapped)] == [("SEC002", "order")]


def test_alias_is_accepted():
    assert sec(FIXED.replace("（一）主要职责", "（一）部门职能职责")) == []
    assert sec(FIXED.replace("七、存在的问题及原因分析", "七、存在问题及原因")) == []
    assert sec(FIXED.replace("八、下一步改进措施", "八、下一步措施")) == []
    assert sec(FIXED.replace("六、部门整体支出绩效情况", "六、整体支出绩效情况")) == []


def test_problems_answered_none():
    text = FIXED.replace("（一）预算绩效管理工作稍显薄弱", "暂无。\n（一）预算绩效管理工作稍显薄弱")
    start = text.index("七、")
    body_end = text.index("八、")
    text = text[: start] + "七、存在的问题及原因分析\n暂无。\n" + text[body_end:]
    assert [(c, v) for c, v, _, _ in sec(text)] == [("SEC003", "none")]


def test_none_allowed_where_the_template_says_so():
    assert "三、政府性基金预算支出情况\n无。" in FIXED and sec(FIXED) == []


def test_empty_section():
    text = FIXED.replace("部门整体支出绩效自评结果拟在岳阳市科技局单位官方网站上公示。\n", "")
    assert [(c, v) for c, v, _, _ in sec(text)] == [("SEC003", "empty")]


def test_dropped_characters_suggest_the_title():
    result = check_bytes(
        "r.txt", FIXED.replace("三、政府性基金预算支出情况", "三、政府性基金算支出情况").encode(), Options(selected=resolve_selection(["SEC"], None))
    )
    assert [(f.code, f.suggestion) for f in result.findings] == [("SEC006", "政府性基金预算支出情况")]


def test_duplicate_section():
    text = FIXED.replace("十、其他需要说明的情况", "十、存在的问题\n另有问题。\n十一、其他需要说明的情况")
    assert [(c, v) for c, v, _, _ in sec(text)] == [("SEC005", "duplicate")]


def test_project_report_against_the_project_template(tmp_path):
    assert facts(PROJECT, tmp_path)["template"]["id"] == "hunan-project-selfeval"
    assert sec(PROJECT) == []
    without = PROJECT.replace("三、项目组织实施情况\n按计划实施。\n", "")
    assert [(c, t) for c, _, _, t in sec(without)] == [("SEC001", "项目组织实施情况")]


def test_template_option_overrides_detection():
    missing = [title for code, _, _, title in sec(PROJECT, template="hunan-dept-selfeval") if code == "SEC001"]
    assert missing == ["主要职责", "内设机构", "一般公共预算支出情况", "政府性基金预算支出情况",
                       "国有资本经营预算支出情况", "社会保险基金预算支出情况", "部门整体支出绩效情况"]


def test_unrecognised_report_uses_the_fallback_and_says_so(tmp_path):
    text = "某某局工作情况\n一、基本情况\n负责科技工作。\n二、存在的问题及原因分析\n问题较多。\n三、下一步改进措施\n加强管理。\n"
    assert sec(text) == [("SEC007", "fallback", 1, None)]
    assert facts(text, tmp_path)["template"] == {"id": "generic", "name": "通用绩效自评报告", "recognised": False}


def test_exact_titles_template_notes_aliases(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "strict.yaml").write_text(
        "id: strict-dept\nname: 严格模板\ndetect:\n  title_any: [部门整体支出]\n  priority: 50\nexact_titles: true\nordered: true\n"
        "sections:\n  - title: 部门（单位）基本情况\n    aliases: [部门基本情况]\n  - title: 存在的问题及原因分析\n",
        encoding="utf-8",
    )
    text = "2023年度某局部门整体支出绩效自评报告\n一、部门基本情况\n内容。\n二、存在的主要问题及原因分析\n内容。\n"
    findings = check_bytes("r.txt", text.encode(), Options(selected=resolve_selection(["SEC"], None), template_dirs=(str(rules),))).findings
    assert [(f.code, f.variant, f.suggestion) for f in findings] == [
        ("SEC004", "alias", "部门（单位）基本情况"),
        ("SEC004", "similar", "存在的问题及原因分析"),
    ]


@pytest.mark.parametrize("title", ["部门整体支出绩效评价报告", "机关整体支出绩效评价报告", "整体支出绩效自评报告"])
def test_department_titles(title, tmp_path):
    assert facts(f"2023年度某局{title}\n一、基本情况\n", tmp_path)["template"]["id"] == "hunan-dept-selfeval"


@pytest.mark.parametrize("title", ["项目支出绩效自评报告", "项目支出绩效单位自评报告", "专项资金绩效自评报告"])
def test_project_titles(title, tmp_path):
    """The way units title their project reports on government sites (a 红河州 one: 项目支出绩效单位自评报告)."""
    assert facts(f"某中心2024年度{title}\n一、基本情况\n", tmp_path)["template"]["id"] == "hunan-project-selfeval"


def test_national_evaluation_title(tmp_path):
    assert facts("某某项目支出绩效评价报告\n一、基本情况\n", tmp_path)["template"]["id"] == "national-project-evaluation"


def test_a_stand_alone_self_evaluation_table_has_no_sections_to_check(tmp_path):
    text = "2023年度科技创新专项资金项目支出绩效自评表\n项目名称\t科技创新专项资金\n年度资金总额\t500.00\n"
    assert facts(text, tmp_path)["template"]["id"] == "selfeval-table"
    assert sec(text) == []


def test_heading_joined_with_its_one_line_answer_has_a_body():
    """PDF paragraph joining can glue a heading and a short answer into one block."""
    text = FIXED.replace("九、部门整体支出绩效自评结果拟应用和公开情况\n", "九、部门整体支出绩效自评结果拟应用和公开情况")
    assert sec(text) == []


def test_the_similarity_bound_never_drops_a_similar_pair():
    """A heading and a section name that `could_be_similar` rules out are never similar (its bound is exact)."""
    from selfeval_lint.analysis.sections import SIMILAR, could_be_similar, normalise, similarity
    from selfeval_lint.analysis.segment import segmenter
    from selfeval_lint.rulesets import load_rules
    from selfeval_lint.templates import load_templates

    seg = segmenter(load_rules())
    names = {normalise(n) for t in load_templates(()) for s in t.sections for c in (s, *s.children) for n in c.names}
    lines = [normalise(line) for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    headings = {line for line in lines if 0 < len(line) <= 30} | {n[:-1] for n in names} | {n + "情况" for n in names}
    checked = similar = 0
    for heading in sorted(headings):
        for name in sorted(names):
            score = similarity(heading, name, seg)
            similar += score >= SIMILAR
            assert could_be_similar(heading, name, seg) or score < SIMILAR, (heading, name, score)
            checked += 1
    assert checked > 10_000 and similar > 100  # the pairs do include similar ones
