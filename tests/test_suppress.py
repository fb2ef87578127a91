"""Suppression written in the report: inline comments in .txt/.md, Word comments in .docx, and SUP001 for unused ones."""

from __future__ import annotations

import io
import json

from docx import Document

from selfeval_lint.engine import Options, check_bytes, check_file
from selfeval_lint.registry import resolve_selection

from .conftest import CORPUS, at, codes, run_cli

TITLE = "2023年度某局部门整体支出绩效自评报告\n"


def _check(text: str, name: str = "r.txt", select: str = "TXT,SUP"):
    return check_bytes(name, text.encode("utf-8"), Options(selected=resolve_selection(select.split(","), None)))


def test_disable_next_line_suppresses_that_line_only_and_keeps_the_reason():
    result = _check(TITLE + "<!-- selfeval-lint-disable-next-line TXT004 — 原文引用，保留 -->\n\n完成项目12个。。\n再次。。\n")
    assert at(result.findings) == [("TXT004", 5, 3)]
    (entry,) = result.suppressed
    assert (entry.finding.code, entry.finding.location.line, entry.reason, entry.how) == ("TXT004", 4, "原文引用，保留", "inline")


def test_disable_until_enable_by_code_and_prefix_and_all():
    text = TITLE + (
        "<!-- selfeval-lint-disable TXT -->\n一处。。\n<!-- selfeval-lint-enable TXT -->\n二处。。\n"
        "<!-- selfeval-lint-disable -->\n三处。。\n<!-- selfeval-lint-enable -->\n四处。。\n"
        "<!-- selfeval-lint-disable TXT004 -->\n五处。。\n"
    )
    result = _check(text)
    assert [f.location.line for f in result.findings] == [5, 9]
    assert sorted(s.finding.location.line for s in result.suppressed) == [3, 7, 11]


def test_directive_lines_are_not_report_text():
    """A directive above the title leaves the title found, and its own line is never linted."""
    result = _check("<!-- selfeval-lint-disable TXT003 -->\n" + TITLE + "（一）主要职责（\n", select="ALL")
    assert result.title == TITLE.strip()
    assert all(f.location.line != 1 for f in result.findings)
    assert [(s.finding.code, s.finding.location.line) for s in result.suppressed] == [("TXT003", 3)]


def test_unused_and_unknown_suppressions_are_sup001():
    result = _check(TITLE + "<!-- selfeval-lint-disable-next-line TXT004,TXT003 -->\n完成。。\n"
                    "<!-- selfeval-lint-disable-next-line NUMX01 -->\n完成。\n<!-- selfeval-lint-disable -->\n好。\n")
    sup = [(f.location.line, f.variant, f.args.get("codes")) for f in result.findings if f.code == "SUP001"]
    assert sup == [(2, "unused", "TXT003"), (4, "unknown", "NUMX01"), (6, "unused-all", None)]
    assert all(f.severity.value == "info" for f in result.findings if f.code == "SUP001")


def test_unused_is_judged_only_for_rules_that_ran():
    text = TITLE + "<!-- selfeval-lint-disable-next-line NUM001 -->\n完成。\n"
    assert codes(_check(text, select="TXT,SUP").findings) == []
    assert codes(_check(text, select="NUM,SUP").findings) == ["SUP001"]
    assert codes(_check(text, select="ALL").findings).count("SUP001") == 1
    assert "SUP001" not in codes(_check(text, select="NUM").findings)  # SUP001 itself not selected


def test_markdown_and_json_report(tmp_path):
    report = tmp_path / "r.md"
    report.write_text("# " + TITLE + "<!-- selfeval-lint-disable-next-line TXT004 -- 引文 -->\n完成。。\n", encoding="utf-8")
    data = json.loads(run_cli("check", str(report), "--format", "json", "--select", "TXT").stdout)
    (entry,) = data["files"][0]["suppressed"]
    assert entry["code"] == "TXT004" and entry["reason"] == "引文" and entry["how"] == "inline" and entry["suppressed_at"] == 2
    assert data["files"][0]["findings"] == []
    text = run_cli("check", str(report), "--select", "TXT").stdout.decode()
    assert "另有 1 个问题已按报告中的抑制注释略去" in text


def _word_report(comment_text: str, author: str = "李会计", on: int = 1) -> bytes:
    document = Document()
    document.add_paragraph("2023年度某局部门整体支出绩效自评报告")
    paragraphs = [document.add_paragraph("全年完成项目12个。。"), document.add_paragraph("全年完成项目13个。。")]
    document.add_comment(paragraphs[on - 1].runs, text=comment_text, author=author, initials="L")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_comment_suppresses_its_paragraph_with_author_and_reason(tmp_path):
    path = tmp_path / "r.docx"
    path.write_bytes(_word_report("selfeval-lint: ignore TXT004 — 引用文件原文，不改"))
    result = check_file(str(path), Options(selected=resolve_selection(["TXT", "SUP"], None)))
    assert [(f.code, f.location.paragraph) for f in result.findings] == [("TXT004", 3)]
    (entry,) = result.suppressed
    assert (entry.finding.location.paragraph, entry.reason, entry.author, entry.how) == (2, "引用文件原文，不改", "李会计", "word-comment")
    sarif = json.loads(run_cli("check", str(path), "--format", "sarif", "--select", "TXT,SUP").stdout)
    suppressed = [r for r in sarif["runs"][0]["results"] if "suppressions" in r]
    assert suppressed[0]["suppressions"][0]["justification"] == "引用文件原文，不改"


def test_other_word_comments_and_unused_ones(tmp_path):
    options = Options(selected=resolve_selection(["TXT", "SUP"], None))
    plain = tmp_path / "plain.docx"
    plain.write_bytes(_word_report("请核对数字"))
    assert codes(check_file(str(plain), options).findings) == ["TXT004", "TXT004"]
    unused = tmp_path / "unused.docx"
    unused.write_bytes(_word_report("selfeval-lint: ignore TXT003,TXT004 — 原文"))
    result = check_file(str(unused), options)
    assert [(f.code, f.args.get("codes"), f.location.paragraph) for f in result.findings] == [
        ("SUP001", "TXT003", 2), ("TXT004", None, 3)]


def test_corpus_without_directives_is_unchanged():
    path = CORPUS / "yueyang-kjj-2023-dept-selfeval.txt"
    result = check_file(str(path), Options(selected=resolve_selection(None, None)))
    assert result.suppressed == [] and "SUP001" not in codes(result.findings)


def test_word_comment_over_several_paragraphs_covers_them_all(tmp_path):
    document = Document()
    document.add_paragraph("2023年度某局部门整体支出绩效自评报告")
    paragraphs = [document.add_paragraph(f"第{n}处。。") for n in range(1, 5)]
    document.add_comment([paragraphs[0].runs[0], paragraphs[2].runs[0]], text="selfeval-lint: ignore TXT004：原文", author="王")
    path = tmp_path / "range.docx"
    document.save(str(path))
    result = check_file(str(path), Options(selected=resolve_selection(["TXT", "SUP"], None)))
    assert [f.location.paragraph for f in result.findings] == [5]
    assert [(s.finding.location.paragraph, s.reason) for s in result.suppressed] == [(2, "原文"), (3, "原文"), (4, "原文")]
