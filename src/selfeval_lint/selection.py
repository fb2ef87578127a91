"""Which files are reports: include/exclude globs (configuration and --exclude) and .gitignore, with the reason a file is left out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pathspec

from .config import Config
from .discover import BUNDLE_SUFFIXES, DOCUMENT_SUFFIXES, REPORT_SUFFIXES

# Matching is gitignore-style (a pattern without "/" matches a name at any depth) and ignores case,
# relative to the folder of the configuration that applies (the working directory when there is none).
# Markdown is mostly a repository's documentation: without an `include`, a Markdown file is a report only when
# it opens with a report's title (the title detection every reader uses: 绩效自评报告, 自评表 …).
MARKDOWN = ("*.md", "*.markdown")
DEFAULT_INCLUDE = tuple(
    sorted(f"*{suffix}" for suffix in REPORT_SUFFIXES | BUNDLE_SUFFIXES | DOCUMENT_SUFFIXES if f"*{suffix}" not in MARKDOWN)
)


def default_include() -> tuple[str, ...]:
    """DEFAULT_INCLUDE with the readers registered since import (ingest/readers.py)."""
    from .discover import walked

    return tuple(sorted(f"*{suffix}" for suffix in walked() if f"*{suffix}" not in MARKDOWN))


DEFAULT_EXCLUDE = (
    ".*", "node_modules/", "venv/", "__pycache__/", "site-packages/",
    # a repository's own documentation and Python/C build files are not reports
    "README*", "CHANGELOG*", "CHANGES*", "HISTORY*", "NEWS*", "CONTRIBUTING*", "CODE_OF_CONDUCT*", "SECURITY*",
    "SUPPORT*", "LICENSE*", "LICENCE*", "COPYING*", "NOTICE*", "AUTHORS*", "requirements*.txt",
    "constraints*.txt", "CMakeLists.txt",
)


@lru_cache(maxsize=512)
def _spec(patterns: tuple[str, ...]) -> pathspec.PathSpec:
    return pathspec.GitIgnoreSpec.from_lines(p.lower() for p in patterns)


def _gitignore(directory: Path) -> pathspec.PathSpec | None:
    try:
        lines = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _git_root(directory: Path) -> Path | None:
    for folder in (directory, *directory.parents):
        if (folder / ".git").exists():
            return folder
    return None


@lru_cache(maxsize=4096)
def _opens_with_report_title(path: Path) -> bool:
    """Whether a Markdown file reads as a report: its first lines form a report title. Unreadable ones count
    (so that the check reports why they cannot be read)."""
    from .ingest import IngestError, build_document
    from .rulesets import load_rules

    try:
        data = path.read_bytes()
        return build_document(str(path), data, load_rules(), max(len(data), 1)).title is not None
    except (OSError, IngestError):
        return True


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


@dataclass(frozen=True)
class Selection:
    """The file-choosing part of a run: each path's configuration gives include/exclude; the command line adds."""

    config_for: Callable[[Path], Config]  # the configuration that applies in a folder
    exclude: Sequence[str] = ()  # --exclude: added to the configuration's exclusions
    force_exclude: bool = False  # apply the exclusions to files named on the command line too
    _cwd: Path = field(default_factory=lambda: Path.cwd().resolve())
    _cache: dict = field(default_factory=dict, compare=False)  # per run: git roots and .gitignore specs

    def _cached(self, fn, directory: Path):  # type: ignore[no-untyped-def]
        key = (fn.__name__, directory)
        if key not in self._cache:
            self._cache[key] = fn(directory)
        return self._cache[key]

    def forced(self, config: Config) -> bool:
        return self.force_exclude or bool(config.get("force-exclude", False))

    def skip_reason(self, path: Path, directory: bool = False) -> str | None:
        """Why `path` is not a report to check (None: check it). A file that is a symlink is judged by its own
        name (its folder's symlinks followed), as git does, not by its target's."""
        path = _resolved(path) if directory else _resolved(Path(path).absolute().parent) / Path(path).name
        config = self.config_for(path if directory else path.parent)
        root = (config.path.parent if config.path else self._cwd).resolve()
        rel = _relative(path, root) or _relative(path, self._cwd) or path.name
        probe = rel.lower() + ("/" if directory else "")
        exclude = (*config.get("exclude", DEFAULT_EXCLUDE), *config.get("extend-exclude", ()), *self.exclude)
        matched = _spec(tuple(exclude)).check_file(probe)
        if matched.include:
            return f"exclude: {exclude[matched.index]}" if matched.index is not None else "exclude"
        if config.get("respect-gitignore", True) and self._gitignored(path, directory):
            return ".gitignore"
        if not directory:
            include = (*config.get("include", default_include()), *config.get("extend-include", ()))
            if _spec(tuple(include)).match_file(probe):
                return None
            if "include" not in config.data and _spec(MARKDOWN).match_file(probe):
                return None if _opens_with_report_title(path) else "markdown-not-a-report"
            return "include"
        return None

    def wanted(self, path: Path, directory: bool = False) -> bool:
        return self.skip_reason(path, directory) is None

    def named(self, raw: str) -> str | None:
        """Why a file named on the command line is skipped: only with --force-exclude (or force-exclude = true)."""
        if raw == "-":
            return None
        path = _resolved(raw)
        if not self.forced(self.config_for(path.parent)):
            return None
        return self.skip_reason(path)

    def _gitignored(self, path: Path, directory: bool) -> bool:
        git_root = self._cached(_git_root, path.parent)
        if git_root is None:
            return False  # as git: .gitignore files count only in a repository
        folder = path.parent
        while True:
            spec = self._cached(_gitignore, folder)
            rel = _relative(path, folder)
            if spec is not None and rel is not None and spec.match_file(rel + ("/" if directory else "")):
                return True
            if folder == git_root or folder == folder.parent:
                return False
            folder = folder.parent


def _resolved(path: str | Path) -> Path:
    """The absolute path with symlinks followed; a symlink loop (which resolve() cannot follow) stays as it is,
    so that reading it gives its PAR001 instead of a traceback here."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(path).absolute()
