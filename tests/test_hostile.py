"""Hostile inputs built in code: odd names, unwritable characters, special files, long inputs, Word numbering
and table bombs, PDF bombs and wrong diagnoses. Each gets a result or a PAR finding naming the cause."""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
from pathlib import Path

import pytest

from selfeval_lint.engine import Options, check_file
from selfeval_lint.registry import render, resolve_selection

from . import docx_fixtures as dx
from .conftest import run_cli

ALL = Options(selected=resolve_selection(None, None), timeout_seconds=None)
REPORT = "一、部门基本情况\n本部门2023年预算100万元。\n二、存在的问题\n无。\n"
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX file types")


def codes(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in result.findings]


def messages(result, lang: str = "zh") -> list[str]:  # type: ignore[no-untyped-def]
    return [render(f, lang) for f in result.findings]


# --- paths as bytes-safe text ------------------------------------------------------------------------------


@POSIX
def test_a_name_that_is_not_utf8_is_checked_and_reported(tmp_path):
    raw = os.path.join(os.fsencode(tmp_path), b"bad\xffname.txt")
    Path(os.fsdecode(raw)).write_bytes(REPORT.encode())
    (tmp_path / "selfeval-lint.toml").write_text('ignore = ["SEC"]\n', encoding="utf-8")
    path = os.fsdecode(raw)  # what argv and os.walk give: the byte kept as a lone surrogate
    result = check_file(path, ALL)
    assert result.findings is not None and "PAR006" not in codes(result)
    missing = check_file(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"gone\xfe.docx")), ALL)
    assert codes(missing) == ["PAR001"] and missing.findings[0].fingerprint
    proc = run_cli("check", str(tmp_path), "--format", "json")
    report = json.loads(proc.stdout)
    (entry,) = report["files"]
    assert os.fsencode(entry["path"]) == raw  # the JSON string round-trips to the file's bytes
    assert not [f for f in entry["findings"] if f["code"].startswith("SEC")]  # its configuration was found
    written = run_cli("check", path, "--format", "json", "-o", str(tmp_path / "out.json"))
    assert written.returncode in (0, 1)
    assert os.fsencode(json.loads((tmp_path / "out.json").read_bytes())["files"][0]["path"]) == raw


def test_a_lone_surrogate_in_a_word_document_cannot_break_the_report(tmp_path):
    body = dx.p("一、部门基本情况") + dx.p("预算100万元", '<w:r><w:sym w:font="Symbol" w:char="D800"/></w:r>', "。")
    path = tmp_path / "sym.docx"
    path.write_bytes(dx.docx_bytes(body))
    result = check_file(str(path), Options(selected=ALL.selected, timeout_seconds=None, keep_text=True))
    assert "PAR006" not in codes(result)
    assert any("\ufffd" in line for line in result.lines)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for line in result.lines for c in line)
    for fmt in ("json", "text"):
        proc = run_cli("check", str(path), "--format", fmt, "--select", "ALL")
        assert proc.returncode in (0, 1)
        proc.stdout.decode("utf-8")  # strict: every byte written is UTF-8


# --- special files -----------------------------------------------------------------------------------------


@POSIX
def test_special_files_are_refused_without_reading_them(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    sock_path = tmp_path / "s.txt"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        cases = {str(fifo): "命名管道", "/dev/zero": "字符设备", "/dev/urandom": "字符设备", str(sock_path): "套接字"}
        for path, kind in cases.items():
            result = check_file(path, ALL)
            assert codes(result) == ["PAR001"], path
            (message,) = messages(result)
            assert path in message and kind in message
            assert "not a regular file" in messages(result, "en")[0]
        directory = check_file(str(tmp_path), ALL)
        assert codes(directory) == ["PAR001"] and "目录" in messages(directory)[0]
    finally:
        server.close()


@POSIX
def test_reading_stops_at_the_size_limit_as_it_streams(tmp_path):
    small = Options(selected=ALL.selected, timeout_seconds=None, max_bytes=1000)
    fifo = tmp_path / "endless"
    os.mkfifo(fifo)

    def writer() -> None:  # a writer that never stops: only a bounded read ends
        try:
            with open(fifo, "wb") as fh:
                while True:
                    fh.write(b"x" * 4096)
        except BrokenPipeError:
            pass

    from selfeval_lint.ingest.reading import read_bounded
    from selfeval_lint.ingest import IngestError

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    with open(fifo, "rb") as stream, pytest.raises(IngestError) as info:
        old, sys.stdin = sys.stdin, type("Stdin", (), {"buffer": stream})()  # '-' reads standard input
        try:
            read_bounded("-", small.max_bytes)
        finally:
            sys.stdin = old
    assert info.value.code == "PAR004"
    thread.join(timeout=5)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 5000)
    assert codes(check_file(str(big), small)) == ["PAR004"]


@POSIX
def test_a_symlink_loop_is_a_finding_not_a_traceback(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    proc = run_cli("check", str(tmp_path / "a.txt"), str(tmp_path / "good.txt"), "--format", "json")
    report = json.loads(proc.stdout)
    assert [f["findings"][0]["code"] for f in report["files"][:1]] == ["PAR001"]
    assert len(report["files"]) == 2 and b"Traceback" not in proc.stderr


# --- Word numbering and table bombs ------------------------------------------------------------------------


def _big_body(body: str) -> bytes:
    """A .docx whose document.xml is `body` after a heading, written straight into the package (python-docx
    would take half a minute to parse 100,000 runs)."""
    xml = f'<w:document {dx.NSDECL}><w:body>{dx.p("一、部门基本情况")}{body}</w:body></w:document>'
    return dx.rewrite_zip(_EMPTY_DOCX, {"word/document.xml": xml.encode()})


_EMPTY_DOCX = dx.docx_bytes(dx.p("x"))


def _docx_file(tmp_path, name: str, body: str, numbering: str | None = None) -> str:
    path = tmp_path / name
    path.write_bytes(dx.docx_bytes(body, numbering=numbering))
    return str(path)


def test_huge_numbering_values_are_capped_with_short_labels(tmp_path):
    from selfeval_lint.ingest.wordnum import MAX_LABEL_CHARS, format_number

    numbering = (
        dx.abstract_num(1, dx.lvl(0, "chineseCountingThousand", "%1、"))
        + dx.abstract_num(2, dx.lvl(0, "upperLetter", "%1.", start=10**9))
        + dx.num(1, 1, starts={0: int("9" * 4000)})
        + dx.num(2, 2)
    )
    body = "".join(dx.p(f"项目{i}", num=1 + i % 2, ilvl=0) for i in range(20))
    result = check_file(_docx_file(tmp_path, "num.docx", body, numbering), Options(
        selected=ALL.selected, timeout_seconds=None, keep_text=True))
    assert "PAR006" not in codes(result)
    assert max(len(line) for line in result.lines) < 40
    assert format_number(10**9, "upperLetter") == "1000000000"  # written in digits, not 38 million letters
    assert format_number(28, "upperLetter") == "BB" and format_number(12, "chineseCountingThousand") == "十二"
    assert all(len(format_number(v, f)) <= MAX_LABEL_CHARS for v in (2**31 - 1, 10**12) for f in ("upperRoman", "chineseLegalSimplified"))


def test_malformed_table_grids_are_validated(tmp_path):
    rows = []
    for before in ("-1000", "-1", "99999999999999", "1" * 4000, "abc"):
        rows.append(f'<w:tr><w:trPr><w:gridBefore w:val="{before}"/></w:trPr>' + dx.tc("预算数") + dx.tc("100万元") + "</w:tr>")
    odd_cell = '<w:tc><w:tcPr><w:gridSpan w:val="{}"/><w:vMerge{}/></w:tcPr>' + dx.p("合计") + "</w:tc>"
    rows.append("<w:tr>" + odd_cell.format("-5", ' w:val="bogus"') + dx.tc("x") + "</w:tr>")
    rows.append("<w:tr>" + odd_cell.format("100000000", "") + dx.tc("y") + "</w:tr>")
    small = f'<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="10"/></w:tblGrid>{"".join(rows)}</w:tbl>'
    wide_grid = "".join('<w:gridCol w:w="10"/>' for _ in range(5000))
    wide = f"<w:tbl><w:tblPr/><w:tblGrid>{wide_grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    body = dx.p("一、部门基本情况") + small + dx.p("二、存在的问题") + wide
    result = check_file(_docx_file(tmp_path, "grid.docx", body), Options(
        selected=ALL.selected, timeout_seconds=None, keep_text=True))
    assert not result.unreadable, [f.args for f in result.findings]
    assert any(line.startswith("预算数\t100万元") for line in result.lines)
    assert max(len(line) for line in result.lines) < 1000  # grid columns capped


# --- wrong diagnoses -----------------------------------------------------------------------------------------


def _with_method(data: bytes, member: str, method: int) -> bytes:
    """The zip with `member`'s compression method rewritten in its local and central headers."""
    import struct
    import zipfile as zf
    from io import BytesIO

    info = zf.ZipFile(BytesIO(data)).getinfo(member)
    out = bytearray(data)
    out[info.header_offset + 8 : info.header_offset + 10] = struct.pack("<H", method)
    central = out.find(b"PK\x01\x02")
    while central >= 0:
        name_len = struct.unpack_from("<H", out, central + 28)[0]
        if bytes(out[central + 46 : central + 46 + name_len]) == member.encode():
            out[central + 10 : central + 12] = struct.pack("<H", method)
            break
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def test_an_unsupported_zip_compression_is_not_called_encryption():
    from selfeval_lint.engine import check_bytes

    good = dx.docx_bytes(dx.p("一、部门基本情况"))
    for method, name in ((9, "deflate64"), (99, "#99")):
        result = check_bytes("r.docx", _with_method(good, "word/document.xml", method), ALL)
        assert [(f.code, f.variant) for f in result.findings] == [("PAR002", "compression")], method
        (message,) = messages(result)
        assert "word/document.xml" in message and name in message and "加密" not in message


def test_a_text_that_mentions_the_pdf_header_is_a_text():
    from selfeval_lint.engine import check_bytes

    text = "一、部门基本情况\n本局档案系统只接收以“%PDF-1.7”开头的文件。\n二、存在的问题\n无。\n"
    result = check_bytes("r.txt", text.encode(), ALL)
    assert result.format == "txt" and not result.unreadable
    broken = check_bytes("r.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", ALL)
    assert [f.code for f in broken.findings] == ["PAR010"]
    junk_first = check_bytes("r.pdf", b"\x00garbage\n%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", ALL)
    assert junk_first.format == "pdf"


def test_an_ole_file_is_converted_only_when_it_holds_a_word_document():
    from selfeval_lint.engine import check_bytes

    from .ole_fixtures import MAGIC, compound_file, word_fib

    cases = {
        "random.doc": (MAGIC + os.urandom(3000), ("PAR010", "corrupt")),
        "sheet.doc": (compound_file({"Workbook": b"\x09\x08"}), ("PAR002", "not-yet")),
        "other.doc": (compound_file({"Contents": b"hello"}), ("PAR002", "ole-other")),
        "locked.doc": (compound_file({"WordDocument": word_fib(encrypted=True)}), ("PAR007", "encrypted")),
        "fake-word.doc": (compound_file({"WordDocument": b"not a fib"}), ("PAR010", "corrupt")),
    }
    for name, (data, expected) in cases.items():
        result = check_bytes(name, data, ALL)
        assert [(f.code, f.variant) for f in result.findings] == [expected], name
        assert name in messages(result)[0]
    assert "Excel (.xls)" in messages(check_bytes("sheet.doc", cases["sheet.doc"][0], ALL))[0]


def test_thousands_of_unclosed_fields_are_a_corrupt_file():
    from selfeval_lint.engine import check_bytes

    begins = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' * 100_000
    result = check_bytes("fields.docx", _big_body(f"<w:p>{begins}</w:p>"), ALL)
    assert [(f.code, f.variant) for f in result.findings] == [("PAR010", "corrupt")]
    assert "域代码" in messages(result)[0] and "nested fields" in messages(result, "en")[0]


# --- PDF bounds and diagnosis --------------------------------------------------------------------------------


def test_pdf_bombs_and_overfull_pages_are_refused_before_the_layout_reader():
    from selfeval_lint.engine import check_bytes

    from . import hostile_fixtures as hx

    bomb = check_bytes("bomb.pdf", hx.stream_bomb(80), ALL)
    assert [(f.code, f.variant) for f in bomb.findings] == [("PAR004", "pdf-bomb")]
    full = check_bytes("full.pdf", hx.many_chars(100_000), ALL)
    assert [(f.code, f.variant) for f in full.findings] == [("PAR004", "page-chars")]
    assert "第 1 页" in messages(full)[0]


def test_a_pdf_without_text_is_called_a_scan_only_when_it_is_one():
    from selfeval_lint.engine import check_bytes

    from . import hostile_fixtures as hx

    garbled = check_bytes("map.pdf", hx.surrogate_map(), ALL)
    assert [(f.code, f.variant) for f in garbled.findings] == [("PAR009", "garbled")]
    for name, data in {"a.pdf": hx.broken_xref(hx.text_pdf()), "b.pdf": hx.broken_xref(hx.minimal_pdf())}.items():
        repaired = check_bytes(name, data, Options(selected=ALL.selected, timeout_seconds=None, keep_text=True))
        assert not repaired.unreadable, [f.args for f in repaired.findings]
        assert any("Hello world" in line or "Line 3" in line for line in repaired.lines)


# --- long inputs ---------------------------------------------------------------------------------------------


def _peak_mb(fn):  # type: ignore[no-untyped-def]
    """fn()'s result and the peak of Python allocations while it ran, in MiB (tracemalloc)."""
    import tracemalloc

    tracemalloc.start()
    try:
        result = fn()
        return result, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_a_paragraph_of_any_length_is_analysed_in_pieces(monkeypatch):
    from selfeval_lint.analysis import nlp
    from selfeval_lint.rulesets import load_rules
    from selfeval_lint.engine import check_bytes
    from selfeval_lint.ingest import bounds

    sentence = "本部门全年预算数为100万元，其中基本支出80万元、项目支出30万元。"
    whole = list(nlp.analyse_texts([sentence * 300, "分别为"], load_rules()))
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 1000)  # as a text past spaCy's max_length is cut
    assert list(nlp.analyse_texts([sentence * 300, "分别为"], load_rules())) == whole  # cut at sentence ends: same tokens
    monkeypatch.setattr(bounds, "MAX_BLOCK_CHARS", 2000)
    monkeypatch.setattr(bounds, "_MIN_PIECE", 1000)
    result = check_bytes("long.txt", ("一、部门基本情况\n" + sentence * 300 + "\n").encode(), ALL)
    ari = [f for f in result.findings if f.code == "ARI001"]  # 80 + 30 ≠ 100 in every sentence: capped at 200
    assert len(ari) == 201 and ari[-1].variant == "more" and ari[-1].args["count"] == 100
    assert "另有 100 处同类问题" in render(ari[-1]) and "100 more findings" in render(ari[-1], "en")
    assert all(f.location.line == 2 for f in ari)
    columns = [f.location.column for f in ari]
    assert all(b - a == len(sentence) for a, b in zip(columns, columns[1:]))  # exact across the pieces
    spans = nlp.chunks("。".join(["x" * 999] * 50), 5000)
    assert all(b - a <= 5000 for a, b in spans) and spans[-1][1] == 50 * 1000 - 1


def test_long_inputs_stay_linear_and_within_memory():
    """Small versions of the hostile long inputs (benchmarks/bench_hostile.py runs the full sizes)."""
    from collections import Counter

    from selfeval_lint.engine import check_bytes

    cases = {
        "line.txt": "x" * 2**18,
        "headings.txt": "".join(f"（{i}）标题{i}\n" for i in range(1, 1501)),
        "placeholders.txt": "一、部门基本情况\n" + "（此处填写）XXXX ×× 20XX年 " * 1500 + "\n",
    }
    for name, text in cases.items():
        result, peak = _peak_mb(lambda name=name, text=text: check_bytes(name, text.encode(), ALL))
        assert "PAR006" not in codes(result), name
        assert max(Counter(codes(result)).values()) <= 201, name
        assert peak < 200, (name, peak)


_MEMORY_PROBE = r'''
import json, os, resource, sys, time

from selfeval_lint.engine import Options, check_bytes
from selfeval_lint.registry import resolve_selection

HEAD = "2023年度某局部门整体支出绩效自评报告\n一、部门基本情况\n"
UNIT = "（一）项目情况\n本部门2023年预算数为123.45万元，其中：基本支出100万元，项目支出23.45万元，执行率为98.5%。\n"
CASES = {  # the long inputs of issue #10, small (benchmarks/bench_hostile.py runs them full size)
    "paragraph": lambda: HEAD + "本部门全年预算数为100万元，执行数为98万元，执行率98%。" * 4000,
    "line": lambda: HEAD + "x" * 1_000_000,
    "headings": lambda: HEAD + "".join(f"（{i}）标题{i}\n" for i in range(1, 5001)),
    "findings": lambda: HEAD + "这是XX。\n" * 10_000,
    "fenbie": lambda: HEAD + "".join(f"项目{i}和项目{i+1}分别为{i}万元、{i+1}万元和{i+2}万元。\n" for i in range(1000)),
    "placeholders": lambda: HEAD + "（此处填写）XXXX ×× 20XX年 【】" * 5000 + "\n",
    "figures": lambda: HEAD + UNIT * 7000,  # 1 MB of dense figures
    "50MiB": lambda: HEAD + UNIT * int(50 * 2**20 / len(UNIT.encode()) * 0.95),  # under the size limit
}

options = Options(selected=resolve_selection(None, None), timeout_seconds=None)
check_bytes("warm.txt", (HEAD + UNIT).encode(), options)  # a warmed worker: jieba and spaCy loaded
out = {"warm_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
for name, build in CASES.items():  # each in a child forked from the warm process, as run.py's workers are
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        start_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        data = build().encode()
        start = time.perf_counter()
        result = check_bytes(name + ".txt", data, options)
        report = {"start_mb": start_mb, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "mb": len(data) / 2**20, "seconds": time.perf_counter() - start,
                  "codes": sorted({f.code for f in result.findings}), "count": len(result.findings)}
        os.write(write, json.dumps(report).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as fh:
        out[name] = json.loads(fh.read() or b"null")
    os.waitpid(pid, 0)
print(json.dumps(out))
'''


def test_long_inputs_peak_memory_per_file(tmp_path):
    """Peak resident memory of each long input, each checked in a child forked from a warmed process (as a batch
    worker is): at most 500 MB; dense figures grow it linearly, so that the largest text that is checked (just
    under ingest/bounds.py's MAX_DOC_NUMBERS) stays within 500 MB too; a 50 MiB text is refused at bounded cost."""
    import subprocess

    from selfeval_lint.ingest.bounds import MAX_DOC_NUMBERS

    probe = tmp_path / "probe.py"
    probe.write_text(_MEMORY_PROBE, encoding="utf-8")
    out = subprocess.run([sys.executable, str(probe)], capture_output=True, text=True, check=True, timeout=600)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    for name, case in report.items():
        if name == "warm_mb":
            continue
        assert case is not None and case["peak_mb"] < 500, (name, case)
        assert "PAR006" not in case["codes"] and case["count"] <= 202, (name, case)
    assert report["50MiB"]["codes"] == ["PAR004"] and report["50MiB"]["mb"] > 45
    dense = report["figures"]
    per_mb = (dense["peak_mb"] - dense["start_mb"]) / dense["mb"]
    largest_mb = MAX_DOC_NUMBERS / 8 * dense["mb"] / 7000  # eight runs of digits in each unit of the dense case
    assert dense["start_mb"] + per_mb * largest_mb < 500, (per_mb, largest_mb)


def test_a_document_past_the_whole_text_bounds_is_refused_naming_the_cause(monkeypatch):
    from selfeval_lint.engine import check_bytes
    from selfeval_lint.ingest import bounds

    text = "一、部门基本情况\n" + "本部门2023年预算数为100万元。\n" * 50
    assert not check_bytes("r.txt", text.encode(), ALL).unreadable
    monkeypatch.setattr(bounds, "MAX_DOC_NUMBERS", 99)
    result = check_bytes("r.txt", text.encode(), ALL)
    assert [(f.code, f.variant) for f in result.findings] == [("PAR004", "too-many-numbers")]
    assert "数字超过 99 处" in messages(result)[0] and "more than 99 numbers" in messages(result, "en")[0]
    monkeypatch.setattr(bounds, "MAX_DOC_CHARS", 500)
    word = check_bytes("r.docx", dx.docx_bytes("".join(dx.p("项目情况说明" * 10) for _ in range(10))), ALL)
    assert [(f.code, f.variant) for f in word.findings] == [("PAR004", "too-long")]  # any format, after reading
    assert "超过 500 个字符" in messages(word)[0]


def test_the_statement_window_holds_only_what_is_looked_up_ahead():
    from selfeval_lint.analysis.window import Window

    built: list[int] = []

    def source():  # type: ignore[no-untyped-def]
        for k in (1, 3, 4, 8, 9):
            built.append(k)
            yield k

    window = Window(source(), key=lambda k: k)
    seen = []
    for k in window:
        seen.append(k)
        if k == 3:
            assert window.get(4) == 4 and window.get(5) is None and built == [1, 3, 4, 8]  # read ahead as needed
            assert window.get(1) is None  # behind the current one: dropped
        assert len(window._held) <= 3
    assert seen == [1, 3, 4, 8, 9] and window.get(10) is None


# --- a batch of all of them ----------------------------------------------------------------------------------


@POSIX
def test_a_batch_of_hostile_files_gives_one_result_each_and_finishes(tmp_path):
    import time

    from . import hostile_fixtures as hx
    from .ole_fixtures import MAGIC

    good = dx.docx_bytes(dx.p("一、部门基本情况"))
    files = {
        b"a-good.txt": REPORT.encode(),
        b"b-bad\xffname.txt": REPORT.encode(),
        b"c-random.doc": MAGIC + bytes(range(256)) * 8,
        b"d-bomb.pdf": hx.stream_bomb(80),
        b"e-full.pdf": hx.many_chars(60_000),
        b"f-map.pdf": hx.surrogate_map(),
        b"g-deflate64.docx": _with_method(good, "word/document.xml", 9),
        b"h-fields.docx": _big_body('<w:p>' + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' * 5000 + "</w:p>"),
        b"i-sym.docx": dx.docx_bytes(dx.p("一、部门基本情况") + dx.p('<w:r><w:sym w:char="DC00"/></w:r>', "预算")),
        b"j-mentions.txt": "一、部门基本情况\n文件头“%PDF-1.7”。\n".encode(),
        b"m-numbering.docx": dx.docx_bytes(
            "".join(dx.p(f"项目{i}", num=1, ilvl=0) for i in range(5)),
            numbering=dx.abstract_num(1, dx.lvl(0, "upperLetter", "%1.", start=10**9)) + dx.num(1, 1, starts={0: int("9" * 4000)})),
        b"n-grid.docx": dx.docx_bytes(dx.p("一、部门基本情况") + '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="10"/></w:tblGrid>'
                                      '<w:tr><w:trPr><w:gridBefore w:val="-1000"/></w:trPr>' + dx.tc("预算数") + dx.tc("100万元")
                                      + "</w:tr></w:tbl>"),
        b"o-xref.pdf": hx.broken_xref(hx.text_pdf()),
        b"p-findings.txt": ("一、部门基本情况\n" + "这是XX。\n" * 5000).encode(),
    }
    for name, data in files.items():
        Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), name))).write_bytes(data)
    os.mkfifo(tmp_path / "k-pipe.txt")
    (tmp_path / "l-loop.txt").symlink_to(tmp_path / "l-loop.txt")
    start = time.perf_counter()
    devices = ["/dev/zero"] if os.path.exists("/dev/zero") else []  # named as an input: never read
    proc = run_cli("check", str(tmp_path), *devices, "--format", "json", "--jobs", "2", fresh=True)
    assert b"Traceback" not in proc.stderr and proc.returncode == 1, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    names = [os.fsencode(f["path"]).rsplit(b"/", 1)[1] for f in report["files"]]
    special = [b"k-pipe.txt", b"l-loop.txt", *([b"zero"] if devices else [])]
    assert sorted(names) == sorted([*files, *special])  # exactly one result each
    first = {os.fsencode(f["path"]).rsplit(b"/", 1)[1]: f["findings"][0]["code"] if f["findings"] else None
             for f in report["files"]}
    assert {k: first[k] for k in (b"c-random.doc", b"d-bomb.pdf", b"e-full.pdf", b"f-map.pdf", b"g-deflate64.docx",
                                  b"h-fields.docx", b"k-pipe.txt", b"l-loop.txt")} == {
        b"c-random.doc": "PAR010", b"d-bomb.pdf": "PAR004", b"e-full.pdf": "PAR004", b"f-map.pdf": "PAR009",
        b"g-deflate64.docx": "PAR002", b"h-fields.docx": "PAR010", b"k-pipe.txt": "PAR001", b"l-loop.txt": "PAR001",
    }
    if devices:
        assert first[b"zero"] == "PAR001"
    by_name = {os.fsencode(f["path"]).rsplit(b"/", 1)[1]: f for f in report["files"]}
    for name in (b"m-numbering.docx", b"n-grid.docx", b"o-xref.pdf", b"p-findings.txt"):  # read and checked
        assert not any(f["code"].startswith("PAR") for f in by_name[name]["findings"]), (name, by_name[name]["findings"][:2])
    assert sum(f["code"] == "TXT002" for f in by_name[b"p-findings.txt"]["findings"]) == 201  # capped, with a note
    assert not any(f["code"] == "PAR006" for entry in report["files"] for f in entry["findings"])
    assert time.perf_counter() - start < 120  # generous: a few seconds on a loaded 2-core machine
