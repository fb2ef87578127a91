"""Baselines: --write-baseline records the findings, --baseline reports only new ones, across tool versions."""

from __future__ import annotations

import json

from .conftest import CORPUS, run_cli

REPORT = (CORPUS / "yueyang-kjj-2023-dept-selfeval.txt").read_text(encoding="utf-8")


def _findings(proc) -> list[dict]:
    return [f for r in json.loads(proc.stdout)["files"] for f in r["findings"]]


def test_round_trip_reports_only_new_findings(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    proc = run_cli("check", "r.txt", "--write-baseline", str(baseline), cwd=tmp_path)
    assert proc.returncode == 0 and "写入基线" in proc.stderr.decode()
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    before = _findings(run_cli("check", "r.txt", "--format", "json", cwd=tmp_path))
    assert sorted(e["fingerprint"] for e in recorded["findings"]) == sorted(f["fingerprint"] for f in before)
    assert recorded["tool"]["version"]

    same = run_cli("check", "r.txt", "--baseline", str(baseline), "--format", "json", cwd=tmp_path)
    assert same.returncode == 0 and _findings(same) == []
    assert f"{len(before)} 个问题未列出" in same.stderr.decode()

    # an edit elsewhere keeps the old findings matched; a new defect is reported alone
    report.write_text(REPORT.replace("组织拟订科技促进农村和社会发展的规划和政策。", "组织拟订科技促进农村和社会发展的规划和政策。。", 1) + "\n新增一段文字。\n", encoding="utf-8")
    new = run_cli("check", "r.txt", "--baseline", str(baseline), "--format", "json", cwd=tmp_path)
    assert [f["code"] for f in _findings(new)] == ["TXT004"]
    assert new.returncode == 0  # a warning does not fail the run at the default --fail-on error


def test_baseline_from_another_tool_version_still_matches(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    baseline = tmp_path / "b.json"
    run_cli("check", "r.txt", "--write-baseline", str(baseline), cwd=tmp_path)
    data = json.loads(baseline.read_text(encoding="utf-8"))
    data["tool"]["version"] = "0.0.1"
    baseline.write_text(json.dumps(data), encoding="utf-8")
    assert _findings(run_cli("check", "r.txt", "--baseline", str(baseline), "--format", "json", cwd=tmp_path)) == []


def test_broken_or_missing_baseline_is_a_usage_error(tmp_path):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "bad.json").write_text("[1, 2]", encoding="utf-8")
    for name in ("bad.json", "missing.json"):
        proc = run_cli("check", "r.txt", "--baseline", name, cwd=tmp_path)
        assert proc.returncode == 2 and "基线文件有误" in proc.stderr.decode() and name in proc.stderr.decode()
