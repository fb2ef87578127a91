"""Write a report as .docx, its headings numbered by Word automatic Chinese numbering or with the labels typed.

    from scripts.make_docx import report_to_docx
    report_to_docx([(None, "2023年度…绩效自评报告"), (0, "部门基本情况"), (1, "主要职责"), (2, "负责…")], "r.docx")

Levels follow GB/T 9704: 0 一、 (chineseCounting "%1、"), 1 （一） (chineseCounting "（%2）"), 2 1. (decimal "%3."),
3 （1） (decimal "（%4）"), each with w:suff "nothing", so that the text Word displays is the label directly
followed by the heading, as when typed. Levels 0 and 1 use the Heading 1 / Heading 2 styles.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from selfeval_lint.numerals import int_to_cn

LIST_ID = 90  # abstractNumId and numId of the report's list (clear of the template's own lists)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）"))
_TYPED = (
    lambda n: f"{int_to_cn(n)}、",
    lambda n: f"（{int_to_cn(n)}）",
    lambda n: f"{n}.",
    lambda n: f"（{n}）",
)
_HEADING_STYLES = {0: "Heading 1", 1: "Heading 2"}


def _list_definition() -> tuple[object, object]:
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="nothing"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(_LEVELS)
    )
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{LIST_ID}"><w:multiLevelType w:val="multilevel"/>'
        f"{levels}</w:abstractNum>"
    )
    num = parse_xml(f'<w:num xmlns:w="{_W}" w:numId="{LIST_ID}"><w:abstractNumId w:val="{LIST_ID}"/></w:num>')
    return abstract, num


def typed_labels(levels: Sequence[int | None]) -> list[str | None]:
    """The label Word displays for each item (None: body text), counted the way Word counts a multilevel list.

    An item restarts every deeper level; a shallower level that has not started counts as 1.
    """
    counters = [0] * len(_LEVELS)
    labels: list[str | None] = []
    for level in levels:
        if level is None:
            labels.append(None)
            continue
        counters[level] += 1
        counters[:level] = [c or 1 for c in counters[:level]]
        counters[level + 1 :] = [0] * (len(_LEVELS) - level - 1)
        labels.append(_TYPED[level](counters[level]))
    return labels


def build_report(lines: Sequence[tuple[int | None, str]], automatic: bool = True) -> DocumentObject:
    """The python-docx Document of the report (see report_to_docx)."""
    document = Document()
    if automatic:
        numbering = document.part.numbering_part.element
        abstract, num = _list_definition()
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(num)
    for (level, text), label in zip(lines, typed_labels([level for level, _ in lines])):
        if level is not None and not 0 <= level < len(_LEVELS):
            raise ValueError(f"level {level} is not one of 0–{len(_LEVELS) - 1}")
        paragraph = document.add_paragraph(style=_HEADING_STYLES.get(level))
        if level is None or not automatic:
            paragraph.add_run((label or "") + text)
            continue
        paragraph.add_run(text)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # python-docx keeps the schema order
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = LIST_ID
    return document


def report_to_docx(lines: Sequence[tuple[int | None, str]], path: str | Path, automatic: bool = True) -> Path:
    """Write the report `lines` — (level or None for body text, text without its label) — to `path`.

    automatic=True: the labels come from Word automatic numbering (numbering.xml), not typed in the text;
    automatic=False: the same labels typed at the start of each paragraph, no numbering.
    """
    path = Path(path)
    build_report(lines, automatic).save(str(path))
    return path
