"""Regression suite on real documents (../shared/realdocs, with a careful reader's notes): no file lost,
the reader's traps silent, the slips found. Skipped when the folder is absent. docs/realdocs.md has the reading."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import pytest

from selfeval_lint.engine import Options, check_file
from selfeval_lint.ingest import build_document
from selfeval_lint.model import FileResult, Finding
from selfeval_lint.registry import resolve_selection
from selfeval_lint.rulesets import load_rules

_HERE = Path(__file__).resolve()
# shared/ beside the repository (/work/main, or a CI clone with shared/ beside it), or further up (a worktree).
_CANDIDATES = [_HERE.parents[2] / "shared" / "realdocs", *(p / "shared" / "realdocs" for p in _HERE.parents[1:4])]
REALDOCS = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[0])
CHINESE = REALDOCS / "chinese"
NUMBERING = REALDOCS / "numbering"

pytestmark = pytest.mark.skipif(not REALDOCS.is_dir(), reason="../shared/realdocs is absent")


@lru_cache(maxsize=None)
def result(path: Path) -> FileResult:
    return check_file(str(path), Options(selected=resolve_selection(None, None), timeout_seconds=None, keep_text=True))


def findings(name: str) -> list[Finding]:
    return result(CHINESE / name).findings


def loud(name: str) -> list[Finding]:
    """Errors and warnings: what a reviewer acts on."""
    return [f for f in findings(name) if f.severity.value in ("error", "warning")]


def _files() -> list[Path]:
    if not REALDOCS.is_dir():
        return []
    # The .doc files are left out: each costs a LibreOffice run, those in numbering/ are the .docx files' older
    # twins, and cph-test.wps already takes the LibreOffice path (docs/realdocs.md has the .doc's findings).
    return sorted(p for p in CHINESE.iterdir() if p.suffix != ".doc") + sorted(NUMBERING.glob("*.docx"))


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_no_file_is_lost(path):
    res = result(path)
    assert not res.unreadable
    assert [f.args.get("error") for f in res.findings if f.code == "PAR006"] == []


def test_docx_and_wps_give_the_same_findings():
    def key(name):
        return [(f.code, f.location.line, f.excerpt) for f in findings(name)]

    assert key("cph-test.docx") == key("cph-test.wps")
    assert [f.excerpt for f in findings("cph-test.docx") if f.code == "TXT002"] == ["联系人：xxxxx", "Xxxxxxxxxxxxx"]


# --- the slips the reader found --------------------------------------------------------------------------


def test_slips_in_the_justice_bureau_budget_are_found():
    got = loud("gbc-tmp-dept_budget.pdf")
    assert any(f.code == "TXT004" and "支出。。2025年" in f.excerpt for f in got)
    assert any(f.code == "TXT003" and "优秀调解案例”" in f.excerpt for f in got)


def test_the_eighth_duty_run_into_the_seventh_is_found():
    # "（八）" sits inside （七）'s paragraph on p.4: the list then reads （七）（九）; reported where （八） stands.
    got = [f for f in loud("gov-putuo-caizhengju-2024-juesuan.pdf") if f.code == "NUM001"]
    assert [(f.variant, f.location.page, f.args["label"], f.args["next"]) for f in got] == [("run-in", 4, "（八）", "（九）")]
    assert "财务规则。（八）负责本区" in got[0].excerpt


# --- Word automatic numbering: labels as Word displays them ------------------------------------------------

# Known gaps (README of realdocs): numFmt ordinal and w14 custom formats fall back to decimal; a Symbol-font
# minus (U+F02D) shows as a bullet.
_ORDINAL = re.compile(r"\d+(st|nd|rd|th)\b")


def _known_gap(row: dict[str, str]) -> bool:
    return bool(_ORDINAL.search(row["expected"])) or "w14" in row["expected_from"] or "U+F02D" in row["expected_from"]


def _label_rows() -> dict[str, list[dict[str, str]]]:
    rows: dict[str, list[dict[str, str]]] = {}
    with open(NUMBERING / "expected-labels.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["file"].endswith(".docx"):
                rows.setdefault(row["file"], []).append(row)
    return rows


def _matches(expected: str, got: str | None) -> bool:
    if expected.endswith(" (value)"):  # only the counter's value is asserted, punctuation comes from lvlText
        return got is not None and re.sub(r"[^\w]", "", got) == expected[: -len(" (value)")]
    return got == expected


@pytest.mark.parametrize("name", sorted(_label_rows()) if REALDOCS.is_dir() else [])
def test_automatic_numbering_is_rendered_as_word_shows_it(name):
    path = NUMBERING / name
    blocks = build_document(str(path), path.read_bytes(), load_rules()).blocks
    by_paragraph = {b.paragraph: b for b in blocks if b.paragraph is not None}
    text = "\n".join(b.text for b in blocks)

    def body(b):
        return b.text[len(b.auto_label) :].strip() if b.auto_label and b.text.startswith(b.auto_label) else b.text.strip()

    wrong, gaps, cursor = [], 0, 0
    for row in _label_rows()[name]:
        want = row["text"].strip()[:30]
        where = row["where"]
        if not re.fullmatch(r"P\d+", where):  # in a table cell or a text box: the label is inline in the text
            value = row["expected"].removesuffix(" (value)")
            punct = r"[^\w\s]*\s*" if value != row["expected"] else r"\s*"
            ok = re.search(re.escape(value) + punct + re.escape(want), text) is not None or want.startswith(value)
        else:
            block = by_paragraph.get(int(where[1:]))
            if block is None or not body(block).startswith(want):  # the source counts paragraphs its own way
                block = next((b for b in blocks[cursor:] if b.auto_label and body(b).startswith(want)), None)
            cursor = block.index + 1 if block is not None else cursor
            ok = block is not None and _matches(row["expected"], block.auto_label)
        if _known_gap(row):
            gaps += not ok
        elif not ok:
            wrong.append((where, want, row["expected"]))
    assert wrong == []
    assert gaps <= 13  # the documented gaps only; fewer is progress


# --- the reader's traps: nothing reported on them ------------------------------------------------------------

PDFS = [
    "gbc-putuo-shangwuwei-2025-yusuan.pdf",
    "gbc-putuo-wanlijiedao-2024-yusuan.pdf",
    "gbc-tmp-dept_budget.pdf",
    "gov-putuo-caizhengju-2024-juesuan.pdf",
    "gov-putuo-shehuigongzuobu-2024-juesuan.pdf",
]


@pytest.mark.parametrize("name", PDFS)
def test_body_restarting_after_the_toc_is_no_restart(name):
    # 目录 pages (with or without page numbers, as lines or as a table) before a body whose numbering restarts.
    assert [f.excerpt for f in loud(name) if f.code == "NUM001" and f.variant in ("restart", "start")] == []


@pytest.mark.parametrize("name", PDFS)
def test_per_project_blocks_lead_ins_and_title_lines_are_no_reused_style(name):
    # Per-project "…专项经费情况说明 一、项目概述 … 七、绩效目标" blocks, lists after 主要职能包括：/具体包括：/其中：
    assert [f.excerpt for f in loud(name) if f.code in ("NUM007", "NUM003")] == []


def test_toc_lists_a_part_the_body_has_without_its_label():
    got = [f for f in loud("gov-putuo-shehuigongzuobu-2024-juesuan.pdf") if f.code == "SEC008"]
    assert [(f.variant, f.location.page) for f in got] == [("unlabelled", 2)]
    assert "第二部分" in f"{got[0].args['entry']}" and got[0].args["label"] == "第二部分"


@pytest.mark.parametrize("name", [n for n in PDFS if n != "gov-putuo-shehuigongzuobu-2024-juesuan.pdf"])
def test_toc_agreeing_with_the_body_gives_no_sec008(name):
    assert [f.excerpt for f in findings(name) if f.code == "SEC008"] == []


# --- what the PDF reader must get right on them ---------------------------------------------------------------


def _text(name: str) -> str:
    """The text the checks read, its lines run together, from the same run as the findings."""
    return "".join(result(CHINESE / name).lines or [])


def test_wps_export_copies_outside_the_page_are_read_once():
    # The duties list of the 司法局 budget is set twice by WPS (a second copy above the next page's top).
    text = _text("gbc-tmp-dept_budget.pdf")
    assert text.count("（十）完成区委、区政府交办的其他任务。") == 1
    text = _text("gbc-putuo-shangwuwei-2025-yusuan.pdf")
    assert text.count("13、完成区委、区政府交办的其他任务。") == 1
    assert text.count("8、组织协调本区工商业、煤炭、电力、石油日常运行的监控") == 1


def test_onlyoffice_figures_set_apart_stay_with_their_units():
    text = _text("gov-putuo-caizhengju-2024-juesuan.pdf")
    assert "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；" in text
    assert "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元" in text
    assert "本年收入合计万元" not in text


def test_a_short_bracket_pushed_to_the_next_line_does_not_end_the_paragraph():
    path = CHINESE / "gov-putuo-caizhengju-2024-juesuan.pdf"
    blocks = build_document(str(path), path.read_bytes(), load_rules()).blocks  # paragraphs, not lines
    assert any("其中：因公出国（境）费支出决算持平" in b.text for b in blocks)
