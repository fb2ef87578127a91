"""The Dask executor on real clusters: a LocalCluster, and a scheduler with two workers started here by the CLI."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

import pytest

from .conftest import CORPUS, ROOT

pytest.importorskip("distributed")

FILES = [str(CORPUS / n) for n in ("yueyang-kjj-2023-dept-selfeval.txt", "yueyang-kjj-2023-dept-selfeval.defects.txt",
                                   "yueyang-kjj-2023-dept-selfeval.auto.docx", "project-selfeval-table.docx")]


@pytest.fixture(scope="module")
def pool_json():
    from .conftest import run_cli

    result = run_cli("check", *FILES, "--format", "json", "--jobs", "2", "--no-cache")
    assert result.returncode == 1
    return json.loads(result.stdout)


def test_local_cluster_gives_the_same_json_as_the_local_pool(cli, pool_json):
    result = cli("check", *FILES, "--format", "json", "--jobs", "2", "--no-cache", "--executor", "dask", "--scheduler", "local")
    assert result.returncode == 1
    assert json.loads(result.stdout) == pool_json


def _entries(report: dict) -> list[dict]:
    """The files of a json report, each with its findings in a fixed order."""
    return sorted(({**f, "findings": sorted(f["findings"], key=lambda x: json.dumps(x, sort_keys=True))} for f in report["files"]),
                  key=lambda f: f["path"])


def _merged(jsonl: str) -> list[dict]:
    """The files of a jsonl report with their addenda (TAB020 across a folder) merged in, as _entries gives them."""
    lines = [json.loads(line) for line in jsonl.splitlines()]
    files = {line["path"]: line for line in lines[:-1] if "path" in line}
    for line in lines[:-1]:
        if "addendum" in line:
            files[line["addendum"]["path"]]["findings"] += line["addendum"]["findings"]
    return _entries({"files": list(files.values())})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_scheduler_and_two_workers_give_the_same_json(cli, pool_json, tmp_path):
    from distributed import Client

    address = f"tcp://127.0.0.1:{_free_port()}"
    dask = [sys.executable, "-m", "dask"]
    logs = open(tmp_path / "cluster.log", "wb")
    procs = [subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                               "--no-dashboard"], stdout=logs, stderr=logs, cwd=ROOT)]
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", int(address.rsplit(":", 1)[1])), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the scheduler did not start"
                time.sleep(0.3)
        for n in range(2):
            procs.append(subprocess.Popen([*dask, "worker", address, "--nthreads", "1", "--no-dashboard", "--name", f"w{n}"],
                                          stdout=logs, stderr=logs, cwd=ROOT))
        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=90)
            assert len(client.scheduler_info()["workers"]) == 2
        for send in ("bytes", "path"):
            result = cli("check", *FILES, "--format", "json", "--no-cache", "--executor", "dask", "--scheduler", address,
                         "--dask-send", send)
            assert json.loads(result.stdout) == pool_json, send
        # a streamed report: each file rendered on the worker that checked it (prerender), the same entries
        streamed = cli("check", *FILES, "--format", "jsonl", "--no-cache", "--executor", "dask", "--scheduler", address)
        assert _merged(streamed.stdout) == _entries(pool_json)
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        logs.close()


def test_a_task_that_overruns_its_limit_answers_par006_timeout():
    from selfeval_lint.dask_run import within_limit
    from selfeval_lint.model import FileResult

    def stuck():
        time.sleep(30)

    started = time.monotonic()
    result = within_limit(stuck, "slow.txt", 0.5)
    assert time.monotonic() - started < 10
    assert [(f.code, f.variant) for f in result.findings] == [("PAR006", "timeout")]
    assert within_limit(lambda: FileResult("ok.txt", "txt"), "ok.txt", 5).path == "ok.txt"
    assert [f.variant for f in within_limit(lambda: 1 / 0, "bad.txt", 5).findings] == ["crash"]


def test_the_local_cluster_runs_without_the_monitors_only_a_dashboard_reads():
    import dask
    from distributed import Client

    from selfeval_lint.dask_run import QUIET_LOCAL_CLUSTER, local_cluster

    before = {key: dask.config.get(key) for key in QUIET_LOCAL_CLUSTER}
    cluster = local_cluster(2)
    try:
        with Client(cluster) as client:
            on_workers = client.run(lambda: {key: dask.config.get(key) for key in QUIET_LOCAL_CLUSTER})
            assert len(on_workers) == 2
            assert all(settings == QUIET_LOCAL_CLUSTER for settings in on_workers.values())
            profiled = client.run(lambda dask_worker: len(dask_worker.profile_history) + len(dask_worker.profile_recent["children"]))
            assert set(profiled.values()) == {0}
            assert "stealing" not in client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.extensions))
    finally:
        cluster.close()
    assert {key: dask.config.get(key) for key in QUIET_LOCAL_CLUSTER} == before  # this process's settings are its own


def test_tasks_start_with_one_file_per_worker_then_grow_and_shrink_as_the_batch_ends():
    from selfeval_lint.dask_run import FILES_PER_TASK, task_size

    remaining, submitted, sizes = 200, 0, []
    while remaining:
        size = task_size(submitted, 2, remaining)
        sizes.append(size)
        remaining -= size
        submitted += 1
    assert sizes[:2] == [1, 1]  # each worker's first result comes after one file
    assert max(sizes) == FILES_PER_TASK > 1
    assert sizes[-4:] == [1, 1, 1, 1]  # the last files go one a task: neither worker waits on a long last task
    assert sizes == sizes[:2] + sorted(sizes[2:], reverse=True)
    assert task_size(0, 2, 1) == task_size(5, 2, 1) == 1
