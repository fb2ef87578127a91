"""Text ingest: encodings, binary and empty input, titles, Markdown and tables, formats told by content."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest

from selfeval_lint.engine import Options, check_bytes, check_file
from selfeval_lint.ingest import build_document
from selfeval_lint.registry import resolve_selection
from selfeval_lint.rulesets import load_rules

REPORT = "2023年度岳阳市科学技术局部门整体支出\n绩效自评报告\n\n一、部门（单位）基本情况\n（一）主要职责\n负责全市科学技术进步工作。\n（二）内设机构\n内设科室11个。\n"
ALL = Options(selected=resolve_selection(None, None))
TEXT_RULES = Options(selected=resolve_selection(["NUM", "TXT"], None))


def doc_of(data: bytes, name: str = "r.txt"):
    return build_document(name, data, load_rules())


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (REPORT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + REPORT.encode("utf-8"), "utf-8-sig"),
        (REPORT.encode("gb18030"), "gb18030"),
        (REPORT.encode("utf-16"), "utf-16"),  # with BOM
        (codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"), "utf-16"),
    ],
)
def test_encodings_decode_to_the_same_document(encoded, encoding):
    doc = doc_of(encoded)
    assert doc.encoding == encoding
    assert doc.title == "2023年度岳阳市科学技术局部门整体支出绩效自评报告"
    assert [b.text for b in doc.blocks][2:4] == ["一、部门（单位）基本情况", "（一）主要职责"]
    assert check_bytes("r.txt", encoded, TEXT_RULES).findings == []


def test_gb18030_with_crlf_keeps_line_numbers():
    text = REPORT.replace("（二）内设机构", "（三）内设机构").replace("\n", "\r\n")
    findings = check_bytes("r.txt", text.encode("gb18030"), TEXT_RULES).findings
    assert [(f.code, f.location.line) for f in findings] == [("NUM001", 7)]


def test_title_year_and_agency():
    doc = doc_of(REPORT.encode())
    assert doc.title_blocks == (0, 1)
    assert (doc.year, doc.agency) == (2023, "岳阳市科学技术局")


def test_project_report_title_on_one_line():
    doc = doc_of("2023年度科技创新专项资金项目支出绩效自评报告\n一、项目基本情况\n".encode())
    assert doc.title == "2023年度科技创新专项资金项目支出绩效自评报告" and doc.year == 2023


def test_no_title_when_the_report_starts_with_a_heading():
    doc = doc_of("一、部门基本情况\n二、支出情况\n".encode())
    assert doc.title is None and doc.title_blocks == ()


def test_binary_file_is_a_par_finding():
    result = check_bytes("image.txt", bytes(range(256)) * 4, ALL)
    assert result.unreadable
    assert [(f.code, f.variant) for f in result.findings] == [("PAR002", "binary")]


def test_undecodable_bytes_without_nul():
    data = bytes([0x81, 0x30, 0xFF, 0xFE, 0x80]) * 200
    result = check_bytes("r.txt", data, ALL)
    assert result.unreadable and result.findings[0].code in ("PAR002", "PAR003")


def test_empty_file():
    result = check_bytes("r.txt", b"  \n\n", ALL)
    assert [(f.code, f.variant) for f in result.findings] == [("PAR005", "empty")]


def test_missing_file(tmp_path):
    result = check_file(str(tmp_path / "nope.txt"), ALL)
    assert [(f.code, f.variant) for f in result.findings] == [("PAR001", "missing")]


def test_too_large(tmp_path):
    result = check_bytes("big.txt", b"a" * 2048, Options(selected=ALL.selected, max_bytes=1024))
    assert [(f.code, f.variant) for f in result.findings] == [("PAR004", "too-large")]


def _zip(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buf.getvalue()


def test_formats_are_told_by_content_not_extension():
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("一、部门基本情况")
    document.save(buffer)
    result = check_bytes("report.txt", buffer.getvalue(), TEXT_RULES)
    assert result.format == "docx" and not result.unreadable
    broken_pdf = check_bytes("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", ALL)
    assert [(f.code, f.variant) for f in broken_pdf.findings] == [("PAR010", "corrupt")]


def test_legacy_word_needs_libreoffice_or_is_converted():
    from selfeval_lint.ingest.convert import soffice_path

    from .ole_fixtures import compound_file, word_fib

    result = check_bytes("report.doc", compound_file({"WordDocument": word_fib()}), ALL)
    expected = ("PAR010", "convert-failed") if soffice_path() else ("PAR002", "needs-soffice")
    assert [(f.code, f.variant) for f in result.findings] == [expected]


def test_a_broken_workbook_is_corrupt():
    result = check_bytes("report.xlsx", _zip({"xl/workbook.xml": "<workbook/>"}), ALL)
    assert [(f.code, f.variant) for f in result.findings] == [("PAR010", "corrupt")]


def test_encrypted_office_file():
    from .ole_fixtures import compound_file

    data = compound_file({"EncryptedPackage": b"\x00" * 64, "EncryptionInfo": b"\x04\x00\x04\x00"})
    assert [(f.code, f.variant) for f in check_bytes("r.docx", data, ALL).findings] == [("PAR007", "encrypted")]


def test_markdown_headings_and_tables():
    md = "# 2023年度某局部门整体支出绩效自评报告\n\n## 一、基本情况\n\n| 指标 | 分值 |\n|---|---|\n| 产出 | 50 |\n\n## 二、支出情况\n"
    doc = doc_of(md.encode(), "r.md")
    assert doc.format == "md"
    assert doc.title == "2023年度某局部门整体支出绩效自评报告"
    assert [b.kind.value for b in doc.blocks] == ["paragraph", "paragraph", "table", "paragraph"]
    assert doc.blocks[2].table.rows == (("指标", "分值"), ("产出", "50"))
    assert doc.blocks[1].position(0) == (3, 4, None)  # column after "## "


def test_tab_separated_rows_form_one_table():
    doc = doc_of("一、绩效指标\n一级指标\t二级指标\t分值\n产出指标\t数量指标\t50\n二、问题\n".encode())
    table = doc.blocks[1]
    assert table.kind.value == "table" and table.table.rows[1] == ("产出指标", "数量指标", "50")
    assert table.position(table.text.index("产出")) == (3, 1, None)


def test_a_file_over_its_time_limit_is_stopped(monkeypatch, tmp_path):
    import time as time_module

    from selfeval_lint import engine

    def slow(*args, **kwargs):
        time_module.sleep(5)

    monkeypatch.setattr(engine, "build_document", slow)
    path = tmp_path / "slow.txt"
    path.write_text("一、甲\n", encoding="utf-8")
    started = time_module.perf_counter()
    result = check_file(str(path), Options(selected=ALL.selected, timeout_seconds=0.5))
    assert time_module.perf_counter() - started < 3
    assert [(f.code, f.variant) for f in result.findings] == [("PAR006", "timeout")]


def test_a_reader_bug_is_a_par006_finding_not_a_traceback(monkeypatch):
    from selfeval_lint import engine

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(engine, "build_document", broken)
    result = check_bytes("r.txt", b"x", ALL)
    assert [(f.code, f.variant) for f in result.findings] == [("PAR006", "crash")]


def test_valid_utf8_with_a_stray_control_character_stays_utf8():
    doc = doc_of("〔2020〕\x82〔2020〕\n".encode("utf-8"))
    assert doc.encoding == "utf-8" and doc.blocks[0].text == "〔2020〕\x82〔2020〕"


def test_size_is_checked_before_the_file_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(64 * 2**20)  # sparse: 64 MB on paper, nothing on disk
    result = check_file(str(path), ALL)
    assert [(f.code, f.variant, f.args["size_mb"]) for f in result.findings] == [("PAR004", "too-large", 64.0)]


def test_form_feed_before_a_heading():
    findings = check_bytes("r.txt", "一、甲\n\f二、乙\n三、丙\n".encode(), TEXT_RULES).findings
    assert findings == []


def test_ingest_errors_pickle():
    import pickle

    from selfeval_lint.ingest import IngestError

    error = pickle.loads(pickle.dumps(IngestError("PAR004", "too-large", size_mb=1, limit_mb=2)))
    assert (error.code, error.variant, error.args_) == ("PAR004", "too-large", {"size_mb": 1, "limit_mb": 2})


def test_table_findings_name_their_cell_in_every_table_syntax():
    for name, text in [
        ("r.md", "# 一、情况\n\n| 指标 | 说明 |\n|---|---|\n| 产出 | XX万元 |\n"),
        ("r.txt", "一、情况\n指标\t说明\n产出\tXX万元\n"),
    ]:
        findings = check_bytes(name, text.encode(), Options(selected=resolve_selection(["TXT002"], None))).findings
        assert [f.location.table for f in findings] == [{"index": 1, "row": 2, "col": 2}], name


def test_a_tab_after_a_label_is_a_heading_not_a_table_row():
    doc = doc_of("一、\t部门基本情况\n三、\t支出情况\n".encode())
    assert [b.kind.value for b in doc.blocks] == ["paragraph", "paragraph"]
    findings = check_bytes("r.txt", "一、\t部门基本情况\n三、\t支出情况\n".encode(), TEXT_RULES).findings
    assert [(f.code, f.variant) for f in findings] == [("NUM001", "gap")]
