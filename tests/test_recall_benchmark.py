"""benchmarks/recall.py keeps working: its quick mode on a few mutants finds every injected defect."""

from __future__ import annotations

import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import recall  # noqa: E402


def test_mutants_of_each_kind_are_made_and_their_defects_found(capsys):
    path = recall.documents(quick=True)[0]
    made = recall.mutants(path, per_doc=1, seed=1)
    kinds = {m.kind for m in made}
    assert {"wrong-part", "wrong-total", "numbering-gap", "deleted-section", "unbalanced-quote"} <= kinds
    chosen = [m for m in made if m.kind in ("wrong-total", "numbering-repeat", "unbalanced-quote")]
    base = recall.codes(path.read_text(encoding="utf-8"), "txt", False)
    for m in chosen:
        new = recall.codes(m.text, "txt", False) - base
        assert any(new[c] for c in recall.EXPECTED[m.kind]), (m.kind, m.note, new)
        assert not any(n for c, n in new.items() if c not in recall.RELATED[m.kind]), (m.kind, m.note, new)


def test_the_same_mutant_as_word_with_automatic_numbering_is_found():
    path = recall.documents(quick=True)[0]
    (m,) = [m for m in recall.mutants(path, per_doc=1, seed=1) if m.kind == "wrong-part"]
    base = recall.codes(path.read_text(encoding="utf-8"), "docx", False)
    assert base == {}
    assert (recall.codes(m.text, "docx", False) - base).get("ARI001")


def test_figures_are_also_picked_from_the_text_whatever_was_recognised():
    path = recall.documents(quick=True)[1]  # 01_hunan_dept_full: 主要包括 lists after a share clause, tables
    made = [m for m in recall.mutants(path, per_doc=50, seed=1) if m.kind in recall.TEXT_KINDS]
    assert {m.kind for m in made} == {"text-amount", "text-percent"}
    assert {m.recognised for m in made} == {True, False}  # figures a recogniser read, and figures none did
    # a part of a 主要包括 list that follows a share clause is checked: the list's sum now exceeds its total
    (m,) = [m for m in made if m.note.startswith("74.57 →")]
    base = recall.codes(path.read_text(encoding="utf-8"), "txt", False)
    assert (recall.codes(m.text, "txt", False) - base).get("ARI001")
