"""Suppressions written in the report itself, applied after the rules run: inline comments in .txt/.md
(<!-- selfeval-lint-disable CODE -->, -enable, -disable-next-line) and Word comments (批注) whose text starts
with "selfeval-lint: ignore CODE — reason". Suppressed findings are kept with reason and author; a
suppression that suppressed nothing is itself a finding (SUP001)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from .model import Document, Finding, Location, Severity, Suppressed

SUP = "SUP001"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as ingest/text.py counts lines
_INLINE = re.compile(r"^\s*<!--\s*selfeval-lint-(disable-next-line|disable|enable)(?![\w-])(.*?)-->\s*$")
_WORD = re.compile(r"^\s*selfeval-lint\s*[:：]\s*ignore(?![\w-])(.*)$", re.S | re.I)
_REASON_SEP = re.compile(r"\s*(?:—+|–+|--|\s-\s|[:：])\s*")
_MARKERS = tuple("selfeval-lint-".encode(e) for e in ("ascii", "utf-16-le", "utf-16-be"))
_CODE = re.compile(r"^[A-Z]{3}(?:\d{3})?$")


@dataclass
class Directive:
    """One suppression as written, and what it covers."""

    how: str  # "inline" or "word-comment"
    kind: str  # disable, enable, disable-next-line, ignore (Word)
    codes: tuple[str, ...] | None  # None: every code
    reason: str
    text: str
    line: int | None = None  # inline: the directive's line
    column: int = 1
    author: str | None = None
    block: int | None = None  # Word: the first and last block of the comment's range
    last_block: int | None = None
    lines: list[tuple[int, float]] = field(default_factory=list)  # inline: covered line ranges (inclusive)
    bad: tuple[str, ...] = ()  # tokens that name no rule
    used: set[str] = field(default_factory=set)  # the codes (or "*") that suppressed something


def _parse(rest: str) -> tuple[tuple[str, ...] | None, tuple[str, ...], str]:
    """Codes (None: all), tokens that are no code, and the reason after a dash or colon."""
    parts = _REASON_SEP.split(rest.strip(), maxsplit=1)
    head, reason = parts[0], (parts[1] if len(parts) > 1 else "")
    tokens = [t for t in re.split(r"[\s,，、;；]+", head) if t]
    codes = tuple(t.upper() for t in tokens if _CODE.match(t.upper()))
    bad = tuple(t for t in tokens if not _CODE.match(t.upper()))
    return codes or None, bad, reason.strip()


def strip_inline(fmt: str | None, data: bytes) -> tuple[bytes, list[Directive]]:
    """For .txt/.md: the directives, and the content with their lines emptied (other lines keep their numbers)."""
    if fmt not in ("txt", "md") or not any(marker in data for marker in _MARKERS):
        return data, []
    from .ingest.decode import decode_text
    from .ingest.errors import IngestError

    try:
        text, _encoding = decode_text(data)
    except IngestError:
        return data, []  # the reader reports it
    if "selfeval-lint-" not in text:
        return data, []
    lines = _LINE_BREAK.split(text)
    directives = []
    for n, line in enumerate(lines, start=1):
        match = _INLINE.match(line)
        if not match:
            continue
        codes, bad, reason = _parse(match.group(2))
        directives.append(Directive("inline", match.group(1), codes, reason, line.strip(), n, line.index("<") + 1, bad=bad))
        lines[n - 1] = ""
    if not directives:
        return data, []
    _ranges(directives, lines)
    return "\n".join(lines).encode("utf-8"), directives


def _ranges(directives: list[Directive], lines: list[str]) -> None:
    """The lines each disable covers: to the matching enable (or the end), or the next line with text."""
    open_: list[Directive] = []
    end = float("inf")
    for d in directives:
        if d.kind == "disable-next-line":
            following = next((n for n in range(d.line + 1, len(lines) + 1) if lines[n - 1].strip()), d.line + 1)
            d.lines.append((following, following))
        elif d.kind == "disable":
            open_.append(d)
            d.lines.append((d.line + 1, end))
        else:  # enable: closes the disables of its codes (all of them without codes)
            for o in open_:
                if d.codes is None or (o.codes is not None and set(o.codes) <= set(d.codes)):
                    start, _ = o.lines[-1]
                    o.lines[-1] = (start, d.line - 1)
            open_ = [o for o in open_ if o.lines[-1][1] == end]


def word_directives(doc: Document, data: bytes) -> list[Directive]:
    """Word comments starting with "selfeval-lint: ignore", one directive per block they are anchored in."""
    if doc.format != "docx" or not any(b.comments for b in doc.blocks):
        return []
    from .ingest.wordcomments import read_comments

    comments = read_comments(data)
    anchored: dict[str, list[int]] = {}  # comment id → the blocks its range starts and ends (its mark) in
    for block in doc.blocks:
        for cid in block.comments:
            anchored.setdefault(cid, []).append(block.index)
    out = []
    for cid, blocks in anchored.items():
        comment = comments.get(cid)
        match = _WORD.match(comment.text) if comment else None
        if match:
            codes, bad, reason = _parse(match.group(1))
            first_line = comment.text.splitlines()[0].strip()
            out.append(Directive("word-comment", "ignore", codes, reason, first_line, author=comment.author,
                                 block=min(blocks), last_block=max(blocks), bad=bad))
    return sorted(out, key=lambda d: d.block)


def _covers(d: Directive, finding: Finding) -> str | None:
    """The code of `d` that suppresses `finding` ("*" for a directive without codes), or None."""
    if finding.code.startswith("PAR") or finding.code == SUP or d.kind == "enable":
        return None
    if d.how == "word-comment":
        if finding.block is None or not d.block <= finding.block <= d.last_block:
            return None
    else:
        line = finding.location.line
        if line is None or not any(lo <= line <= hi for lo, hi in d.lines):
            return None
    if d.codes is None:
        return "*" if not d.bad else None
    return next((c for c in d.codes if finding.code.startswith(c)), None)


def apply(findings: list[Finding], directives: list[Directive], doc: Document, analysis, selected: frozenset[str],
          suppressed: list[Suppressed]) -> list[Finding]:  # type: ignore[no-untyped-def]
    """The findings that stay; suppressed ones go to `suppressed`; SUP001 added for each unused suppression."""
    if not directives:
        return findings
    kept = []
    for finding in findings:
        hit = next(((d, c) for d in directives if (c := _covers(d, finding))), None)
        if hit is None:
            kept.append(finding)
            continue
        d, code = hit
        d.used.add(code)
        suppressed.append(Suppressed(finding, d.how, d.reason, d.author, d.line))
    if SUP in selected:
        kept.extend(_unused(d, doc, analysis, selected) for d in directives)
        kept = [f for f in kept if f is not None]
        kept.sort(key=lambda f: (f.location.line or 0, f.location.column or 0, f.code))
    return kept


def _unused(d: Directive, doc: Document, analysis, selected: frozenset[str]) -> Finding | None:  # type: ignore[no-untyped-def]
    from .registry import REGISTRY

    if d.kind == "enable" and not d.bad:
        return None
    if d.bad:
        variant, args = "unknown", {"codes": "、".join(d.bad), "directive": d.text}
    elif d.codes is None:
        if d.used:
            return None
        variant, args = "unused-all", {"directive": d.text}
    else:
        unknown = [c for c in d.codes if not any(r.startswith(c) for r in REGISTRY)]
        # a code that ran and suppressed nothing; codes whose rules were not selected cannot tell
        idle = [c for c in d.codes if c not in d.used and c not in unknown and any(r.startswith(c) for r in selected)]
        if unknown:
            variant, args = "unknown", {"codes": "、".join(unknown), "directive": d.text}
        elif idle:
            variant, args = "unused", {"codes": "、".join(idle), "directive": d.text}
        else:
            return None
    return Finding(SUP, Severity.INFO, variant, args, _location(d, doc, analysis), excerpt=d.text, block=d.block,
                   start=0 if d.block is not None else None, end=0 if d.block is not None else None,
                   fingerprint=hashlib.sha1(f"{SUP}|{variant}|{d.text}".encode()).hexdigest()[:16])


def _location(d: Directive, doc: Document, analysis) -> Location:  # type: ignore[no-untyped-def]
    if d.block is not None:
        block = doc.blocks[d.block]
        line, column, page = block.position(0)
        return Location(line=line, column=column, end_line=line, end_column=column + 1, page=page,
                        paragraph=block.paragraph, section=analysis.outline.section_path(block.index))
    after = next((b for b in doc.blocks if b.line > d.line), None)
    section = analysis.outline.section_path(after.index) if after is not None else None
    return Location(line=d.line, column=d.column, end_line=d.line, end_column=d.column + len(d.text), section=section)
