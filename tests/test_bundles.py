"""Bundles: the members of a .zip (and .7z) checked as files named `bundle.zip!/单位/报告.docx`, GBK names as
Chinese Windows writes them, one level of nesting, and the limits that keep a hostile archive harmless."""

from __future__ import annotations

import io
import json
import zipfile
import zlib

import pytest

from selfeval_lint import bundles

from .conftest import run_cli
from .ofd_fixtures import ofd_from_text
from .report_fixtures import CLEAN, PNG, REFERENCE, docx_report


class GbkName(zipfile.ZipInfo):
    """A member whose name is stored in GBK with the UTF-8 flag clear, as Windows' built-in zip tool writes it."""

    def _encodeFilenameFlags(self):  # noqa: N802 (zipfile's own name)
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def make_zip(members: dict[str, bytes], gbk: bool = False, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            info = (GbkName if gbk else zipfile.ZipInfo)(name)
            info.compress_type = method
            zf.writestr(info, data)
    return buffer.getvalue()


def check(*paths, **kw) -> dict:
    return json.loads(run_cli("check", *map(str, paths), "--format", "json", *kw.get("args", ())).stdout)


def by_path(report: dict) -> dict[str, dict]:
    return {f["path"]: f for f in report["files"]}


def test_gbk_member_names_and_findings_carry_the_bundle_path(tmp_path):
    bundle = tmp_path / "报送.zip"
    bundle.write_bytes(make_zip({"甲单位/自评报告.txt": REFERENCE.read_bytes(), "乙单位/报告.docx": docx_report()}, gbk=True))
    with zipfile.ZipFile(bundle) as zf:
        assert all(not i.flag_bits & 0x800 for i in zf.infolist()) and "甲单位/自评报告.txt" not in zf.namelist()
    report = check(bundle)
    files = by_path(report)
    assert set(files) == {f"{bundle}!/甲单位/自评报告.txt", f"{bundle}!/乙单位/报告.docx"}
    alone = check(REFERENCE)["files"][0]["findings"]
    member = files[f"{bundle}!/甲单位/自评报告.txt"]
    assert [(f["code"], f["location"]["line"], f["location"]["column"]) for f in member["findings"]] == [
        (f["code"], f["location"]["line"], f["location"]["column"]) for f in alone]
    assert member["title"] == "2023年度岳阳市科学技术局部门整体支出绩效自评报告" and member["format"] == "txt"
    assert files[f"{bundle}!/乙单位/报告.docx"]["format"] == "docx"
    text = run_cli("check", str(bundle)).stdout.decode()
    assert f"{bundle}!/甲单位/自评报告.txt:49:1: TXT001 [错误]" in text


def test_member_name_decoding():
    utf8 = zipfile.ZipInfo("单位/报告.txt")
    utf8.flag_bits |= 0x800
    assert bundles.member_name(utf8) == "单位/报告.txt"
    gbk = zipfile.ZipInfo("单位/报告.txt".encode("gbk").decode("cp437"))
    assert bundles.member_name(gbk) == "单位/报告.txt"
    unflagged_utf8 = zipfile.ZipInfo("单位.txt".encode("utf-8").decode("cp437"))
    assert bundles.member_name(unflagged_utf8) == "单位.txt"
    latin = zipfile.ZipInfo("report.txt")
    assert bundles.member_name(latin) == "report.txt"
    # WinRAR and 7-Zip may add the Info-ZIP Unicode Path field (0x7075) beside a name in the local code page
    field = b"\x01" + zlib.crc32(b"x").to_bytes(4, "little") + "报告.txt".encode("utf-8")
    extra = zipfile.ZipInfo("bg.txt")
    extra.extra = (0x7075).to_bytes(2, "little") + len(field).to_bytes(2, "little") + field
    assert bundles.member_name(extra) == "报告.txt"


def test_skipped_members_are_listed_with_their_reason(tmp_path):
    bundle = tmp_path / "b.zip"
    bundle.write_bytes(make_zip({
        "报告.txt": CLEAN.read_bytes(), "封面.png": PNG, "__MACOSX/._报告.txt": b"\x00", "单位/.DS_Store": b"\x00", "空目录/": b"",
    }))
    report = check(bundle)
    assert list(by_path(report)) == [f"{bundle}!/报告.txt"]
    assert {(s["path"], s["reason"]) for s in report["skipped"]} == {
        (f"{bundle}!/封面.png", "unsupported"), (f"{bundle}!/__MACOSX/._报告.txt", "hidden"), (f"{bundle}!/单位/.DS_Store", "hidden")}


def test_nested_zip_one_level_and_no_deeper(tmp_path):
    deepest = make_zip({"c.txt": CLEAN.read_bytes()})
    inner = make_zip({"乙单位.txt": REFERENCE.read_bytes(), "更深.zip": deepest}, gbk=True)
    bundle = tmp_path / "outer.zip"
    bundle.write_bytes(make_zip({"甲单位.txt": CLEAN.read_bytes(), "各单位.zip": inner}, gbk=True))
    files = by_path(check(bundle))
    assert set(files) == {f"{bundle}!/甲单位.txt", f"{bundle}!/各单位.zip!/乙单位.txt", f"{bundle}!/各单位.zip!/更深.zip"}
    assert any(f["code"] == "TXT001" for f in files[f"{bundle}!/各单位.zip!/乙单位.txt"]["findings"])
    deep = files[f"{bundle}!/各单位.zip!/更深.zip"]
    assert deep["findings"][0]["code"] == "PAR015" and "层" in deep["error"]


def test_unsafe_names_bomb_and_corrupt_member_cost_only_themselves(tmp_path):
    bomb = b"\x00" * (20 * 1024 * 1024)
    data = make_zip({"../../etc/报告.txt": b"x", "/abs/报告.txt": b"x", "炸弹.txt": bomb, "好.txt": CLEAN.read_bytes(), "坏.txt": REFERENCE.read_bytes()})
    # damage the compressed data of 坏.txt (its bytes after the local header)
    zf = zipfile.ZipFile(io.BytesIO(data))
    info = zf.getinfo("坏.txt")
    start = info.header_offset + 30 + len(info.filename.encode("utf-8")) + len(info.extra)
    data = data[: start + 10] + bytes(b ^ 0xFF for b in data[start + 10 : start + 60]) + data[start + 60 :]
    bundle = tmp_path / "b.zip"
    bundle.write_bytes(data)
    files = by_path(check(bundle))
    codes = {path.split("!/", 1)[1]: [f["code"] for f in r["findings"]] for path, r in files.items()}
    assert codes["../../etc/报告.txt"] == ["PAR015"] and codes["/abs/报告.txt"] == ["PAR015"]
    assert codes["炸弹.txt"] == ["PAR004"] and "压缩炸弹" in files[f"{bundle}!/炸弹.txt"]["error"]
    assert codes["坏.txt"] == ["PAR010"]
    assert codes["好.txt"] == [] and files[f"{bundle}!/好.txt"]["error"] is None


def test_archive_limits_make_the_bundle_one_finding(tmp_path, monkeypatch):
    bundle = tmp_path / "多.zip"
    bundle.write_bytes(make_zip({f"{i}.txt": CLEAN.read_bytes() for i in range(5)}))
    monkeypatch.setattr(bundles, "MAX_MEMBERS", 3)
    (only,) = check(bundle)["files"]
    assert only["path"] == str(bundle) and only["findings"][0]["code"] == "PAR015" and "5 个文件" in only["error"]
    monkeypatch.setattr(bundles, "MAX_MEMBERS", 2000)
    monkeypatch.setattr(bundles, "MAX_TOTAL_BYTES", 1000)
    (only,) = check(bundle, args=["--no-cache"])["files"]  # the limits changed, the file did not: no stored result
    assert only["findings"][0]["code"] == "PAR004"


def test_damaged_bundle_and_rar_get_clear_findings_and_ofd_is_read(tmp_path):
    damaged = tmp_path / "坏.zip"
    damaged.write_bytes(make_zip({"a.txt": CLEAN.read_bytes()})[:-30])
    rar = tmp_path / "材料.rar"
    rar.write_bytes(b"Rar!\x1a\x07\x01\x00" + bytes(64))
    ofd = tmp_path / "报告.ofd"
    ofd.write_bytes(ofd_from_text(REFERENCE.read_text(encoding="utf-8")))
    files = by_path(check(tmp_path))
    assert files[str(damaged)]["findings"][0]["code"] == "PAR010"
    assert files[str(rar)]["findings"][0]["code"] == "PAR002" and "unrar" in files[str(rar)]["error"]
    assert files[str(ofd)]["format"] == "ofd" and files[str(ofd)]["error"] is None  # a document, not a bundle


def test_7z_bundle(tmp_path):
    py7zr = pytest.importorskip("py7zr")
    bundle = tmp_path / "报送.7z"
    with py7zr.SevenZipFile(bundle, "w") as archive:
        archive.writestr(REFERENCE.read_bytes(), "甲单位/自评报告.txt")
        archive.writestr(PNG, "封面.png")
    report = check(bundle)
    (member,) = report["files"]
    assert member["path"] == f"{bundle}!/甲单位/自评报告.txt" and any(f["code"] == "TXT001" for f in member["findings"])
    assert report["skipped"] == [{"path": f"{bundle}!/封面.png", "reason": "unsupported",
                                  "message": "不是可检查的报告格式（.png）"}]


def test_members_are_checked_in_the_worker_pool(tmp_path):
    members = {f"单位{i}/报告.txt": (REFERENCE if i % 2 else CLEAN).read_bytes() for i in range(8)}
    bundle = tmp_path / "b.zip"
    bundle.write_bytes(make_zip(members, gbk=True))
    serial = check(bundle, args=("--jobs", "1"))
    pooled = check(bundle, args=("--jobs", "2"))
    assert [f["path"] for f in pooled["files"]] == [f"{bundle}!/{name}" for name in members]
    assert pooled["files"] == serial["files"]
