"""TAB020: a report and its self-evaluation table as two files of one folder, through the real command line."""

from __future__ import annotations

import sys

import pytest
from docx import Document

from .conftest import ROOT

sys.path.insert(0, str(ROOT))

from scripts import build_tables  # noqa: E402


def _folder(tmp_path, figures: str, title: str = build_tables.DEPT_TITLE, second: bool = False, rows=None):
    doc = Document()
    for paragraph in build_tables.narrative_paragraphs(figures)[:-1]:
        doc.add_paragraph(paragraph)
    doc.save(tmp_path / "报告.docx")
    saved, build_tables.TITLE = build_tables.TITLE, title
    try:
        build_tables.build_xlsx(rows or build_tables.DEPT_ROWS, tmp_path / "自评表.xlsx")
        if second:
            build_tables.build_xlsx(build_tables.DEPT_ROWS, tmp_path / "自评表（修订）.xlsx")
    finally:
        build_tables.TITLE = saved
    return tmp_path


AGREE = "全年执行数1,119.56万元，预算执行率98.00%"
DISAGREE = "全年执行数1,100.00万元，预算执行率96.29%"


def test_report_and_table_file_that_disagree(tmp_path, cli):
    out = cli("check", str(_folder(tmp_path, DISAGREE)), "--jobs", "1").stdout.decode()
    assert ": TAB020 [" in out and "自评表.xlsx 为98.00%" in out


def test_report_and_table_file_that_agree(tmp_path, cli):
    out = cli("check", str(_folder(tmp_path, AGREE)), "--jobs", "1").stdout.decode()
    assert ": TAB020 [" not in out


def test_another_agency_s_table_is_not_compared(tmp_path, cli):
    rows = [[c.replace("岳阳市科学技术局", "岳阳市财政局") for c in row] for row in build_tables.DEPT_ROWS]
    other = _folder(tmp_path, DISAGREE, title="2023年度岳阳市财政局部门整体支出绩效自评表", rows=rows)
    assert ": TAB020 [" not in cli("check", str(other), "--jobs", "1").stdout.decode()  # another agency's table


def test_two_candidate_tables_are_ambiguous(tmp_path, cli):
    assert ": TAB020 [" not in cli("check", str(_folder(tmp_path, DISAGREE, second=True)), "--jobs", "1").stdout.decode()


@pytest.mark.parametrize("ignored", ["TAB020", "TAB"])
def test_ignored(tmp_path, cli, ignored):
    assert ": TAB020 [" not in cli("check", str(_folder(tmp_path, DISAGREE)), "--ignore", ignored, "--jobs", "1").stdout.decode()
