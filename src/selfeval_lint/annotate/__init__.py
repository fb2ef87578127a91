"""Annotated copies of checked files: Word comments (批注) in a .docx, highlight notes in a .pdf."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from ..model import FileResult, Finding
from ..registry import render

AUTHOR, INITIALS = "selfeval-lint", "SL"


def note_text(finding: Finding, lang: str) -> str:
    """A finding as a reviewer's note: the message, then the suggestion on a line of its own."""
    text = render(finding, lang)
    if finding.suggestion:
        text += ("\n建议：" if lang != "en" else "\nSuggestion: ") + finding.suggestion
    elif finding.suggestion == "":
        text += "\n建议：删除" if lang != "en" else "\nSuggestion: delete it"
    return text


def annotated_copy(path: str, data: bytes, findings: Sequence[Finding], lang: str = "zh") -> tuple[str, bytes] | None:
    """The file with a note on each finding, as (suffix, bytes): a PDF as a PDF, whatever a Word reader reads
    (ingest's Reader.as_docx) as a .docx; None when its content is neither (text: line:column is the place)."""
    from ..ingest import reader_of

    reader, source = reader_of(path, data)
    if reader.name == "pdf":
        from .pdf import annotate_pdf

        return ".pdf", annotate_pdf(data, list(findings), lang)
    if reader.as_docx is not None:
        from .docx import annotate_docx

        return ".docx", annotate_docx(reader.as_docx(source), list(findings), lang)
    return None


def annotate_results(results: Sequence[FileResult], directory: str, lang: str = "zh") -> list[Path]:
    """Write an annotated copy of each checked Word or PDF file into `directory`; notes on stderr for the rest.

    Inputs are only read: a copy that would land on its own input is not written."""
    from ..ingest import IngestError, read_bytes

    zh = lang != "en"
    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    taken: set[str] = set()
    inputs = {Path(r.path).resolve() for r in results if r.path != "-"}
    other: list[str] = []  # text files: their line:column is the place, no copy needed
    for result in results:
        if result.path == "-" or getattr(result, "skipped", None):
            continue  # standard input has no file to copy; skipped files are listed in the report
        if result.unreadable:
            code = result.findings[0].code if result.findings else "PAR"
            _note(f"{result.path}：无法读取（{code}），未生成批注副本" if zh else f"{result.path}: unreadable ({code}), no annotated copy")
            continue
        try:
            copy = annotated_copy(result.path, read_bytes(result.path), result.findings, lang)
            if copy is None:
                other.append(result.path)
                continue
            suffix, output = copy
        except IngestError as exc:
            _note(f"{result.path}：未生成批注副本（{exc.code}）" if zh else f"{result.path}: no annotated copy ({exc.code})")
            continue
        except Exception as exc:  # a file the annotator cannot rewrite costs only its own copy
            _note(f"{result.path}：未生成批注副本（{type(exc).__name__}: {exc}）" if zh
                  else f"{result.path}: no annotated copy ({type(exc).__name__}: {exc})")
            continue
        target = _target(out_dir, Path(result.path), suffix, taken)
        if target.resolve() in inputs:
            _note(f"{result.path}：批注副本会覆盖输入文件 {target}，未写入" if zh
                  else f"{result.path}: the copy would overwrite the input {target}; not written")
            continue
        try:
            target.write_bytes(output)
        except OSError as exc:
            _note(f"{target}：无法写入（{exc.strerror}）" if zh else f"{target}: cannot write ({exc.strerror})")
            continue
        if target.stem != Path(result.path).stem:
            _note(f"{result.path}：与前一文件同名，批注副本写为 {target.name}" if zh
                  else f"{result.path}: same name as an earlier file, annotated copy written as {target.name}")
        written.append(target)
    if other:
        names = "、".join(other[:3]) + (" 等" if len(other) > 3 else "") if zh else ", ".join(other[:3]) + (" …" if len(other) > 3 else "")
        _note(f"{len(other)} 个文件不是 Word 或 PDF，未生成批注副本（{names}）" if zh
              else f"{len(other)} file(s) are neither Word nor PDF, no annotated copy ({names})")
    if written:
        _note(f"已在 {out_dir} 写入 {len(written)} 个批注副本" if zh else f"{len(written)} annotated cop{'y' if len(written) == 1 else 'ies'} written to {out_dir}")
    return written


def _target(out_dir: Path, source: Path, suffix: str, taken: set[str]) -> Path:
    """DIR/NAME.docx (or .pdf); NAME-2, NAME-3 … when two inputs share a name."""
    name, n = source.stem + suffix, 1
    while name in taken:
        n += 1
        name = f"{source.stem}-{n}{suffix}"
    taken.add(name)
    return out_dir / name


def _note(text: str) -> None:
    print(f"selfeval-lint: {text}", file=sys.stderr)
