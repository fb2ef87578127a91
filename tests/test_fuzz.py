"""Fuzzing the readers: byte-level and structure-level mutations of valid .txt, .docx, .pdf and .zip inputs
never raise, never make the checker itself fail, and stay within time and memory; each yields a result or a
PAR finding. Example counts are bounded so that the suite stays within about a minute."""

from __future__ import annotations

import io
import resource
import time
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval_lint.engine import Options, check_bytes
from selfeval_lint.registry import resolve_selection

from . import docx_fixtures as dx
from . import hostile_fixtures as hx

OPTIONS = Options(selected=resolve_selection(None, None), timeout_seconds=30)
SECONDS = 20  # per example, generous for a loaded 2-core machine
MAX_RSS_MB = 1500  # the whole test process, spaCy and all

TEXT = "2023年度某局部门整体支出绩效自评报告\n一、部门基本情况\n全年预算数100万元，其中基本支出80万元。\n（一）项目情况\n".encode()
DOCX = dx.docx_bytes(
    dx.p("一、部门基本情况") + dx.p("全年预算数100万元，其中基本支出80万元。")
    + dx.tbl([dx.tc("指标"), dx.tc("分值")], [dx.tc("产出", vmerge="restart"), dx.tc("50")], columns=2)
    + dx.p("项目", num=1, ilvl=0),
    numbering=dx.abstract_num(1, dx.lvl(0, "chineseCounting", "%1、")) + dx.num(1, 1),
)
PDF = hx.text_pdf()
ZIP = dx.zip_of({"a.txt": TEXT, "b/c.docx": DOCX})
SEEDS = {"r.txt": TEXT, "r.docx": DOCX, "r.pdf": PDF, "r.zip": ZIP}


def fuzz(examples: int) -> settings:
    """Bounded, reproducible runs (derandomized, no example database)."""
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def checked(name: str, data: bytes) -> None:
    start = time.perf_counter()
    result = check_bytes(name, data, OPTIONS)
    assert time.perf_counter() - start < SECONDS
    assert result.path == name
    crashes = [f.args for f in result.findings if f.code == "PAR006"]
    assert not crashes, crashes  # a reader bug, or a file that outran its time limit
    assert not result.unreadable or [f.code for f in result.findings if f.code.startswith("PAR")]
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 < MAX_RSS_MB


@st.composite
def byte_mutations(draw, data: bytes):  # type: ignore[no-untyped-def]
    """The bytes with a few flips, insertions, deletions, a repeated slice or a truncation."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "truncate"]))
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        if kind == "flip":
            out[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "delete":
            del out[at : at + draw(st.integers(1, 64))]
        elif kind == "repeat":
            out[at:at] = out[at : at + draw(st.integers(1, 64))] * draw(st.integers(2, 50))
        else:
            del out[at:]
    return bytes(out)


@fuzz(40)
@given(st.sampled_from(sorted(SEEDS)), st.data())
def test_byte_mutations_never_break_the_checker(name, data):
    checked(name, data.draw(byte_mutations(SEEDS[name])))


_XML_VALUES = st.one_of(
    st.integers(-(10**12), 10**12).map(str), st.sampled_from(["", "-1", "1" * 400, "abc", "\ufffd", "D800", "restart"])
)


@st.composite
def docx_mutations(draw):  # type: ignore[no-untyped-def]
    """The .docx with attribute values in document.xml and numbering.xml replaced, elements duplicated or
    dropped, and parts removed: structure the zip layer accepts and the Word reader must survive."""
    with zipfile.ZipFile(io.BytesIO(DOCX)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for name in ("word/document.xml", "word/numbering.xml"):
        xml = parts[name].decode()
        values = [i for i, ch in enumerate(xml) if ch == '"']
        for _ in range(draw(st.integers(0, 8))):
            k = draw(st.integers(0, len(values) // 2 - 1)) * 2
            a, b = values[k], values[k + 1]
            xml = xml[: a + 1] + draw(_XML_VALUES) + xml[b:]
            values = [i for i, ch in enumerate(xml) if ch == '"']
        if draw(st.booleans()):
            start = xml.find("<w:p>") if "<w:p>" in xml else xml.find("<w:p ")
            end = xml.find("</w:p>", start)
            if start >= 0 and end > start:
                xml = xml[:start] + xml[start : end + 6] * draw(st.integers(2, 300)) + xml[end + 6 :]
        parts[name] = xml.encode()
    for name in draw(st.lists(st.sampled_from(sorted(parts)), max_size=2)):
        parts.pop(name, None)
    return dx.zip_of(parts)


@fuzz(25)
@given(docx_mutations())
def test_structure_mutations_of_word_files_never_break_the_checker(data):
    checked("s.docx", data)


@fuzz(15)
@given(st.lists(st.sampled_from([
    b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET", b"q 1 0 0 1 0 0 cm Q", b"BT /F1 -1e30 Tf (x) Tj ET", b"BT (", b"ET ET",
    b"/F9 12 Tf", b"BT /F1 12 Tf 0 0 Td (" + b"a" * 500 + b") Tj ET", b"[(a) -99999 (b)] TJ", b"\xff\xfe\x00",
]), max_size=30), st.sampled_from([hx.HELVETICA, b"<< /Type /Font /Subtype /Type0 >>", b"<< >>", b"null"]))
def test_structure_mutations_of_pdf_content_never_break_the_checker(ops, font):
    checked("s.pdf", hx.minimal_pdf(b"\n".join(ops), font=font))
