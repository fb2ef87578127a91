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
    assert not any(files.search(n) for n in ("pyproject.toml", "a.py", "setup.cfg"))


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _docx(text: str) -> bytes:
    import io

    from docx import Document

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
    (repo / "reports" / "good.docx").write_bytes(_docx(GOOD))
    (repo / "reports" / "good.md").write_text("# " + GOOD, encoding="utf-8")
    _git(repo, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid", "PRE_COMMIT_COLOR": "never"}

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
    for quiet in ("README.md", "CHANGELOG.md", "pyproject.toml", "reports/good.docx:", "reports/good.md:"):
        assert quiet not in bad.stdout.split("- files were modified")[0].split("hook id: selfeval-lint")[-1], quiet
