"""Streaming output: each file's result written as it completes, through a format's per-file functions.

A streaming format is a module (or any object) with
  render_file(result, lang) -> str    the text for one file ("" for nothing), written at once;
  render_end(summary, lang) -> str    the closing text, from the counts alone (report.summary.Summary);
  ORDERED: bool                       True: files come out in input order as far as finished (text);
                                      False: in the order they finish (jsonl).
  render_addendum(result, lang) -> str   optional: findings added later to a file already written (TAB020);
                                      without it they are written with render_file.
The batch then keeps no finding beyond the counts the summary needs. A `Rendered` result (prerender: rendered
in the worker that checked it, or kept in the result store) is written as its text stands."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, TextIO

from ..model import Addendum, FileResult, Rendered, Severity
from .summary import Summary


class StreamingFormat(Protocol):
    ORDERED: bool

    def render_file(self, result: FileResult, lang: str) -> str: ...
    def render_end(self, summary: Summary, lang: str) -> str: ...


class Tally:
    """The summary's counts, kept up to date one result at a time."""

    def __init__(self) -> None:
        self.files = self.unreadable = self.skipped = self.chars = self.suppressed = 0
        self.counts = {s: 0 for s in Severity}

    def add_findings(self, result: FileResult) -> None:
        """Findings added to a file already counted (an Addendum)."""
        for finding in result.findings:
            self.counts[finding.severity] += 1

    def add(self, result: FileResult | Rendered) -> None:
        head = result.result if isinstance(result, Rendered) else result
        if head.skipped:
            self.skipped += 1
            return
        self.files += 1
        self.unreadable += bool(head.unreadable)
        self.chars += head.chars
        if isinstance(result, Rendered):
            self.suppressed += result.suppressed
            for severity, count in zip((Severity.ERROR, Severity.WARNING, Severity.INFO), result.counts):
                self.counts[severity] += count
            return
        self.suppressed += len(result.suppressed)
        self.add_findings(result)

    def summary(self) -> Summary:
        c = self.counts
        return Summary(self.files, c[Severity.ERROR], c[Severity.WARNING], c[Severity.INFO], self.unreadable,
                       skipped=self.skipped, chars=self.chars, suppressed=self.suppressed)


def emit(results: Iterable[tuple[int, FileResult | Rendered | Addendum]], fmt: Any, lang: str, out: TextIO, progress: Any = None) -> Summary:
    """Write `results` ((input index, result) pairs, in any order) through `fmt` as they come; the summary. An
    Addendum (findings a later pass added to a file already written) is written after every file, before the
    summary, in input order."""
    tally = Tally()
    waiting: dict[int, FileResult | Rendered] = {}
    following = 0
    ordered = getattr(fmt, "ORDERED", True)

    def write(text: str) -> None:
        if text:
            if progress is not None:
                progress.write(out, text)
            else:
                out.write(text)
                out.flush()

    def text_of(result: FileResult | Rendered) -> str:
        return result.text if isinstance(result, Rendered) else fmt.render_file(result, lang)

    addenda: list[tuple[int, FileResult]] = []
    for index, result in results:
        if isinstance(result, Addendum):  # written after every file, before the closing summary
            tally.add_findings(result.result)
            addenda.append((index, result.result))
            continue
        tally.add(result)
        if progress is not None:
            progress.advance()
        if not ordered:
            write(text_of(result))
            continue
        waiting[index] = result
        while following in waiting:
            write(text_of(waiting.pop(following)))
            following += 1
    for index in sorted(waiting):  # only if some index never came (not expected): nothing is lost
        write(text_of(waiting.pop(index)))
    render_addendum = getattr(fmt, "render_addendum", fmt.render_file)
    for _, added in sorted(addenda, key=lambda pair: pair[0]):
        write(render_addendum(added, lang))
    summary = tally.summary()
    write(fmt.render_end(summary, lang))
    return summary
