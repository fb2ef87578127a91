"""Check one file: the pure unit of work (path → FileResult) that runs serially or in a worker pool."""

from __future__ import annotations

import hashlib
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from .analysis import Analysis, analyse
from .checks import Context, Hit, Tolerance
from .checks.base import block_scopes, in_scope, needs_met
from .ingest import DEFAULT_MAX_BYTES, IngestError, build_document, content_format, read_bytes, sniff_path
from .model import Document, FileResult, Finding, Location, Severity, Suppressed
from .registry import all_rules, get_rule
from .rulesets import load_rules, with_user_wording
from .suppress import Directive, strip_inline, word_directives
from .suppress import apply as apply_suppressions
from .templates import choose_template, load_templates
from .userwords import with_user_words
from .vocab import Scope

EXCERPT_CHARS = 60
# Findings listed per rule and file; past it one note gives the count (a file with 200,000 placeholders
# stays a readable report, and its result small).
MAX_FINDINGS_PER_RULE = 200
_SPACES = re.compile(r"\s+")  # left out of a fingerprint's excerpt


@dataclass(frozen=True)
class Options:
    """What a check run is asked to do; plain data so that it pickles to worker processes."""

    selected: frozenset[str]
    max_bytes: int = DEFAULT_MAX_BYTES
    template: str = "auto"  # a template id, or auto: chosen from the title
    template_dirs: tuple[str, ...] = ()  # extra directories of templates
    severity: tuple[tuple[str, Severity], ...] = ()  # per-rule severity overrides
    timeout_seconds: float | None = 120  # per file; a file that takes longer gets PAR006
    tolerance: Tolerance = Tolerance()
    keep_text: bool = False  # keep the document's text lines in the result (HTML report, web page)


def check_file(path: str, options: Options) -> FileResult:
    """Read, analyse and check one file within the time limit; never raises (anything that goes wrong,
    even while building the result itself, becomes a PAR006 result for this file only)."""
    try:
        return _check_file(path, options)
    except Exception as exc:
        try:
            return crash_result(path, exc)
        except Exception:  # even the finding could not be built: a bare result still names the file
            return FileResult(path, None, unreadable=True, findings=[
                Finding("PAR006", Severity.ERROR, "crash", {"path": path, "error": type(exc).__name__}, Location())
            ])


def _check_file(path: str, options: Options) -> FileResult:
    try:
        data = read_bytes(path, options.max_bytes)
    except IngestError as exc:
        return FileResult(path, None, unreadable=True, findings=[_input_finding(path, exc.code, exc.variant, exc.args_)])
    try:
        with time_limit(options.timeout_seconds):
            return check_bytes(path, data, options)
    except CheckTimeout:
        return timeout_result(path, options.timeout_seconds)


class CheckTimeout(BaseException):
    """One file took longer than its time limit (a BaseException, so that no reader's `except Exception` eats it)."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the block after `seconds` (Unix, main thread of a process: the CLI and each pool worker)."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise CheckTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def prepare(path: str, data: bytes, options: Options) -> Analysis:
    """Ingest and analyse a file's content: what `check` lints and `extract` prints. Raises IngestError."""
    rules = with_user_wording(load_rules(), options.template_dirs)  # a bureau's own word list (rule-dirs)
    rules = with_user_words(rules, options.template_dirs)  # and its own words for the segmenter (dictionary.txt)
    data = strip_inline(sniff_path(path, data), data)[0]  # suppression comments are no report text
    doc = build_document(path, data, rules, options.max_bytes)
    choice = choose_template(doc.title, load_templates(options.template_dirs), options.template)
    return analyse(doc, rules, choice)


def check_bytes(path: str, data: bytes, options: Options) -> FileResult:
    """Analyse and check a file's content; `path` names it in the report and tells .md from .txt."""
    try:
        kind = sniff_path(path, data)
        analysis = prepare(path, data, options)
    except IngestError as exc:
        fmt = _format_or_none(path, data)
        return FileResult(path, fmt, unreadable=True, findings=[_input_finding(path, exc.code, exc.variant, exc.args_)])
    except Exception as exc:  # a reader bug must not stop a batch or show a traceback
        return crash_result(path, exc, _format_or_none(path, data))
    doc = analysis.doc
    result = FileResult(
        path, doc.format, title=doc.title, template=analysis.template.template.id, chars=doc.chars,
        lines=doc.lines() if options.keep_text else None,
        sections=tuple(m.section.title for m in analysis.sections.matches if m.item is not None and len(m.path) == 1),
    )
    result.pages, result.paragraphs = _extent(doc)
    result.agency, result.year = doc.agency, doc.year
    try:
        context = Context(analysis, options.tolerance)
        directives = [*strip_inline(kind, data)[1], *word_directives(doc, data)]
        result.findings = lint(doc, analysis, context, options, directives, result.suppressed)
        if "TAB020" in options.selected:  # a report and its table in two files: batch_tables.cross_check
            from .batch_tables import summarise

            severity = dict(options.severity).get("TAB020", get_rule("TAB020").severity)
            result.table_summary = summarise(analysis, lambda hit: _finding(doc, analysis, "TAB020", hit, severity))
    except Exception as exc:  # a checker bug must not stop a batch or show a traceback
        return crash_result(path, exc, doc.format, doc.title)
    return result


def _format_or_none(path: str, data: bytes) -> str | None:
    """The format a file that could not be read was taken for (ingest.content_format), None if even that fails."""
    try:
        return content_format(path, data)
    except Exception:
        return None


def _extent(doc: Document) -> tuple[int | None, int]:
    """Pages (PDF) and paragraphs (Word's count for .docx, else paragraph blocks) for the reports."""
    pages = max((s.page for b in doc.blocks for s in b.segments if s.page is not None), default=None)
    numbered = [b.paragraph for b in doc.blocks if b.paragraph is not None]
    return pages, max(numbered) if numbered else sum(1 for b in doc.blocks if b.table is None)


def died_result(path: str) -> FileResult:
    """The result for a file whose checking process died (PAR006)."""
    return FileResult(path, None, unreadable=True, findings=[_input_finding(path, "PAR006", "died", {})])


def timeout_result(path: str, seconds: float | None) -> FileResult:
    """The result for a file that took longer than its time limit (PAR006)."""
    return FileResult(path, None, unreadable=True, findings=[_input_finding(path, "PAR006", "timeout", {"seconds": seconds})])


def crash_result(path: str, exc: BaseException, fmt: str | None = None, title: str | None = None) -> FileResult:
    """The result for a file the checker itself failed on (PAR006)."""
    finding = _input_finding(path, "PAR006", "crash", {"error": f"{type(exc).__name__}: {exc}"})
    return FileResult(path, fmt, title=title, unreadable=True, findings=[finding])


def lint(doc: Document, analysis: Analysis, ctx: Context, options: Options, directives: list[Directive] = (),
         suppressed: list[Suppressed] | None = None) -> list[Finding]:
    """Run every selected rule over the analysed document; then apply the document's suppressions."""
    findings: list[Finding] = []
    severity = dict(options.severity)
    scopes: list[frozenset[Scope]] = []  # each block's scope, told once when a rule first hits
    for rule in all_rules():
        if rule.check is None or rule.code not in options.selected:
            continue
        level = severity.get(rule.code, rule.severity)
        built: list[Finding] = []
        try:  # a bug in one rule costs that rule only: its hits so far are dropped, every other rule's stay
            if not needs_met(rule.needs, ctx):  # the rule's declared preconditions, told here once
                continue
            scopes = scopes or block_scopes(analysis)
            hits = (hit for hit in rule.check(ctx) if in_scope(rule.scope, scopes[hit.block]))
            for n, hit in enumerate(hits):
                if n == MAX_FINDINGS_PER_RULE:  # the rest are counted, not built: one note says how many
                    built.append(_more_finding(doc, analysis, rule.code, hit, level, 1 + sum(1 for _ in hits)))
                    break
                built.append(_finding(doc, analysis, rule.code, hit, level))
        except Exception as exc:
            built = [_rule_crash(doc.path, rule.code, exc)]
        findings.extend(built)
    findings.sort(key=lambda f: (f.block if f.block is not None else -1, f.start or 0, f.code))
    if directives:
        findings = apply_suppressions(findings, directives, doc, analysis, options.selected,
                                      suppressed if suppressed is not None else [])
    return _with_fingerprints(findings)


def _more_finding(doc: Document, analysis: Analysis, code: str, hit: Hit, severity: Severity, count: int) -> Finding:
    """The note closing a rule's capped findings, at the first one left out: "另有 N 处同类问题"."""
    first = _finding(doc, analysis, code, hit, severity)
    return replace(first, variant="more", args={"count": count, "code": code}, suggestion=None,
                   fingerprint=_digest(code, "more"))


def _rule_crash(path: str, code: str, exc: Exception) -> Finding:
    """The PAR006 note for a rule that failed on this file (the file's other findings are kept)."""
    finding = _input_finding(path, "PAR006", "rule-crash", {"rule": code, "error": f"{type(exc).__name__}: {exc}"})
    return replace(finding, fingerprint=_digest(finding.fingerprint, code))


def _input_finding(path: str, code: str, variant: str, args: dict) -> Finding:
    rule = get_rule(code)
    fingerprint = _digest(code, variant, Path(path).name)
    return Finding(code, rule.severity, variant, {"path": path, **args}, Location(), excerpt="", fingerprint=fingerprint)


def _digest(*parts: str) -> str:
    # surrogatepass: a path from a file name that is not UTF-8 holds lone surrogates (surrogateescape)
    return hashlib.sha1("|".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _finding(doc: Document, analysis: Analysis, code: str, hit: Hit, severity: Severity) -> Finding:
    if hit.severity is not None and hit.severity.rank < severity.rank:  # the check capped this hit's severity
        severity = hit.severity
    block = doc.blocks[hit.block]
    line, column, page = block.position(hit.start)
    end_line, end_column, _ = block.position(max(hit.start, hit.end - 1))
    table = sheet = cell = None
    if block.table is not None:
        row, col = block.table.locate(hit.start)
        table = {"index": _table_number(doc, block.index), "row": row + 1, "col": col + 1}
        if block.table.sheet is not None:
            sheet, cell = block.table.sheet.name, block.table.sheet.a1(row, col)
    excerpt = _excerpt(block.text, hit.start, hit.end)
    location = Location(
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column + 1,
        page=page,
        paragraph=block.paragraph,
        table=table,
        section=analysis.outline.section_path(block.index),
        sheet=sheet,
        cell=cell,
    )
    return Finding(
        code=code,
        severity=severity,
        variant=hit.variant,
        args=hit.args,
        location=location,
        excerpt=excerpt,
        block=hit.block,
        start=hit.start,
        end=hit.end,
        suggestion=hit.suggestion,
        review=hit.review,
        # code + the section's titles (not its labels: renumbering elsewhere must not change it) + the excerpt
        fingerprint=_digest(code, analysis.outline.section_titles(block.index), _SPACES.sub("", excerpt)),
    )


def _table_number(doc: Document, index: int) -> int:
    return sum(1 for b in doc.blocks[: index + 1] if b.table is not None)


def _excerpt(text: str, start: int, end: int) -> str:
    """The block's text, or a window around the span when the block is long."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    text, start, end = text[line_start : line_end if line_end >= 0 else None], start - line_start, end - line_start
    if len(text) <= EXCERPT_CHARS:
        return text.strip()
    side = max(10, (EXCERPT_CHARS - (end - start)) // 2)
    lo, hi = max(0, start - side), min(len(text), end + side)
    return ("…" if lo > 0 else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def _with_fingerprints(findings: list[Finding]) -> list[Finding]:
    """Make fingerprints unique in a file: the n-th finding with the same basis gets n folded in."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        seen[f.fingerprint] = seen.get(f.fingerprint, 0) + 1
        n = seen[f.fingerprint]
        out.append(f if n == 1 else replace(f, fingerprint=_digest(f.fingerprint, str(n))))
    return out
