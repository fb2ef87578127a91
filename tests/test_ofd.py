"""OFD (GB/T 33190) documents read as the PDF reader reads a page: the reference report typeset as OFD gives
the same paragraphs and findings as its text; tables from ruled lines; damaged packages get PAR findings."""

from __future__ import annotations

import io
import re
import zipfile

from selfeval_lint.engine import Options, check_bytes
from selfeval_lint.ingest.ofd import read_ofd
from selfeval_lint.model import BlockKind
from selfeval_lint.registry import resolve_selection

from .docx_fixtures import rewrite_zip
from .ofd_fixtures import ofd_from_text
from .report_fixtures import REFERENCE

OPTIONS = Options(selected=resolve_selection(None, None))
TABLE_REPORT = (
    "2023年度某县农业农村局部门整体支出绩效自评报告\n"
    "一、部门基本情况\n"
    "本局内设科室5个，2023年末在职人员32人，负责全县农业农村工作，统筹推进乡村振兴各项任务落实。\n"
    "二、支出情况\n"
    "项目\t预算数\t执行数\t执行率\n"
    "基本支出\t520.00\t518.40\t99.69%\n"
    "项目支出\t300.00\t288.00\t96.00%\n"
    "三、存在的问题\n"
    "无。\n"
)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_reference_report_reads_as_its_text():
    text = REFERENCE.read_text(encoding="utf-8")
    for per_char in (False, True):
        blocks = read_ofd(ofd_from_text(text, per_char=per_char))
        assert [squeeze(b.text) for b in blocks] == [squeeze(line) for line in text.splitlines() if line.strip()]
        assert blocks[-1].segments[0].page > 1  # several pages, page numbers at their feet dropped


def test_same_findings_as_the_text():
    text = REFERENCE.read_text(encoding="utf-8")
    as_text = check_bytes("report.txt", text.encode("utf-8"), OPTIONS)
    as_ofd = check_bytes("report.ofd", ofd_from_text(text), OPTIONS)
    assert as_ofd.format == "ofd" and not as_ofd.unreadable
    assert as_ofd.title == as_text.title and as_ofd.template == as_text.template
    assert [(f.code, squeeze(f.excerpt)) for f in as_ofd.findings] == [(f.code, squeeze(f.excerpt)) for f in as_text.findings]
    assert all(f.location.page for f in as_ofd.findings)


def test_ruled_table_is_a_table():
    blocks = read_ofd(ofd_from_text(TABLE_REPORT))
    (table,) = [b for b in blocks if b.kind is BlockKind.TABLE]
    assert table.table.rows == (("项目", "预算数", "执行数", "执行率"), ("基本支出", "520.00", "518.40", "99.69%"),
                                ("项目支出", "300.00", "288.00", "96.00%"))
    result = check_bytes("t.ofd", ofd_from_text(TABLE_REPORT), OPTIONS)
    assert not result.unreadable


def test_damaged_or_unsafe_packages_get_par_findings():
    good = ofd_from_text(TABLE_REPORT)
    cases = {
        "missing part": rewrite_zip(good, {"Doc_0/Document.xml": None}),
        "not xml": rewrite_zip(good, {"Doc_0/Pages/Page_0/Content.xml": b"<ofd:Page"}),
        "entities": rewrite_zip(good, {"OFD.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'}),
    }
    for name, data in cases.items():
        result = check_bytes("r.ofd", data, OPTIONS)
        assert result.unreadable and result.findings[0].code == "PAR010", name
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("OFD.xml", good and zipfile.ZipFile(io.BytesIO(good)).read("OFD.xml"))
        zf.writestr("Doc_0/Document.xml", b'<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages/></ofd:Document>')
    empty = check_bytes("r.ofd", buffer.getvalue(), OPTIONS)
    assert empty.unreadable and empty.findings[0].code in ("PAR005", "PAR008")


def test_correct_reports_stay_as_clean_as_their_text():
    from .conftest import ROOT

    for path in sorted((ROOT / "tests" / "fixtures" / "correct").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        as_text = check_bytes("r.txt", text.encode("utf-8"), OPTIONS)
        as_ofd = check_bytes("r.ofd", ofd_from_text(text), OPTIONS)
        assert as_ofd.title == as_text.title, path.name  # titles wrapped over two lines are joined back
        assert [f.code for f in as_ofd.findings] == [f.code for f in as_text.findings], path.name


def test_a_title_wrapped_right_after_a_keyword_is_joined():
    text = "2023年度城区老旧小区改造项目支出绩效评价\n报告\n一、基本情况\n（一）项目概况\n本项目改造小区12个。\n"
    result = check_bytes("r.txt", text.encode("utf-8"), OPTIONS)
    assert result.title == "2023年度城区老旧小区改造项目支出绩效评价报告"
    assert result.template == "national-project-evaluation"
    single = check_bytes("r.txt", "2023年度某局部门整体支出绩效自评报告\n一、基本情况\n".encode("utf-8"), OPTIONS)
    assert single.title == "2023年度某局部门整体支出绩效自评报告"
