"""Ruled tables of a PDF page from pypdfium2's path objects: the lines, rectangles and curves pdfminer would make
of each painted path, as pdfplumber's edges, through pdfplumber's own lattice algorithm (its find_tables defaults)."""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_left, bisect_right
from itertools import groupby
from operator import itemgetter
from typing import Any

from . import pdfium_c as _c

_Box = tuple[float, float, float, float]
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 8  # nested form XObjects followed
_MOVETO, _BEZIERTO = 2, 1  # FPDF_SEGMENT_*


def page_edges(page: Any, top: float) -> list[dict[str, Any]]:
    """pdfplumber's page.edges (lines, then rectangles' sides, then curves' segments), from pdfium's path objects
    (a pypdfium2 page handle); `top` is the media box's top (pdfplumber measures down from it)."""
    paths: list[tuple[int, Matrix]] = []
    fast = _c.functions()
    handle = _c.address(page)
    _walk(handle, fast["FPDFPage_CountObjects"](handle), fast["FPDFPage_GetObject"], IDENTITY, paths, 0)
    return path_edges(paths, top)


def path_edges(paths: list[tuple[int, Matrix]], top: float) -> list[dict[str, Any]]:
    """page_edges from the page's path objects (addresses), each with the matrix of the forms around it."""
    lines: list[dict[str, Any]] = []
    rects: list[dict[str, Any]] = []
    curves: list[dict[str, Any]] = []
    for obj, outer in paths:
        _path(obj, times(matrix(obj), outer), top, (lines, rects, curves))
    return lines + rects + curves


def tables(edges: list[dict[str, Any]]) -> list[list[_Box]]:
    """The cell boxes of the ruled tables of two cells or more, as page.find_tables() finds them: pdfplumber's
    edge merging and grouping of cells into tables, with its intersection and cell search done as it does them
    but without rebuilding sets and lists for every pair of points (see cells)."""
    if not edges:
        return []
    from pdfplumber import utils

    s = _settings()
    v = utils.filter_edges(edges, "v", min_length=s.edge_min_length_prefilter)
    h = utils.filter_edges(edges, "h", min_length=s.edge_min_length_prefilter)
    merged = merge_edges(v, h, s.snap_x_tolerance, s.snap_y_tolerance, s.join_x_tolerance, s.join_y_tolerance)
    kept = utils.filter_edges(merged, min_length=s.edge_min_length)
    points = intersections(kept, s.intersection_x_tolerance, s.intersection_y_tolerance)
    return [list(group) for group in cells_to_tables(cells(points)) if len(group) >= 2]


_SETTINGS: list[Any] = []


def _settings() -> Any:
    """pdfplumber's default table settings (resolved once)."""
    if not _SETTINGS:
        from pdfplumber.table import TableSettings

        _SETTINGS.append(TableSettings.resolve(None))
    return _SETTINGS[0]


def merge_edges(v: list[dict[str, Any]], h: list[dict[str, Any]], snap_x: float, snap_y: float, join_x: float,
                join_y: float) -> list[dict[str, Any]]:
    """pdfplumber's merge_edges on the vertical edges `v` and horizontal `h` (tolerances above zero): edges within
    the snap tolerance of one another moved to their average position, then the edges on one line joined where
    they overlap or nearly meet; the same arithmetic as its move_object and resize_object, on plain dict copies."""
    if snap_x > 0 or snap_y > 0:
        snapped = _snap(v, "x0", ("x0", "x1"), snap_x) + _snap(h, "top", ("top", "bottom", "doctop"), snap_y)
    else:
        snapped = v + h
    snapped.sort(key=_line_of)
    out: list[dict[str, Any]] = []
    for (orientation, _), group in groupby(snapped, key=_line_of):
        low, high, size, tolerance = ("x0", "x1", "width", join_x) if orientation == "h" else ("top", "bottom", "height", join_y)
        ordered = sorted(group, key=itemgetter(low))
        joined = [ordered[0]]
        for e in ordered[1:]:
            last = joined[-1]
            if e[low] <= last[high] + tolerance:
                if e[high] > last[high]:
                    longer = dict(last)
                    longer[high] = e[high]
                    if size == "width":  # resize_object's x1: the width from x0
                        longer["width"] = e[high] - last["x0"]
                    else:  # its bottom: the height grown by as much
                        grown = e[high] - last[high]
                        longer["height"] = last["height"] + grown
                        if "y0" in last:
                            longer["y0"] = last["y0"] - grown
                    joined[-1] = longer
            else:
                joined.append(e)
        out.extend(joined)
    return out


def _snap(edges: list[dict[str, Any]], attr: str, moved: tuple[str, ...], tolerance: float) -> list[dict[str, Any]]:
    """pdfplumber's snap_objects: each cluster of edges (by `attr`) moved to its average, cluster by cluster."""
    from .pdf_pdfium import cluster

    out = []
    for group in cluster(list(edges), itemgetter(attr), tolerance):
        average = sum(map(itemgetter(attr), group)) / len(group)
        for e in group:
            shift = average - e[attr]
            copy = dict(e)
            for key in moved:
                if key in e:
                    copy[key] = e[key] + shift
            if attr == "top" and "y0" in e:  # (pdfminer's bottom-up coordinates move the other way)
                copy["y0"], copy["y1"] = e["y0"] - shift, e["y1"] - shift
            out.append(copy)
    return out


def _line_of(edge: dict[str, Any]) -> tuple[str, float]:
    return ("h", edge["top"]) if edge["orientation"] == "h" else ("v", edge["x0"])


def cells_to_tables(cells: list[_Box]) -> list[list[_Box]]:
    """pdfplumber's cells_to_tables: cells gathered into tables, pass by pass over the cells left, each joining the
    table being grown when it shares a corner with it; the tables by their top left corner, lone cells dropped."""
    remaining = list(cells)
    corners: set[_Point] = set()
    current: list[_Box] = []
    found: list[list[_Box]] = []
    while remaining:
        before = len(current)
        taken = set()
        for k, (x0, top, x1, bottom) in enumerate(remaining):
            these = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(c in corners for c in these):
                corners.update(these)
                current.append(remaining[k])
                taken.add(k)
        remaining = [cell for k, cell in enumerate(remaining) if k not in taken]
        if len(current) == before:
            found.append(list(current))
            corners.clear()
            current.clear()
    if current:
        found.append(list(current))
    found.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in found if len(t) > 1]


_Point = tuple[float, float]
_Touching = dict[_Point, tuple[set[_Box], set[_Box]]]  # a crossing → the boxes of its vertical and horizontal edges


def intersections(edges: list[dict[str, Any]], x_tolerance: float, y_tolerance: float) -> _Touching:
    """pdfplumber's edges_to_intersections: the points where a vertical and a horizontal edge cross (within the
    tolerances), each with the boxes (x0, top, x1, bottom) of the edges that cross there. The horizontal edges
    are searched by their tops instead of pair by pair; the test each pair passes is pdfplumber's own."""
    box = itemgetter("x0", "top", "x1", "bottom")
    flat = sorted((e["top"], e["x0"], e["x1"], box(e)) for e in edges if e["orientation"] == "h")
    tops = [f[0] for f in flat]
    out: _Touching = {}
    for e in edges:
        if e["orientation"] != "v":
            continue
        x, v_top, v_bottom = e["x0"], e["top"], e["bottom"]
        v_box = box(e)
        first = bisect_left(tops, v_top - y_tolerance - _SLACK)
        last = bisect_right(tops, v_bottom + y_tolerance + _SLACK)
        for h_top, h_x0, h_x1, h_box in flat[first:last]:
            if v_top <= h_top + y_tolerance and v_bottom >= h_top - y_tolerance and x >= h_x0 - x_tolerance and x <= h_x1 + x_tolerance:
                found = out.get((x, h_top))
                if found is None:
                    found = out[(x, h_top)] = (set(), set())
                found[0].add(v_box)
                found[1].add(h_box)
    return out


_SLACK = 1e-6  # the search range is widened by this much; pdfplumber's comparisons decide


def cells(points: _Touching) -> list[_Box]:
    """pdfplumber's intersections_to_cells: for each crossing in (x, top) order, the smallest cell it opens (the
    first crossing below it joined by a vertical edge, then the first to its right joined by a horizontal one,
    whose fourth corner is a crossing joined to both)."""
    ordered = sorted(points)
    below: dict[float, list[_Point]] = {}
    right: dict[float, list[_Point]] = {}
    for point in ordered:  # by x, then top: each column top to bottom, each row left to right
        below.setdefault(point[0], []).append(point)
        right.setdefault(point[1], []).append(point)
    column_at = {p: i for col in below.values() for i, p in enumerate(col)}
    row_at = {p: i for row in right.values() for i, p in enumerate(row)}
    found: list[_Box] = []
    for point in ordered:
        x, top = point
        vertical, horizontal = points[point]
        column, start = below[x], column_at[point] + 1
        rights: list[_Point] | None = None  # the crossings to its right joined to it (read at the first down)
        cell = None
        for down in column[start:]:
            if vertical.isdisjoint(points[down][0]):
                continue  # not joined to this one by a vertical edge
            if rights is None:
                rights = [p for p in right[top][row_at[point] + 1 :] if not horizontal.isdisjoint(points[p][1])]
            y, joined = down[1], points[down][1]
            for across in rights:
                corner = points.get((across[0], y))
                if corner is not None and not corner[0].isdisjoint(points[across][0]) and not corner[1].isdisjoint(joined):
                    cell = (x, top, across[0], y)
                    break
            if cell is not None:
                found.append(cell)
                break
    return found


def _walk(parent: int, count: int, get: Any, outer: Matrix, paths: list[tuple[int, Matrix]], depth: int) -> None:
    fast = _c.functions()
    kind_of = fast["FPDFPageObj_GetType"]
    for k in range(count):
        obj = get(parent, k)
        kind = kind_of(obj)
        if kind == 2:  # FPDF_PAGEOBJ_PATH
            paths.append((obj, outer))
        elif kind == 5 and depth < MAX_DEPTH:  # FPDF_PAGEOBJ_FORM
            inner = times(matrix(obj), outer)
            _walk(obj, fast["FPDFFormObj_CountObjects"](obj), fast["FPDFFormObj_GetObject"], inner, paths, depth + 1)


def matrix(obj: int) -> Matrix:
    """A page object's matrix (a, b, c, d, e, f)."""
    m = (ctypes.c_float * 6)()
    if not _c.functions()["FPDFPageObj_GetMatrix"](obj, ctypes.addressof(m)):
        return IDENTITY
    return (m[0], m[1], m[2], m[3], m[4], m[5])


def times(m: Matrix, n: Matrix) -> Matrix:
    """m then n (row vectors, as PDF writes matrices)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _path(obj: int, matrix: Matrix, top: float, out: tuple) -> None:
    """A painted path's subpaths, each classified as pdfminer's paint_path does."""
    fast = _c.functions()
    modes = (ctypes.c_int * 2)()
    at = ctypes.addressof(modes)
    if fast["FPDFPath_GetDrawMode"](obj, at, at + ctypes.sizeof(ctypes.c_int)) and not modes[0] and not modes[1]:
        return  # not painted (pdfminer's `n`)
    a, b, c, d, e, f = matrix
    xy = (ctypes.c_float * 2)()
    px = ctypes.addressof(xy)
    py = px + ctypes.sizeof(ctypes.c_float)
    get_segment, get_point = fast["FPDFPath_GetPathSegment"], fast["FPDFPathSegment_GetPoint"]
    get_type, get_close = fast["FPDFPathSegment_GetType"], fast["FPDFPathSegment_GetClose"]
    ops: list[str] = []
    pts: list[tuple[float, float]] = []
    bezier = 0
    for s in range(fast["FPDFPath_CountSegments"](obj)):
        segment = get_segment(obj, s)
        if not segment or not get_point(segment, px, py):
            continue
        kind = get_type(segment)
        x, y = xy[0], xy[1]
        point = (a * x + c * y + e, b * x + d * y + f)
        if kind == _BEZIERTO:
            bezier += 1
            if bezier < 3:
                continue  # control points: pdfminer keeps a curve's end point only
            bezier = 0
            ops.append("c")
        else:
            bezier = 0
            ops.append("m" if kind == _MOVETO else "l")
        pts.append(point)
        if get_close(segment):
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
