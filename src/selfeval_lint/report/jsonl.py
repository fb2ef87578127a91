"""JSON Lines report (--format jsonl): one JSON object per file as it finishes, then one summary object."""

from __future__ import annotations

import json

from .. import __version__
from ..model import FileResult
from .json_report import file_dict
from .summary import Summary, skip_text

ORDERED = False  # each file as it finishes


def render_file(result: FileResult, lang: str = "zh") -> str:
    """A checked file as the json report's entry; a skipped one as {"skipped": {path, reason, message}}."""
    if result.skipped:
        entry = {"skipped": {"path": result.path, "reason": result.skipped, "message": skip_text(result, lang)}}
        return json.dumps(entry, ensure_ascii=False) + "\n"
    return json.dumps(file_dict(result, lang), ensure_ascii=False) + "\n"


def render_addendum(result: FileResult, lang: str = "zh") -> str:
    """Findings a later pass added to a file already written (TAB020 across the files of a folder):
    {"addendum": {path, findings}}, to be merged into that file's object."""
    findings = file_dict(result, lang)["findings"]
    return json.dumps({"addendum": {"path": result.path, "findings": findings}}, ensure_ascii=False) + "\n"


def render_end(summary: Summary, lang: str = "zh") -> str:
    counts = {"files": summary.files, "errors": summary.errors, "warnings": summary.warnings,
              "infos": summary.infos, "unreadable": summary.unreadable, "skipped": summary.skipped,
              "chars": summary.chars, "per_10k_chars": summary.per_10k}
    return json.dumps({"tool": {"name": "selfeval-lint", "version": __version__}, "summary": counts}, ensure_ascii=False) + "\n"


def render_jsonl(results, lang: str = "zh") -> str:  # type: ignore[no-untyped-def]
    """The whole batch at once (for callers that have every result): the same lines the stream writes."""
    from .summary import summarise

    return "".join(render_file(r, lang) for r in results) + render_end(summarise(results), lang)  # TAB020 already in
