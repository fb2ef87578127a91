"""A file's result packed where it was computed: its text in the run's streamed report form, its summary counts,
and its findings as bytes for the result store, so that the batch's parent never rebuilds a finding."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, replace

from .model import FileResult, Rendered, Severity


@dataclass(frozen=True)
class Form:
    """A streamed report form: a format of report.STREAMING in a language. Its `render_file` depends on the
    result alone, so a text rendered once (in a worker, or in an earlier run) is the text to write."""

    format: str
    lang: str

    @property
    def id(self) -> str:
        return f"{self.format}:{self.lang}"

    def render(self, result: FileResult) -> str:
        from .report import STREAMING

        return STREAMING[self.format].render_file(result, self.lang)


def storable(result: FileResult) -> bool:
    """A time-out, a crash or a dead worker may not happen next time: such results are never stored."""
    return not any(f.code == "PAR006" for f in result.findings)


def head(result: FileResult) -> FileResult:
    """The result without what only rendering reads (findings, suppressions, the kept text)."""
    return replace(result, findings=[], suppressed=[], lines=None)


def summary_of(result: FileResult, text: str = "") -> Rendered:
    """The result's head, `text`, and its counts."""
    counts = {s: 0 for s in Severity}
    for finding in result.findings:
        counts[finding.severity] += 1
    return Rendered(head(result), text, (counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]),
                    len(result.suppressed), storable(result))


def body(result: FileResult) -> bytes:
    """What head() leaves out, pickled (the result store keeps it for the reports rendered at the end)."""
    return pickle.dumps((result.findings, result.suppressed, result.lines), protocol=pickle.HIGHEST_PROTOCOL)


def with_body(head_: FileResult, findings, suppressed, lines) -> FileResult:  # type: ignore[no-untyped-def]
    return replace(head_, findings=findings, suppressed=suppressed, lines=lines)


@dataclass(frozen=True)
class Packed:
    """A result as a worker sends it back: rendered for the run's form, and its body for the store."""

    rendered: Rendered
    body: bytes | None


def pack(result: FileResult, form: Form, keep_body: bool = True) -> Packed:
    return Packed(summary_of(result, form.render(result)), body(result) if keep_body else None)


def pack_for(result: FileResult, form: Form | None, keep_body: bool = True) -> FileResult | Packed:
    """The result packed for `form` where it was computed; whole when there is no form, or when it does not
    render (the report then meets it, as it would have without the form)."""
    if form is None:
        return result
    try:
        return pack(result, form, keep_body)
    except Exception:
        return result
