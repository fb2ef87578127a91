"""TXT005–TXT009 and WRD001–WRD002: each on its defect, on correct text that looks like it, and on Word input.
Plain cases (this text → this rule, or nothing) are in src/selfeval_lint/checks/cases/<CODE>.yaml."""

from __future__ import annotations

import io

import pytest

from selfeval_lint.engine import Options, check_bytes
from selfeval_lint.registry import resolve_selection

from .conftest import lint


def found(text: str, code: str) -> list[tuple[str, str | None]]:
    """(excerpt-free) the spans a rule flags in `text` under a heading, with its suggestion."""
    findings = lint("一、基本情况\n" + text + "\n", code)
    lines = ("一、基本情况\n" + text).split("\n")
    out = []
    for f in findings:
        line = lines[f.location.line - 1]
        out.append((line[f.location.column - 1 : f.location.end_column - 1], f.suggestion))
    return out


@pytest.mark.parametrize(
    "text, expected",
    [
        ("归口管理全市引进国(境)外智力工作。", [("(境)", "（境）")]),
        ("基本支出708.28万元,其中人员经费500.00万元。", [(",", "，")]),
        ("主要职责:负责全市科技工作。", [(":", "：")]),
        ('开展"双随机、一公开"检查。', [('"双随机、一公开"', "“双随机、一公开”")]),
        ("是否达到预期?", [("?", "？")]),
    ],
)
def test_halfwidth_punctuation_in_chinese_prose(text, expected):
    assert found(text, "TXT005") == expected


def test_halfwidth_punctuation_leaves_tables_of_figures_alone():
    text = "一、基本情况\n项目\t预算数(万元)\t执行数\n合计\t1,234.56\t1,200.00\n"
    assert lint(text, "TXT005") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("局机关内设科室 11 个，下属单位2个。", [(" 11 ", "室11个")]),
        ("我局 认真落实各项工作。", [(" ", "局认")]),
        ("执行率达到98.5%，较上年 提高。", [(" ", "年提")]),
    ],
)
def test_stray_space(text, expected):
    assert found(text, "TXT006") == expected


def test_stray_space_is_not_judged_in_pdf_text():
    """A PDF's spaces are its extractor's: the rule reads .txt and .docx only."""
    from .pdf_fixtures import Para, build_report

    data = build_report([Para("一、基本情况"), Para("局机关内设科室 11 个，下属单位2个。")]).data
    selected = resolve_selection(["TXT006"], None)
    assert check_bytes("a.pdf", data, Options(selected=selected)).findings == []


def test_stray_space_in_word():
    import docx

    document = docx.Document()
    document.add_paragraph("一、基本情况")
    document.add_paragraph("局机关内设科室 11 个，下属单位2个。")
    buffer = io.BytesIO()
    document.save(buffer)
    findings = check_bytes("a.docx", buffer.getvalue(), Options(selected=resolve_selection(["TXT006"], None))).findings
    assert [(f.code, f.suggestion) for f in findings] == [("TXT006", "室11个")]


def test_comma_between_titles_and_quotes():
    assert found("被《科技日报》、《光明日报》等报道，开展“双随机”、“一公开”检查。", "TXT007") == [("、", ""), ("、", "")]


def test_range_hyphen():
    assert found("1-11月累计执行率为86.52%，2023-2025年完成目标。", "TXT008") == [
        ("1-11", "1—11"), ("2023-2025", "2023—2025")
    ]


def test_doubled_word():
    assert found("本年度支出比上年增加增加12.50万元，的的确确完成。", "TXT009") == [("增加", "")]
    assert found("建立了的的制度。", "TXT009") == [("的", "")]


def test_misused_words_with_their_contexts():
    text = "截止2023年12月31日，帐户余额为12万元；做为试点，按排专人负责。"
    assert found(text, "WRD001") == [("截止", "截至"), ("帐", "账"), ("做为", "作为"), ("按排", "安排")]


def test_term_written_two_ways():
    assert found("“三公”经费支出3.50万元，三公经费比上年下降。", "WRD002") == [("三公经费", "“三公”经费")]
    assert found("三公经费支出3.50万元。", "WRD002") == []  # one way throughout: consistent
    assert found("公共财政预算支出100万元。", "WRD002") == [("公共财政预算", "一般公共预算")]  # renamed in 2014


def test_rate_per_ten_thousand_characters_in_json_and_text():
    import json

    from .conftest import run_cli

    result = run_cli("check", "--format", "json", "-", stdin="一、基本情况\n局机关内设科室 11 个。\n".encode())
    report = json.loads(result.stdout)
    entry = report["files"][0]
    chars = entry["summary"]["chars"]
    assert chars == len("一、基本情况局机关内设科室11个。")
    assert entry["summary"]["per_10k_chars"]["all"] == round(len(entry["findings"]) * 10_000 / chars, 2)
    text = run_cli("check", "-", stdin="一、基本情况\n局机关内设科室 11 个。\n".encode()).stdout.decode()
    assert f"每万字 {report['summary']['per_10k_chars']:g} 处" in text


def test_a_bureaus_own_word_list_in_rule_dirs(tmp_path):
    """wording.yaml in a rule-dirs folder adds misused words and term groups; a broken one is exit 2."""
    from .conftest import run_cli

    (tmp_path / "ours").mkdir()
    (tmp_path / "ours" / "wording.yaml").write_text(
        "misused:\n  - {wrong: 帐务, right: 账务, source: 本局公文用语规范}\n"
        "terms:\n  - {canonical: 绩效自评, variants: [绩效自我评价]}\n",
        encoding="utf-8",
    )
    (tmp_path / "selfeval-lint.toml").write_text('rule-dirs = ["ours"]\nselect = ["WRD"]\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("一、基本情况\n开展绩效自评，绩效自我评价结果良好。\n", encoding="utf-8")
    out = run_cli("check", str(report), "--format", "json", fresh=True)
    import json

    found = [(f["code"], f["suggestion"]) for f in json.loads(out.stdout)["files"][0]["findings"]]
    assert found == [("WRD002", "绩效自评")]
    (tmp_path / "ours" / "wording.yaml").write_text("misused:\n  - {wrong: 帐务}\n", encoding="utf-8")
    broken = run_cli("check", str(report), fresh=True)
    assert broken.returncode == 2 and b"wording.yaml" in broken.stderr
