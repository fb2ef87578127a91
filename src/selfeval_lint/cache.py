"""The result store: each file's result kept in SQLite (WAL), keyed by the file's content, the tool, the
effective options and the rule data, so that re-checking an unchanged file costs a lookup. Beside a result its
text in each streamed report form it was written in (prerender.Form) is kept, so that a re-check writes that
text as it stands, without rebuilding a finding."""

from __future__ import annotations

import dataclasses
import decimal
import hashlib
import io
import json
import os
import pickle
import sqlite3
import stat
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .model import FileResult, Rendered
from .prerender import Form, Packed, body, summary_of, with_body

if TYPE_CHECKING:
    from .engine import Options

ENV_DIR = "SELFEVAL_LINT_CACHE_DIR"
DB_NAME = "results.sqlite3"
APPLICATION_ID = 0x53454C54  # "SELT": a database that is not ours is rebuilt, never read
SCHEMA_VERSION = 3  # 2: a result in two parts (head and body) and its renderings; 3: the version that wrote it
CHUNK = 1 << 20
# Results written by another version of the tool, its code or its rule data (whose keys no run of this one can
# ask for) are removed once they are this old: a store used all season through upgrades does not keep every
# version's results, and two versions used side by side (the CLI and a pre-commit hook) keep theirs for a week.
STALE_SECONDS = 7 * 24 * 3600
# The store's bound: when a run opens a store whose results take more than this, the oldest written are removed
# until they take at most TRIM_TO of it (so that the next runs need not trim again at once). A result and its
# text take under 10 KB for a report with a handful of findings, ~300 KB with a few hundred.
ENV_MAX_MB = "SELFEVAL_LINT_CACHE_MAX_MB"
DEFAULT_MAX_MB = 1024
MAX_MB_RANGE = (1, 2**30)  # megabytes a bound may be given as (--cache-max-mb, the environment): 1 MB to 1 PB
TRIM_TO = 0.9
TRIM_PASSES = 4  # the pages in use measured again after each pass: the payloads counted leave out keys and pages


def default_cache_dir() -> Path:
    """$SELFEVAL_LINT_CACHE_DIR, else the user cache directory (platformdirs, else $XDG_CACHE_HOME or ~/.cache)."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    try:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("selfeval-lint", appauthor=False))
    except ImportError:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "selfeval-lint"


def files_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """One hash over the names and contents of `paths` (sorted)."""
    h = hashlib.sha256()
    for path in sorted(paths):
        name = str(path.relative_to(root)) if root else str(path)
        h.update(name.encode("utf-8", "surrogateescape") + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"(unreadable)")
        h.update(b"\0")
    return h.hexdigest()


def tree_digest(root: Path, suffixes: tuple[str, ...]) -> str:
    return files_digest((p for p in root.rglob("*") if p.suffix in suffixes and p.is_file()), root)


def code_digest() -> str:
    """The package's own source: a change to any check gives new keys even before the version changes."""
    return tree_digest(Path(__file__).resolve().parent, (".py",))


def rules_digest() -> str:
    """The shipped rule data (patterns, schemas, templates, dictionaries)."""
    from .rulesets import default_rules_dir

    return tree_digest(default_rules_dir(), (".yaml", ".yml", ".json", ".txt"))


def options_digest(options: Options) -> str:
    """The effective options (selection, template, severities, tolerance, limits) and the user's template files."""

    def plain(value: object) -> object:
        if isinstance(value, (frozenset, set)):
            return sorted(value)
        if isinstance(value, decimal.Decimal):
            return str(value)
        return str(value)

    fields = dataclasses.asdict(options)
    user_templates = [
        files_digest([*Path(d).glob("*.yaml"), *Path(d).glob("*.yml"), *Path(d).glob("dictionary.txt")]) if Path(d).is_dir() else "missing"
        for d in options.template_dirs
    ]
    text = json.dumps({"options": fields, "templates": user_templates}, sort_keys=True, default=plain, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_digest(path: str, max_bytes: int) -> str | None:
    """sha256 of a regular file's bytes; None for anything else (FIFO, device, missing, over the size limit),
    which is then checked without the store — and never opened here in a way that could block."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        h = hashlib.sha256()
        with os.fdopen(fd, "rb", closefd=False) as fh:
            while chunk := fh.read(CHUNK):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


class _ResultUnpickler(pickle.Unpickler):
    """Unpickles results only: a row holding anything else is treated as a miss, never run."""

    ALLOWED = {
        ("selfeval_lint.model", "FileResult"), ("selfeval_lint.model", "Finding"), ("selfeval_lint.model", "Location"),
        ("selfeval_lint.model", "Severity"), ("decimal", "Decimal"), ("builtins", "set"), ("builtins", "frozenset"),
        ("selfeval_lint.vocab", "Severity"),  # Severity is defined in vocab.py (model.py re-exports it)
        ("selfeval_lint.model", "Suppressed"), ("selfeval_lint.model", "Rendered"),
        ("selfeval_lint.batch_tables", "TableSummary"),  # what a file offers the cross-file TAB020 pass
    }

    def find_class(self, module: str, name: str):  # type: ignore[no-untyped-def]
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a result")
        return super().find_class(module, name)


def _load(value: bytes) -> object:
    """A stored part unpickled with _ResultUnpickler; None when it holds anything else or is broken."""
    try:
        return _ResultUnpickler(io.BytesIO(value)).load()
    except Exception:
        return None


def _warn(message: str) -> None:
    print(f"selfeval-lint: {message}", file=sys.stderr)


def default_max_mb(warn: Callable[[str], None] = _warn) -> float:
    """$SELFEVAL_LINT_CACHE_MAX_MB (megabytes, in MAX_MB_RANGE), else DEFAULT_MAX_MB; a value that is no such
    size is warned about and the default used."""
    value = os.environ.get(ENV_MAX_MB, "").strip()
    if not value:
        return DEFAULT_MAX_MB
    size = parse_max_mb(value)
    if size is not None:
        return size
    low, high = MAX_MB_RANGE
    warn(f"{ENV_MAX_MB}={value!r} 不是 {low}–{high} 之间的数，按默认 {DEFAULT_MAX_MB} MB / is not a number of megabytes"
         f" from {low} to {high}; {DEFAULT_MAX_MB} MB used")
    return DEFAULT_MAX_MB


def parse_max_mb(value: str) -> float | None:
    """A store's bound in megabytes, or None when `value` is no number in MAX_MB_RANGE."""
    try:
        size = float(value)
    except ValueError:
        return None
    low, high = MAX_MB_RANGE
    return size if low <= size <= high else None  # (NaN and infinity are outside)


def _used_bytes(db: sqlite3.Connection) -> int:
    pages = db.execute("PRAGMA page_count").fetchone()[0] - db.execute("PRAGMA freelist_count").fetchone()[0]
    return pages * db.execute("PRAGMA page_size").fetchone()[0]


def _header(db: sqlite3.Connection) -> tuple[int, int, int]:
    """The database's application id, schema version and number of schema objects."""
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    return app_id, version, db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]


def _create(db: sqlite3.Connection) -> None:
    # the small columns first: SQLite reaches a column only through the overflow pages of the blobs before it
    db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, stored REAL NOT NULL, base TEXT NOT NULL,"
               " head BLOB NOT NULL, body BLOB NOT NULL)")
    db.execute("CREATE INDEX IF NOT EXISTS results_base ON results (base, stored)")  # the prune reads only this
    db.execute("CREATE TABLE IF NOT EXISTS renderings (key TEXT NOT NULL, form TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (key, form))")


@dataclass(frozen=True)
class StoreInfo:
    """What `cache info` shows of a store: its results, the bytes their pages take, and its files' size."""

    results: int
    used_bytes: int
    file_bytes: int


class Store:
    """The result store in `directory` (created when first needed). Any problem with it costs a warning and
    the store itself, never a file's result: a corrupt or foreign database is rebuilt."""

    def __init__(self, directory: Path | None = None, warn: Callable[[str], None] = _warn, max_mb: float | None = None) -> None:
        self.directory = Path(directory) if directory else default_cache_dir()
        self.path = self.directory / DB_NAME
        self.warn = warn
        bound = max_mb if max_mb is not None else default_max_mb(warn)
        if not bound > 0:  # (NaN too) the command line and the environment give a number in MAX_MB_RANGE
            raise ValueError(f"a store's bound must be a positive number of megabytes, not {bound!r}")
        self.max_bytes = int(min(bound, MAX_MB_RANGE[1]) * 2**20)
        self._db: sqlite3.Connection | None = None
        self._disabled = False
        self._base: str | None = None
        self._options: dict[int, tuple[Options, str]] = {}

    # -- keys ---------------------------------------------------------------------------------------------
    def key(self, path: str, options: Options) -> str | None:
        content = content_digest(path, options.max_bytes)
        if content is None or self._disabled:
            return None
        memo = self._options.get(id(options))
        if memo is None or memo[0] is not options:
            memo = self._options[id(options)] = (options, options_digest(options))
        name = path.encode("utf-8", "surrogateescape")
        return hashlib.sha256(b"|".join([self.base().encode(), memo[1].encode(), content.encode(), name])).hexdigest()

    def base(self) -> str:
        """What every key of this run shares: the tool's version, the digests of its code and rule data."""
        if self._base is None:
            self._base = hashlib.sha256(f"{__version__}|{code_digest()}|{rules_digest()}".encode()).hexdigest()
        return self._base

    # -- reads and writes ---------------------------------------------------------------------------------
    def get(self, key: str, path: str) -> FileResult | None:
        """The whole result stored under `key` for `path`."""
        row = self._query("SELECT head, body FROM results WHERE key = ?", (key,))
        if row is None:
            return None
        kept, parts = _load(row[0]), _load(row[1])
        if not isinstance(kept, Rendered) or kept.result.path != path or not (isinstance(parts, tuple) and len(parts) == 3):
            return None
        return with_body(kept.result, *parts)

    def get_rendered(self, key: str, path: str, form: Form) -> Rendered | None:
        """The result stored under `key` as `form` writes it, if it was written in that form before."""
        row = self._query("SELECT r.head, t.text FROM results r JOIN renderings t ON t.key = r.key"
                          " WHERE r.key = ? AND t.form = ?", (key, form.id))
        if row is None:
            return None
        kept = _load(row[0])
        if not isinstance(kept, Rendered) or kept.result.path != path or not isinstance(row[1], str):
            return None
        return dataclasses.replace(kept, text=row[1])

    def put(self, key: str, result: FileResult) -> None:
        try:
            self._put(key, summary_of(result), body(result))
        except Exception:
            return

    def put_packed(self, key: str, packed: Packed, form: Form) -> None:
        """A result packed for `form` (prerender.pack), with its text in that form."""
        if packed.body is not None:
            self._put(key, packed.rendered, packed.body)
        self.put_rendering(key, form, packed.rendered.text)

    def put_rendering(self, key: str, form: Form, text: str) -> None:
        self._query("INSERT OR REPLACE INTO renderings (key, form, text) VALUES (?, ?, ?)", (key, form.id, text), write=True)

    def _put(self, key: str, summary: Rendered, value: bytes) -> None:
        try:
            head = pickle.dumps(dataclasses.replace(summary, text=""), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return
        self._query("INSERT OR REPLACE INTO results (key, head, body, stored, base) VALUES (?, ?, ?, ?, ?)",
                    (key, head, value, time.time(), self.base()), write=True)

    def count(self) -> int:
        row = self._query("SELECT count(*) FROM results", ())
        return row[0] if row else 0

    def info(self) -> StoreInfo | str:
        """What the store holds, read without changing it (no setup, pruning or trimming, as a run's opening
        does); or why it cannot be read."""
        files = [Path(f"{self.path}{suffix}") for suffix in ("", "-wal")]
        file_bytes = sum(f.stat().st_size for f in files if f.exists())
        # with no -wal file no run has it open: read it as a plain file (immutable), which needs no -shm either,
        # so that a read-only directory can be read and nothing is left beside it
        quiet = "&immutable=1" if not files[1].exists() else ""
        try:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro{quiet}", uri=True, timeout=5)
        except sqlite3.Error as exc:
            return str(exc)
        try:
            app_id, version, _ = _header(db)
            if app_id != APPLICATION_ID:
                return "不是本工具的缓存数据库，下次检查时重建 / not this tool's database; the next check rebuilds it"
            if version != SCHEMA_VERSION:
                return f"另一版本的缓存（第 {version} 版），下次检查时替换 / another schema version ({version}); the next check replaces it"
            results = db.execute("SELECT count(*) FROM results").fetchone()[0]
            return StoreInfo(results, _used_bytes(db), file_bytes)
        except sqlite3.Error as exc:
            return str(exc)
        finally:
            db.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def clean(self) -> list[Path]:
        """Remove the database (and its WAL files); the paths removed."""
        self.close()
        removed = []
        for suffix in ("", "-wal", "-shm"):
            target = Path(f"{self.path}{suffix}")
            try:
                target.unlink()
                removed.append(target)
            except FileNotFoundError:
                pass
        return removed

    # -- the database -------------------------------------------------------------------------------------
    def _query(self, sql: str, params: tuple, write: bool = False):  # type: ignore[no-untyped-def]
        for attempt in (1, 2):
            db = self._connect()
            if db is None:
                return None
            try:
                cursor = db.execute(sql, params)
                return None if write else cursor.fetchone()
            except sqlite3.OperationalError as exc:  # locked beyond the timeout, disk full, read-only
                if "locked" in str(exc) or "busy" in str(exc):
                    return None
                self._give_up(f"结果缓存不可用（{exc}），本次不使用缓存 / result store unusable ({exc}); not used this run")
                return None
            except sqlite3.DatabaseError as exc:  # corrupt after it was opened
                if attempt == 2:
                    self._give_up(f"结果缓存不可用（{exc}） / result store unusable ({exc})")
                    return None
                self._rebuild(str(exc))
        return None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._disabled:
            return self._db
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._give_up(f"无法创建结果缓存目录 {self.directory}（{exc.strerror}），本次不使用缓存 / cannot create the result store's directory; not used this run")
            return None
        for attempt in range(4):
            db = None
            try:
                db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
                if self._prepare(db):
                    self._db = db
                    self._prune(db)
                    self._trim(db)
                    return db
                why = "不是本工具的缓存数据库 / not this tool's database"
            except sqlite3.OperationalError as exc:
                if db is not None:
                    db.close()
                if ("locked" in str(exc) or "busy" in str(exc)) and attempt < 3:
                    time.sleep(0.2)  # another run is setting it up
                    continue
                self._give_up(f"结果缓存不可用（{exc}），本次不使用缓存 / result store unusable ({exc}); not used this run")
                return None
            except sqlite3.DatabaseError as exc:
                why = str(exc)
            if db is not None:
                db.close()
            if attempt >= 2:
                self._give_up(f"结果缓存不可用（{why}），本次不使用缓存 / result store unusable ({why}); not used this run")
                return None
            self._rebuild(why)
        return None

    def _prepare(self, db: sqlite3.Connection) -> bool:
        """Set up a new database (or replace one of ours from another schema version), in one transaction so
        that a parallel run never sees it half made; accept an existing one of ours at this version."""
        app_id, version, tables = _header(db)
        fresh = app_id == 0 and tables == 0
        if fresh:
            db.execute("PRAGMA journal_mode=WAL")  # not allowed inside a transaction; persistent
        if fresh or (app_id == APPLICATION_ID and version != SCHEMA_VERSION):
            db.execute("BEGIN IMMEDIATE")
            try:
                app_id, version, tables = _header(db)  # a parallel run may have set it up meanwhile
                if (app_id == 0 and tables == 0) or (app_id == APPLICATION_ID and version != SCHEMA_VERSION):
                    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
                        db.execute(f'DROP TABLE IF EXISTS "{table}"')
                    db.execute(f"PRAGMA application_id={APPLICATION_ID}")
                    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                    _create(db)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            app_id, version, tables = _header(db)
        if app_id != APPLICATION_ID or version != SCHEMA_VERSION:
            return False
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("SELECT count(*) FROM results LIMIT 1").fetchone()
        db.execute("SELECT count(*) FROM renderings LIMIT 1").fetchone()
        return True

    def _prune(self, db: sqlite3.Connection) -> None:
        """Remove the results (and their renderings) of other versions once they are STALE_SECONDS old."""
        try:
            old = time.time() - STALE_SECONDS
            if db.execute("SELECT 1 FROM results WHERE base != ? AND stored < ? LIMIT 1", (self.base(), old)).fetchone():
                db.execute("BEGIN IMMEDIATE")
                db.execute("DELETE FROM renderings WHERE key IN (SELECT key FROM results WHERE base != ? AND stored < ?)",
                           (self.base(), old))
                db.execute("DELETE FROM results WHERE base != ? AND stored < ?", (self.base(), old))
                db.execute("COMMIT")
        except sqlite3.Error:  # busy with a parallel run, or read-only: another run will do it
            if db.in_transaction:
                db.execute("ROLLBACK")

    def _trim(self, db: sqlite3.Connection) -> None:
        """Over its bound, remove texts left without their result and the oldest written results (with their
        texts) until those left take at most TRIM_TO of it. The file does not shrink (no VACUUM): the pages
        freed take later writes, so it grows past the bound by no more than what one run writes."""
        try:
            if _used_bytes(db) <= self.max_bytes:
                return
            target = int(self.max_bytes * TRIM_TO)
            db.execute("BEGIN IMMEDIATE")  # what to remove is chosen under the lock that removes it
            db.execute("DELETE FROM renderings WHERE key NOT IN (SELECT key FROM results)")
            rows: list[tuple[str, int]] | None = None
            for _ in range(TRIM_PASSES):
                used = _used_bytes(db)
                if used <= target:
                    break
                if rows is None:
                    rows = db.execute("SELECT r.key, length(r.head) + length(r.body) + coalesce((SELECT sum(length("
                                      "CAST(t.text AS BLOB))) FROM renderings t WHERE t.key = r.key), 0)"
                                      " FROM results r ORDER BY r.stored").fetchall()
                # the rows' payloads, against the pages they take with their keys and the index: scaled
                excess = (used - target) * (sum(n for _, n in rows) or 1) / used
                oldest: list[str] = []
                for key, nbytes in rows:
                    if excess <= 0:
                        break
                    oldest.append(key)
                    excess -= nbytes
                rows = rows[len(oldest) :]
                for k in range(0, len(oldest), 500):
                    chunk = oldest[k : k + 500]
                    marks = ",".join("?" * len(chunk))
                    db.execute(f"DELETE FROM renderings WHERE key IN ({marks})", chunk)
                    db.execute(f"DELETE FROM results WHERE key IN ({marks})", chunk)
                if not oldest:
                    break
            db.execute("COMMIT")
        except sqlite3.Error:  # busy with a parallel run, or read-only: another run will do it
            if db.in_transaction:
                db.execute("ROLLBACK")

    def _rebuild(self, why: str) -> None:
        self.warn(f"结果缓存 {self.path} 已损坏或不可识别（{why}），已重建 / the result store was corrupt or foreign ({why}); rebuilt")
        self.clean()

    def _give_up(self, message: str) -> None:
        if not self._disabled:
            self.warn(message)
        self._disabled = True
        self.close()
