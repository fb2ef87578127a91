"""A rule's documentation page, rendered from the registry's declaration (the same text as `rule CODE`)."""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

from ..docs import rule_markdown
from ..registry import REGISTRY, all_rules


def rule_html(code: str, lang: str = "zh") -> str | None:
    """The page for `code`, or None when no such rule exists. Raw HTML in the Markdown is not passed through."""
    all_rules()
    rule = REGISTRY.get(code.upper())
    if rule is None:
        return None
    body = MarkdownIt("commonmark", {"html": False}).render(rule_markdown(rule, lang))
    title = escape(f"{rule.code} {rule.name}")
    back = "返回" if lang == "zh" else "Back"
    return (
        f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
        '<link rel="stylesheet" href="/static/app.css"></head>'
        f'<body class="rule-page"><p><a href="/">{back}</a></p><main>{body}</main></body></html>'
    )
