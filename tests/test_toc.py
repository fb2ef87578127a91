"""Tables of contents: never part of the outline (no restart, no section findings), and SEC008 where one disagrees with the body."""

from __future__ import annotations

from .conftest import lint

BODY = "第一部分 部门概况\n一、主要职能\n负责全区财政工作。\n第二部分 部门决算表\n见附表。\n第三部分 情况说明\n一、收入支出情况\n收支平衡。\n"
TITLE = "上海市某某局2024年度部门决算\n"


def _codes(text: str, select: str = "NUM,SEC008") -> list[tuple[str, int, str]]:
    return [(f.code, f.location.line, f.variant) for f in lint(text, select=select)]


def test_toc_without_page_numbers_is_not_the_outline():
    toc = "目录\n第一部分 部门概况\n一、主要职能\n第二部分 部门决算表\n第三部分 情况说明\n一、收入支出情况\n"
    assert _codes(TITLE + toc + BODY) == []


def test_toc_with_leaders_and_page_numbers_is_not_the_outline():
    toc = "目 录\n第一部分 部门概况……………1\n一、主要职能……………1\n第二部分 部门决算表………3\n第三部分 情况说明……5\n一、收入支出情况………5\n"
    assert _codes(TITLE + toc + BODY) == []


def test_toc_run_together_on_one_line_is_not_the_outline():
    toc = "目录 第一部分 部门概况……1 一、主要职能……1 第二部分 部门决算表……3 第三部分 情况说明……5\n"
    assert _codes(TITLE + toc + BODY) == []


def test_plain_lines_after_toc_title_that_never_come_back_are_not_a_toc():
    # 目录 followed by a short labelled list whose items never reappear: a real list, checked as such.
    text = TITLE + "目录\n一、主要职能\n三、机构设置\n本部门负责全区财政工作，具体如下。\n"
    assert ("NUM001", 4, "gap") in _codes(text, "NUM001")


def test_toc_lists_a_part_the_body_has_without_its_label():
    toc = "目录\n第一部分 部门概况\n第二部分 部门决算表\n第三部分 情况说明\n"
    body = BODY.replace("第二部分 部门决算表", "部门决算表")
    got = [(f.code, f.location.line, f.variant, f.args.get("body")) for f in lint(TITLE + toc + body, select="SEC008")]
    assert got == [("SEC008", 4, "unlabelled", "部门决算表")]


def test_toc_lists_a_part_the_body_lacks():
    toc = "目录\n第一部分 部门概况\n第二部分 部门决算表\n第三部分 情况说明\n第四部分 名词解释\n"
    assert _codes(TITLE + toc + BODY, "SEC008") == [("SEC008", 6, "missing")]


def test_toc_entry_retitled_in_the_body():
    toc = "目录\n第一部分 部门概况\n第二部分 三公经费说明\n第三部分 情况说明\n"
    assert _codes(TITLE + toc + BODY, "SEC008") == [("SEC008", 4, "retitled")]


def test_toc_entry_renumbered_in_the_body():
    toc = "目录\n第一部分 部门概况\n第二部分 情况说明\n第三部分 部门决算表\n"
    got = _codes(TITLE + toc + BODY, "SEC008")
    assert got == [("SEC008", 4, "relabelled"), ("SEC008", 5, "relabelled")]


def test_small_rewordings_and_lost_digits_are_the_same_heading():
    toc = "目录\n第一部分 部门概况\n第二部分 年度部门决算表\n第三部分 情况说明\n"
    body = BODY.replace("第二部分 部门决算表", "第二部分 2024年度部门决算表")
    assert _codes(TITLE + toc + body, "SEC008") == []


def test_body_that_does_not_number_headings_as_the_toc_is_not_checked():
    # The TOC numbers 一、二、三、, the body's headings carry no labels at all: nothing to compare.
    toc = "目录\n一、部门主要职能\n二、部门机构设置\n三、名词解释\n"
    body = "上海市某某局主要职能\n负责全区财政工作。\n机构设置\n内设科室5个。\n名词解释\n财政拨款收入。\n"
    assert _codes(TITLE + toc + body, "SEC008") == []


def test_word_toc_field_with_pageref_and_leaders_is_not_the_outline():
    """A real .docx: a TOC field whose entries are hyperlinks with PAGEREF page numbers after a tab leader."""
    from selfeval_lint.engine import Options, check_bytes
    from selfeval_lint.registry import resolve_selection

    from .docx_fixtures import docx_bytes, field, p

    def entry(text: str, page: int) -> str:
        return p(text, '<w:r><w:tab/></w:r>', field(f"PAGEREF _Toc{page} \\h", str(page)))

    toc = (
        p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', "目录")
        + entry("第一部分 部门概况", 1) + entry("一、主要职能", 1) + entry("第二部分 部门决算表", 3)
        + entry("第三部分 情况说明", 5) + p("一、收入支出情况", '<w:r><w:tab/></w:r>', field("PAGEREF _Toc9 \\h", "5"),
                                           '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    )
    body = "".join(p(line) for line in (TITLE + BODY).splitlines())
    body = body.replace(p(TITLE.strip()), p(TITLE.strip()) + toc, 1)
    result = check_bytes("r.docx", docx_bytes(body), Options(selected=resolve_selection(["NUM", "SEC008"], None)))
    assert [(f.code, f.excerpt) for f in result.findings] == []
