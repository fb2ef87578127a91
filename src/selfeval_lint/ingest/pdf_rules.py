"""Ruled tables of a PDF page from pypdfium2's path objects: the lines, rectangles and curves pdfminer would make
of each painted path, as pdfplumber's edges, through pdfplumber's own lattice algorithm (its find_tables defaults)."""

from __future__ import annotations

import ctypes
import re
from typing import Any

_Box = tuple[float, float, float, float]
_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 8  # nested form XObjects followed


def page_edges(raw: Any, page: Any, top: float) -> list[dict[str, Any]]:
    """pdfplumber's page.edges (lines, then rectangles' sides, then curves' segments), from pdfium's path objects;
    `top` is the media box's top (pdfplumber measures down from it)."""
    lines: list[dict[str, Any]] = []
    rects: list[dict[str, Any]] = []
    curves: list[dict[str, Any]] = []
    _walk(raw, page, raw.FPDFPage_CountObjects(page), raw.FPDFPage_GetObject, _IDENTITY, top, (lines, rects, curves), 0)
    return lines + rects + curves


def tables(edges: list[dict[str, Any]]) -> list[list[_Box]]:
    """The cell boxes of the ruled tables of two cells or more, as page.find_tables() finds them."""
    if not edges:
        return []
    from pdfplumber import utils
    from pdfplumber.table import (
        TableSettings,
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    s = TableSettings.resolve(None)
    v = utils.filter_edges(edges, "v", min_length=s.edge_min_length_prefilter)
    h = utils.filter_edges(edges, "h", min_length=s.edge_min_length_prefilter)
    merged = merge_edges(v + h, s.snap_x_tolerance, s.snap_y_tolerance, s.join_x_tolerance, s.join_y_tolerance)
    kept = utils.filter_edges(merged, min_length=s.edge_min_length)
    points = edges_to_intersections(kept, s.intersection_x_tolerance, s.intersection_y_tolerance)
    return [list(group) for group in cells_to_tables(intersections_to_cells(points)) if len(group) >= 2]


def _walk(raw: Any, parent: Any, count: int, get: Any, outer: _Matrix, top: float, out: tuple, depth: int) -> None:
    for k in range(count):
        obj = get(parent, k)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            _path(raw, obj, _times(_matrix(raw, obj), outer), top, out)
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < MAX_DEPTH:
            inner = _times(_matrix(raw, obj), outer)
            _walk(raw, obj, raw.FPDFFormObj_CountObjects(obj), raw.FPDFFormObj_GetObject, inner, top, out, depth + 1)


def _matrix(raw: Any, obj: Any) -> _Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _times(m: _Matrix, n: _Matrix) -> _Matrix:
    """m then n (row vectors, as PDF writes matrices)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _path(raw: Any, obj: Any, matrix: _Matrix, top: float, out: tuple) -> None:
    """A painted path's subpaths, each classified as pdfminer's paint_path does."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if raw.FPDFPath_GetDrawMode(obj, fill, stroke) and not fill.value and not stroke.value:
        return  # not painted (pdfminer's `n`)
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    ops: list[str] = []
    pts: list[tuple[float, float]] = []
    bezier = 0
    for s in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, s)
        if not segment or not raw.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        kind = raw.FPDFPathSegment_GetType(segment)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier < 3:
                continue  # control points: pdfminer keeps a curve's end point only
            bezier = 0
            ops.append("c")
        else:
            bezier = 0
            ops.append("m" if kind == raw.FPDF_SEGMENT_MOVETO else "l")
        pts.append(point)
        if raw.FPDFPathSegment_GetClose(segment):
            ops.append("h")
            start = next((pts[i] for i in range(len(pts) - 1, -1, -1) if _op_at(ops, i) == "m"), pts[0])
            pts.append(start)
    shape = "".join(ops)
    for m in re.finditer(r"m[^m]*", shape):
        _subpath(shape[m.start() : m.end()], pts[m.start() : m.end()], top, out)


def _op_at(ops: list[str], i: int) -> str:
    return ops[i] if i < len(ops) else ""


def _subpath(shape: str, pts: list[tuple[float, float]], top: float, out: tuple) -> None:
    lines, rects, curves = out
    if len(shape) < 2:
        return
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-2] + pts[-1:]
    if shape in ("mlh", "ml"):
        lines.append(_line(pts[0], pts[1], top))
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            rects.extend(_rect_edges(pts[0], pts[2], top))
            return
    for p, q in zip(pts, pts[1:]):
        curves.append(_curve_edge(p, q, top))


def _box(p: tuple[float, float], q: tuple[float, float], top: float) -> dict[str, Any]:
    x0, x1 = min(p[0], q[0]), max(p[0], q[0])
    y0, y1 = min(p[1], q[1]), max(p[1], q[1])
    return {"x0": x0, "x1": x1, "top": top - y1, "bottom": top - y0, "doctop": top - y1, "width": x1 - x0, "height": y1 - y0}


def _line(p: tuple[float, float], q: tuple[float, float], top: float) -> dict[str, Any]:
    edge = _box(p, q, top)
    edge.update(object_type="line", orientation="h" if edge["top"] == edge["bottom"] else "v")
    return edge


def _rect_edges(p: tuple[float, float], q: tuple[float, float], top: float) -> list[dict[str, Any]]:
    """pdfplumber's rect_to_edges: top, bottom, left, right."""
    r = _box(p, q, top)
    upper = dict(r, object_type="rect_edge", height=0, bottom=r["top"], orientation="h")
    lower = dict(r, object_type="rect_edge", height=0, top=r["top"] + r["height"], doctop=r["doctop"] + r["height"], orientation="h")
    left = dict(r, object_type="rect_edge", width=0, orientation="v")
    right = dict(r, object_type="rect_edge", width=0, x0=r["x1"], orientation="v")
    left["x1"] = r["x0"]
    return [upper, lower, left, right]


def _curve_edge(p: tuple[float, float], q: tuple[float, float], top: float) -> dict[str, Any]:
    edge = _box(p, q, top)
    orientation = "v" if p[0] == q[0] else ("h" if p[1] == q[1] else None)
    edge.update(object_type="curve_edge", orientation=orientation)
    return edge
