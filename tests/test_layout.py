"""FMT rules on real .docx files built with python-docx: 公文 layout clean, defects found once per group, traps."""

from __future__ import annotations

import dataclasses
import io
import sys
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from selfeval_lint.engine import Options, check_bytes
from selfeval_lint.ingest import build_document
from selfeval_lint.model import Finding
from selfeval_lint.registry import render, resolve_selection
from selfeval_lint.rulesets import load_rules

from .conftest import CORPUS, ROOT

sys.path.insert(0, str(ROOT))
from scripts.make_docx import Layout, build_report, layout_from_spec  # noqa: E402

REALDOCS = Path("/work/shared/realdocs")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# A short 湖南 department report (its title chooses hunan-dept-selfeval, whose profile is gongwen).
REPORT = [
    (None, "2023年度某县科学技术局部门整体支出"),
    (None, "绩效自评报告"),
    (0, "部门（单位）基本情况"),
    (1, "主要职责"),
    (None, "负责全县科学技术进步的宏观管理和统筹协调，贯彻执行国家、省科技法律法规和方针政策，拟订全县科技发展规划。"),
    (1, "内设机构"),
    (None, "本局内设办公室、政策法规股、计划财务股三个股室，下属事业单位一个，年末在职人员二十一人。"),
    (0, "一般公共预算支出情况"),
    (1, "基本支出"),
    (None, "基本支出主要用于保障机构正常运转，完成日常工作任务所需的人员经费和日常公用经费支出。"),
    (2, "人员经费"),
    (None, "人员经费用于在职人员工资福利、社会保障缴费及离退休人员的各项费用，全年按时足额发放。"),
    (1, "项目支出"),
    (None, "项目支出主要用于科技创新专项、科普宣传和科技特派员服务等项目，全年按计划实施完成。"),
    (None, "某县科学技术局"),
    (None, "2024年3月1日"),
]


def docx_bytes(layout: Layout | None = Layout(), lines=REPORT, edit=None) -> bytes:
    """The report as a .docx with `layout`; `edit(document)` changes it further before saving."""
    document = build_report(lines, automatic=True, layout=layout)
    if edit is not None:
        edit(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def spec_docx(spec: str) -> bytes:
    """The .docx a rule example describes ("docx: body_font=宋体"): the report above in that layout."""
    return docx_bytes(layout_from_spec(spec))


def lint_docx(data: bytes, select: str = "FMT", name: str = "report.docx", template: str = "auto") -> list[Finding]:
    result = check_bytes(name, data, Options(selected=resolve_selection(select.split(","), None), template=template))
    return result.findings


def test_gongwen_report_is_clean():
    assert lint_docx(docx_bytes()) == []


def test_the_report_chooses_a_template_with_the_gongwen_profile():
    result = check_bytes("r.docx", docx_bytes(None), Options(selected=resolve_selection(["FMT"], None)))
    assert result.template == "hunan-dept-selfeval"
    assert {f.code for f in result.findings} >= {"FMT001", "FMT002", "FMT003", "FMT005", "FMT006", "FMT007"}


def test_wrong_fonts_and_margins_are_flagged_once_per_group():
    layout = dataclasses.replace(Layout(), level2_font="宋体", margins_mm=(25.4, 25.4, 31.8, 31.8))
    findings = lint_docx(docx_bytes(layout))
    assert sorted(f.code for f in findings) == ["FMT001", "FMT003"]
    font = next(f for f in findings if f.code == "FMT003")
    assert font.args["count"] == 4 and font.args["font"] == "宋体"
    assert font.location.paragraph == 4  # anchored on the first level-2 heading
    text = render(font)
    assert "4 个二级标题段落" in text and "：第 4、6、9、13 段" in text and "楷体" in text
    assert "4 level-2 heading paragraph(s) use “宋体”" in render(font, "en") and "paragraphs 4, 6, 9, 13" in render(font, "en")


def test_no_fmt_for_templates_without_a_profile_nor_for_text():
    assert lint_docx(docx_bytes(None), template="generic") == []
    text = "\n".join(t for _, t in REPORT)
    assert check_bytes("r.txt", text.encode(), Options(selected=resolve_selection(["FMT"], None))).findings == []


def test_theme_font_resolves_to_the_theme_east_asian_font():
    data = docx_bytes(dataclasses.replace(Layout(), theme_fonts=True))
    doc = build_document("r.docx", data, load_rules())
    body = doc.layout.paragraphs[4]
    assert body.font == "仿宋_GB2312"
    assert lint_docx(data) == []
    wrong = docx_bytes(dataclasses.replace(Layout(), theme_fonts=True, body_font="宋体"))
    found = lint_docx(wrong)  # body text and the level-3 heading, both in Normal: one finding per role
    assert [(f.code, f.args["role"]["en"], f.args["font"]) for f in found] == [
        ("FMT003", "body", "宋体"), ("FMT003", "level-3 heading", "宋体")]


def test_style_inheritance_through_based_on_and_defaults():
    """A custom style based on Heading 2 inherits its font; document defaults supply what no style sets."""

    def edit(document):
        styles = document.styles
        custom = styles.add_style("Report H2", 1)
        custom.base_style = styles["Heading 2"]
        for p in document.paragraphs:
            if p.style.name == "Heading 2":
                p.style = custom

    data = docx_bytes(edit=edit)
    doc = build_document("r.docx", data, load_rules())
    assert doc.layout.paragraphs[3].font == "楷体_GB2312"
    assert lint_docx(data) == []


def test_wps_font_names_count_as_equivalent():
    layout = dataclasses.replace(Layout(), title_font="方正小标宋_GBK", body_font="FangSong", level1_font="SimHei", level2_font="KaiTi")
    assert lint_docx(docx_bytes(layout)) == []


def test_direct_formatting_overrides_the_style():
    """One level-1 heading set in 宋体 by direct formatting, its style saying 黑体: that one is found."""

    def edit(document):
        heading = next(p for p in document.paragraphs if p.text.endswith("一般公共预算支出情况"))
        for run in heading.runs:
            run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")

    findings = lint_docx(docx_bytes(edit=edit))
    assert [(f.code, f.location.paragraph, f.args["count"]) for f in findings] == [("FMT003", 8, 1)]


def test_direct_formatting_can_also_fix_a_wrong_style():
    def edit(document):
        for p in document.paragraphs:
            if p.style.name == "Heading 2":
                for run in p.runs:
                    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "楷体")

    assert lint_docx(docx_bytes(dataclasses.replace(Layout(), level2_font="宋体"), edit=edit)) == []


def test_document_grid_single_spacing_and_typed_indent_are_accepted():
    """公文 templates often use single spacing on a 28.95 pt document grid and indent with two full-width spaces."""

    def edit(document):
        sect = document.sections[0]._sectPr
        for grid in sect.findall(qn("w:docGrid")):
            sect.remove(grid)
        sect.append(parse_xml(f'<w:docGrid xmlns:w="{W}" w:type="lines" w:linePitch="579"/>'))
        for p in document.paragraphs:
            if p.style.name == "Normal" and len(p.text) > 30:
                ind = p._p.get_or_add_pPr().get_or_add_ind()  # no indent of its own: firstLineChars too
                ind.set(qn("w:firstLineChars"), "0")
                ind.set(qn("w:firstLine"), "0")
                p.runs[0].text = "\u3000\u3000" + p.runs[0].text

    layout = dataclasses.replace(Layout(), line_pt=None)
    assert lint_docx(docx_bytes(layout, edit=edit)) == []
    assert {f.code for f in lint_docx(docx_bytes(layout))} == {"FMT005"}


def test_short_centred_and_signature_lines_need_no_indent():
    def edit(document):
        for p in document.paragraphs[-2:]:
            p.paragraph_format.first_line_indent = Pt(0)
            p.alignment = 2  # right

    assert lint_docx(docx_bytes(edit=edit)) == []


def test_bold_body_and_missing_page_numbers():
    findings = lint_docx(docx_bytes(dataclasses.replace(Layout(), body_bold=True, page_numbers=False)))
    codes = sorted(f.code for f in findings)
    assert codes == ["FMT002", "FMT004"]
    bold = next(f for f in findings if f.code == "FMT004")
    assert bold.args["count"] == 7  # the seven body paragraphs; the level-3 heading may be bold
    assert "正文" in render(bold)


def test_sizes_are_named_in_hao():
    findings = lint_docx(docx_bytes(dataclasses.replace(Layout(), title_size=18)))
    assert [render(f) for f in findings] == ["2 个标题段落字号为小二，应为二号：第 1、2 段"]


def test_reference_corpus_docx_is_clean_of_fmt():
    data = (CORPUS / "yueyang-kjj-2023-dept-selfeval.auto.docx").read_bytes()
    assert lint_docx(data) == []


@pytest.mark.skipif(not (REALDOCS / "numbering" / "hsz-qingshibaogao.docx").exists(), reason="realdocs absent")
def test_real_gongwen_docx_reads_as_gongwen():
    """A real 请示 in 公文 layout: A4 37/35/28/26 mm, 方正小标宋简体 二号, single spacing on a 28.95 pt grid."""
    data = (REALDOCS / "numbering" / "hsz-qingshibaogao.docx").read_bytes()
    doc = build_document("r.docx", data, load_rules())
    section = doc.layout.sections[0]
    assert (section.width_mm, section.height_mm, section.top_mm, section.bottom_mm, section.left_mm, section.right_mm) == (210, 297, 37, 35, 28, 26)
    assert section.page_number
    para = doc.layout.paragraphs[0]
    assert (para.font, para.size_pt, para.grid_pt) == ("方正小标宋简体", 22, 28.95)
    assert [f.code for f in lint_docx(data, select="FMT001,FMT002,FMT005", template="hunan-dept-selfeval")] == []


CORRECT = ROOT / "tests" / "fixtures" / "correct"
GONGWEN_FIXTURES = ["01_hunan_dept_full.txt", "02_hunan_project.txt", "11_hunan_project_multi.txt", "15_hunan_old_outline.txt"]


@pytest.mark.parametrize("name", GONGWEN_FIXTURES)
def test_correct_fixtures_in_gongwen_layout_are_clean_of_fmt(name):
    from scripts.build_corpus import report_lines

    lines = report_lines((CORRECT / name).read_text(encoding="utf-8"))
    result = check_bytes(name.replace(".txt", ".docx"), docx_bytes(lines=lines), Options(selected=resolve_selection(["FMT"], None)))
    assert result.template in ("hunan-dept-selfeval", "hunan-project-selfeval")
    assert [render(f) for f in result.findings] == []


def _own_template(tmp_path: Path, layout_line: str) -> Path:
    """A copy of hunan-dept-selfeval under another id, with its layout key replaced."""
    from selfeval_lint.rulesets import default_rules_dir

    text = (default_rules_dir() / "templates" / "hunan-dept-selfeval.yaml").read_text(encoding="utf-8")
    text = text.replace("id: hunan-dept-selfeval", "id: my-dept").replace("layout: gongwen", layout_line)
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "my-dept.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_template_without_profile_turns_fmt_off(tmp_path):
    folder = _own_template(tmp_path, "layout: null")
    options = Options(selected=resolve_selection(["FMT"], None), template="my-dept", template_dirs=(str(folder),))
    assert check_bytes("r.docx", docx_bytes(None), options).findings == []


def test_an_unknown_profile_is_a_rule_set_error(tmp_path):
    from selfeval_lint.rulesets import RuleSetError
    from selfeval_lint.templates import load_templates

    folder = _own_template(tmp_path, "layout: no-such-profile")
    with pytest.raises(RuleSetError, match="no-such-profile"):
        load_templates((str(folder),))


def test_a_page_number_in_the_header_counts():
    def edit(document):
        section = document.sections[0]
        footer = section.footer._element
        for p in list(footer):
            footer.remove(p)
        footer.append(parse_xml(f'<w:p xmlns:w="{W}"/>'))
        header = section.header.paragraphs[0]
        header._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W}" w:instr=" PAGE \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))

    assert lint_docx(docx_bytes(edit=edit)) == []
    no_page = dataclasses.replace(Layout(), page_numbers=False)
    assert [f.code for f in lint_docx(docx_bytes(no_page))] == ["FMT002"]


def test_numpages_alone_is_no_page_number():
    def edit(document):
        footer = document.sections[0].footer.paragraphs[0]
        footer._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W}" w:instr=" NUMPAGES "><w:r><w:t>9</w:t></w:r></w:fldSimple>'))

    assert [f.code for f in lint_docx(docx_bytes(dataclasses.replace(Layout(), page_numbers=False), edit=edit))] == ["FMT002"]
