"""`selfeval-lint extract`: the facts analysis built for a file, as plain data."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from .analysis.figures import Figure
from .analysis.selfeval_table import facts_as_dict
from .engine import Options, prepare
from .ingest import IngestError, read_bytes
from .ingest.readers import get_reader, reader_for_suffix
from .registry import get_rule


def extract_facts(path: str, options: Options) -> dict[str, Any]:
    """Document metadata, tables, outline, template sections, enumerations, figures and statements, each
    with its location: the same facts `check` reads, built by the same code with the same options."""
    try:
        facts = prepare(path, read_bytes(path, options.max_bytes), options)
    except IngestError as exc:
        rule = get_rule(exc.code)
        return {"path": path, "error": {"code": exc.code, "message": rule.message(exc.variant, {"path": path, **exc.args_})}}
    doc, outline, choice = facts.doc, facts.outline, facts.template

    def where(block: int, offset: int = 0) -> dict[str, Any]:
        line, column, page = doc.blocks[block].position(offset)
        return {"line": line, "column": column, "page": page, "paragraph": doc.blocks[block].paragraph}

    def figure(f: Figure) -> dict[str, Any]:
        return {
            "text": f.text, "kind": f.kind, "value": str(f.value), "unit": f.unit, "decimals": f.decimals,
            "approx": f.approx, "location": where(f.block, f.start),
        }

    def plain(value: Any) -> Any:
        if isinstance(value, Figure):
            return figure(value)
        if is_dataclass(value):
            return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
        if isinstance(value, (tuple, list)):
            return [plain(v) for v in value]
        return value

    statements = facts.statements
    return {
        "path": path,
        "format": doc.format,
        "reader": _reader(doc.format),
        "encoding": doc.encoding,
        "title": doc.title,
        "year": doc.year,
        "agency": doc.agency,
        "error": None,
        "template": {"id": choice.template.id, "name": choice.template.name, "recognised": choice.recognised},
        "sections": [
            {
                "section": m.section.title,
                "path": list(m.path),
                "match": m.how,
                "heading": outline.heading_text(m.item) if m.item is not None else None,
                "body": facts.sections.bodies.get(m.item) if m.item is not None else None,
                "location": where(outline.items[m.item].block) if m.item is not None else None,
            }
            for m in facts.sections.matches
        ],
        "blocks": len(doc.blocks),
        "tables": [
            {
                "index": n,
                "location": where(b.index),
                "rows": [list(row) for row in b.table.rows],
                "merged": [
                    {"row": c.row + 1, "col": c.col + 1, "rowspan": c.rowspan, "colspan": c.colspan, "text": c.text}
                    for c in b.table.cells if c.rowspan > 1 or c.colspan > 1
                ],
            }
            for n, b in enumerate((b for b in doc.blocks if b.table is not None), start=1)
        ],
        "selfeval_tables": facts_as_dict(facts.selfeval_tables, doc),
        "table_of_contents": [where(b)["line"] for b in sorted(outline.toc_blocks)],
        "outline": [
            {
                "label": item.label.text,
                "value": item.label.value,
                "style": item.label.style,
                "width": item.label.width or None,
                "numbering": "automatic" if item.automatic else "typed",
                "kind": "heading" if item.heading else "numbered-paragraph",
                "title": item.title,
                "level": outline.groups[item.group].level,
                "group": item.group,
                "parent": item.parent,
                "section": outline.section_path(item.block),
                "location": where(item.block, item.label.start),
            }
            for item in outline.items
        ],
        "enumerations": [
            {
                "kind": e.kind,
                "markers": [{"text": m.text, "value": m.value, "location": where(m.block, m.start)} for m in e.markers],
            }
            for e in facts.enumerations
        ],
        "figures": [figure(f) for f in facts.figures],
        "statements": {f.name: plain(getattr(statements, f.name)) for f in fields(statements)},
        "source": Path(path).name if path != "-" else "<stdin>",
    }


def _reader(fmt: str) -> dict[str, Any] | None:
    """The registry's entry for the format a document was read as (a .dot is read by the .doc reader)."""
    try:
        reader = get_reader(fmt)
    except KeyError:
        reader = reader_for_suffix("." + fmt)
    if reader is None:
        return None
    return {"name": reader.name, "produces": list(reader.produces), "locations": list(reader.locations)}
