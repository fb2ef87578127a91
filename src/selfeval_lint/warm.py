"""Load once, before workers start, what checking needs (rule data, templates, readers, jieba, spaCy)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .engine import Options
from .ingest.readers import all_readers

# Readers by file suffix (their `preload` in ingest/formats.py): imported in the parent so that forked workers inherit them.
READERS = {suffix: module for r in all_readers() for suffix in r.suffixes for module in r.preload}


def warm(work: Iterable[tuple[str, Options]]) -> None:
    """Build, in this process, every lazily loaded piece the files and options of `work` will use."""
    import importlib

    from .rulesets import load_rules
    from .templates import load_templates

    load_rules()
    readers: set[str] = set()
    template_dirs: set[tuple[str, ...]] = set()
    selected: set[str] = set()
    for path, options in work:
        readers.add(READERS.get(Path(path).suffix.lower(), ""))
        template_dirs.add(options.template_dirs)
        selected |= options.selected
    for dirs in template_dirs:
        load_templates(dirs)
    for reader in sorted(readers - {""}):
        importlib.import_module(f".ingest.{reader}", __package__)
    families = {code[:3] for code in selected}
    from .userwords import with_user_words

    rule_sets = [with_user_words(load_rules(), dirs) for dirs in template_dirs or {()}]  # as engine.prepare has them
    if families & {"SEC", "ARI", "TAB"}:
        from .analysis.segment import segmenter

        for rules in rule_sets:
            segmenter(rules).words("部门整体支出绩效自评")  # jieba builds its prefix dictionary on first use
    if "ARI" in families or "TAB" in families:
        from .analysis.nlp import pipeline

        for rules in rule_sets:
            pipeline(rules)
        import cn2an  # noqa: F401  (figures in Chinese numerals)


def warm_everything() -> None:
    """The full warm-up, for a forkserver's preload where the work is not known yet."""
    from .registry import all_rules

    warm([("x.docx", Options(selected=frozenset(r.code for r in all_rules()))), ("x.pdf", Options(selected=frozenset()))])
