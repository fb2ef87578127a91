"""--annotate for Word: one comment (批注) per finding, anchored on exactly the finding's span, nothing else changed."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from scripts.build_corpus import AUTO_DOCX, REFERENCE
from selfeval_lint.annotate.docx import annotate_docx
from selfeval_lint.engine import Options, _excerpt, check_bytes
from selfeval_lint.ingest.docx import read_docx
from selfeval_lint.registry import render, resolve_selection

from .conftest import run_cli
from .docx_fixtures import NSDECL

ALL = Options(selected=resolve_selection(None, None))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def typed_reference() -> bytes:
    """The reference report typed into Word, each paragraph cut into 7-character runs, every other one bold."""
    document = docx.Document()
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        paragraph = document.add_paragraph()
        for i in range(0, len(line), 7):
            paragraph.add_run(line[i : i + 7]).bold = (i // 7) % 2 == 1
    return _save(document)


def _save(document) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def anchored(document, comment_id: int) -> str:  # type: ignore[no-untyped-def]
    """The text Word highlights for a comment: every w:t between its range start and end."""
    inside, out = False, []
    for el in document.element.body.iter():
        if el.tag == W + "commentRangeStart" and el.get(W + "id") == str(comment_id):
            inside = True
        elif el.tag == W + "commentRangeEnd" and el.get(W + "id") == str(comment_id):
            inside = False
        elif inside and el.tag == W + "t":
            out.append(el.text or "")
    return "".join(out)


def ours(document) -> list:  # type: ignore[no-untyped-def]
    return [c for c in document.comments if c.author == "selfeval-lint"]


def test_every_finding_of_the_typed_reference_is_a_comment_on_exactly_its_span():
    data = typed_reference()
    findings = check_bytes("r.docx", data, ALL).findings
    assert len(findings) >= 10
    out = docx.Document(io.BytesIO(annotate_docx(data, findings)))
    comments = ours(out)
    assert len(comments) == len(findings)
    blocks = read_docx(data)
    for finding, comment in zip(findings, comments):
        assert anchored(out, comment.comment_id) == blocks[finding.block].text[finding.start : finding.end]
        assert comment.initials == "SL"
        assert comment.text.splitlines()[0] == render(finding, "zh")
        if finding.suggestion:
            assert comment.text.splitlines()[1] == "建议：" + finding.suggestion
    # split runs keep their formatting: every run's text is still bold exactly where it was
    before = [[(r.text, bool(r.bold)) for r in p.runs] for p in docx.Document(io.BytesIO(data)).paragraphs]
    after = [[(r.text, bool(r.bold)) for r in p.runs if r.text] for p in out.paragraphs]
    for runs_before, runs_after in zip(before, after):
        expand = lambda runs: [(ch, bold) for text, bold in runs for ch in text]  # noqa: E731
        assert expand(runs_after) == expand(runs_before)
    # the text the checker reads is unchanged: annotating twice finds the same
    assert [b.text for b in read_docx(_save(out))] == [b.text for b in blocks]


def test_english_comments_with_lang_en():
    data = typed_reference()
    findings = check_bytes("r.docx", data, ALL).findings
    comments = ours(docx.Document(io.BytesIO(annotate_docx(data, findings, "en"))))
    assert [c.text.splitlines()[0] for c in comments] == [render(f, "en") for f in findings]


def test_cli_writes_the_reference_docx_back_with_comments_and_leaves_the_input(tmp_path):
    source = tmp_path / "in" / "报告.docx"
    source.parent.mkdir()
    shutil.copy(AUTO_DOCX, source)
    before = source.read_bytes()
    typed = [tmp_path / "in" / f"typed{n}.docx" for n in range(7)]  # enough files for a pool of two workers
    for path in typed[:-1]:
        small = docx.Document()
        for line in ["2023年度某局部门整体支出绩效自评报告", "一、部门基本情况", f"本局{path.stem}负责全市科技工作[bookmark: _GoBack]。"]:
            small.add_paragraph(line)
        path.write_bytes(_save(small))
    typed[-1].write_bytes(typed_reference())
    empty = tmp_path / "in" / "empty.docx"
    empty.write_bytes(b"")
    proc = run_cli("check", str(source), *map(str, typed), str(empty), "--annotate", str(tmp_path / "out"), "--jobs", "2", "--select", "TXT001,TXT002,TXT003,TXT004,NUM")
    assert proc.returncode == 1
    assert source.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([p.name for p in typed] + ["报告.docx"])
    assert "empty.docx" in proc.stderr.decode()  # unreadable: a note, no copy
    assert f"已在 {tmp_path / 'out'} 写入 8 个批注副本" in proc.stderr.decode()
    selected = Options(selected=resolve_selection(["TXT001", "TXT002", "TXT003", "TXT004", "NUM"], None))
    finding = check_bytes(str(source), before, selected).findings[0]
    out = docx.Document(str(tmp_path / "out" / "报告.docx"))
    [comment] = ours(out)
    assert finding.code == "TXT003"
    assert anchored(out, comment.comment_id) == read_docx(before)[finding.block].text[finding.start : finding.end]
    assert len(ours(docx.Document(str(tmp_path / "out" / "typed6.docx")))) == len(check_bytes("t.docx", typed[6].read_bytes(), selected).findings)


def test_a_label_from_automatic_numbering_anchors_its_paragraph():
    data = AUTO_DOCX.read_bytes()
    blocks = read_docx(data)
    block = next(b for b in blocks if b.auto_label == "（三）")
    real = check_bytes("a.docx", data, ALL).findings[0]
    # a finding on the label, as a numbering rule would report it: the label is in the text, in no run
    on_label = dataclasses.replace(real, block=block.index, start=0, end=len(block.auto_label),
                                   excerpt=block.text.strip() if len(block.text) <= 60 else real.excerpt)
    out = docx.Document(io.BytesIO(annotate_docx(data, [on_label])))
    [comment] = ours(out)
    assert anchored(out, comment.comment_id) == block.text[len(block.auto_label) :].strip()


def test_findings_in_table_cells_are_anchored_inside_the_cell():
    document = docx.Document()
    document.add_paragraph("2023年度某局部门整体支出绩效自评报告")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([["指标", "目标值", "完成值"], ["项目完成率", "100%", "完成[bookmark: _GoBack]情况良好"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 2).add_paragraph("第二段（未闭合")
    data = _save(document)
    findings = [f for f in check_bytes("t.docx", data, ALL).findings if f.location.table]
    assert {f.code for f in findings} >= {"TXT001"}
    out = docx.Document(io.BytesIO(annotate_docx(data, findings)))
    blocks = read_docx(data)
    for finding, comment in zip(findings, ours(out)):
        assert anchored(out, comment.comment_id) == blocks[finding.block].text[finding.start : finding.end]
        start = out.element.body.find(f".//{W}commentRangeStart[@{W}id='{comment.comment_id}']")
        assert start.getparent().getparent().tag == W + "tc"  # in the cell's own paragraph


def test_existing_comments_tracked_changes_and_fields_are_kept():
    document = docx.Document()
    document.add_paragraph("2023年度某局部门整体支出绩效自评报告")
    paragraph = document.add_paragraph()
    run = paragraph.add_run("审阅人的意见在这里。")
    document.add_comment(run, text="请核实", author="张三", initials="ZS")
    paragraph = document.add_paragraph("本年共完成")
    paragraph._p.append(docx.oxml.parse_xml(
        f'<w:ins {NSDECL} w:id="90" w:author="李四" w:date="2024-01-01T00:00:00Z"><w:r><w:t>新增内容，</w:t></w:r></w:ins>'))
    paragraph._p.append(docx.oxml.parse_xml(
        f'<w:del {NSDECL} w:id="91" w:author="李四" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>删去的话</w:delText></w:r></w:del>'))
    paragraph._p.append(docx.oxml.parse_xml(
        f'<w:r {NSDECL}><w:fldChar w:fldCharType="begin"/></w:r>'))
    paragraph._p.append(docx.oxml.parse_xml(f'<w:r {NSDECL}><w:instrText> PAGE </w:instrText></w:r>'))
    paragraph._p.append(docx.oxml.parse_xml(f'<w:r {NSDECL}><w:fldChar w:fldCharType="separate"/></w:r>'))
    paragraph._p.append(docx.oxml.parse_xml(f'<w:r {NSDECL}><w:t>7</w:t></w:r>'))
    paragraph._p.append(docx.oxml.parse_xml(f'<w:r {NSDECL}><w:fldChar w:fldCharType="end"/></w:r>'))
    paragraph.add_run("项工作[bookmark: _GoBack]。")
    data = _save(document)
    findings = check_bytes("c.docx", data, ALL).findings
    txt001 = [f for f in findings if f.code == "TXT001"]
    assert txt001
    out = docx.Document(io.BytesIO(annotate_docx(data, findings)))
    old = [c for c in out.comments if c.author == "张三"]
    assert [c.text for c in old] == ["请核实"] and anchored(out, old[0].comment_id) == "审阅人的意见在这里。"
    body = out.element.body
    assert len(body.findall(f".//{W}ins")) == 1 and len(body.findall(f".//{W}del")) == 1
    assert [t.text for t in body.iter(W + "delText")] == ["删去的话"]
    assert [t.text for t in body.iter(W + "instrText")] == [" PAGE "]
    comment = next(c for c, f in zip(ours(out), findings) if f.code == "TXT001")
    assert anchored(out, comment.comment_id) == "[bookmark: _GoBack]"
    assert len(ours(out)) == len(findings)


def test_a_finding_without_a_span_goes_on_the_first_paragraph():
    document = docx.Document()
    for line in ["2023年度某局部门整体支出绩效自评报告", "一、部门基本情况", "本局负责全市科技工作。"]:
        document.add_paragraph(line)
    data = _save(document)
    real = next(f for f in check_bytes("s.docx", data, ALL).findings if f.code.startswith("SEC"))
    # a file-level finding (ingest notes such as a partly unreadable file carry no block)
    whole = dataclasses.replace(real, block=None, start=None, end=None, excerpt="")
    out = docx.Document(io.BytesIO(annotate_docx(data, [real, whole])))
    first, second = ours(out)
    assert anchored(out, first.comment_id) == read_docx(data)[real.block].text[real.start : real.end]
    assert anchored(out, second.comment_id) == "2023年度某局部门整体支出绩效自评报告"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_annotated_copy_and_keeps_the_comments(tmp_path):
    data = typed_reference()
    findings = check_bytes("r.docx", data, ALL).findings
    annotated = tmp_path / "annotated.docx"
    annotated.write_bytes(annotate_docx(data, findings))
    out_dir = tmp_path / "lo"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "docx", "--outdir", str(out_dir), str(annotated)],
        check=True, capture_output=True, timeout=120,
    )
    again = docx.Document(str(out_dir / "annotated.docx"))
    comments = ours(again)
    assert len(comments) == len(findings)
    blocks = read_docx(data)
    spans = sorted(blocks[f.block].text[f.start : f.end] for f in findings)
    assert sorted(anchored(again, c.comment_id) for c in comments) == spans


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_doc_file_is_written_back_as_the_docx_it_was_checked_as(tmp_path):
    source = tmp_path / "typed.docx"
    source.write_bytes(typed_reference())
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "doc", "--outdir", str(tmp_path / "doc"), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    doc = tmp_path / "doc" / "typed.doc"
    before = doc.read_bytes()
    proc = run_cli("check", str(doc), "--format", "json", "--annotate", str(tmp_path / "out"))
    import json

    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert findings and doc.read_bytes() == before
    out = docx.Document(str(tmp_path / "out" / "typed.docx"))
    comments = ours(out)
    assert len(comments) == len(findings)
    assert [c.text.splitlines()[0] for c in comments] == [f["message"] for f in findings]
    lines = "\n".join(b.text for b in read_docx((tmp_path / "out" / "typed.docx").read_bytes())).split("\n")
    for finding, comment in zip(findings, comments):
        loc = finding["location"]
        assert loc["end_line"] == loc["line"]
        assert anchored(out, comment.comment_id) == lines[loc["line"] - 1][loc["column"] - 1 : loc["end_column"] - 1]


def test_spans_inside_insertions_hyperlinks_and_fields_stay_inside_them():
    document = docx.Document()
    document.add_paragraph("2023年度某局部门整体支出绩效自评报告")
    paragraph = document.add_paragraph("一是")
    paragraph._p.append(docx.oxml.parse_xml(
        f'<w:ins {NSDECL} w:id="90" w:author="李四" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><w:rPr><w:b/></w:rPr><w:t>新增[bookmark: _GoBack]的话</w:t></w:r></w:ins>'))
    paragraph = document.add_paragraph("详见")
    paragraph._p.append(docx.oxml.parse_xml(
        f'<w:hyperlink {NSDECL} w:anchor="x"><w:r><w:t xml:space="preserve">附件（一</w:t></w:r></w:hyperlink>'))
    paragraph.add_run("。")
    data = _save(document)
    findings = check_bytes("i.docx", data, ALL).findings
    assert {"TXT001", "TXT003"} <= {f.code for f in findings}
    out = docx.Document(io.BytesIO(annotate_docx(data, findings)))
    blocks = read_docx(data)
    body = out.element.body
    for finding, comment in zip(findings, ours(out)):
        assert anchored(out, comment.comment_id) == blocks[finding.block].text[finding.start : finding.end]
        reference = body.find(f".//{W}commentReference[@{W}id='{comment.comment_id}']")
        assert reference.getparent().getparent().tag == W + "p"  # the reference run is no insertion, no link
    [ins] = body.iter(W + "ins")
    assert "".join(t.text for t in ins.iter(W + "t")) == "新增[bookmark: _GoBack]的话"
    assert all(r.find(f"{W}rPr/{W}b") is not None for r in ins.iter(W + "r"))  # every split part still bold
    [link] = body.iter(W + "hyperlink")
    assert "".join(t.text for t in link.iter(W + "t")) == "附件（一"


def test_a_copy_never_overwrites_an_input(tmp_path):
    source = tmp_path / "报告.docx"
    source.write_bytes(typed_reference())
    before = source.read_bytes()
    proc = run_cli("check", str(source), "--annotate", str(tmp_path))
    assert source.read_bytes() == before
    assert "未写入" in proc.stderr.decode() and sorted(p.name for p in tmp_path.iterdir()) == ["报告.docx"]


def test_an_empty_span_at_the_end_of_a_paragraph_marks_its_last_character():
    data = typed_reference()
    real = check_bytes("r.docx", data, ALL).findings[0]
    block = read_docx(data)[real.block]
    end = len(block.text)
    at_end = dataclasses.replace(real, start=end, end=end, excerpt=_excerpt(block.text, end, end))
    out = docx.Document(io.BytesIO(annotate_docx(data, [at_end])))
    [comment] = ours(out)
    assert anchored(out, comment.comment_id) == block.text.rstrip()[-1]


REAL_LISTS = Path("/work/shared/realdocs/numbering/tika-testWORD_numbered_list.docx")


@pytest.mark.skipif(not REAL_LISTS.exists(), reason="realdocs not available")
def test_numbering_findings_on_a_real_word_files_automatic_labels_anchor_their_paragraphs():
    data = REAL_LISTS.read_bytes()
    blocks = read_docx(data)
    findings = check_bytes(str(REAL_LISTS), data, ALL).findings
    out = docx.Document(io.BytesIO(annotate_docx(data, findings)))
    on_labels = 0
    for finding, comment in zip(findings, ours(out)):
        block = blocks[finding.block]
        text = anchored(out, comment.comment_id)
        if block.auto_label and finding.start < len(block.auto_label):
            on_labels += 1
            assert text == block.text[len(block.auto_label) :].strip()
        else:
            assert text == block.text[finding.start : finding.end]
    assert on_labels >= 5


def test_a_report_inside_a_zip_bundle_is_written_out_annotated(tmp_path):
    import zipfile

    bundle = tmp_path / "submissions.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("科技局/报告.docx", typed_reference())
        archive.writestr("科技局/说明.png", b"\x89PNG\r\n\x1a\n")
    proc = run_cli("check", str(bundle), "--annotate", str(tmp_path / "out"), "--select", "TXT001,TXT002,TXT003,TXT004,NUM")
    assert proc.returncode == 1
    out = docx.Document(str(tmp_path / "out" / "报告.docx"))
    findings = check_bytes("r.docx", typed_reference(), Options(selected=resolve_selection(["TXT001", "TXT002", "TXT003", "TXT004", "NUM"], None))).findings
    assert len(ours(out)) == len(findings)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["报告.docx"]


def test_the_readers_say_which_content_has_a_word_copy_to_annotate():
    from selfeval_lint.ingest.readers import all_readers

    for reader in all_readers():  # every reader locating findings by Word paragraph, and only those
        assert (reader.as_docx is not None) == ("paragraph" in reader.locations), reader.name


def test_the_copy_follows_the_content_not_the_suffix(tmp_path):
    from selfeval_lint.annotate import annotated_copy

    data = AUTO_DOCX.read_bytes()
    findings = check_bytes("r.docx", data, ALL).findings
    assert findings
    for name in ("r.docx", "r.txt"):  # a .docx named .txt is still a Word file
        suffix, copy = annotated_copy(name, data, findings)
        assert suffix == ".docx" and len(ours(docx.Document(io.BytesIO(copy)))) == len(findings)
    text = REFERENCE.read_bytes()
    assert annotated_copy("r.txt", text, check_bytes("r.txt", text, ALL).findings) is None  # line:column is its place


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_legacy_workbook_gets_no_word_copy(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["2023年度项目支出绩效自评表"])
    book.active.append(["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数"])
    book.save(tmp_path / "t.xlsx")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless", "--convert-to", "xls",
                    "--outdir", str(tmp_path), str(tmp_path / "t.xlsx")], check=True, capture_output=True, timeout=180)
    proc = run_cli("check", str(tmp_path / "t.xls"), "--format", "json", "--annotate", str(tmp_path / "out"))
    assert not list((tmp_path / "out").glob("*")), "an OLE workbook is no Word document: no .docx copy"
    assert "不是 Word 或 PDF" in proc.stderr.decode("utf-8")
