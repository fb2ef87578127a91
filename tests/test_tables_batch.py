"""TAB020: a report and its self-evaluation table as two files of one folder, through the real command line."""

from __future__ import annotations

import json
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


def test_a_streamed_report_gets_its_tab020_as_an_addendum_once_its_folder_is_complete(tmp_path):
    """Streamed output: every result passes at once; once every file of a folder has come, a report whose table
    is another file of that folder gets its TAB020 findings as an Addendum (a file of another folder in between)."""
    from selfeval_lint.batch_tables import released
    from selfeval_lint.engine import Options, check_file
    from selfeval_lint.model import Addendum
    from selfeval_lint.registry import resolve_selection

    (tmp_path / "a").mkdir()
    folder = _folder(tmp_path / "a", DISAGREE)
    other = tmp_path / "b"
    other.mkdir()
    (other / "说明.txt").write_text("一、基本情况\n二、绩效目标\n四、其他\n", encoding="utf-8")
    paths = [str(folder / "报告.docx"), str(other / "说明.txt"), str(folder / "自评表.xlsx")]
    options = Options(selected=resolve_selection(None, None))
    results = [check_file(p, options) for p in paths]
    assert results[0].table_summary.mentions and not results[2].table_summary.mentions
    streamed = list(released(iter([(0, results[0]), (1, results[1]), (2, results[2])]), paths))
    assert [i for i, _ in streamed] == [0, 1, 2, 0]  # nothing waits; the report's TAB020 follows its folder's table
    assert all(not isinstance(r, Addendum) for _, r in streamed[:3]) and streamed[0][1] is results[0]
    assert not any(f.code == "TAB020" for f in results[0].findings)
    addendum = streamed[-1][1]
    assert isinstance(addendum, Addendum) and addendum.result.path == paths[0]
    assert [f.code for f in addendum.result.findings] == ["TAB020"]


def test_text_streams_the_report_and_adds_tab020_before_the_summary(tmp_path, cli):
    """The report's own findings come in input order; its TAB020 finding comes after every file, before the
    summary line, and the summary counts it once."""
    folder = _folder(tmp_path, DISAGREE)
    (folder / "说明.txt").write_text("一、基本情况\n内容。\n三、其他\n内容。\n", encoding="utf-8")  # listed last
    out = cli("check", str(folder), "--jobs", "1").stdout.decode()
    lines = out.rstrip("\n").splitlines()
    import re

    headers = [line for line in lines if re.search(r": [A-Z]{3}\d{3} \[", line)]
    assert [": TAB020 [" in h for h in headers].count(True) == 1 and ": TAB020 [" in headers[-1]  # the last one
    last_file = [n for n, h in enumerate(headers) if "说明.txt" in h.split(": ")[0]]
    assert last_file and last_file[-1] < len(headers) - 1  # after the findings of the folder's last file too
    assert lines[-1].startswith("共检查 3 个文件")
    json_out = json.loads(cli("check", str(tmp_path), "--jobs", "1", "--format", "json").stdout)
    counts = json_out["summary"]
    assert f"错误 {counts['errors']} 个，警告 {counts['warnings']} 个，提示 {counts['infos']} 个" in lines[-1]
