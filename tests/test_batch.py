"""The batch path: a worker process that dies costs only the file that killed it."""

from __future__ import annotations

import os

from selfeval_lint import engine, run
from selfeval_lint.engine import Options
from selfeval_lint.registry import resolve_selection

REAL_CHECK = engine.check_file


def dying_check(path: str, options: Options):
    """Like check_file, but the process dies (as by the OOM killer or a crash in native code) on kill.txt."""
    if path.endswith("kill.txt"):
        os._exit(9)
    return REAL_CHECK(path, options)


def test_a_dead_worker_costs_only_its_own_file(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "check_file", dying_check)  # forked workers inherit the patch
    names = [f"{n}.txt" for n in "abcdefg"] + ["kill.txt"]
    for name in names:
        (tmp_path / name).write_text("一、甲\n三、乙\n", encoding="utf-8")
    options = Options(selected=resolve_selection(["NUM"], None))
    results = run.run_files([(str(tmp_path / n), options) for n in names], jobs=2)
    codes = {r.path.rsplit("/", 1)[1]: [(f.code, f.variant) for f in r.findings] for r in results}
    assert codes.pop("kill.txt") == [("PAR006", "died")]
    assert codes == {name: [("NUM001", "gap")] for name in names if name != "kill.txt"}
    assert [r.path for r in results] == [str(tmp_path / n) for n in names]  # order kept
