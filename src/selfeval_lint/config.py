"""Configuration: selfeval-lint.toml or [tool.selfeval-lint] in pyproject.toml, found upward from each checked file."""

from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from .ingest import DEFAULT_MAX_BYTES
from .model import Severity

CONFIG_FILE = "selfeval-lint.toml"
PYPROJECT = "pyproject.toml"

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "select": {"type": "array", "items": {"type": "string"}},
        "extend-select": {"type": "array", "items": {"type": "string"}},
        "ignore": {"type": "array", "items": {"type": "string"}},
        "template": {"type": "string", "minLength": 1},
        "lang": {"enum": ["zh", "en"]},
        "fail-on": {"enum": ["error", "warning", "info", "never"]},
        "include": {"type": "array", "items": {"type": "string"}},
        "extend-include": {"type": "array", "items": {"type": "string"}},
        "exclude": {"type": "array", "items": {"type": "string"}},
        "extend-exclude": {"type": "array", "items": {"type": "string"}},
        "respect-gitignore": {"type": "boolean"},
        "force-exclude": {"type": "boolean"},
        "output-format": {"enum": ["text", "json", "jsonl", "csv", "xlsx", "html", "sarif", "junit", "github", "gitlab", "concise"]},
        "rule-dirs": {"type": "array", "items": {"type": "string"}},
        "max-file-size-mb": {"type": "number", "exclusiveMinimum": 0},
        "severity": {"type": "object", "additionalProperties": {"enum": ["error", "warning", "info"]}},
        "per-file-ignores": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "tolerance": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "amount-yuan": {"type": "number", "minimum": 0},
                "percent-points": {"type": "number", "minimum": 0},
                "shortfall-share": {"type": "number", "minimum": 0, "maximum": 1},
            },
        },
    },
}


class ConfigError(Exception):
    """A configuration file is broken: names the file, the key and what was expected."""

    def __init__(self, path: Path, key: str, problem: str) -> None:
        super().__init__(f"{path}: {key}: {problem}")


@dataclass(frozen=True)
class Config:
    """One configuration file's settings (empty when no file was found)."""

    path: Path | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def rule_dirs(self) -> tuple[str, ...]:
        return tuple(str((self.root / d).resolve()) for d in self.get("rule-dirs", []))

    def max_bytes(self) -> int:
        mb = self.get("max-file-size-mb")
        return int(mb * 2**20) if mb else DEFAULT_MAX_BYTES

    def severities(self) -> tuple[tuple[str, Severity], ...]:
        return tuple((code.upper(), Severity(level)) for code, level in sorted(self.get("severity", {}).items()))

    def tolerance(self):  # type: ignore[no-untyped-def]
        """The [tolerance] table as the checks' Tolerance (numbers read as written, into Decimal)."""
        from .checks import Tolerance

        table = self.get("tolerance", {})
        defaults = Tolerance()
        return Tolerance(
            amount_yuan=Decimal(str(table.get("amount-yuan", defaults.amount_yuan))),
            percent_points=Decimal(str(table.get("percent-points", defaults.percent_points))),
            shortfall_share=Decimal(str(table.get("shortfall-share", defaults.shortfall_share))),
        )

    def ignored_for(self, path: str) -> list[str]:
        """Codes that per-file-ignores switch off for `path` (globs relative to the config's folder)."""
        try:
            relative = Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside the root, or a symlink loop
            relative = Path(path).as_posix()
        return [
            code
            for pattern, codes in self.get("per-file-ignores", {}).items()
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(Path(relative).name, pattern)
            for code in codes
        ]


def _table(path: Path) -> dict[str, Any] | None:
    """The selfeval-lint settings in `path`, or None when a pyproject.toml has no [tool.selfeval-lint]."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(path, "(file)", f"cannot be read: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(path, "(file)", f"not valid TOML: {exc}") from None
    if path.name == PYPROJECT:
        return data.get("tool", {}).get("selfeval-lint")
    return data


def load_config(path: Path) -> Config:
    """Read and validate one configuration file."""
    from jsonschema import Draft202012Validator

    data = _table(path)
    if data is None:
        raise ConfigError(path, "tool.selfeval-lint", "no [tool.selfeval-lint] table in this pyproject.toml")
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        key = ".".join(str(p) for p in err.absolute_path) or "(top level)"
        if err.validator == "additionalProperties" and not err.absolute_path:
            known = ", ".join(sorted(SCHEMA["properties"]))
            raise ConfigError(path, key, f"{err.message}; known keys: {known}")
        raise ConfigError(path, key, err.message)
    _check_codes(path, data)
    return Config(path, data)


def _check_codes(path: Path, data: dict[str, Any]) -> None:
    from .registry import resolve_selection

    for key in ("select", "extend-select", "ignore"):
        for code in data.get(key, []):
            _known(path, key, code, resolve_selection)
    for code in data.get("severity", {}):
        _known(path, f"severity.{code}", code, resolve_selection)
    for pattern, codes in data.get("per-file-ignores", {}).items():
        for code in codes:
            _known(path, f"per-file-ignores.{pattern}", code, resolve_selection)


def _known(path: Path, key: str, code: str, resolve) -> None:  # type: ignore[no-untyped-def]
    try:
        resolve([code], None)
    except ValueError:
        raise ConfigError(path, key, f"unknown rule code or prefix {code!r}") from None
    if code.strip().upper().startswith("PAR") and not key.startswith("select") and not key.startswith("extend"):
        raise ConfigError(path, key, f"{code}: files that cannot be read are always reported as errors (PAR)")


@lru_cache(maxsize=256)
def find_config(directory: Path) -> Config:
    """The nearest configuration at or above `directory` (a pyproject.toml counts only with [tool.selfeval-lint])."""
    for folder in (directory, *directory.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return load_config(candidate)
        candidate = folder / PYPROJECT
        if candidate.is_file() and _table(candidate) is not None:
            return load_config(candidate)
    return Config()


def config_for(path: str) -> Config:
    """The configuration that applies to a checked file ('-' is looked up from the current folder)."""
    folder = Path.cwd() if path == "-" else _folder_of(path)
    return find_config(folder)


def _folder_of(path: str) -> Path:
    """The absolute folder holding `path`; a symlink loop (which resolve() cannot follow) is looked up from
    the link's own folder, so that the file itself gets its PAR finding instead of ending the batch."""
    try:
        return Path(path).resolve().parent
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path)).parent
