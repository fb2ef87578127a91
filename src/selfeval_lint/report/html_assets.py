"""The HTML report's stylesheet and script, inlined into every page (no CDN, no network)."""

CSS = """
:root { --err: #f8c9c4; --err-b: #c0392b; --warn: #fde9b5; --warn-b: #b7791f; --info: #cfe3f7; --info-b: #2b6cb0; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 0; color: #1a202c; background: #f7f8fa; }
header, main { padding: 0 24px; }
header { background: #1f3a5f; color: #fff; padding-top: 12px; padding-bottom: 12px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 24px 0 8px; }
.totals span { margin-right: 16px; }
table.grid { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; }
table.grid th, table.grid td { border: 1px solid #d9dee5; padding: 4px 6px; text-align: left; vertical-align: top; }
table.grid th { background: #e8eef6; cursor: pointer; user-select: none; white-space: nowrap; position: sticky; top: 0; }
table.grid th[aria-sort="ascending"]::after { content: " ▲"; }
table.grid th[aria-sort="descending"]::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.filters label { font-size: 13px; }
.sev { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; white-space: nowrap; }
.sev-error { background: var(--err); } .sev-warning { background: var(--warn); } .sev-info { background: var(--info); }
.skipped td { color: #718096; }
details.doc { background: #fff; border: 1px solid #d9dee5; margin: 8px 0; }
details.doc > summary { padding: 6px 10px; cursor: pointer; font-weight: bold; background: #eef2f7; }
table.text { border-collapse: collapse; width: 100%; font-size: 14px; }
table.text td { vertical-align: top; padding: 1px 6px; }
td.no { color: #a0aec0; text-align: right; width: 3.5em; user-select: none; font-size: 12px; }
td.tx { white-space: pre-wrap; word-break: break-all; width: 60%; font-family: "Noto Sans Mono CJK SC", monospace; }
td.notes { width: 40%; }
.note { font-size: 12px; border-left: 3px solid; padding: 1px 6px; margin: 1px 0; }
.note.sev-error { border-color: var(--err-b); } .note.sev-warning { border-color: var(--warn-b); } .note.sev-info { border-color: var(--info-b); }
.note .fix { color: #276749; }
mark { padding: 0; border-bottom: 2px solid; }
mark.sev-error { border-color: var(--err-b); } mark.sev-warning { border-color: var(--warn-b); } mark.sev-info { border-color: var(--info-b); }
mark:empty::after { content: "\\25C2"; }
mark.off { background: transparent; border-color: transparent; }
mark.focus { outline: 2px solid #2d3748; }
tr.focus td { background: #fffbe6; }
.filenotes { padding: 4px 10px; }
.muted { color: #718096; }
a { color: #2b6cb0; }
"""

JS = """
(function () {
  "use strict";
  var all = function (sel, el) { return Array.prototype.slice.call((el || document).querySelectorAll(sel)); };
  var byId = function (id) { return document.getElementById(id); };
  var sev = byId("f-sev"), rule = byId("f-rule"), file = byId("f-file"), text = byId("f-text"), shown = byId("f-count");

  function apply() {
    var visible = {}, n = 0, q = text.value.trim().toLowerCase();
    all("#findings tbody tr").forEach(function (tr) {
      var ok = (!sev.value || tr.dataset.sev === sev.value) && (!rule.value || tr.dataset.code === rule.value) &&
        (!file.value || tr.dataset.file === file.value) && (!q || tr.textContent.toLowerCase().indexOf(q) >= 0);
      tr.hidden = !ok;
      if (ok) { visible[tr.dataset.id] = true; n += 1; }
    });
    all("mark[data-f]").forEach(function (m) {
      var on = m.dataset.f.split(" ").some(function (id) { return visible[id]; });
      m.classList.toggle("off", !on);
    });
    all(".note[data-id]").forEach(function (note) { note.hidden = !visible[note.dataset.id]; });
    shown.textContent = String(n);
  }
  [sev, rule, file].forEach(function (el) { el.addEventListener("change", apply); });
  text.addEventListener("input", apply);

  function key(td) {
    var v = td.dataset.sort !== undefined ? td.dataset.sort : td.textContent.trim();
    var num = Number(v);
    return v !== "" && !isNaN(num) ? [0, num] : [1, v];
  }
  all("table.grid").forEach(function (table) {
    all("thead th", table).forEach(function (th, col) {
      th.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        all("thead th", table).forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[col]), y = key(b.cells[col]);
          var c = x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0);
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  function reveal(id) {
    var target = byId(id);
    if (!target) { return; }
    var doc = target.closest("details");
    if (doc) { doc.open = true; }
    all(".focus").forEach(function (el) { el.classList.remove("focus"); });
    target.classList.add("focus");
    target.scrollIntoView({block: "center"});
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest("a[data-goto]");
    if (a) { ev.preventDefault(); reveal(a.dataset.goto); history.replaceState(null, "", "#" + a.dataset.goto); }
  });
  if (location.hash) { reveal(decodeURIComponent(location.hash.slice(1))); }
  apply();
})();
"""
