"""Every corpus document gives exactly its expected findings: any change in what the tool reports is a diff."""

from __future__ import annotations

import json

import pytest

from scripts.build_corpus import DOCUMENT_SUFFIXES, expected_findings, expected_path, variants

from .conftest import CORPUS

DOCUMENTS = sorted(p for p in CORPUS.iterdir() if p.suffix in DOCUMENT_SUFFIXES)


def test_corpus_has_expectations_for_every_document():
    assert [p.name for p in DOCUMENTS if not expected_path(p).exists()] == []


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_findings_match_expected(path):
    assert expected_findings(path) == json.loads(expected_path(path).read_text(encoding="utf-8"))


def test_generated_variants_are_up_to_date():
    for path, text in variants().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run python scripts/build_corpus.py"


def test_reference_report_findings_are_the_ones_the_issue_names():
    """The reference report's defects (domain.md §6), each at its line — independent of the expected file."""
    findings = {(f["code"], f["line"]) for f in expected_findings(CORPUS / "yueyang-kjj-2023-dept-selfeval.txt")["findings"]}
    top_level_mix = {("NUM002", line) for line in (4, 23, 28, 30, 32, 52)}
    assert top_level_mix <= findings
    assert {("NUM004", 5), ("NUM004", 20)} <= findings  # (一) (二) half-width
    assert ("NUM003", 24) in findings  # （1）（2） under 二 while other parts use （一）
    assert ("NUM002", 50) in findings  # （一）→（2） under 七
    assert {("NUM002", 55), ("NUM002", 57), ("NUM002", 59)} <= findings  # （一）→（2）（3）（4） under 八
    assert ("TXT001", 49) in findings  # [bookmark: _GoBack]
    assert ("TXT003", 36) in findings  # 建立政策、项目、任务”
    assert {("TXT005", 15), ("TXT006", 21), ("TXT006", 22), ("WRD001", 62)} <= findings  # 国(境)外, 科室 11 个, 官网网站
    inline_lists = set(range(6, 20)) | set(range(41, 45)) | set(range(36, 40)) - {36}
    assert not {line for code, line in findings if code[:3] in ("NUM", "ARI")} & inline_lists
