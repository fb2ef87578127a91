"""PDF reader damage seen in real exports (class 5 of issue 9), rebuilt with reportlab: text off the page or white,
a text frame drawn on both sides of a page break, figures set a little below their line, brackets pushed down."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from selfeval_lint.ingest import build_document
from selfeval_lint.rulesets import load_rules

from .pdf_fixtures import LATIN, SONG, register_fonts

X, TOP = 72, 760


def _pdf(path, pages):
    """`pages`: per page a list of (x, y, text, font, colour) runs."""
    register_fonts()
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for runs in pages:
        for x, y, text, font, colour in runs:
            pdf.setFillColorRGB(*colour)
            pdf.setFont(font, 12)
            pdf.drawString(x, y, text)
        pdf.showPage()
    pdf.save()
    return "\n".join(b.text for b in build_document(str(path), path.read_bytes(), load_rules()).blocks)


BLACK, WHITE = (0, 0, 0), (1, 1, 1)


def _lines(lines, top=TOP, font=SONG, colour=BLACK):
    return [(X, top - 18 * n, line, font, colour) for n, line in enumerate(lines)]


def test_text_outside_the_page_and_white_text_are_not_read(tmp_path):
    body = _lines(["一、基本情况", "本部门负责全区财政工作。"])
    copy = _lines(["一、基本情况", "本部门负责全区财政工作。"], top=A4[1] + 300)  # above the page
    white = _lines(["隐藏的文字不应读出"], top=600, colour=WHITE)
    text = _pdf(tmp_path / "a.pdf", [body + copy + white])
    assert text.count("本部门负责全区财政工作。") == 1 and "隐藏" not in text


def test_a_frame_drawn_on_both_sides_of_a_page_break_is_read_once(tmp_path):
    first = ["一、主要职能", "1、贯彻执行国家和本市有关方针政策，并结合本区实际制订具体实施意见。",
             "2、负责本区工商业运行的监测分析，协调解决行业运行中的有关问题。"]
    second = first[1:] + ["3、完成区委、区政府交办的其他任务。"]
    text = _pdf(tmp_path / "b.pdf", [_lines(first), _lines(second)])
    assert text.count("2、负责本区工商业运行的监测分析") == 1 and "3、完成区委" in text


def test_figures_set_below_their_line_go_back_into_its_gaps(tmp_path):
    # As an ONLYOFFICE export sets them: Chinese text with gaps, the figures 0.4 em lower in a Latin font.
    gap = 48  # room left in the text line for each figure (7 Helvetica characters are 43 points wide)
    runs = [(X, TOP, "本年收入合计", SONG, BLACK), (X + 72 + gap, TOP, "万元，其中：财政拨款收入", SONG, BLACK),
            (X + 72, TOP - 6.0, "2946.25", LATIN, BLACK), (X + 72 + gap + 144 + gap, TOP, "万元。", SONG, BLACK),
            (X + 72 + gap + 144, TOP - 6.0, "2940.05", LATIN, BLACK)]
    text = _pdf(tmp_path / "c.pdf", [runs + _lines(["下一行的文字在正常的行距之下。"], top=TOP - 18)])
    assert "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元。" in text


def test_figures_on_a_line_of_their_own_stay_there(tmp_path):
    # A row of figures a normal line pitch below its labels is a line of its own, not text with gaps.
    runs = [(X, TOP, "收入合计", SONG, BLACK), (X + 150, TOP, "支出合计", SONG, BLACK),
            (X + 60, TOP - 16, "2946.25", LATIN, BLACK), (X + 210, TOP - 16, "2940.05", LATIN, BLACK)]
    text = _pdf(tmp_path / "d.pdf", [runs])
    assert text.splitlines() == ["收入合计支出合计", "2946.25 2940.05"]


def test_a_short_bracket_pushed_to_the_next_line_keeps_the_paragraph(tmp_path):
    # The line breaker keeps （境） whole: the line above ends three characters short of the right edge.
    lines = ["2024年三公经费支出决算数与上年持平。其中：因公出国", "（境）费支出决算持平；公务用车购置及运行维护费支出决算", "持平；公务接待费支出决算持平。"]
    text = _pdf(tmp_path / "e.pdf", [_lines(["一、情况说明", *lines])])
    assert "其中：因公出国（境）费支出决算持平" in text
