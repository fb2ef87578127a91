"""PAR rules: declared here, raised by ingest when a file cannot be read fully."""

from __future__ import annotations

from ..model import Severity
from ..registry import T, declare

declare(
    code="PAR001",
    name="file-unreadable",
    severity=Severity.ERROR,
    summary=T("文件无法打开", "The file cannot be opened"),
    messages={
        "missing": T("文件 {path} 不存在", "File {path} does not exist"),
        "directory": T("{path} 是目录而不是文件", "{path} is a directory, not a file"),
        "permission": T("没有权限读取文件 {path}", "No permission to read {path}"),
        "os": T("无法读取文件 {path}：{reason}", "Cannot read {path}: {reason}"),
    },
    what=T("报告文件不存在、是目录或没有读取权限。", "The report file is missing, is a directory, or cannot be read."),
    why=T("未能读取的文件不能视为通过检查。", "A file that could not be read must not pass as checked."),
    fix=T("核对文件路径和权限后重新检查。", "Check the path and the file's permissions, then run again."),
)

declare(
    code="PAR002",
    name="unsupported-format",
    severity=Severity.ERROR,
    summary=T("文件格式无法读取", "The file's format cannot be read"),
    messages={
        "binary": T(
            "文件 {path} 不是文本文件（含二进制内容），无法检查",
            "{path} is not a text file (it holds binary data) and cannot be checked",
        ),
        "not-yet": T(
            "文件 {path} 是 {format} 格式，本版本尚不能读取该格式；请另存为 UTF-8 文本（.txt）后检查",
            "{path} is a {format} file, which this version cannot read yet; save it as UTF-8 text (.txt) to check it",
        ),
        "zip": T(
            "文件 {path} 是压缩包或已损坏的 Office 文件，无法读取",
            "{path} is a zip archive or a damaged Office file and cannot be read",
        ),
    },
    what=T(
        "文件内容不是可检查的报告格式（按内容识别，不只看扩展名）。",
        "The file's content is not a report format that can be checked (detected by content, not extension).",
    ),
    why=T("无法读取的文件不能视为通过检查。", "A file that could not be read must not pass as checked."),
    fix=T("将报告另存为受支持的格式后重新检查。", "Save the report in a supported format and run again."),
)

declare(
    code="PAR003",
    name="undecodable-text",
    severity=Severity.ERROR,
    summary=T("文本编码无法识别", "The text's encoding cannot be recognised"),
    messages={
        "undecodable": T(
            "文件 {path} 的文字编码无法识别（已尝试 UTF-8、GB18030、UTF-16），无法检查",
            "The encoding of {path} cannot be recognised (tried UTF-8, GB18030, UTF-16); it cannot be checked",
        ),
    },
    what=T(
        "依次尝试 UTF-8（含 BOM）、GB18030、带 BOM 的 UTF-16 和自动识别，均不能得到正常文字。",
        "Strict UTF-8 (with or without BOM), strict GB18030, UTF-16 with BOM and detection all failed.",
    ),
    why=T("乱码无法可靠检查，强行检查只会产生误报。", "Garbled text cannot be checked reliably; checking it anyway only produces false alarms."),
    fix=T("用记事本或 WPS 将文件另存为 UTF-8 编码。", "Save the file as UTF-8 (e.g. from Notepad or WPS)."),
)

declare(
    code="PAR004",
    name="file-too-large",
    severity=Severity.ERROR,
    summary=T("文件过大", "The file is too large"),
    messages={
        "too-large": T(
            "文件 {path} 大小为 {size_mb} MB，超过上限 {limit_mb} MB，未检查",
            "{path} is {size_mb} MB, over the {limit_mb} MB limit; it was not checked",
        ),
    },
    what=T("文件超过可检查的大小上限。", "The file is larger than the limit for checking."),
    why=T("过大的文件会拖慢或拖垮整批检查。", "Oversized files slow down or break a whole batch."),
    fix=T("压缩文中图片或拆分文件后重新检查。", "Compress the images or split the file, then run again."),
)

declare(
    code="PAR005",
    name="empty-document",
    severity=Severity.ERROR,
    summary=T("文件没有文字内容", "The file has no text"),
    messages={"empty": T("文件 {path} 没有任何文字内容", "{path} contains no text")},
    what=T("文件为空或只有空白。", "The file is empty or holds only white space."),
    why=T("空文件不是一份报告。", "An empty file is not a report."),
    fix=T("确认提交的是正确的文件。", "Make sure the right file was submitted."),
)

declare(
    code="PAR006",
    name="internal-error",
    severity=Severity.ERROR,
    summary=T("检查过程出错", "The checker failed on this file"),
    messages={
        "crash": T(
            "检查文件 {path} 时程序出错（{error}），该文件未完成检查；请将文件反馈给开发者",
            "The checker failed on {path} ({error}); the file was not fully checked. Please report it",
        ),
    },
    what=T("检查程序自身在处理该文件时出错；其他文件不受影响。", "The checker itself failed on this file; other files are unaffected."),
    why=T("出错的文件不能视为通过检查。", "A file the checker failed on must not pass as checked."),
    fix=T("将该文件和错误信息反馈给开发者。", "Report the file and the message to the developers."),
)
