"""The result store: real SQLite files in a temporary directory, as the CLI uses them."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest

from selfeval_lint import cache, run
from selfeval_lint.cache import Store
from selfeval_lint.engine import Options
from selfeval_lint.registry import resolve_selection

from .conftest import ROOT

TEXT = "2023年度某局部门整体支出绩效自评报告\n一、部门基本情况\n三、乙\n"


def _options(select="NUM"):
    return Options(selected=resolve_selection([select], None))


def _files(tmp_path, n=3):
    paths = []
    for i in range(n):
        p = tmp_path / f"r{i}.txt"
        p.write_text(TEXT, encoding="utf-8")
        paths.append(str(p))
    return paths


def _database(path, *statements):
    """An SQLite file made by `statements` (another program's, or an older version's store)."""
    db = sqlite3.connect(path)
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


def no_work(path, options):
    raise AssertionError(f"{path} was checked again")


def test_a_second_run_takes_every_result_from_the_store(tmp_path, monkeypatch):
    store = Store(tmp_path / "store")
    work = [(p, _options()) for p in _files(tmp_path)]
    first = run.run_files(work, jobs=1, store=store)
    assert store.count() == 3
    monkeypatch.setattr(run, "check_file", no_work)
    assert run.run_files(work, jobs=1, store=store) == first


def test_content_options_and_user_templates_are_in_the_key(tmp_path):
    store = Store(tmp_path / "store")
    (path,) = _files(tmp_path, 1)
    base = store.key(path, _options())
    assert store.key(path, _options()) == base  # equal options, another object
    assert store.key(path, _options("TXT")) != base
    assert store.key(path, Options(selected=_options().selected, template="generic")) != base
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "a.yaml").write_text("id: a\n", encoding="utf-8")
    with_dir = Options(selected=_options().selected, template_dirs=(str(templates),))
    before = store.key(path, with_dir)
    (templates / "a.yaml").write_text("id: b\n", encoding="utf-8")
    assert Store(tmp_path / "store").key(path, with_dir) != before
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("四、丙\n")
    assert store.key(path, _options()) != base


def test_special_files_are_never_hashed(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert Store(tmp_path / "store").key(str(fifo), _options()) is None  # returns at once, no blocking read
    assert Store(tmp_path / "store").key(str(tmp_path / "missing.txt"), _options()) is None


@pytest.mark.parametrize("kind", ["garbage", "foreign"])
def test_a_corrupt_or_foreign_database_is_rebuilt_with_a_warning(tmp_path, kind):
    directory = tmp_path / "store"
    directory.mkdir()
    db_path = directory / cache.DB_NAME
    if kind == "garbage":
        db_path.write_bytes(b"not a database" * 500)
    else:
        _database(db_path, "CREATE TABLE results (key TEXT, value BLOB, stored REAL)", "INSERT INTO results VALUES ('k', x'00', 0)")
    warnings = []
    store = Store(directory, warn=warnings.append)
    work = [(p, _options()) for p in _files(tmp_path, 2)]
    results = run.run_files(work, jobs=1, store=store)
    assert [r.findings[0].code for r in results] == ["NUM001", "NUM001"]
    assert len(warnings) == 1 and "已重建" in warnings[0]
    assert store.count() == 2


def test_a_row_that_is_not_a_result_is_a_miss_never_run(tmp_path):
    store = Store(tmp_path / "store")
    (path,) = _files(tmp_path, 1)
    key = store.key(path, _options())

    class Evil:
        def __reduce__(self):
            return (os.system, ("echo pwned",))

    store._query("INSERT INTO results (key, head, body, stored, base) VALUES (?, ?, ?, 0, ?)",
                 (key, pickle.dumps(Evil()), pickle.dumps(Evil()), store.base()), write=True)
    assert store.get(key, path) is None


def test_an_unusable_directory_costs_a_warning_not_the_results(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    warnings = []
    store = Store(blocker / "store", warn=warnings.append)
    results = run.run_files([(p, _options()) for p in _files(tmp_path, 2)], jobs=1, store=store)
    assert [r.findings[0].code for r in results] == ["NUM001", "NUM001"]
    assert len(warnings) == 1


def test_cli_cache_options_parallel_runs_and_clean(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    _files(folder, 6)
    store_dir = tmp_path / "store"
    command = [sys.executable, "-m", "selfeval_lint", "check", str(folder), "--format", "json", "--cache-dir", str(store_dir)]
    runs = [subprocess.Popen(command + ["--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in runs]
    assert [p.returncode for p in runs] == [1, 1]
    assert [err for _, err in outputs] == [b"", b""]  # no warning: two runs share the store safely
    assert json.loads(outputs[0][0]) == json.loads(outputs[1][0])
    assert Store(store_dir).count() == 6
    again = subprocess.run(command, capture_output=True, cwd=ROOT, timeout=120)
    assert json.loads(again.stdout) == json.loads(outputs[0][0])
    elsewhere = tmp_path / "other-store"
    subprocess.run([*command[:-1], str(elsewhere), "--no-cache"], capture_output=True, cwd=ROOT, timeout=120)
    assert not elsewhere.exists()
    clean = subprocess.run([sys.executable, "-m", "selfeval_lint", "cache", "clean", "--cache-dir", str(store_dir)],
                           capture_output=True, cwd=ROOT, timeout=60)
    assert clean.returncode == 0 and "已清除" in clean.stdout.decode()
    assert not (store_dir / cache.DB_NAME).exists()


def test_the_suite_never_writes_the_users_store():
    assert str(cache.default_cache_dir()) == os.environ["SELFEVAL_LINT_CACHE_DIR"]


def test_validated_rule_data_is_kept_and_follows_the_files(tmp_path, monkeypatch):
    from selfeval_lint import rulesets

    monkeypatch.setenv("SELFEVAL_LINT_CACHE_DIR", str(tmp_path / "store"))
    root = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", root)
    fresh = rulesets._validated_data(root)
    assert len(list((tmp_path / "store").glob("rules-*.json"))) == 1

    def no_validation(*args):
        raise AssertionError("validated again")

    monkeypatch.setattr(rulesets, "validate", no_validation)
    assert rulesets._validated_data(root) == fresh  # unchanged files: neither parsed nor validated
    monkeypatch.undo()
    monkeypatch.setenv("SELFEVAL_LINT_CACHE_DIR", str(tmp_path / "store"))
    text = (root / "numbering.yaml").read_text(encoding="utf-8")
    (root / "numbering.yaml").write_text(text + "\nunexpected_key: 1\n", encoding="utf-8")
    with pytest.raises(rulesets.RuleSetError):
        rulesets._validated_data(root)  # a changed file is validated again, and its error still found


def _corpus_work():
    from .conftest import CORPUS

    options = Options(selected=resolve_selection(None, None))
    paths = sorted(str(p) for p in CORPUS.iterdir() if p.is_file() and not p.name.endswith(".expected.json"))
    return [(p, options) for p in paths]


def test_every_corpus_result_comes_back_from_the_store_whole_and_as_written(tmp_path, monkeypatch):
    """Real reports of every format, with their 自评表 summaries and suppressions: none is checked again, the
    whole result equals the first one, and a streamed report's text is the one written the first time."""
    from selfeval_lint.prerender import Form
    from selfeval_lint.report.jsonl import render_file

    store = Store(tmp_path / "store")
    suppressed = tmp_path / "suppressed.md"
    suppressed.write_text("2023年度某局部门整体支出绩效自评报告\n\n<!-- selfeval-lint-disable-next-line TXT004 — 原文引用 -->\n\n"
                          "完成项目12个。。\n", encoding="utf-8")
    work = _corpus_work() + [(str(suppressed), _corpus_work()[0][1])]
    form = Form("jsonl", "zh")
    first = run.run_files(work, jobs=1, store=store)
    assert any(r.table_summary is not None for r in first) and any(r.suppressed for r in first)
    texts = dict(run.run_stream(work, jobs=1, store=store, form=form))  # rendered from the stored results once
    monkeypatch.setattr(run, "check_file", no_work)
    assert run.run_files(work, jobs=1, store=store) == first
    again = dict(run.run_stream(work, jobs=1, store=Store(tmp_path / "store"), form=form))
    assert [again[i].text for i in range(len(work))] == [render_file(r, "zh") for r in first]
    assert [again[i].text for i in range(len(work))] == [texts[i].text for i in range(len(work))]
    assert [again[i].counts for i in range(len(work))] == [
        tuple(sum(f.severity.value == s for f in r.findings) for s in ("error", "warning", "info")) for r in first]


def test_a_worker_renders_what_the_parent_would_and_the_store_keeps_it(tmp_path, monkeypatch):
    from selfeval_lint.prerender import Form
    from selfeval_lint.report import text

    store = Store(tmp_path / "store")
    work = _corpus_work()[:6]
    form = Form("text", "en")
    streamed = dict(run.run_stream(work, jobs=2, store=store, form=form))
    whole = run.run_files(work, jobs=1)
    assert [streamed[i].text for i in range(len(work))] == [text.render_file(r, "en") for r in whole]
    monkeypatch.setattr(run, "check_file", no_work)
    assert run.run_files(work, jobs=1, store=store) == whole  # the worker's packed body is the whole result


def test_a_store_of_an_earlier_schema_is_replaced_without_a_warning(tmp_path):
    directory = tmp_path / "store"
    directory.mkdir()
    _database(directory / cache.DB_NAME, f"PRAGMA application_id={cache.APPLICATION_ID}", "PRAGMA user_version=1",
              "CREATE TABLE results (key TEXT PRIMARY KEY, value BLOB NOT NULL, stored REAL NOT NULL)",
              "INSERT INTO results VALUES ('k', x'00', 0)")
    warnings = []
    store = Store(directory, warn=warnings.append)
    work = [(p, _options()) for p in _files(tmp_path, 2)]
    assert [r.findings[0].code for r in run.run_files(work, jobs=1, store=store)] == ["NUM001", "NUM001"]
    assert warnings == [] and store.count() == 2


def test_results_of_other_versions_go_once_a_week_old(tmp_path):
    store = Store(tmp_path / "store")
    work = [(p, _options()) for p in _files(tmp_path, 2)]
    run.run_files(work, jobs=1, store=store)
    keys = [store.key(p, o) for p, o in work]
    store._query("UPDATE results SET base = 'another version', stored = ? WHERE key = ?", (time.time() - cache.STALE_SECONDS - 60, keys[0]), write=True)
    store._query("UPDATE results SET base = 'another version' WHERE key = ?", (keys[1],), write=True)  # written today
    store._query("INSERT INTO renderings VALUES (?, 'jsonl:zh', 'x')", (keys[0],), write=True)
    store.close()
    again = Store(tmp_path / "store")
    assert again.count() == 1 and again.get(keys[1], work[1][0]) is not None
    assert again._query("SELECT count(*) FROM renderings WHERE key = ?", (keys[0],))[0] == 0


def _big_results(store, tmp_path, n, kib):
    """n stored results with bodies of `kib` KiB each (what a report with hundreds of findings takes), written
    one after another: keys in the order they were stored."""
    work = [(p, _options()) for p in _files(tmp_path, n)]
    run.run_files(work, jobs=1, store=store)
    keys = [store.key(p, o) for p, o in work]
    for k, key in enumerate(keys):
        store._query("UPDATE results SET body = randomblob(?), stored = ? WHERE key = ?", (kib * 1024, 1000.0 + k, key), write=True)
    store._query("INSERT INTO renderings VALUES (?, 'jsonl:zh', 'x')", (keys[0],), write=True)
    return keys


def test_a_store_over_its_bound_loses_its_oldest_results_when_next_opened(tmp_path):
    store = Store(tmp_path / "store", max_mb=100)
    keys = _big_results(store, tmp_path, 10, 200)  # about 2 MB of results
    assert store.info().used_bytes > 1.9 * 2**20
    store.close()
    bounded = Store(tmp_path / "store", max_mb=1)
    assert bounded.count() < 10  # opened: trimmed
    db = sqlite3.connect(bounded.path)
    left = [k for (k,) in db.execute("SELECT key FROM results ORDER BY stored")]
    assert left == keys[-len(left):]  # the newest kept, the oldest written gone
    assert len(left) == 4  # 0.9 MB of 200 KiB results
    assert bounded.info().used_bytes <= 2**20
    assert db.execute("SELECT count(*) FROM renderings WHERE key = ?", (keys[0],)).fetchone()[0] == 0  # its texts too
    db.close()


def test_a_store_within_its_bound_keeps_everything(tmp_path):
    store = Store(tmp_path / "store", max_mb=100)
    _big_results(store, tmp_path, 5, 100)
    store.close()
    again = Store(tmp_path / "store", max_mb=1)  # 0.5 MB of results in a 1 MB bound
    assert again.count() == 5


def test_the_bound_comes_from_the_environment_or_the_default(monkeypatch):
    warned = []
    monkeypatch.setenv(cache.ENV_MAX_MB, "64")
    assert Store(max_mb=None, warn=warned.append).max_bytes == 64 * 2**20
    monkeypatch.setenv(cache.ENV_MAX_MB, "lots")
    assert Store(warn=warned.append).max_bytes == cache.DEFAULT_MAX_MB * 2**20
    assert len(warned) == 1 and cache.ENV_MAX_MB in warned[0]
    monkeypatch.delenv(cache.ENV_MAX_MB)
    assert Store(max_mb=0.5).max_bytes == 2**19
    for wrong in (0, -1, float("nan")):
        with pytest.raises(ValueError):
            Store(max_mb=wrong)
    assert Store(max_mb=float("inf")).max_bytes == cache.MAX_MB_RANGE[1] * 2**20


def test_cli_cache_bound_and_info(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    _files(folder, 3)
    store_dir = tmp_path / "store"
    command = [sys.executable, "-m", "selfeval_lint", "check", str(folder), "--cache-dir", str(store_dir)]
    refused = subprocess.run([*command, "--cache-max-mb", "0"], capture_output=True, cwd=ROOT, timeout=60)
    assert refused.returncode == 2 and "--cache-max-mb" in refused.stderr.decode()
    subprocess.run([*command, "--cache-max-mb", "50"], capture_output=True, cwd=ROOT, timeout=120)
    info = subprocess.run([sys.executable, "-m", "selfeval_lint", "cache", "info", "--cache-dir", str(store_dir)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert info.returncode == 0
    assert str(store_dir / cache.DB_NAME) in info.stdout and "results: 3" in info.stdout
    none = subprocess.run([sys.executable, "-m", "selfeval_lint", "cache", "info", "--cache-dir", str(tmp_path / "nothing")],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert none.returncode == 0 and "没有结果缓存" in none.stdout
    assert not (tmp_path / "nothing").exists()  # info never creates a store


def test_info_reads_a_store_without_trimming_or_rebuilding_it(tmp_path):
    store = Store(tmp_path / "store", max_mb=100)
    _big_results(store, tmp_path, 10, 200)
    store.close()
    bounded = Store(tmp_path / "store", max_mb=1)  # over this bound: a run opening it would trim it
    info = bounded.info()
    assert sorted(f.name for f in bounded.path.parent.iterdir()) == [cache.DB_NAME]  # no -wal or -shm left beside it
    assert isinstance(info, cache.StoreInfo)
    assert info.results == 10 and info.used_bytes > 2**20 and info.file_bytes >= info.used_bytes
    db = sqlite3.connect(bounded.path)
    assert db.execute("SELECT count(*) FROM results").fetchone()[0] == 10  # nothing removed
    db.close()
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    db = sqlite3.connect(foreign / cache.DB_NAME)
    db.execute("CREATE TABLE notes (x)")
    db.commit()
    db.close()
    assert "not this tool's database" in Store(foreign).info()
    db = sqlite3.connect(foreign / cache.DB_NAME)
    assert db.execute("SELECT name FROM sqlite_master").fetchall() == [("notes",)]  # not rebuilt
    db.close()


def test_the_trim_counts_a_texts_bytes_and_drops_texts_without_their_result(tmp_path):
    store = Store(tmp_path / "store", max_mb=100)
    keys = _big_results(store, tmp_path, 4, 10)
    wide = "预算执行率" * 60_000  # 300,000 characters, 900,000 bytes in UTF-8
    store._query("INSERT OR REPLACE INTO renderings VALUES (?, 'text:zh', ?)", (keys[0], wide), write=True)
    store._query("INSERT INTO renderings VALUES ('gone', 'text:zh', ?)", (wide,), write=True)  # its result is gone
    store.close()
    bounded = Store(tmp_path / "store", max_mb=1)
    assert bounded.count() == 3  # the orphan and the oldest result's wide text: counted in bytes, not characters
    db = sqlite3.connect(bounded.path)
    assert db.execute("SELECT count(*) FROM renderings WHERE key IN ('gone', ?)", (keys[0],)).fetchone()[0] == 0
    db.close()


@pytest.mark.parametrize("value", ["0", "0.5", "-3", "1e303", "inf", "nan", "lots"])
def test_a_bound_that_is_no_size_is_refused_on_the_command_line_and_warned_about_from_the_environment(tmp_path, monkeypatch, value):
    refused = subprocess.run([sys.executable, "-m", "selfeval_lint", "check", str(tmp_path), "--cache-max-mb", value],
                             capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert refused.returncode == 2 and "--cache-max-mb" in refused.stderr and "Traceback" not in refused.stderr
    warned = []
    monkeypatch.setenv(cache.ENV_MAX_MB, value)
    assert Store(warn=warned.append).max_bytes == cache.DEFAULT_MAX_MB * 2**20 and len(warned) == 1


def test_a_trim_of_many_small_results_lands_on_its_target(tmp_path):
    # the payloads it counts leave out keys, the index and the pages' slack: it measures again after each pass
    store = Store(tmp_path / "store", max_mb=100)
    db = store._connect()
    db.execute("BEGIN")
    for i in range(6000):
        key = f"{i:064x}"
        db.execute("INSERT INTO results VALUES (?, ?, ?, randomblob(200), randomblob(400))", (key, time.time() + i, store.base()))
        db.execute("INSERT INTO renderings VALUES (?, 'text:zh', ?)", (key, "预算执行率" * 10))
    db.execute("COMMIT")
    assert store.info().used_bytes > 5 * 2**20
    store.close()
    bounded = Store(tmp_path / "store", max_mb=2)
    left = bounded.count()  # opened as a run opens it: trimmed
    assert 0.8 * 2 * 2**20 < bounded.info().used_bytes <= cache.TRIM_TO * 2 * 2**20  # neither over nor far under its target
    assert 1000 < left < 6000
