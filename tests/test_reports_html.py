"""--format html in a real headless Chromium: it renders offline, each finding is highlighted where it stands,
the filters and sorting work, and document text is never run as markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run_cli
from .report_fixtures import submissions

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Chromium at /usr/bin/chromium")
HOSTILE = (
    "2023年度某局部门整体支出绩效自评报告\n"
    "一、基本情况\n"
    "本局<script>window.pwned = 1</script>负责<img src=x onerror=\"window.pwned = 2\">（全市工作。\n"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("html")
    folder = submissions(root)
    (folder / "丁单位.txt").write_text(HOSTILE, encoding="utf-8")
    out = root / "报告.html"
    proc = run_cli("check", str(folder), "--format", "html", "-o", str(out))
    assert proc.returncode == 1
    data = json.loads(run_cli("check", str(folder), "--format", "json").stdout)
    return out, data, folder


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, report):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.problems, page.requests = [], []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: page.problems.append(str(exc)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(report[0].as_uri())
    yield page
    page.close()


def ids(data, path):
    """The page's finding ids for a file: its index among the results, then the finding's."""
    paths = [f["path"] for f in data["files"]]
    return paths.index(path)


def marked(page, fid: str) -> str:
    return "".join(page.eval_on_selector_all(
        "mark[data-f]", f"(ms) => ms.filter(m => m.dataset.f.split(' ').includes('{fid}')).map(m => m.textContent)"))


def test_renders_offline_without_errors(page, report):
    _, data, _ = report
    assert page.title() == "绩效自评报告检查结果"
    assert page.problems == []
    assert page.requests == [report[0].as_uri()]  # nothing fetched: styles and script are inline
    totals = page.inner_text("#totals")
    s = data["summary"]
    assert f"错误 {s['errors']}" in totals and f"未检查 {s['skipped']}" in totals and f"已检查 {s['files']}" in totals
    assert page.locator("#findings tbody tr").count() == sum(len(f["findings"]) for f in data["files"])
    files = page.eval_on_selector_all("#files tbody tr", "(rs) => rs.map(r => [r.dataset.path, r.cells[8].textContent])")
    assert {p for p, _ in files} == {f["path"] for f in data["files"]} | {k["path"] for k in data["skipped"]}
    status = dict(files)
    assert status[str(report[2] / "封面.png")] == "未检查：不是可检查的报告格式（.png）"
    assert status[str(report[2] / "空文件.txt")].startswith("无法读取：")


def test_each_finding_is_highlighted_where_it_stands(page, report):
    _, data, folder = report
    reference = str(folder / "甲单位" / "自评报告.txt")
    lines = (folder / "甲单位" / "自评报告.txt").read_text(encoding="utf-8").splitlines()
    i = ids(data, reference)
    findings = next(f for f in data["files"] if f["path"] == reference)["findings"]
    for k, f in enumerate(findings):
        loc = f["location"]
        text = marked(page, f"{i}-{k}")
        assert text, f
        assert loc["end_line"] == loc["line"]
        assert text == lines[loc["line"] - 1][loc["column"] - 1 : loc["end_column"] - 1], f
        rows = page.eval_on_selector_all(
            "mark[data-f]", f"(ms) => ms.filter(m => m.dataset.f.split(' ').includes('{i}-{k}')).map(m => m.closest('tr').dataset.line)")
        assert set(rows) == {str(loc["line"])}
        note = page.locator(f"#n-{i}-{k}")
        assert note.evaluate("(n) => n.closest('tr').dataset.line") == str(loc["line"])
        assert f["message"] in note.text_content()
    by_code = {f["code"] + str(f["location"]["line"]): k for k, f in enumerate(findings)}
    assert marked(page, f"{i}-{by_code['TXT00149']}") == "[bookmark: _GoBack]"
    assert marked(page, f"{i}-{by_code['NUM00250']}") == "（2）"
    docx = str(folder / "丙单位.docx")
    j = ids(data, docx)
    docx_findings = next(f for f in data["files"] if f["path"] == docx)["findings"]
    codes = [f["code"] for f in docx_findings]
    assert marked(page, f"{j}-{codes.index('TXT002')}") == "××"
    assert marked(page, f"{j}-{codes.index('TXT001')}") == "[bookmark: _GoBack]"


def test_show_link_opens_the_document_at_the_finding(page, report):
    _, data, folder = report
    i = ids(data, str(folder / "丙单位.docx"))
    assert not page.locator(f"#doc-{i}").evaluate("(d) => d.open")
    page.click(f"#findings tr[data-id='{i}-1'] a[data-goto]")
    assert page.locator(f"#doc-{i}").evaluate("(d) => d.open")
    mark = page.locator(f"#doc-{i} mark[data-f~='{i}-1']").first
    assert mark.is_visible() and mark.bounding_box()["width"] > 0
    assert page.locator(f"#n-{i}-1").is_visible()


def test_filters_by_severity_rule_file_and_text(page, report):
    _, data, folder = report
    findings = [f for file in data["files"] for f in file["findings"]]
    visible = lambda: page.eval_on_selector_all("#findings tbody tr:not([hidden])", "(rs) => rs.map(r => r.dataset.id)")
    page.select_option("#f-sev", "error")
    assert len(visible()) == data["summary"]["errors"] == int(page.inner_text("#f-count"))
    assert set(page.eval_on_selector_all("#findings tbody tr:not([hidden])", "(rs) => rs.map(r => r.dataset.sev)")) == {"error"}
    off = page.eval_on_selector_all("mark.sev-warning", "(ms) => ms.map(m => m.classList.contains('off'))")
    assert off and all(off)  # warnings no longer highlighted
    background = page.eval_on_selector("mark.sev-warning", "(m) => getComputedStyle(m).backgroundColor")
    assert background in ("rgba(0, 0, 0, 0)", "transparent")
    page.select_option("#f-sev", "")
    page.select_option("#f-rule", "NUM002")
    assert len(visible()) == sum(1 for f in findings if f["code"] == "NUM002")
    page.select_option("#f-rule", "")
    docx = str(folder / "丙单位.docx")
    page.select_option("#f-file", docx)
    assert len(visible()) == len(next(f for f in data["files"] if f["path"] == docx)["findings"])
    page.select_option("#f-file", "")
    page.fill("#f-text", "bookmark")
    assert len(visible()) == sum(1 for f in findings if "bookmark" in f["message"])
    page.fill("#f-text", "")
    assert len(visible()) == len(findings)
    assert page.problems == []


def test_columns_sort(page):
    header = page.locator("#findings thead th").nth(3)  # 级别
    header.click()
    order = page.eval_on_selector_all("#findings tbody tr", "(rs) => rs.map(r => r.dataset.sev)")
    rank = {"error": 0, "warning": 1, "info": 2}
    assert [rank[s] for s in order] == sorted(rank[s] for s in order)
    header.click()
    order = page.eval_on_selector_all("#findings tbody tr", "(rs) => rs.map(r => r.dataset.sev)")
    assert [rank[s] for s in order] == sorted((rank[s] for s in order), reverse=True)
    page.locator("#files thead th").nth(4).click()  # 错误, numeric
    errors = page.eval_on_selector_all("#files tbody tr", "(rs) => rs.map(r => r.cells[4].textContent)")
    numbers = [int(x) for x in errors if x]
    assert numbers == sorted(numbers)


def test_document_text_is_never_markup(page, report):
    _, data, folder = report
    path = str(folder / "丁单位.txt")
    i = ids(data, path)
    assert page.evaluate("() => window.pwned") is None
    assert page.locator("script").count() == 1 and page.locator("img").count() == 0
    text = page.locator(f"#doc-{i} tr[data-line='3'] td.tx").text_content()
    assert text == HOSTILE.splitlines()[2]
    assert page.locator(f"#doc-{i} tr[data-line='3'] mark").count() >= 1


def test_english_page_and_results_without_text(tmp_path):
    from lxml import html as lxml_html

    from selfeval_lint.engine import Options, check_file
    from selfeval_lint.registry import resolve_selection
    from selfeval_lint.report import html_page

    from .report_fixtures import REFERENCE

    result = check_file(str(REFERENCE), Options(selected=resolve_selection(None, None)))  # lines not kept
    page = lxml_html.fromstring(html_page([result], "en", title="Batch <1>"))
    assert page.findtext(".//title") == "Batch <1>" and page.get("lang") == "en"
    assert [th.text_content() for th in page.xpath('//table[@id="findings"]//th')][:3] == ["File", "Location", "Code"]
    notes = page.xpath('//div[@class="filenotes"]/div')
    assert len(notes) == len(result.findings)  # listed with the file when its text was not kept
    assert "(text not kept)" in page.text_content()
