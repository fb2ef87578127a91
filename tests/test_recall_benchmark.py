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
