"""`selfeval-lint serve`: the real server on a free localhost port, its JSON API, limits, and the page in Chromium."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from selfeval_lint.web.service import Busy, CheckService, Limits

from .conftest import CORPUS, ROOT, run_cli

REFERENCE_DOCX = CORPUS / "yueyang-kjj-2023-dept-selfeval.auto.docx"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A `selfeval-lint serve` process of its own, with a private TMPDIR so that left-over files can be seen."""

    def __init__(self, tmp: Path, *args: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.tmpdir = tmp / "server-tmp"
        self.tmpdir.mkdir()
        env = {**os.environ, "TMPDIR": str(self.tmpdir)}
        self.log = tmp / f"server-{self.port}.log"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "selfeval_lint", "serve", "--port", str(self.port), *args],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("server did not start: " + self.stop())

    def post(self, *files: tuple[str, bytes], **fields: str) -> httpx.Response:
        return httpx.post(
            self.url + "/api/check", files=[("files", f) for f in files], data=fields, timeout=180
        )

    def left_over(self) -> list[str]:
        """What the server left in its TMPDIR, beside jieba's dictionary cache (no document text in it)."""
        return sorted(str(p.relative_to(self.tmpdir)) for p in self.tmpdir.rglob("*") if p.name != "jieba.cache")

    def stop(self) -> str:
        """End the server and its workers; what it wrote to stdout and stderr."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        try:
            os.killpg(self.process.pid, 9)  # any worker left behind
        except ProcessLookupError:
            pass
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    srv = Server(tmp_path_factory.mktemp("web"), "--jobs", "2", "--max-upload-mb", "2", "--max-files", "10")
    yield srv
    log = srv.stop()
    assert "Traceback" not in log, log


def test_the_api_gives_the_same_findings_as_the_command_line(server: Server) -> None:
    response = server.post(("报告.docx", REFERENCE_DOCX.read_bytes()))
    assert response.status_code == 200
    entry = response.json()["files"][0]
    cli = json.loads(run_cli("check", "--format", "json", str(REFERENCE_DOCX)).stdout)["files"][0]
    assert entry["path"] == "报告.docx"
    assert [(f["code"], f["location"], f["message"]) for f in entry["findings"]] == [
        (f["code"], f["location"], f["message"]) for f in cli["findings"]
    ]
    assert entry["template_name"] == "湖南省部门整体支出绩效自评报告"
    kinds = {d["kind"]: d for d in entry["downloads"]}
    import base64
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(base64.b64decode(kinds["xlsx"]["data"])))
    assert workbook.sheetnames[0] == "汇总" and workbook["汇总"]["A2"].value == "报告.docx"
    assert "报告.docx" in base64.b64decode(kinds["html"]["data"]).decode("utf-8")
    assert "部门（单位）基本情况" in entry["sections"]
    for f in entry["findings"]:  # each located finding's excerpt stands on the line the page will highlight
        loc = f["location"]
        if loc["line"]:
            line = entry["lines"][loc["line"] - 1]
            assert line[loc["column"] - 1 : loc["end_column"] - 1] in f["excerpt"].strip("…")


def test_a_hostile_upload_gets_its_par_finding_and_no_file_is_left_behind(server: Server) -> None:
    bomb = _zip_bomb()
    response = server.post(("坏文件.docx", b"PK\x03\x04 not really a zip"), ("bomb.docx", bomb))
    assert response.status_code == 200
    files = response.json()["files"]
    assert [f["findings"][0]["code"][:3] for f in files] == ["PAR", "PAR"]
    assert all(f["error"] and "坏文件.docx" in files[0]["error"] for f in files[:1])
    assert "/tmp" not in json.dumps(response.json(), ensure_ascii=False)  # the private path never shows
    assert server.left_over() == []


def test_oversize_and_too_many_files_get_a_chinese_message(server: Server) -> None:
    big = server.post(("大文件.pdf", b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)))
    assert big.status_code == 413
    assert "大文件.pdf" in big.json()["error"] and "2 MB" in big.json()["error"]
    many = server.post(*[(f"{n}.txt", "一、测试".encode()) for n in range(11)])
    assert many.status_code == 413 and "最多上传 10 个文件" in many.json()["error"]
    english = httpx.post(server.url + "/api/check?lang=en", files=[("files", ("x.txt", b"x"))] * 11, timeout=30)
    assert "At most 10 files" in english.json()["error"]
    assert server.left_over() == []


def test_malformed_requests_and_unknown_pages_never_show_a_traceback(server: Server) -> None:
    no_files = httpx.post(server.url + "/api/check", data={"template": "auto"}, timeout=30)
    assert no_files.status_code == 400 and "multipart" in no_files.json()["error"]
    unknown = server.post(("a.txt", "一、测试".encode()), template="no-such-template")
    assert unknown.status_code == 400 and "no-such-template" in unknown.json()["error"]
    missing = httpx.get(server.url + "/rules/XYZ999", timeout=30)
    assert missing.status_code == 404 and "Traceback" not in missing.text


def test_eight_concurrent_uploads_all_complete(server: Server) -> None:
    text = (CORPUS / "yueyang-kjj-2023-dept-selfeval.fixed.txt").read_bytes()
    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(lambda n: server.post((f"{n}.txt", text)), range(8)))
    assert [r.status_code for r in responses] == [200] * 8
    assert all(r.json()["files"][0]["findings"] == [] for r in responses)
    assert server.left_over() == []


def test_the_page_is_strict_about_what_it_loads(server: Server) -> None:
    page = httpx.get(server.url + "/", timeout=30)
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "http://" not in page.text and "https://" not in page.text  # no CDN, fonts or analytics
    for asset in ("app.js", "app.css"):
        body = httpx.get(f"{server.url}/static/{asset}", timeout=30).text
        assert "http://" not in body and "https://" not in body
    assert httpx.get(server.url + "/openapi.json", timeout=30).json()["paths"]["/api/check"]["post"]


def test_the_queue_refuses_work_beyond_its_bounds() -> None:
    service = CheckService(Limits(queue=3, per_client=2))
    service.admit("a", 2)
    with pytest.raises(Busy) as client_full:
        service.admit("a", 1)
    assert client_full.value.status == 429
    service.admit("b", 1)
    with pytest.raises(Busy) as queue_full:
        service.admit("c", 1)
    assert queue_full.value.status == 503
    service.release("a", 2)
    service.admit("c", 1)


def test_listening_beyond_localhost_warns(tmp_path: Path) -> None:
    srv = Server(tmp_path, "--host", "0.0.0.0", "--jobs", "1")
    log = srv.stop()
    assert "其他计算机也能访问" in log


def test_serve_rejects_bad_limits() -> None:
    result = run_cli("serve", "--max-files", "0")
    assert result.returncode == 2 and "必须是正数" in result.stderr.decode()


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
def test_an_author_drops_the_report_and_sees_each_finding_where_it_stands(server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    expected = json.loads(run_cli("check", "--format", "json", str(REFERENCE_DOCX)).stdout)["files"][0]["findings"]
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server.url + "/")
        assert page.title().startswith("绩效自评报告检查")
        page.set_input_files("#picker", str(REFERENCE_DOCX))
        page.wait_for_selector("article.file", timeout=120_000)
        items = page.locator(".finding")
        assert items.count() == len(expected)
        assert page.locator(".count-warning").inner_text() == f"警告 {sum(f['severity'] == 'warning' for f in expected)}"
        page.screenshot(path=str(tmp_path / "serve.png"), full_page=False)
        if os.environ.get("UPDATE_SCREENSHOTS"):  # the README's picture: UPDATE_SCREENSHOTS=1 pytest -k author
            shutil.copy(tmp_path / "serve.png", ROOT / "docs" / "images" / "serve.png")
        first = expected[0]
        mark = page.locator("mark").first
        assert mark.inner_text() in first["excerpt"]
        assert mark.get_attribute("title") == first["message"]
        mark.click()
        assert "active" in (page.locator(".finding").first.get_attribute("class") or "")
        # filters: hiding warnings hides their items and mutes their highlights, the text stays
        page.uncheck("input.sev[value=warning]")
        visible = [i for i in range(items.count()) if items.nth(i).is_visible()]
        assert visible == [i for i, f in enumerate(expected) if f["severity"] != "warning"]
        severity_of = {f"f0-{i}": f["severity"] for i, f in enumerate(expected)}
        for ids, muted in page.eval_on_selector_all("mark", "ms => ms.map(m => [m.dataset.ids, m.classList.contains('muted')])"):
            assert muted == all(severity_of[i] == "warning" for i in ids.split())
        page.check("input.sev[value=warning]")
        page.select_option("#rule-filter", first["code"])
        assert all(items.nth(i).get_attribute("data-code") == first["code"] for i in range(items.count()) if items.nth(i).is_visible())
        # each rule code links to its documentation, served from the registry
        href = page.locator(".finding a.code").first.get_attribute("href")
        doc = context.new_page()
        doc.goto(server.url + href)
        assert first["code"] in doc.locator("h1").inner_text()
        # the annotated copy: the author's own Word file with a comment on each finding
        with page.expect_download() as download:
            page.locator(".download-annotated").first.click()
        import docx

        annotated = docx.Document(download.value.path())
        comments = [c for c in annotated.comments if c.author == "selfeval-lint"]
        assert len(comments) == len(expected)
        assert comments[0].text.startswith(first["message"])
        # the JSON download holds the same findings
        with page.expect_download() as download:
            page.locator(".download-json").first.click()
        saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert [f["code"] for f in saved["findings"]] == [f["code"] for f in expected]
        # an oversize upload shows its message in the progress list
        big = tmp_path / "太大的报告.pdf"
        big.write_bytes(b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024))
        page.set_input_files("#picker", str(big))
        page.wait_for_selector("#progress li.failed", timeout=60_000)
        assert "太大的报告.pdf" in page.locator("#progress li.failed").inner_text()
        browser.close()
    assert [e for e in errors if "413" not in e] == []  # the refused upload's 413 is the only console entry


def _zip_bomb() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (64 * 1024 * 1024) + b"</w:document>")
    return buffer.getvalue()
