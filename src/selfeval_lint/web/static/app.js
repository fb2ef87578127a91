// The page: upload files, show progress, then each file's text with its findings highlighted where they stand.
"use strict";

const SEVERITY = { error: "错误", warning: "警告", info: "提示" };
const RANK = { error: 0, warning: 1, info: 2 };
const PARALLEL = 3;
const results = [];
let pending = [];
let running = 0;
let nextFileId = 0;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

async function loadTemplates() {
  const response = await fetch("/api/templates");
  if (!response.ok) return;
  const select = document.getElementById("template");
  for (const t of await response.json()) select.append(el("option", { value: t.id, text: `${t.name}（${t.id}）` }));
}

function enqueue(fileList) {
  document.getElementById("queue").hidden = false;
  for (const file of fileList) {
    const bar = el("progress", { max: "100", value: "0" });
    const status = el("span", { class: "status", text: "等待上传" });
    const row = el("li", {}, el("span", { class: "name", text: file.name }), bar, " ", status);
    document.getElementById("progress").append(row);
    pending.push({ file, row, bar, status });
  }
  pump();
}

function pump() {
  while (running < PARALLEL && pending.length) {
    running += 1;
    upload(pending.shift()).finally(() => { running -= 1; pump(); });
  }
}

function upload(job) {
  return new Promise((resolve) => {
    const form = new FormData();
    form.append("files", job.file, job.file.name);
    form.append("template", document.getElementById("template").value);
    form.append("lang", "zh");
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/check");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) job.bar.value = Math.round((e.loaded / e.total) * 100);
      job.status.textContent = "上传中";
    };
    xhr.upload.onload = () => { job.bar.removeAttribute("value"); job.status.textContent = "检查中…"; };
    xhr.onload = () => {
      const body = xhr.response;
      if (xhr.status === 200 && body && body.files) {
        job.bar.value = 100;
        for (const entry of body.files) showFile(entry);
        const c = body.summary;
        job.status.textContent = `完成：错误 ${c.errors}，警告 ${c.warnings}，提示 ${c.infos}`;
      } else {
        fail(job, body && body.error ? body.error : `服务器返回 ${xhr.status}`);
      }
      resolve();
    };
    xhr.onerror = () => { fail(job, "无法连接服务器，请检查网络后重试。"); resolve(); };
    xhr.send(form);
  });
}

function fail(job, message) {
  job.row.classList.add("failed");
  job.bar.remove();
  job.status.textContent = message;
}

function where(loc) {
  const parts = [];
  if (loc.page != null) parts.push(`第${loc.page}页`);
  if (loc.table) parts.push(`表${loc.table.index} 第${loc.table.row}行第${loc.table.col}列`);
  else if (loc.paragraph != null) parts.push(`第${loc.paragraph}段`);
  if (loc.line != null) parts.push(`第${loc.line}行`);
  if (loc.section) parts.push(loc.section);
  return parts.join(" · ");
}

function showFile(entry) {
  const fileId = nextFileId++;
  results.push(entry);
  document.getElementById("results").hidden = false;
  const findings = entry.findings.map((f, i) => ({ ...f, id: `f${fileId}-${i}` }));
  const box = el("article", { class: "file", "data-file": entry.path });
  box.append(el("h2", { text: entry.path }));
  const summary = el("div", { class: "summary" });
  summary.append(
    el("span", { class: "count-error", text: `错误 ${entry.counts.errors}` }),
    el("span", { class: "count-warning", text: `警告 ${entry.counts.warnings}` }),
    el("span", { class: "count-info", text: `提示 ${entry.counts.infos}` }),
  );
  if (entry.template_name) summary.append(el("span", { class: "template", text: `模板：${entry.template_name}` }));
  box.append(summary);
  if (entry.error) box.append(el("p", { class: "unreadable", text: `无法检查：${entry.error}` }));
  if (entry.sections && entry.sections.length) {
    box.append(el("p", { class: "sections", text: `找到的部分：${entry.sections.join("；")}` }));
  }
  box.append(downloads(entry));
  if (!entry.error) {
    if (!findings.length) box.append(el("p", { class: "clean", text: "未发现问题。" }));
    box.append(el("div", { class: "body" }, textView(entry.lines, findings), findingList(findings)));
  }
  document.getElementById("files").append(box);
  addRules(findings);
  applyFilters();
}

function downloads(entry) {
  const links = el("p", { class: "downloads" });
  for (const d of entry.downloads || []) {
    const bytes = Uint8Array.from(atob(d.data), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: d.mime }));
    links.append(el("a", { href: url, download: d.name, class: `download-${d.kind}`, text: d.label }));
  }
  const json = URL.createObjectURL(new Blob([JSON.stringify(entry, null, 2)], { type: "application/json" }));
  links.append(el("a", { href: json, download: `${entry.path}.json`, class: "download-json", text: "下载结果（JSON）" }));
  return links;
}

// Spans of findings on each line: [start, end) in 0-based characters of that line.
function spansByLine(lines, findings) {
  const spans = new Map();
  for (const f of findings) {
    const loc = f.location;
    if (loc.line == null || loc.line < 1 || loc.line > lines.length) continue;
    const endLine = Math.min(loc.end_line || loc.line, lines.length);
    for (let n = loc.line; n <= endLine; n++) {
      const text = lines[n - 1];
      const start = n === loc.line ? loc.column - 1 : 0;
      const end = n === endLine && loc.end_column != null ? loc.end_column - 1 : text.length;
      if (end <= start) continue;
      if (!spans.has(n)) spans.set(n, []);
      spans.get(n).push({ start, end: Math.min(end, text.length), f });
    }
  }
  return spans;
}

function textView(lines, findings) {
  const view = el("div", { class: "text" });
  const spans = spansByLine(lines, findings);
  lines.forEach((text, i) => {
    const n = i + 1;
    const line = el("span", { class: "ln", "data-n": String(n) });
    const here = spans.get(n) || [];
    const cuts = new Set([0, text.length]);
    for (const s of here) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
    for (let k = 0; k + 1 < points.length; k++) {
      const [a, b] = [points[k], points[k + 1]];
      const covering = here.filter((s) => s.start <= a && s.end >= b).map((s) => s.f);
      const piece = text.slice(a, b);
      if (!covering.length) { line.append(piece); continue; }
      covering.sort((x, y) => RANK[x.severity] - RANK[y.severity]);
      const mark = el("mark", {
        class: `sev-${covering[0].severity}`, "data-ids": covering.map((f) => f.id).join(" "), title: covering[0].message,
      }, piece);
      mark.addEventListener("click", () => focus(covering[0].id));
      line.append(mark);
    }
    view.append(line);
  });
  return view;
}

function findingList(findings) {
  const list = el("ol", { class: "findings" });
  for (const f of findings) {
    const code = el("a", { href: `/rules/${f.code}`, target: "_blank", rel: "noopener", class: "code", text: f.code });
    const item = el("li", {
      class: `finding sev-${f.severity}`, id: f.id, "data-code": f.code, "data-severity": f.severity,
    }, code, ` [${SEVERITY[f.severity]}] `, el("span", { class: "message", text: f.message }));
    const loc = where(f.location);
    if (loc) item.append(el("div", { class: "where", text: loc }));
    if (f.excerpt) item.append(el("div", { class: "excerpt", text: `原文：${f.excerpt}` }));
    if (f.suggestion) item.append(el("div", { class: "suggestion", text: `建议：${f.suggestion}` }));
    else if (f.suggestion === "") item.append(el("div", { class: "suggestion", text: "建议：删除" }));
    item.addEventListener("click", (e) => { if (e.target.tagName !== "A") focus(f.id, true); });
    list.append(item);
  }
  return list;
}

function focus(id, toText) {
  document.querySelectorAll(".active").forEach((n) => n.classList.remove("active"));
  const item = document.getElementById(id);
  if (item) item.classList.add("active");
  const marks = [...document.querySelectorAll("mark")].filter((m) => m.dataset.ids.split(" ").includes(id));
  marks.forEach((m) => m.classList.add("active"));
  const target = toText ? marks[0] : item;
  if (target) target.scrollIntoView({ block: "center", behavior: "smooth" });
}

function addRules(findings) {
  const select = document.getElementById("rule-filter");
  const known = new Set([...select.options].map((o) => o.value));
  for (const code of [...new Set(findings.map((f) => f.code))].sort()) {
    if (!known.has(code)) select.append(el("option", { value: code, text: code }));
  }
}

function applyFilters() {
  const severities = new Set([...document.querySelectorAll(".sev:checked")].map((c) => c.value));
  const rule = document.getElementById("rule-filter").value;
  const visible = new Set();
  document.querySelectorAll(".finding").forEach((item) => {
    const show = severities.has(item.dataset.severity) && (!rule || item.dataset.code === rule);
    item.classList.toggle("hidden", !show);
    if (show) visible.add(item.id);
  });
  document.querySelectorAll("mark").forEach((m) => {
    m.classList.toggle("muted", !m.dataset.ids.split(" ").some((id) => visible.has(id)));
  });
}

function downloadAll() {
  const blob = new Blob([JSON.stringify({ files: results }, null, 2)], { type: "application/json" });
  const a = el("a", { href: URL.createObjectURL(blob), download: "selfeval-lint-results.json" });
  document.body.append(a);
  a.click();
  a.remove();
}

document.addEventListener("DOMContentLoaded", () => {
  loadTemplates();
  const drop = document.getElementById("drop");
  const picker = document.getElementById("picker");
  picker.addEventListener("change", () => { enqueue(picker.files); picker.value = ""; });
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); enqueue(e.dataTransfer.files); });
  drop.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") picker.click(); });
  document.querySelectorAll(".sev").forEach((c) => c.addEventListener("change", applyFilters));
  document.getElementById("rule-filter").addEventListener("change", applyFilters);
  document.getElementById("download-json").addEventListener("click", downloadAll);
});
