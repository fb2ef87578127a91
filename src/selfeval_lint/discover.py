"""Expand the paths given on the command line into the files to check and the files skipped, with why."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .ingest.readers import all_readers, walked_suffixes

# Files picked up when a directory is walked (a file named explicitly is always checked), from the readers'
# registry (ingest/readers.py): documents; archives whose members are checked as files (bundles.py); and
# documents packaged as a zip (.ofd), which are told from a bundle by their content.


def document_suffixes() -> set[str]:
    """Documents packaged as a zip (.ofd): picked up by a walk, told from a bundle by content."""
    return {
        s for r in all_readers()
        if r.role == "document" and r.magic is not None and not r.magic.sniffed and "zip" in r.magic.within
        for s in r.suffixes
    }


def report_suffixes() -> set[str]:
    """Documents told by their suffix (a .docx is a zip too, but never a bundle)."""
    return walked_suffixes("document") - document_suffixes()


def bundle_suffixes() -> set[str]:
    return walked_suffixes("bundle")


def walked() -> set[str]:
    """Every suffix a directory walk picks up (readers registered later included)."""
    return walked_suffixes("document") | walked_suffixes("bundle")


# The built-in readers' suffixes, for importers that want constants.
REPORT_SUFFIXES, BUNDLE_SUFFIXES, DOCUMENT_SUFFIXES = report_suffixes(), bundle_suffixes(), document_suffixes()

# Why a file found was not checked: code → (zh, en). Every format lists skipped files with this text.
SKIP_REASONS = {
    "unsupported": ("不是可检查的报告格式（{suffix}）", "not a report format that can be checked ({suffix})"),
    "hidden": ("隐藏文件或文件夹", "hidden file or folder"),
    "temporary": ("Office 临时文件（~$ 开头，文档打开时自动生成）", "Office owner/lock file (~$…, made while a document is open)"),
    "excluded": ("按配置排除（exclude）", "excluded by configuration (exclude)"),
    "not-included": ("不在配置的 include 范围内", "not matched by the configuration's include"),
    "gitignored": ("被 .gitignore 忽略", "ignored by .gitignore"),
    "not-a-report": ("Markdown 文件不以报告标题开头，不当作报告（可用 include 指定）",
                     "a Markdown file that does not open with a report title (name it in include to check it)"),
}


def _selection_reason(reason: str) -> str:
    """selection.Selection.skip_reason's answer as a SKIP_REASONS code."""
    if reason.startswith("exclude"):
        return "excluded"
    return {".gitignore": "gitignored", "include": "not-included", "markdown-not-a-report": "not-a-report"}.get(reason, "excluded")


@dataclass(frozen=True)
class Skipped:
    """A file (or hidden folder) found but not checked, and the code of the reason (SKIP_REASONS)."""

    path: str
    reason: str


@dataclass
class Discovery:
    """What the command line's paths expand to: files to check, in order, and the files skipped."""

    files: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def reason_text(skipped: Skipped, lang: str = "zh") -> str:
    """The reason a file was skipped, in the report's language."""
    zh, en = SKIP_REASONS.get(skipped.reason, (skipped.reason, skipped.reason))
    suffix = Path(skipped.path.rsplit("!/", 1)[-1]).suffix.lower() or ("无扩展名" if lang != "en" else "no extension")
    return (en if lang == "en" else zh).format(suffix=suffix)


def skip_reason(path: Path) -> str | None:
    """Why a file met while walking a directory is not checked, or None to check it."""
    if path.name.startswith("."):
        return "hidden"
    if path.name.startswith("~$"):
        return "temporary"
    if path.suffix.lower() not in walked():
        return "unsupported"  # an image, a presentation (the registry's "skipped" readers) or an unknown suffix
    return None


def discover(paths: list[str], selection=None) -> Discovery:  # type: ignore[no-untyped-def]
    """Files in the order given; directories walked recursively and sorted. Hidden folders are listed once as
    skipped (not their contents); a file named explicitly is always checked. With a `selection.Selection`,
    its include/exclude/.gitignore choose the files in directories (and, with --force-exclude, among the files
    named); what they leave out is listed as skipped too."""
    out = Discovery()
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found: list[str] = []
            for root, dirs, names in os.walk(path):
                for d in sorted(dirs):
                    if d.startswith("."):
                        out.skipped.append(Skipped(str(Path(root) / d) + os.sep, "hidden"))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                if selection is not None:
                    for d in [d for d in dirs if not selection.wanted(Path(root) / d, directory=True)]:
                        dirs.remove(d)
                        out.skipped.append(Skipped(str(Path(root) / d) + os.sep, "excluded"))
                for name in sorted(names):
                    reason = skip_reason(Path(root) / name)
                    if reason is None and selection is not None:
                        chosen = selection.skip_reason(Path(root) / name)
                        reason = None if chosen is None else _selection_reason(chosen)
                    if reason is None:
                        found.append(str(Path(root) / name))
                    else:
                        out.skipped.append(Skipped(str(Path(root) / name), reason))
            candidates = sorted(found)
        else:
            named = None if selection is None else selection.named(raw)
            candidates = [raw] if named is None else []
            if named is not None:
                out.skipped.append(Skipped(raw, _selection_reason(named)))
        for c in _open_bundles(candidates, out):
            if c not in seen:
                seen.add(c)
                out.files.append(c)
    return out


def _open_bundles(candidates: list[str], out: Discovery) -> list[str]:
    """The candidates with each bundle (.zip, .7z) replaced by its members; members skipped go to `out`."""
    from .bundles import is_bundle, list_bundle

    files: list[str] = []
    for c in candidates:
        if not is_bundle(c):
            files.append(c)
            continue
        listing = list_bundle(c)
        files.extend(listing.files)
        out.skipped.extend(Skipped(path, reason) for path, reason in listing.skipped)
    return files


def expand_paths(paths: list[str], selection=None) -> list[str]:  # type: ignore[no-untyped-def]
    """The files to check (skipped ones left out): see discover()."""
    return discover(paths, selection).files
