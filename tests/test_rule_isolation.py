"""A bug in one rule costs that rule only: the file keeps every other rule's findings."""

from __future__ import annotations

from selfeval_lint import registry
from selfeval_lint.registry import get_rule

from .conftest import lint

TEXT = "一、基本情况\n二、支出情况\n四、绩效情况\n联系人：XXX\n"


def _crashing(ctx):  # a rule whose check fails half-way, after yielding nothing
    raise ValueError("not enough values to unpack (expected 2, got 1)")
    yield  # pragma: no cover


def test_a_failing_rule_yields_one_note_and_the_other_findings_stay(monkeypatch):
    before = lint(TEXT)
    assert {"NUM001", "TXT002"} <= {f.code for f in before}
    victim = get_rule("NUM006")
    monkeypatch.setitem(registry.REGISTRY, "NUM006", registry.Rule(**{**victim.__dict__, "check": _crashing}))
    after = lint(TEXT)
    notes = [f for f in after if f.code == "PAR006"]
    assert len(notes) == 1 and notes[0].variant == "rule-crash"
    assert notes[0].args["rule"] == "NUM006" and "ValueError" in notes[0].args["error"]
    message = get_rule("PAR006").message(notes[0].variant, notes[0].args)
    assert "NUM006" in message and "ValueError" in message
    assert [(f.code, f.location.line) for f in after if f.code != "PAR006"] == [(f.code, f.location.line) for f in before]


def test_a_rule_failing_after_some_hits_loses_only_its_own(monkeypatch):
    victim = get_rule("NUM001")

    def half(ctx):
        yield from victim.check(ctx)
        raise KeyError("boom")

    monkeypatch.setitem(registry.REGISTRY, "NUM001", registry.Rule(**{**victim.__dict__, "check": half}))
    after = lint(TEXT)
    assert [f.code for f in after if f.code in ("NUM001", "PAR006")] == ["PAR006"]
    assert "TXT002" in {f.code for f in after}
    note = next(f for f in after if f.code == "PAR006")
    assert get_rule("PAR006").message(note.variant, note.args, "en").startswith("Rule NUM001 failed")
