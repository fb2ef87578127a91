"""The pre-commit hook, run by the real pre-commit (`try-repo` on this repository) in a newcomer's repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import CORPUS, ROOT

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
needs_git_checkout = pytest.mark.skipif(
    not (ROOT / ".git").exists() or not PRE_COMMIT.exists() or shutil.which("git") is None,
    reason="needs a git checkout of selfeval-lint, git and pre-commit (the [test] extra)",
)
README = "# budget-reports\n\n本仓库存放各单位的绩效自评报告。\n\n1. 安装 selfeval-lint\n3. 提交报告\n"
GOOD = (CORPUS / "yueyang-kjj-2023-dept-selfeval.fixed.txt").read_text(encoding="utf-8")
BAD = (CORPUS / "yueyang-kjj-2023-dept-selfeval.txt").read_text(encoding="utf-8")


def test_hook_definition():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "selfeval-lint" and hook["language"] == "python" and hook["require_serial"] is True
    assert "--force-exclude" in hook["entry"]
    import re

    files = re.compile(hook["files"])
    assert all(files.search(n) for n in ("reports/a.docx", "b.PDF", "c.md", "d.txt", "e.wps"))
    from selfeval_lint.discover import walked

    assert all(files.search(f"x{suffix}") for suffix in walked())  # every format a directory walk reads
    assert not any(files.search(n) for n in ("pyproject.toml", "a.py", "setup.cfg"))


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _docx(text: str, formatted: bool = False) -> bytes:
    """The text as a .docx; `formatted`: laid out as GB/T 9704 asks (fonts, margins, page numbers), as the
    corpus builds it, so that a correct report is clean of FMT findings too."""
    import io

    from docx import Document

    if formatted:
        from scripts.build_corpus import report_lines
        from scripts.make_docx import Layout, build_report

        buffer = io.BytesIO()
        build_report(report_lines(text), layout=Layout()).save(buffer)
        return buffer.getvalue()
    document = Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@needs_git_checkout
def test_try_repo_in_a_newcomers_repository(tmp_path):
    """README.md, pyproject.toml and reports: the hook passes the good report and flags only the bad ones."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "README.md").write_text(README, encoding="utf-8")
    (repo / "CHANGELOG.md").write_text("# Changes\n\n1. first\n3. third\n", encoding="utf-8")
    (repo / "pyproject.toml").write_text('[project]\nname = "budget-reports"\nversion = "1.0"\n', encoding="utf-8")
    (repo / "reports").mkdir()
    (repo / "reports" / "good.docx").write_bytes(_docx(GOOD, formatted=True))
    (repo / "reports" / "good.md").write_text("# " + GOOD, encoding="utf-8")
    _git(repo, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid", "PRE_COMMIT_COLOR": "never",
           # pre-commit builds and installs selfeval-lint into its own virtualenv as for any user; its
           # dependencies (spaCy, jieba, …) are found already installed on this path, so pip does not fetch them again
           "PYTHONPATH": os.pathsep.join(p for p in sys.path if p.endswith("site-packages"))}

    def try_repo() -> subprocess.CompletedProcess:
        return subprocess.run([str(PRE_COMMIT), "try-repo", str(ROOT), "selfeval-lint", "--all-files", "--verbose"],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    good = try_repo()
    assert good.returncode == 0, good.stdout + good.stderr
    assert "selfeval-lint" in good.stdout and "Passed" in good.stdout

    (repo / "reports" / "bad.docx").write_bytes(_docx(BAD))
    (repo / "reports" / "bad.md").write_text("# " + BAD, encoding="utf-8")
    _git(repo, "add", "-A")
    bad = try_repo()
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "reports/bad.docx:" in bad.stdout and "reports/bad.md:" in bad.stdout and "TXT001" in bad.stdout
    hook_out = bad.stdout.split("- files were modified")[0].split("hook id: selfeval-lint")[-1]
    assert "README.md: 未检查" in hook_out  # listed as not a report, never checked (nothing is skipped silently)
    flagged = "\n".join(line for line in hook_out.splitlines() if "未检查" not in line)
    for quiet in ("README.md", "CHANGELOG.md", "pyproject.toml", "reports/good.docx:", "reports/good.md:"):
        assert quiet not in flagged, quiet


def _action_env(tmp_path: Path, **inputs: str) -> dict[str, str]:
    env = {**os.environ, "GITHUB_OUTPUT": str(tmp_path / "output"), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}
    env.update({f"INPUT_{k.upper()}": v for k, v in inputs.items()})
    return env


def _outputs(tmp_path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in (tmp_path / "output").read_text(encoding="utf-8").splitlines())


def test_action_definition_runs_the_script_and_uploads_sarif():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    assert any("scripts/selfeval_lint_action.py" in s.get("run", "") for s in steps)
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "${{ steps.run.outputs.sarif-file }}"
    assert (ROOT / "scripts" / "selfeval_lint_action.py").is_file()


def test_action_script_outside_github(tmp_path):
    """The run step as the action calls it: SARIF written, outputs and job summary set, exit status passed on."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "bad.txt").write_text(BAD, encoding="utf-8")
    (reports / "good.txt").write_text(GOOD, encoding="utf-8")
    script = [sys.executable, str(ROOT / "scripts" / "selfeval_lint_action.py")]
    env = _action_env(tmp_path, paths="reports", args="--jobs 1", fail_on="error", sarif_file="out.sarif")
    proc = subprocess.run(script, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert _outputs(tmp_path) == {"exit-code": "1", "sarif-file": "out.sarif"}
    log = __import__("json").loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"reports/bad.txt"}
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| 错误 error | 1 |" in summary and "| NUM002 |" in summary

    (tmp_path / "output").unlink()
    env = _action_env(tmp_path, paths="reports", args="--select NUMX")
    subprocess.run(script, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert _outputs(tmp_path) == {"exit-code": "2", "sarif-file": ""}  # a usage error: nothing to upload
