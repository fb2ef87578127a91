"""Word automatic numbering: number formats, counters shared per list, overrides, restarts, style links, suffixes."""

from __future__ import annotations

import pytest

from selfeval_lint.ingest.docx import read_docx
from selfeval_lint.ingest.wordnum import format_number

from .docx_fixtures import REPORT_LEVELS, abstract_num, docx_bytes, lvl, num, p, style, tbl, tc

VALUES = (1, 10, 11, 20, 21, 99, 100)


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        # Word renders 100 digit by digit in chineseCounting (○ is U+25CB), unlike chineseCountingThousand.
        ("chineseCounting", ["一", "十", "十一", "二十", "二十一", "九十九", "一○○"]),
        ("chineseCountingThousand", ["一", "十", "十一", "二十", "二十一", "九十九", "一百"]),
        ("taiwaneseCountingThousand", ["一", "十", "十一", "二十", "二十一", "九十九", "一百"]),
        ("chineseLegalSimplified", ["壹", "壹拾", "壹拾壹", "贰拾", "贰拾壹", "玖拾玖", "壹佰"]),
        ("ideographTraditional", ["甲", "癸", "11", "20", "21", "99", "100"]),
        ("decimalEnclosedCircle", ["①", "⑩", "⑪", "⑳", "21", "99", "100"]),
        ("decimalEnclosedCircleChinese", ["①", "⑩", "11", "20", "21", "99", "100"]),
        ("decimalFullWidth", ["１", "１０", "１１", "２０", "２１", "９９", "１００"]),
        ("decimal", ["1", "10", "11", "20", "21", "99", "100"]),
        ("decimalZero", ["01", "10", "11", "20", "21", "99", "100"]),
        ("upperLetter", ["A", "J", "K", "T", "U", "UUUU", "VVVV"]),
        ("lowerLetter", ["a", "j", "k", "t", "u", "uuuu", "vvvv"]),
        ("upperRoman", ["I", "X", "XI", "XX", "XXI", "XCIX", "C"]),
        ("lowerRoman", ["i", "x", "xi", "xx", "xxi", "xcix", "c"]),
        ("none", [""] * 7),
        ("someFutureFormat", ["1", "10", "11", "20", "21", "99", "100"]),
    ],
)
def test_number_formats(fmt, expected):
    assert [format_number(v, fmt) for v in VALUES] == expected


@pytest.mark.parametrize(
    ("value", "thousand", "legal"),
    [(101, "一百〇一", "壹佰零壹"), (110, "一百一十", "壹佰壹拾"), (1010, "一千〇一十", "壹仟零壹拾"), (12000, "一万二千", "壹万贰仟")],
)
def test_counting_thousand_zero_gaps(value, thousand, legal):
    assert format_number(value, "chineseCountingThousand") == thousand
    assert format_number(value, "chineseLegalSimplified") == legal


def labels_of(body: str, numbering: str, styles: str = "") -> list[str | None]:
    return [b.auto_label for b in read_docx(docx_bytes(body, numbering=numbering, styles=styles)) if b.kind == "paragraph"]


def texts_of(body: str, numbering: str, styles: str = "") -> list[str]:
    return [b.text for b in read_docx(docx_bytes(body, numbering=numbering, styles=styles))]


@pytest.mark.parametrize(
    "fmt",
    ["chineseCounting", "chineseCountingThousand", "taiwaneseCountingThousand", "chineseLegalSimplified",
     "ideographTraditional", "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "decimalFullWidth",
     "decimal", "decimalZero", "upperLetter", "lowerLetter", "upperRoman", "lowerRoman"],
)
def test_every_format_through_a_real_document(fmt):
    body = "".join(p(f"第{n}项", num=1, ilvl=0) for n in range(1, 22))
    got = labels_of(body, abstract_num(1, lvl(0, fmt, "%1")) + num(1, 1))
    assert got[:1] + got[9:11] + got[19:21] == [format_number(v, fmt) for v in (1, 10, 11, 20, 21)]


def test_bullets_show_the_symbol_and_none_shows_nothing():
    numbering = (
        abstract_num(1, lvl(0, "bullet", "\uf0b7"), lvl(1, "bullet", "●"), lvl(2, "none", "%3"))
        + num(1, 1)
    )
    body = p("要点", num=1, ilvl=0) + p("次要点", num=1, ilvl=1) + p("无编号", num=1, ilvl=2)
    assert texts_of(body, numbering) == ["• 要点", "● 次要点", "无编号"]
    assert labels_of(body, numbering) == ["•", "●", None]


def test_report_levels_and_restart_under_each_parent():
    body = (
        p("部门基本情况", num=1, ilvl=0) + p("主要职责", num=1, ilvl=1) + p("负责", num=1, ilvl=2)
        + p("组织", num=1, ilvl=2) + p("细项", num=1, ilvl=3) + p("内设机构", num=1, ilvl=1)
        + p("科室", num=1, ilvl=2) + p("支出情况", num=1, ilvl=0) + p("基本支出", num=1, ilvl=1)
    )
    assert texts_of(body, REPORT_LEVELS + num(1, 1)) == [
        "一、部门基本情况", "（一）主要职责", "1.负责", "2.组织", "（1）细项", "（二）内设机构", "1.科室",
        "二、支出情况", "（一）基本支出",
    ]


def test_ten_and_more_top_level_headings():
    body = "".join(p(f"标题{n}", num=1, ilvl=0) for n in range(1, 13))
    assert labels_of(body, REPORT_LEVELS + num(1, 1))[8:] == ["九、", "十、", "十一、", "十二、"]


def test_start_value():
    numbering = abstract_num(1, lvl(0, "chineseCounting", "%1、", start=3, suff="nothing")) + num(1, 1)
    assert labels_of(p("a", num=1, ilvl=0) + p("b", num=1, ilvl=0), numbering) == ["三、", "四、"]


def test_counters_are_shared_by_the_nums_of_one_abstract_num():
    numbering = REPORT_LEVELS + num(1, 1) + num(2, 1)
    body = p("a", num=1, ilvl=0) + p("b", num=1, ilvl=0) + p("c", num=2, ilvl=0) + p("d", num=1, ilvl=0)
    assert labels_of(body, numbering) == ["一、", "二、", "三、", "四、"]


def test_start_override_restarts_the_list_the_first_time_its_num_is_used():
    numbering = REPORT_LEVELS + num(1, 1) + num(2, 1, starts={0: 1}) + num(3, 1, starts={0: 5})
    body = (
        p("a", num=1, ilvl=0) + p("b", num=1, ilvl=0)
        + p("restart", num=2, ilvl=0) + p("again", num=2, ilvl=0)
        + p("back to num 1", num=1, ilvl=0)  # counters are the abstract's: it continues, it does not resume 3
        + p("from five", num=3, ilvl=0) + p("six", num=3, ilvl=0)
    )
    assert labels_of(body, numbering) == ["一、", "二、", "一、", "二、", "三、", "五、", "六、"]


def test_level_override_with_a_full_level_definition():
    numbering = REPORT_LEVELS + num(1, 1) + num(2, 1, starts={0: 1}, levels={0: lvl(0, "upperRoman", "%1.")})
    body = p("a", num=1, ilvl=0) + p("b", num=2, ilvl=0) + p("c", num=2, ilvl=0)
    assert labels_of(body, numbering) == ["一、", "I.", "II."]


def test_lvl_restart_never_and_only_after_the_top_level():
    numbering = abstract_num(
        1,
        lvl(0, "decimal", "%1."),
        lvl(1, "decimal", "%1.%2", restart=0),  # never restarts
        lvl(2, "lowerLetter", "%3)", restart=1),  # restarts after level 1 (ilvl 0) only, not after ilvl 1
    ) + num(1, 1)
    body = (
        p("a", num=1, ilvl=0) + p("b", num=1, ilvl=1) + p("c", num=1, ilvl=2) + p("d", num=1, ilvl=1)
        + p("e", num=1, ilvl=2) + p("f", num=1, ilvl=0) + p("g", num=1, ilvl=1) + p("h", num=1, ilvl=2)
    )
    assert labels_of(body, numbering) == ["1.", "1.1", "a)", "1.2", "b)", "2.", "2.3", "a)"]


def test_is_lgl_forces_decimal_for_every_substituted_level():
    numbering = abstract_num(
        1, lvl(0, "chineseCounting", "%1、"), lvl(1, "chineseCounting", "%1.%2", legal=True)
    ) + num(1, 1)
    body = p("a", num=1, ilvl=0) + p("b", num=1, ilvl=1) + p("c", num=1, ilvl=1)
    assert labels_of(body, numbering) == ["一、", "1.1", "1.2"]


def test_numbering_through_the_paragraph_style_chain():
    styles = (
        style("H1", "heading 1", num_id=1, ilvl=0, outline=0)
        + style("H2", "heading 2", based_on="H1", ilvl=1, outline=1)  # numId inherited from H1
        + style("H2x", "我的二级标题", based_on="H2")
    )
    body = p("部门基本情况", style="H1") + p("主要职责", style="H2") + p("内设机构", style="H2x") + p("支出", style="H1")
    blocks = read_docx(docx_bytes(body, numbering=REPORT_LEVELS + num(1, 1), styles=styles))
    assert [(b.text, b.heading_hint) for b in blocks] == [
        ("一、部门基本情况", 1), ("（一）主要职责", 2), ("（二）内设机构", 2), ("二、支出", 1),
    ]


def test_level_chosen_by_the_styles_named_in_the_list_definition():
    numbering = abstract_num(
        1, lvl(0, "chineseCounting", "%1、", pstyle="H1"), lvl(1, "chineseCounting", "（%2）", pstyle="H2")
    ) + num(1, 1)
    styles = style("H1", "heading 1", num_id=1, outline=0) + style("H2", "heading 2", num_id=1, outline=1)
    body = p("甲", style="H1") + p("乙", style="H2") + p("丙", style="H2")
    assert labels_of(body, numbering, styles) == ["一、", "（一）", "（二）"]


def test_num_id_zero_turns_the_styles_numbering_off():
    styles = style("H1", "heading 1", num_id=1, ilvl=0, outline=0)
    body = p("一", style="H1") + p("不编号", style="H1", num=0) + p("二", style="H1")
    assert labels_of(body, REPORT_LEVELS + num(1, 1), styles) == ["一、", None, "二、"]


def test_paragraph_ilvl_alone_applies_to_the_styles_list():
    styles = style("L", "list", num_id=1, ilvl=0)
    body = p("a", style="L") + p("b", style="L", ilvl=1)
    assert labels_of(body, REPORT_LEVELS + num(1, 1), styles) == ["一、", "（一）"]


def test_num_style_link_uses_the_list_styles_definition_and_counters():
    numbering = (
        abstract_num(1, lvl(0, "chineseCounting", "%1、", suff="nothing"), style_link="ReportList")
        + abstract_num(2, link="ReportList")
        + num(1, 1) + num(2, 2)
    )
    styles = style("ReportList", "Report List", num_id=1, kind="numbering")
    body = p("a", num=1, ilvl=0) + p("b", num=2, ilvl=0) + p("c", num=2, ilvl=0)
    assert texts_of(body, numbering, styles) == ["一、a", "二、b", "三、c"]


def test_single_level_lists_ignore_the_paragraph_level():
    numbering = abstract_num(1, lvl(0, "decimal", "%1、"), multi="singleLevel") + num(1, 1)
    assert labels_of(p("a", num=1, ilvl=0) + p("b", num=1, ilvl=3), numbering) == ["1、", "2、"]


def test_deeper_item_first_counts_the_unstarted_shallower_level_as_one():
    """Word (as Open-XML-PowerTools models it) and LibreOffice both: （一） then 二、, not 一、."""
    body = p("先出现的二级", num=1, ilvl=1) + p("第一个一级", num=1, ilvl=0)
    assert labels_of(body, REPORT_LEVELS + num(1, 1)) == ["（一）", "二、"]


def test_skipped_level_counts_as_used():
    numbering = abstract_num(1, lvl(0, text="%1."), lvl(1, text="%1.%2."), lvl(2, text="%1.%2.%3.")) + num(1, 1)
    body = p("a", num=1, ilvl=0) + p("b", num=1, ilvl=2) + p("c", num=1, ilvl=1)
    assert labels_of(body, numbering) == ["1.", "1.1.1.", "1.2."]


@pytest.mark.parametrize(
    ("suff", "text", "expected"),
    [
        (None, "%1.", "1. 加强管理"),  # tab (the default) → one space
        ("tab", "%1.", "1. 加强管理"),
        ("space", "%1.", "1. 加强管理"),
        ("nothing", "%1.", "1.加强管理"),
        ("tab", "%1、", "1、加强管理"),  # no space after a full-width label end
        ("space", "（%1）", "（1）加强管理"),
        ("tab", "%1. ", "1. 加强管理"),  # a space typed in lvlText is not doubled
    ],
)
def test_suffix_between_label_and_text(suff, text, expected):
    numbering = abstract_num(1, lvl(0, "decimal", text, suff=suff)) + num(1, 1)
    blocks = read_docx(docx_bytes(p("加强管理", num=1, ilvl=0), numbering=numbering))
    assert blocks[0].text == expected
    assert blocks[0].text.startswith(blocks[0].auto_label)


def test_numbering_in_table_cells_counts_in_the_same_list():
    body = (
        p("基本情况", num=1, ilvl=0)
        + tbl([tc(p("表内编号", num=1, ilvl=0)), tc("说明")], columns=2)
        + p("支出情况", num=1, ilvl=0)
    )
    blocks = read_docx(docx_bytes(body, numbering=REPORT_LEVELS + num(1, 1)))
    assert [b.text for b in blocks] == ["一、基本情况", "二、表内编号\t说明", "三、支出情况"]


def test_empty_numbered_paragraph_shows_its_label_and_counts():
    body = p("a", num=1, ilvl=0) + p(num=1, ilvl=0) + p("c", num=1, ilvl=0)
    assert texts_of(body, REPORT_LEVELS + num(1, 1)) == ["一、a", "二、", "三、c"]


def test_undefined_num_or_level_gives_no_label():
    numbering = abstract_num(1, lvl(0, "decimal", "%1.")) + num(1, 1)
    body = p("no such num", num=7, ilvl=0) + p("level 4 falls back to level 0", num=1, ilvl=4)
    assert labels_of(body, numbering) == [None, "1."]


def test_typed_labels_stay_in_the_text_without_auto_label():
    blocks = read_docx(docx_bytes(p("一、部门基本情况") + p("（一）主要职责")))
    assert [(b.text, b.auto_label) for b in blocks] == [("一、部门基本情况", None), ("（一）主要职责", None)]
