"""Load the rule data (rules/*.yaml), validate each file against its JSON Schema, compile its patterns."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_FILES = ("document", "numbering", "hygiene", "figures", "statements", "prose", "layout", "tables")


class RuleSetError(Exception):
    """A rule-set file is broken: names the file, the key and what was expected."""

    def __init__(self, path: Path, key: str, problem: str) -> None:
        super().__init__(f"{path}: {key}: {problem}")
        self.path, self.key, self.problem = path, key, problem


@dataclass(frozen=True)
class Pattern:
    """A named regular expression from the rule data, with its description in both languages."""

    id: str
    regex: re.Pattern[str]
    zh: str
    en: str


@dataclass(frozen=True)
class RuleData:
    """Everything the analysis and the checks read from rules/."""

    root: Path
    document: dict[str, Any]
    numbering: dict[str, Any]
    hygiene: dict[str, Any]
    figures: dict[str, Any]
    statements: dict[str, Any]
    tables: dict[str, Any]  # the self-evaluation table's words and score profiles (rules/tables.yaml)
    prose: dict[str, Any]
    misused: tuple[tuple[re.Pattern[str], str, str], ...]  # (wrong, right, source) of rules/prose.yaml
    artifacts: tuple[Pattern, ...]
    placeholders: tuple[Pattern, ...]
    part_boundaries: tuple[re.Pattern[str], ...]
    toc_title: re.Pattern[str]
    not_continuation: re.Pattern[str]
    layout: dict[str, Any] | None = None  # layout profiles and font families (rules/layout.yaml)
    user_words: tuple[tuple[str, int | None], ...] = ()  # the segmenter's extra words (rule-dirs' dictionary.txt)


def default_rules_dir() -> Path:
    """rules/ shipped inside the installed package, or the repository's rules/ in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parents[1] / "rules"):
        if (candidate / "schema").is_dir():
            return candidate
    raise RuleSetError(here / "rules", "(directory)", "the rule data shipped with selfeval-lint is missing")


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise RuleSetError(path, "(file)", f"cannot be read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(file)"
        raise RuleSetError(path, where, f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise RuleSetError(path, "(top level)", "expected a mapping of keys")
    return data


def validate(path: Path, data: dict[str, Any], schema_path: Path) -> None:
    """Raise RuleSetError naming the first key of `data` that does not fit its schema."""
    from jsonschema import Draft202012Validator

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        key = ".".join(str(p) for p in err.absolute_path) or "(top level)"
        raise RuleSetError(path, key, err.message)


def _patterns(path: Path, key: str, entries: list[dict[str, str]]) -> tuple[Pattern, ...]:
    return tuple(Pattern(e["id"], _compile(path, f"{key}.{e['id']}", e["pattern"]), e["zh"], e["en"]) for e in entries)


def _compile(path: Path, key: str, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RuleSetError(path, key, f"invalid regular expression: {exc}") from None


def _validated_data(root: Path) -> dict[str, dict[str, Any]]:
    """Each data file parsed and validated against its schema; the validated data is kept beside the result
    store, keyed by a hash of the files, so that an unchanged rule set is neither parsed nor validated again."""
    import hashlib

    paths = [p for name in DATA_FILES for p in (root / f"{name}.yaml", root / "schema" / f"{name}.schema.json")]
    digest = hashlib.sha256()
    stored: Path | None = None
    try:
        for path in paths:
            digest.update(path.read_bytes() + b"\0")
        from .cache import default_cache_dir

        stored = default_cache_dir() / f"rules-{digest.hexdigest()[:32]}.json"
        cached = json.loads(stored.read_text(encoding="utf-8"))
        if isinstance(cached, dict) and set(cached) == set(DATA_FILES):
            return cached
    except (OSError, ValueError):
        pass  # not kept yet (or unreadable): parse and validate
    loaded: dict[str, dict[str, Any]] = {}
    for name in DATA_FILES:
        path = root / f"{name}.yaml"
        data = _read_yaml(path)
        validate(path, data, root / "schema" / f"{name}.schema.json")
        loaded[name] = data
    if stored is not None:
        _keep(stored, loaded)
    return loaded


def _keep(target: Path, data: dict[str, Any]) -> None:
    """Write validated data for the next run, if JSON holds it exactly; any failure only costs the speed-up."""
    import os
    import tempfile

    try:
        text = json.dumps(data, ensure_ascii=False)
        if json.loads(text) != data:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".rules-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)  # atomic: parallel runs never read half a file
    except (OSError, TypeError, ValueError):
        pass


@lru_cache(maxsize=8)
def load_rules(root: Path | None = None) -> RuleData:
    """The validated rule data from `root` (default: the shipped rules/)."""
    root = root or default_rules_dir()
    loaded = _validated_data(root)
    doc_path, hyg_path = root / "document.yaml", root / "hygiene.yaml"
    outline = loaded["document"]["outline"]
    return RuleData(
        root=root,
        document=loaded["document"],
        numbering=loaded["numbering"],
        hygiene=loaded["hygiene"],
        figures=loaded["figures"],
        statements=loaded["statements"],
        tables=loaded["tables"],
        prose=loaded["prose"],
        misused=tuple(
            (_compile(root / "prose.yaml", f"misused.{i}", e["wrong"]), e["right"], e["source"])
            for i, e in enumerate(loaded["prose"]["misused"])
        ),
        artifacts=_patterns(hyg_path, "artifacts", loaded["hygiene"]["artifacts"]),
        placeholders=_patterns(hyg_path, "placeholders", loaded["hygiene"]["placeholders"]),
        part_boundaries=tuple(
            _compile(doc_path, f"outline.part_boundaries.{i}", p) for i, p in enumerate(outline["part_boundaries"])
        ),
        toc_title=_compile(doc_path, "outline.toc_title", outline["toc_title"]),
        not_continuation=_compile(doc_path, "outline.not_continuation", outline["not_continuation"]),
        layout=loaded["layout"],
    )


USER_WORDING = "wording.yaml"


_WITH_WORDING: dict[tuple[int, tuple[str, ...]], RuleData] = {}


def with_user_wording(rules: RuleData, dirs: tuple[str, ...]) -> RuleData:
    """`rules` with the word lists of the rule-dirs' wording.yaml files (once per process and set of folders)."""
    key = (id(rules), dirs)
    if key not in _WITH_WORDING:
        _WITH_WORDING[key] = _add_user_wording(rules, dirs)
    return _WITH_WORDING[key]


def _add_user_wording(rules: RuleData, dirs: tuple[str, ...]) -> RuleData:
    """The rule data with the word lists of `wording.yaml` files in the configuration's rule-dirs added to the
    shipped ones (WRD001 misused words, WRD002 term groups); each file validated like the shipped data."""
    from dataclasses import replace

    misused, terms = list(rules.misused), list(rules.prose["terms"])
    found = False
    for directory in dirs:
        path = Path(directory) / USER_WORDING
        if not path.is_file():
            continue
        found = True
        data = _read_yaml(path)
        validate(path, data, rules.root / "schema" / "wording.schema.json")
        misused += [(_compile(path, f"misused.{i}", e["wrong"]), e["right"], e["source"]) for i, e in enumerate(data.get("misused", []))]
        terms += data.get("terms", [])
    if not found:
        return rules
    return replace(rules, misused=tuple(misused), prose={**rules.prose, "terms": terms})
