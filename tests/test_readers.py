"""The readers' registry: every consumer reads it, and a new format is one module and one registration."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import zipfile

import pytest

from selfeval_lint.discover import discover, reason_text, skip_reason
from selfeval_lint.engine import Options, check_file
from selfeval_lint.extract import extract_facts
from selfeval_lint.formats_list import markdown_table, text_table, upload_suffixes
from selfeval_lint.ingest import build_document, content_format, sniff_path
from selfeval_lint.ingest.formats import MAGIC_OLE
from selfeval_lint.ingest.readers import (
    LOCATION_FIELDS,
    PRODUCTS,
    Magic,
    Read,
    Reader,
    Source,
    all_readers,
    registered,
    resolve,
)
from selfeval_lint.model import Location
from selfeval_lint.registry import REGISTRY, T, all_rules
from selfeval_lint.rulesets import load_rules
from selfeval_lint.selection import default_include

from .conftest import ROOT, run_cli

REFERENCE = ROOT / "corpus" / "yueyang-kjj-2023-dept-selfeval.txt"
TOY_MAGIC = b"%TOYDOC-1\n"


def _read_toy(src: Source) -> Read:
    """A toy format: a header line, then UTF-8 text (lines counted from the one after the header)."""
    from selfeval_lint.ingest.text import text_blocks

    return Read(text_blocks(src.data[len(TOY_MAGIC):].decode("utf-8")))


TOY = Reader(
    "toy", T("玩具格式", "toy format"), (".toy",),
    magic=Magic(T("以 %TOYDOC-1 开头", "starts with %TOYDOC-1"), prefixes=(TOY_MAGIC,)),
    produces=("blocks", "tables"), locations=("line", "column"), codes=("PAR002",), read=_read_toy,
)


def test_a_new_format_is_one_registration(tmp_path):
    """Registered in-process, a toy format is walked, sniffed by content, extracted and checked like any other."""
    (tmp_path / "报告.toy").write_bytes(TOY_MAGIC + REFERENCE.read_bytes())
    (tmp_path / "封面.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    renamed = tmp_path / "报告.dat"  # content decides, not the suffix
    renamed.write_bytes(TOY_MAGIC + REFERENCE.read_bytes())
    toy = str(tmp_path / "报告.toy")
    assert skip_reason(tmp_path / "报告.toy") == "unsupported"  # before: not a format
    with registered(TOY):
        found = discover([str(tmp_path)])
        assert found.files == [toy]
        assert {(s.path.rsplit("/", 1)[-1], s.reason) for s in found.skipped} == {("封面.png", "unsupported"), ("报告.dat", "unsupported")}
        assert "*.toy" in default_include()
        assert sniff_path(toy, (tmp_path / "报告.toy").read_bytes()) == "toy"
        assert sniff_path(str(renamed), renamed.read_bytes()) == "toy"
        facts = extract_facts(toy, Options(selected=frozenset()))
        assert facts["format"] == "toy" and facts["reader"]["name"] == "toy"
        assert facts["title"] == "2023年度岳阳市科学技术局部门整体支出绩效自评报告"
        options = Options(selected=frozenset(r.code for r in all_rules()), timeout_seconds=None)
        as_toy = check_file(toy, options)
        assert ".toy" in upload_suffixes() and "toy" in text_table("en")
    as_text = check_file(str(REFERENCE), options)
    assert as_toy.format == "toy" and not as_toy.unreadable and as_text.findings
    structural = ("NUM", "SEC", "ARI")  # (the prose rules read only .txt and .docx)
    expected = [(f.code, f.location.line, f.excerpt) for f in as_text.findings if f.code[:3] in structural]
    assert len(expected) >= 3 and [(f.code, f.location.line, f.excerpt) for f in as_toy.findings if f.code[:3] in structural] == expected
    assert skip_reason(tmp_path / "报告.toy") == "unsupported" and "toy" not in [r.name for r in all_readers()]
    assert sniff_path(toy, (tmp_path / "报告.toy").read_bytes()) == "txt"


def test_a_name_is_registered_once():
    with pytest.raises(ValueError, match="already registered"):
        with registered(dataclasses.replace(TOY, name="docx")):
            pass


def test_declarations_are_consistent():
    all_rules()
    readers = all_readers()
    suffixes = [s for r in readers for s in r.all_suffixes()]
    assert len(suffixes) == len(set(suffixes)), "a suffix belongs to one reader"
    location_fields = {f.name for f in dataclasses.fields(Location)} | {"member"}
    for r in readers:
        assert set(r.codes) <= {c for c in REGISTRY if c.startswith("PAR")}, r.name
        assert set(r.locations) <= set(LOCATION_FIELDS) <= location_fields, r.name
        assert set(r.produces) <= set(PRODUCTS), r.name
        assert all(s == s.lower() and (s == "" or s.startswith(".")) for s in r.all_suffixes()), r.name
        assert (r.read is None) == (r.role == "skipped"), r.name
        assert all(target in {x.name for x in readers} for target in r.renamed.values()), r.name
    assert {r.name for r in readers if r.layout is not None} == {"docx"}


def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name in names:
            zf.writestr(name, "<x/>")
    return out.getvalue()


OLE = MAGIC_OLE + bytes(504)
CASES = [  # content, suffix → what sniff reports, which reader reads it
    (b"%PDF-1.7\n", ".txt", "pdf", "pdf"),
    (b"just text mentioning %PDF- later", ".pdf", "txt", "txt"),
    (_zip("word/document.xml"), ".doc", "docx", "docx"),
    (_zip("xl/workbook.xml"), ".xlsx", "xlsx", "xlsx"),
    (_zip("mimetype", "content.xml"), ".odt", "odt", "odt"),
    (_zip("OFD.xml"), ".zip", "zip", "ofd"),
    (_zip("a.txt"), ".ofd", "zip", "zip"),
    (_zip("ppt/presentation.xml"), ".pptx", "zip", "zip"),
    (b"PK\x03\x04 not a zip", ".docx", "zip-corrupt", "zip"),
    (OLE, ".doc", "ole", "doc"),
    (OLE, ".wpt", "ole", "wps"),
    (OLE, ".xls", "ole", "xls"),
    (OLE, ".ett", "ole", "et"),
    (OLE, ".xlsx", "ole", "xls"),  # an encrypted workbook, or a renamed .xls
    (OLE, ".txt", "ole", "doc"),
    (b"  {\\rtf1 x}", ".txt", "rtf", "rtf"),
    (b"Rar!\x1a\x07\x01\x00" + bytes(8), ".rar", "txt", "rar"),
    (b"7z\xbc\xaf\x27\x1c" + bytes(8), ".md", "md", "7z"),
    ("# 标题".encode(), ".markdown", "md", "md"),
    ("正文".encode(), "", "txt", "txt"),
]


@pytest.mark.parametrize(("data", "suffix", "kind", "reader"), CASES)
def test_sniff_and_resolve(data, suffix, kind, reader):
    assert sniff_path("x" + suffix, data) == kind
    assert resolve(kind, suffix, data).name == reader


def test_refusals_come_through_the_registry():
    rules = load_rules()
    for data, suffix, code in [
        (b"Rar!\x1a\x07\x01\x00" + bytes(64), ".rar", "PAR002"),
        (b"PK\x03\x04 not a zip", ".zip", "PAR010"),
        (_zip("a.txt"), ".txt", "PAR002"),
        (_zip("ppt/presentation.xml"), ".pptx", "PAR002"),
    ]:
        with pytest.raises(Exception) as raised:
            build_document("x" + suffix, data, rules)
        assert getattr(raised.value, "code", None) == code, suffix


def test_discovery_reads_the_registry(tmp_path):
    for name in ["a.docx", "b.ofd", "c.zip", "d.rar", "e.xlsx", "f.png", "g.pptx", "h.md"]:
        (tmp_path / name).write_bytes(b"x")
    walked = {s for r in all_readers() if r.role != "skipped" for s in r.suffixes}
    for path in tmp_path.iterdir():
        assert (skip_reason(path) is None) == (path.suffix in walked), path.name
    assert reason_text(discover([str(tmp_path)]).skipped[0]) in ("不是可检查的报告格式（.png）", "不是可检查的报告格式（.pptx）")


def test_readme_and_docs_list_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert markdown_table("en") in architecture, "docs/architecture.md: paste `formats_list.markdown_table('en')`"
    assert markdown_table("zh") in readme, "README.md: paste `formats_list.markdown_table('zh')`"
    walk = re.search(r"directory is walked, files ending in `([^`]*)`, bundles\s*\(`([^`]*)`\) and `([^`]*)`", readme)
    assert walk is not None
    listed = {s for group in walk.groups() for s in group.split()}
    assert listed == {s for r in all_readers() if r.role != "skipped" for s in r.suffixes}


def test_web_page_offers_the_registry():
    pytest.importorskip("fastapi")
    from selfeval_lint.web.app import with_accept

    page = (ROOT / "src" / "selfeval_lint" / "web" / "static" / "index.html").read_text(encoding="utf-8")
    accept = re.search(r'id="picker"[^>]*accept="([^"]*)"', with_accept(page)).group(1)
    assert accept.split(",") == upload_suffixes()
    assert re.search(r'id="picker"[^>]*accept="([^"]*)"', page).group(1) == accept  # the file as shipped agrees


def test_formats_command():
    zh = run_cli("formats").stdout.decode()
    assert zh.startswith("格式") and "Word 文档" in zh and "所有格式都可能：PAR001" in zh
    en = run_cli("formats", "--lang", "en").stdout.decode()
    assert en.startswith("format") and "Word document" in en and "sheet, cell" in en
    listed = json.loads(run_cli("formats", "--json").stdout)
    assert [r["name"] for r in listed] == [r.name for r in all_readers()]


@pytest.mark.parametrize(("data", "suffix", "kind", "reader"), CASES)
def test_a_file_is_named_by_the_reader_its_content_goes_to(data, suffix, kind, reader):
    expected = kind if kind == "zip-corrupt" else reader  # a damaged zip says so
    assert content_format("x" + suffix, data) == expected


def test_a_refused_archive_is_reported_as_what_it_is(tmp_path):
    from selfeval_lint.engine import Options, check_file

    for name, data, code in [("材料.rar", b"Rar!\x1a\x07\x01\x00" + bytes(64), "PAR002"),
                             ("材料.7z", b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(64), "PAR010"),
                             ("报告.docx", b"PK\x03\x04 not a zip", "PAR010")]:
        (tmp_path / name).write_bytes(data)
        result = check_file(str(tmp_path / name), Options(selected=frozenset({code})))
        assert result.unreadable and [f.code for f in result.findings] == [code]
        assert result.format == {"材料.rar": "rar", "材料.7z": "7z", "报告.docx": "zip-corrupt"}[name]
