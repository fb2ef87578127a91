"""The batch path: a worker process that dies costs only the file that killed it."""

from __future__ import annotations

import json
import os
import time
import weakref

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


def stuck_check(path: str, options: Options):
    """Like check_file, but on hang.txt the worker is stuck where no Python signal handler runs (as in C code:
    SIGALRM stays pending), so only the parent can end it."""
    if path.endswith("hang.txt"):
        import signal
        import time

        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(600)
    return REAL_CHECK(path, options)


def unpicklable_check(path: str, options: Options):
    """Like check_file, but the result for odd.txt cannot be sent back (an argument that does not pickle)."""
    result = REAL_CHECK(path, options)
    if path.endswith("odd.txt"):
        result.findings[0].args["bad"] = lambda: None
    return result


def raising_check(path: str, options: Options):
    if path.endswith("boom.txt"):
        raise MemoryError("result construction failed")
    return REAL_CHECK(path, options)


def _batch(tmp_path, names):
    for name in names:
        (tmp_path / name).write_text("一、甲\n三、乙\n", encoding="utf-8")
    return [str(tmp_path / n) for n in names]


def _variants(results):
    return {r.path.rsplit("/", 1)[1]: [(f.code, f.variant) for f in r.findings] for r in results}


def test_the_parent_kills_a_worker_stuck_in_c_code_and_the_rest_finish(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "check_file", stuck_check)
    monkeypatch.setattr(run, "KILL_GRACE_SECONDS", 0.5)
    names = ["a.txt", "hang.txt", "b.txt", "c.txt"]
    options = Options(selected=resolve_selection(["NUM"], None), timeout_seconds=1)
    start = time.monotonic()
    results = run.run_files([(p, options) for p in _batch(tmp_path, names)], jobs=2)
    assert time.monotonic() - start < 30
    codes = _variants(results)
    assert codes.pop("hang.txt") == [("PAR006", "timeout")]
    assert codes == {n: [("NUM001", "gap")] for n in names if n != "hang.txt"}


def test_serial_mode_honours_the_limit_too(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "check_file", stuck_check)
    monkeypatch.setattr(run, "KILL_GRACE_SECONDS", 0.5)
    options = Options(selected=resolve_selection(["NUM"], None), timeout_seconds=1)
    results = run.run_files([(p, options) for p in _batch(tmp_path, ["hang.txt", "a.txt"])], jobs=1)
    assert _variants(results) == {"hang.txt": [("PAR006", "timeout")], "a.txt": [("NUM001", "gap")]}


def test_a_result_that_cannot_be_returned_or_built_is_that_files_par006(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "check_file", unpicklable_check)
    options = Options(selected=resolve_selection(["NUM"], None))
    paths = _batch(tmp_path, ["a.txt", "odd.txt", "b.txt"])
    codes = _variants(run.run_files([(p, options) for p in paths], jobs=2))
    assert codes == {"a.txt": [("NUM001", "gap")], "odd.txt": [("PAR006", "crash")], "b.txt": [("NUM001", "gap")]}
    monkeypatch.setattr(run, "check_file", raising_check)
    for jobs in (1, 2):
        paths = _batch(tmp_path, ["a.txt", "boom.txt"])
        codes = _variants(run.run_files([(p, Options(selected=options.selected, timeout_seconds=None)) for p in paths], jobs))
        assert codes == {"a.txt": [("NUM001", "gap")], "boom.txt": [("PAR006", "crash")]}


def test_results_stream_as_files_finish(tmp_path, monkeypatch):
    """A slow file does not hold back the others: they arrive first, each exactly once."""
    monkeypatch.setattr(run, "check_file", stuck_check)
    monkeypatch.setattr(run, "KILL_GRACE_SECONDS", 0.5)
    names = ["hang.txt", "a.txt", "b.txt", "c.txt", "d.txt"]
    options = Options(selected=resolve_selection(["NUM"], None), timeout_seconds=2)
    order = [i for i, _ in run.run_stream([(p, options) for p in _batch(tmp_path, names)], jobs=2)]
    assert sorted(order) == list(range(len(names)))
    assert order[-1] == 0  # the stuck file comes last


class Recorder:
    """A stream that records each write with the time it came."""

    def __init__(self):
        self.writes = []

    def write(self, text):
        self.writes.append((time.monotonic(), text))

    def flush(self):
        pass


def test_jsonl_is_written_as_files_finish(tmp_path, monkeypatch):
    from selfeval_lint.report import STREAMING
    from selfeval_lint.report.stream import emit

    monkeypatch.setattr(run, "check_file", stuck_check)
    monkeypatch.setattr(run, "KILL_GRACE_SECONDS", 0.2)
    paths = _batch(tmp_path, ["a.txt", "hang.txt", "b.txt"])
    options = Options(selected=resolve_selection(["NUM"], None), timeout_seconds=1.5)
    for fmt in ("jsonl", "text", "concise", "github"):
        out = Recorder()
        summary = emit(run.run_stream([(p, options) for p in paths], jobs=2), STREAMING[fmt], "en", out)
        assert (summary.files, summary.errors, summary.unreadable) == (3, 3, 1)
        first_time, first = out.writes[0]
        hang_time = next(t for t, text in out.writes if "hang.txt" in text)
        assert "a.txt" in first and first_time < hang_time - 1  # long before the stuck file's limit ran out
        files = [t for _, t in out.writes] if fmt == "github" else [t for _, t in out.writes[:-1]]
        if fmt != "jsonl":  # input order
            assert ["a.txt" in files[0], "hang.txt" in files[1], "b.txt" in files[2]] == [True] * 3
            assert len(files) == 3
            end = {"text": "Checked 3 file(s): 3 error(s)", "concise": "Found 3 problem(s) in 3 file(s)."}
            if fmt in end:
                assert out.writes[-1][1].startswith(end[fmt])
        else:  # finishing order, then the summary object
            assert [json.loads(t)["path"].rsplit("/", 1)[1] for t in files] == ["a.txt", "b.txt", "hang.txt"]
            assert json.loads(out.writes[-1][1])["summary"] == {
                "files": 3, "errors": 3, "warnings": 0, "infos": 0, "unreadable": 1, "skipped": 0,
                "chars": summary.chars, "per_10k_chars": summary.per_10k}


def test_jsonl_holds_the_same_files_as_json(cli):
    lines = [json.loads(line) for line in cli("check", "corpus/", "--format", "jsonl", "--jobs", "2").stdout.splitlines()]
    full = json.loads(cli("check", "corpus/", "--format", "json", "--jobs", "1").stdout)
    files = {line["path"]: line for line in lines[:-1] if "skipped" not in line and "addendum" not in line}
    for line in lines[:-1]:  # TAB020 across a folder's files comes as an addendum to a file already written
        if "addendum" in line:
            files[line["addendum"]["path"]]["findings"] += line["addendum"]["findings"]
    def order(file):  # type: ignore[no-untyped-def]
        return {**file, "findings": sorted(file["findings"], key=lambda f: json.dumps(f, sort_keys=True))}

    assert sorted(map(order, files.values()), key=lambda f: f["path"]) == sorted(map(order, full["files"]), key=lambda f: f["path"])
    assert [line["skipped"] for line in lines[:-1] if "skipped" in line] == full["skipped"]
    assert lines[-1]["summary"] == full["summary"]


def test_progress_bar_only_on_a_terminal(monkeypatch):
    import pty

    from selfeval_lint.report.progress import Progress, progress_wanted

    import fcntl
    import select
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    with os.fdopen(slave, "w") as terminal:
        monkeypatch.delenv("CI", raising=False)
        assert progress_wanted(False, terminal)
        assert not progress_wanted(True, terminal)  # --quiet
        bar = Progress(3, "en", stream=terminal)
        for _ in range(3):
            bar.advance()
        bar.bar.refresh()
        shown, deadline = "", time.monotonic() + 5
        while "3/3" not in shown and time.monotonic() < deadline and select.select([master], [], [], 1)[0]:
            shown += os.read(master, 65536).decode()
        bar.close()
        assert "3/3" in shown
        monkeypatch.setenv("CI", "true")
        assert not progress_wanted(False, terminal)
    os.close(master)
    assert not progress_wanted(False, Recorder())  # not a terminal


def hostile_check(path: str, options: Options):
    """Every way a file can go wrong in a worker at once: it dies, hangs in C code, raises, or will not pickle."""
    if path.endswith("kill.txt"):
        return dying_check(path, options)
    if path.endswith("hang.txt"):
        return stuck_check(path, options)
    if path.endswith("boom.txt"):
        return raising_check(path, options)
    return unpicklable_check(path, options)


def test_every_file_of_a_hostile_batch_gets_exactly_one_result(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "check_file", hostile_check)
    monkeypatch.setattr(run, "KILL_GRACE_SECONDS", 0.3)
    names = ["a.txt", "kill.txt", "b.txt", "hang.txt", "c.txt", "boom.txt", "odd.txt", "d.txt", "kill2-kill.txt"]
    options = Options(selected=resolve_selection(["NUM"], None), timeout_seconds=1)
    streamed = list(run.run_stream([(p, options) for p in _batch(tmp_path, names)], jobs=2))
    assert sorted(i for i, _ in streamed) == list(range(len(names)))  # each exactly once
    codes = _variants(r for _, r in streamed)
    assert {n: c[0] for n, c in codes.items()} == {
        "a.txt": ("NUM001", "gap"), "b.txt": ("NUM001", "gap"), "c.txt": ("NUM001", "gap"), "d.txt": ("NUM001", "gap"),
        "kill.txt": ("PAR006", "died"), "kill2-kill.txt": ("PAR006", "died"), "hang.txt": ("PAR006", "timeout"),
        "boom.txt": ("PAR006", "crash"), "odd.txt": ("PAR006", "crash"),
    }


LOADED: list = []


def loading_check(path: str, options: Options):
    """Like check_file, but it keeps what it loads (as a reader or a model loaded on first use) and names in the
    result's title how many objects the collector leaves alone (gc.freeze)."""
    import gc

    result = REAL_CHECK(path, options)  # (which may build and freeze a model: what it loads comes after)
    LOADED.append([[] for _ in range(10_000)])  # many, so that other objects freed meanwhile do not matter
    result.title = str(gc.get_freeze_count())
    return result


def test_a_worker_leaves_what_its_first_file_loaded_out_of_later_collections(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "check_file", loading_check)
    paths = _batch(tmp_path, ["a.txt", "b.txt", "c.txt"])
    options = Options(selected=resolve_selection(["NUM"], None), timeout_seconds=60)  # a limit: one worker
    first, second, third = (int(r.title) for r in run.run_files([(p, options) for p in paths], jobs=1))
    assert second >= first + 9_000  # the first file's loaded objects frozen after it
    assert third < second + 9_000  # once: what the second file loaded is not frozen


def test_starting_a_worker_leaves_the_parents_frozen_models_frozen(tmp_path):
    import gc

    paths = _batch(tmp_path, ["a.txt", "b.txt"])
    options = Options(selected=resolve_selection(["NUM"], None), timeout_seconds=60)  # a limit: a worker
    gc.freeze()  # as collector.kept_for_good leaves the models the parent loaded
    before = gc.get_freeze_count()

    class Node:
        pass

    garbage = Node()
    garbage.me = garbage  # a cycle no longer referred to, left for the collector, when the worker starts
    gone = weakref.ref(garbage)
    del garbage
    try:
        assert len(list(run.run_files([(p, options) for p in paths], jobs=1))) == 2
        assert gc.get_freeze_count() >= before  # not put back into the parent's collections
        gc.collect()
        assert gone() is None  # collected before the parent's heap was frozen, not kept for good
    finally:
        gc.unfreeze()
