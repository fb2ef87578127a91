"""Small real submissions for the report tests: a reference .txt, a .docx with a table, an unreadable file,
files a walk skips (an image, a hidden file)."""

from __future__ import annotations

from pathlib import Path

from .conftest import CORPUS
from .docx_fixtures import docx_bytes, p, tbl, tc

REFERENCE = CORPUS / "yueyang-kjj-2023-dept-selfeval.txt"
CLEAN = CORPUS / "yueyang-kjj-2023-dept-selfeval.fixed.txt"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a5ee0000000049454e44ae426082")


def docx_report() -> bytes:
    """A department report as .docx: a bookmark artifact in a body paragraph, a placeholder in a table cell."""
    body = "".join([
        p("2023年度某市农业农村局部门整体支出绩效自评报告"),
        p("一、部门基本情况"),
        p("（一）部门职责"),
        p("[bookmark: _GoBack]负责全市农业农村工作。"),
        p("（二）机构设置"),
        p("内设科室5个。"),
        tbl([tc("项目"), tc("金额（万元）")], [tc("基本支出"), tc("××")], columns=2),
        p("二、一般公共预算支出情况"),
        p("全年支出1000万元。"),
    ])
    return docx_bytes(body)


def submissions(root: Path) -> Path:
    """A folder of submissions: two text reports, a .docx, an empty file, an image and a hidden file."""
    folder = root / "报送材料"
    (folder / "甲单位").mkdir(parents=True)
    (folder / "甲单位" / "自评报告.txt").write_bytes(REFERENCE.read_bytes())
    (folder / "乙单位.txt").write_bytes(CLEAN.read_bytes())
    (folder / "丙单位.docx").write_bytes(docx_report())
    (folder / "空文件.txt").write_bytes(b"")
    (folder / "封面.png").write_bytes(PNG)
    (folder / ".~lock.丙单位.docx#").write_bytes(b"lock")
    return folder
