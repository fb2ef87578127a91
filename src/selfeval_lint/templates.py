"""Report templates (rules/templates/*.yaml): each an outline to check a report against, chosen by its title."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .rulesets import USER_WORDING, RuleSetError, _read_yaml, default_rules_dir
from .validated import validate_once


@dataclass(frozen=True)
class Section:
    """One section a template expects: canonical title, aliases, whether required, and its children."""

    title: str
    aliases: tuple[str, ...]
    required: bool
    none_ok: bool
    children: tuple[Section, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)


@dataclass(frozen=True)
class Template:
    """A rule set for one kind of report, read from YAML."""

    id: str
    name: str
    source: str
    title_any: tuple[str, ...]
    title_none: tuple[str, ...]
    priority: int
    fallback: bool
    ordered: bool
    exact_titles: bool
    sections: tuple[Section, ...]
    layout: str | None = None  # a layout profile of rules/layout.yaml (FMT rules, .docx only); None: not checked

    def matches_title(self, title: str | None) -> bool:
        if not title or not self.title_any:
            return False
        return any(w in title for w in self.title_any) and not any(w in title for w in self.title_none)


def _section(data: dict[str, Any]) -> Section:
    return Section(
        title=data["title"],
        aliases=tuple(data.get("aliases", ())),
        required=data.get("required", True),
        none_ok=data.get("none_ok", False),
        children=tuple(_section(c) for c in data.get("children", ())),
    )


def load_template(path: Path) -> Template:
    """One template file, validated against rules/schema/template.schema.json."""
    data = _read_yaml(path)
    validate_once(path, data, default_rules_dir() / "schema" / "template.schema.json")  # once per content
    detect = data["detect"]
    return Template(
        id=data["id"],
        name=data["name"],
        source=str(path),
        title_any=tuple(detect.get("title_any", ())),
        title_none=tuple(detect.get("title_none", ())),
        priority=detect.get("priority", 0),
        fallback=detect.get("fallback", False),
        ordered=data.get("ordered", True),
        exact_titles=data.get("exact_titles", False),
        sections=tuple(_section(s) for s in data["sections"]),
        layout=data.get("layout"),
    )


@lru_cache(maxsize=16)
def load_templates(extra_dirs: tuple[str, ...] = ()) -> tuple[Template, ...]:
    """The shipped templates plus those in `extra_dirs`; ids must be unique."""
    dirs = [default_rules_dir() / "templates", *(Path(d) for d in extra_dirs)]
    templates: dict[str, Template] = {}
    for directory in dirs:
        if not directory.is_dir():
            raise RuleSetError(directory, "(directory)", "not a directory of rule sets")
        for path in sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml")):
            if path.name == USER_WORDING:
                continue  # a word list for WRD001/WRD002 (rulesets.with_user_wording), not a template
            template = load_template(path)
            if template.id in templates:
                raise RuleSetError(path, "id", f"template id {template.id!r} is already defined in {templates[template.id].source}")
            templates[template.id] = template
            _check_layout(path, template)
    if not any(t.fallback for t in templates.values()):
        raise RuleSetError(dirs[0], "detect.fallback", "no template is marked as the fallback")
    return tuple(templates.values())


def _check_layout(path: Path, template: Template) -> None:
    """A template's layout profile must be one of rules/layout.yaml."""
    from .rulesets import load_rules

    profiles = (load_rules().layout or {}).get("profiles", {})
    if template.layout and template.layout not in profiles:
        raise RuleSetError(path, "layout", f"unknown layout profile {template.layout!r} (known: {', '.join(sorted(profiles))})")


@dataclass(frozen=True)
class TemplateChoice:
    """The template a document is checked against, and whether its title told it."""

    template: Template
    recognised: bool  # False: the fallback was used because no template matched the title
    explicit: bool = False  # chosen by --template or the configuration, not from the title


def choose_template(title: str | None, templates: tuple[Template, ...], requested: str = "auto") -> TemplateChoice:
    """The requested template, or the best match for the title, or the fallback."""
    if requested != "auto":
        for template in templates:
            if template.id == requested:
                return TemplateChoice(template, True, explicit=True)
        raise KeyError(requested)
    matching = [t for t in templates if t.matches_title(title)]
    if matching:
        return TemplateChoice(max(matching, key=lambda t: t.priority), True)
    return TemplateChoice(next(t for t in templates if t.fallback), False)
