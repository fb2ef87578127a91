"""Choosing files: include/exclude/extend-exclude, --exclude, .gitignore, Markdown reports, --force-exclude."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .conftest import CORPUS, run_cli

REPORT = (CORPUS / "yueyang-kjj-2023-dept-selfeval.txt").read_text(encoding="utf-8")
README = "# my-reports\n\n1. 安装\n3. 使用\n\n本仓库存放各单位的绩效自评报告。\n"


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _checked(root: Path, *args: str) -> set[str]:
    proc = run_cli("check", *args, "--format", "json", "--jobs", "1", cwd=root)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    import json

    return {f["path"] for f in json.loads(proc.stdout)["files"]}


def test_markdown_is_a_report_only_with_a_report_title_or_include(tmp_path):
    files = {
        "README.md": README, "docs/guide.md": "# 使用说明\n\n1. 第一步\n3. 第二步\n",
        "reports/a.md": "# " + REPORT, "reports/b.txt": REPORT, "requirements.txt": "pyyaml\n",
        "node_modules/x/report.txt": REPORT,
    }
    assert _checked(_tree(tmp_path / "a", files), ".") == {"reports/a.md", "reports/b.txt"}
    _tree(tmp_path / "b", {**files, "selfeval-lint.toml": 'include = ["docs/*.md"]\n'})
    assert _checked(tmp_path / "b", ".") == {"docs/guide.md"}


def test_exclude_extend_exclude_and_command_line(tmp_path):
    _tree(tmp_path / "a", {"drafts/x.txt": REPORT, "final/y.txt": REPORT, "README.txt": REPORT})
    (tmp_path / "a" / "selfeval-lint.toml").write_text('extend-exclude = ["drafts/"]\n', encoding="utf-8")
    assert _checked(tmp_path / "a", ".") == {"final/y.txt"}
    assert _checked(tmp_path / "a", ".", "--exclude", "drafts,README*") == {"final/y.txt"}
    assert run_cli("check", ".", "--exclude", "final/*.txt", cwd=tmp_path / "a").returncode == 2  # nothing left
    _tree(tmp_path / "b", {"drafts/x.txt": REPORT, "README.txt": REPORT})
    (tmp_path / "b" / "selfeval-lint.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    assert _checked(tmp_path / "b", ".") == {"README.txt"}  # exclude replaces the defaults


def test_named_files_are_checked_unless_force_exclude(tmp_path):
    _tree(tmp_path, {"README.md": README, "drafts/x.txt": REPORT})
    (tmp_path / "selfeval-lint.toml").write_text('extend-exclude = ["drafts/"]\n', encoding="utf-8")
    assert _checked(tmp_path, "README.md", "drafts/x.txt") == {"README.md", "drafts/x.txt"}
    proc = run_cli("check", "README.md", "drafts/x.txt", "--force-exclude", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout == b""


def test_gitignore_is_respected_in_a_repository(tmp_path):
    _tree(tmp_path, {".gitignore": "out/\n*.bak.txt\n", "out/x.txt": REPORT, "y.bak.txt": REPORT,
                     "sub/.gitignore": "local.txt\n", "sub/local.txt": REPORT, "sub/kept.txt": REPORT,
                     "raw/.gitignore": "*\n", "raw/selfeval-lint.toml": "respect-gitignore = false\n", "raw/z.txt": REPORT})
    assert _checked(tmp_path, ".") == {"out/x.txt", "y.bak.txt", "sub/local.txt", "sub/kept.txt", "raw/z.txt"}
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert _checked(tmp_path, ".") == {"sub/kept.txt", "raw/z.txt"}
    assert _checked(tmp_path, "sub") == {"sub/kept.txt"}  # a .gitignore above the walked folder counts too



def test_a_symlink_is_chosen_by_its_own_name_and_a_device_behind_it_is_par001(tmp_path):
    """In a walked folder, zero.txt → /dev/zero is a .txt by name: it is checked, and reading finds no regular
    file (PAR001); it is not skipped as 'not included' because its target has no suffix."""
    import json

    root = _tree(tmp_path / "r", {"a.txt": REPORT})
    (root / "zero.txt").symlink_to("/dev/zero")
    (root / "b.txt").symlink_to(root / "a.txt")
    proc = run_cli("check", ".", "--format", "json", "--jobs", "1", "--no-cache", cwd=root)
    report = json.loads(proc.stdout)
    codes = {f["path"]: {x["code"] for x in f["findings"]} for f in report["files"]}
    assert set(codes) == {"a.txt", "b.txt", "zero.txt"} and report["skipped"] == []
    assert codes["zero.txt"] == {"PAR001"} and "PAR001" not in codes["b.txt"]
