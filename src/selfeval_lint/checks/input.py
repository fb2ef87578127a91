"""PAR rules: declared here, raised by ingest when a file cannot be read fully."""

from __future__ import annotations

from ..model import Severity
from ..formats_list import readable_formats
from ..registry import T, declare
from ..vocab import Scope

declare(
    code="PAR001",
    name="file-unreadable",
    severity=Severity.ERROR,
    scope=(Scope.DOCUMENT,),
    summary=T("文件无法打开", "The file cannot be opened"),
    messages={
        "missing": T("文件 {path} 不存在", "File {path} does not exist"),
        "directory": T("{path} 是目录而不是文件", "{path} is a directory, not a file"),
        "permission": T("没有权限读取文件 {path}", "No permission to read {path}"),
        "os": T("无法读取文件 {path}：{reason}", "Cannot read {path}: {reason}"),
        "special": T(
            "{path} 是{kind}，不是普通文件，未读取",
            "{path} is {kind}, not a regular file; it was not read",
        ),
    },
    what=T(
        "报告文件不存在、是目录或没有读取权限，或者不是普通文件（命名管道、设备、套接字）。只读取普通文件，"
        "因为读取管道或设备（如 /dev/zero）可能永远等待或无限增长。",
        "The report file is missing, is a directory, or cannot be read, or it is not a regular file (a named "
        "pipe, a device, a socket). Only regular files are read: reading a pipe or a device such as /dev/zero "
        "can wait forever or never end.",
    ),
    why=T("未能读取的文件不能视为通过检查。", "A file that could not be read must not pass as checked."),
    fix=T("核对文件路径和权限后重新检查。", "Check the path and the file's permissions, then run again."),
)

declare(
    code="PAR002",
    name="unsupported-format",
    severity=Severity.ERROR,
    scope=(Scope.DOCUMENT,),
    summary=T("文件格式无法读取", "The file's format cannot be read"),
    messages={
        "binary": T(
            "文件 {path} 不是文本文件（含二进制内容），无法检查",
            "{path} is not a text file (it holds binary data) and cannot be checked",
        ),
        "not-yet": T(
            "文件 {path} 是 {format} 格式，不是报告文档，无法检查；请提交 Word、PDF 或文本格式的报告",
            "{path} is a {format} file, not a report document; submit the report as Word, PDF or text",
        ),
        "needs-soffice": T(
            "文件 {path} 是 {format} 格式，需要先用 LibreOffice 转换才能检查，但本机未安装 LibreOffice；"
            "请安装（如 apt-get install libreoffice-writer）或将文件另存为 .docx 后重新检查",
            "{path} is a {format} file, which needs LibreOffice to convert it, and LibreOffice is not installed; "
            "install it (e.g. apt-get install libreoffice-writer) or save the file as .docx",
        ),
        "legacy-binary": T(
            "文件 {path} 是旧版 Word/WPS 二进制格式，请另存为 .docx 后检查",
            "{path} is an old binary Word/WPS file; save it as .docx to check it",
        ),
        "zip": T(
            "文件 {path} 是压缩包或已损坏的 Office 文件，无法读取",
            "{path} is a zip archive or a damaged Office file and cannot be read",
        ),
        "rar": T(
            "文件 {path} 是 RAR 压缩包：解压 RAR 需要系统程序（unrar），本工具不读取；请改用 .zip 打包后重新提交",
            "{path} is a RAR archive: unpacking RAR needs a system program (unrar), which this tool does not use; "
            "pack the files as .zip and submit again",
        ),
        "needs-py7zr": T(
            "文件 {path} 是 7z 压缩包，读取需要 Python 库 py7zr，本机未安装；请安装（pip install 'selfeval-lint[7z]'）或改用 .zip 打包",
            "{path} is a 7z archive, which needs the Python library py7zr, not installed here; install it "
            "(pip install 'selfeval-lint[7z]') or pack the files as .zip",
        ),
        "compression": T(
            "文件 {path} 中的 {member} 使用了不支持的压缩方式（{method}），无法读取；请用 Word/WPS 打开并另存为 .docx",
            "{member} in {path} uses a compression method that cannot be read ({method}); open the file in "
            "Word/WPS and save it as .docx",
        ),
        "ole-other": T(
            "文件 {path} 是 OLE 复合文档，但其中没有 Word 正文（WordDocument 流），不是 Word/WPS 文档，未检查",
            "{path} is an OLE compound file without a Word body (no WordDocument stream); it is not a Word/WPS "
            "document and was not checked",
        ),
    },
    what=T(
        "文件内容不是可检查的报告格式（按内容识别，不只看扩展名）。可读取的格式：" + readable_formats("zh") + "（`selfeval-lint formats` 列出）。",
        "The file's content is not a report format that can be checked (detected by content, not extension). "
        "The formats read: " + readable_formats("en") + " (`selfeval-lint formats` lists them).",
    ),
    why=T("无法读取的文件不能视为通过检查。", "A file that could not be read must not pass as checked."),
    fix=T("将报告另存为受支持的格式后重新检查。", "Save the report in a supported format and run again."),
)

declare(
    code="PAR003",
    name="undecodable-text",
    severity=Severity.ERROR,
    scope=(Scope.DOCUMENT,),
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
    scope=(Scope.DOCUMENT,),
    summary=T("文件过大", "The file is too large"),
    messages={
        "too-large": T(
            "文件 {path} 大小为 {size_mb} MB，超过上限 {limit_mb} MB，未检查",
            "{path} is {size_mb} MB, over the {limit_mb} MB limit; it was not checked",
        ),
        "zip-bomb": T(
            "文件 {path} 解压后体积异常（约 {size_mb} MB），疑为压缩炸弹，未检查",
            "{path} would unpack to about {size_mb} MB, like a zip bomb; it was not checked",
        ),
        "pdf-bomb": T(
            "文件 {path} 的 PDF 数据流解压后超过上限 {limit_mb} MB，疑为压缩炸弹，未检查",
            "{path} has PDF streams that inflate past the {limit_mb} MB limit, like a compression bomb; it was not "
            "checked",
        ),
        "page-chars": T(
            "文件 {path} 第 {page} 页有 {chars} 个字符，超过每页上限 {limit}，不是正常的报告页面，未检查",
            "Page {page} of {path} holds {chars} characters, over the limit of {limit} per page; it is no normal "
            "report page, and the file was not checked",
        ),
        "too-long": T(
            "文件 {path} 的文字超过 {limit} 个字符，远超任何报告的篇幅，未检查",
            "{path} holds more than {limit} characters, far beyond any report; it was not checked",
        ),
        "too-many-numbers": T(
            "文件 {path} 中的数字超过 {limit} 处，远超任何报告，未检查",
            "{path} holds more than {limit} numbers, far beyond any report; it was not checked",
        ),
    },
    what=T(
        "文件超过可检查的大小上限，或者解压后超限：压缩包成员、PDF 内容流、一页 PDF 的字符数，或全文的字符数（2,500 万）与数字个数（30 万）。",
        "The file is larger than the limit for checking, or would be once unpacked: zip members, PDF streams, "
        "the characters on one PDF page, or the whole text's characters (25 million) and numbers (300,000).",
    ),
    why=T("过大的文件会拖慢或拖垮整批检查。", "Oversized files slow down or break a whole batch."),
    fix=T("压缩文中图片或拆分文件后重新检查。", "Compress the images or split the file, then run again."),
)

declare(
    code="PAR005",
    name="empty-document",
    severity=Severity.ERROR,
    scope=(Scope.DOCUMENT,),
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
    scope=(Scope.DOCUMENT,),
    summary=T("检查过程出错", "The checker failed on this file"),
    messages={
        "crash": T(
            "检查文件 {path} 时程序出错（{error}），该文件未完成检查；请将文件反馈给开发者",
            "The checker failed on {path} ({error}); the file was not fully checked. Please report it",
        ),
        "rule-crash": T(
            "规则 {rule} 在检查文件 {path} 时出错（{error}），该规则的结果缺失；其他规则的结果不受影响，请将文件反馈给开发者",
            "Rule {rule} failed on {path} ({error}); its findings are missing, the other rules' are kept. Please report it",
        ),
        "died": T(
            "检查文件 {path} 的进程意外终止（可能是内存不足或读取库崩溃），该文件未完成检查；其他文件不受影响",
            "The process checking {path} ended without a result (out of memory, or a crash in a reader "
            "library); the file was not checked. Other files are unaffected",
        ),
        "timeout": T(
            "检查文件 {path} 超过 {seconds} 秒仍未完成，已中止；其他文件不受影响",
            "Checking {path} took longer than {seconds} seconds and was stopped; other files are unaffected",
        ),
    },
    what=T("检查程序自身在处理该文件时出错；其他文件不受影响。", "The checker itself failed on this file; other files are unaffected."),
    why=T("出错的文件不能视为通过检查。", "A file the checker failed on must not pass as checked."),
    fix=T("将该文件和错误信息反馈给开发者。", "Report the file and the message to the developers."),
)

declare(
    code="PAR007",
    name="file-encrypted",
    severity=Severity.ERROR,
    scope=(Scope.DOCUMENT,),
    summary=T("文件已加密", "The file is encrypted"),
    messages={
        "encrypted": T(
            "文件 {path} 设有打开密码（已加密），无法检查；请去除密码后重新提交",
            "{path} is encrypted (it has an open password) and cannot be checked; remove the password and submit again",
        ),
    },
    what=T(
        "Word 文件设有打开密码，或 PDF 加密且空密码无法打开。仅限制编辑、空密码可打开的 PDF 照常检查。",
        "A Word file with an open password, or a PDF that the empty password does not open. A PDF restricted only "
        "against editing, which opens with the empty password, is checked as usual.",
    ),
    why=T("加密文件的内容无法读取，不能视为通过检查。", "An encrypted file's content cannot be read; it must not pass as checked."),
    fix=T("去除打开密码后重新提交。", "Remove the open password and submit again."),
)

declare(
    code="PAR008",
    name="no-text-layer",
    severity=Severity.ERROR,
    scope=(Scope.DOCUMENT,),
    summary=T("PDF 没有文字层（扫描件）", "The PDF has no text layer (a scan)"),
    messages={
        "scanned": T(
            "文件 {path} 是扫描件或图片 PDF（{pages} 页都没有可提取的文字），无法检查；请提交由 Word/WPS 导出的 PDF 或原文档",
            "{path} is a scan or image PDF (no extractable text on its {pages} pages) and cannot be checked; submit "
            "a PDF exported from Word/WPS, or the document itself",
        ),
    },
    what=T("PDF 的页面只有图片、没有文字层。本工具不做文字识别（OCR）。", "The PDF's pages hold images and no text layer. OCR is out of scope."),
    why=T("没有文字就无法检查；静默通过会让审核人员误以为报告没有问题。", "Without text nothing can be checked; passing silently would tell reviewers the report is fine."),
    fix=T("提交由 Word/WPS 直接导出的 PDF，或提交原始文档。", "Submit a PDF exported from Word/WPS, or the document itself."),
)

declare(
    code="PAR009",
    name="garbled-text",
    severity=Severity.ERROR,
    scope=(Scope.DOCUMENT,),
    summary=T("PDF 文字无法正确提取（乱码）", "The PDF's text cannot be extracted (garbled)"),
    messages={
        "garbled": T(
            "文件 {path} 中 {share}% 的字符无法正确提取（字体缺少编码映射，提取出来是乱码），未检查；请提交原文档或重新导出 PDF",
            "{share}% of the characters in {path} cannot be extracted (fonts without a Unicode map give garbage); "
            "it was not checked. Submit the document itself or export the PDF again",
        ),
    },
    what=T(
        "PDF 所用字体没有 Unicode 映射时，提取出的文字是 (cid:123)、替换符或私用区字符。超过一定比例时整份文件报告为无法读取，不对乱码做检查。",
        "When a PDF's fonts lack a Unicode map, extraction yields (cid:123), replacement or private-use characters. "
        "Above a small share the whole file is reported unreadable, and garbage is never linted.",
    ),
    why=T("对乱码做检查只会产生大量误报。", "Linting garbage only produces false alarms."),
    fix=T("用 Word/WPS 重新导出 PDF（嵌入字体），或提交原文档。", "Export the PDF again from Word/WPS with fonts embedded, or submit the document."),
)

declare(
    code="PAR010",
    name="file-corrupt",
    severity=Severity.ERROR,
    scope=(Scope.DOCUMENT,),
    summary=T("文件已损坏或不安全", "The file is damaged or unsafe"),
    messages={
        "corrupt": T("文件 {path} 已损坏，无法读取（{reason}）", "{path} is damaged and cannot be read ({reason})"),
        "xml-unsafe": T(
            "文件 {path} 含有不安全的 XML 声明（DOCTYPE/实体），为安全起见未读取",
            "{path} contains unsafe XML declarations (DOCTYPE/entities) and was not read, for safety",
        ),
        "convert-timeout": T(
            "文件 {path} 用 LibreOffice 转换超过 {seconds} 秒仍未完成，未检查",
            "Converting {path} with LibreOffice took longer than {seconds} seconds; it was not checked",
        ),
        "convert-failed": T(
            "文件 {path} 用 LibreOffice 转换失败（{reason}），未检查",
            "LibreOffice could not convert {path} ({reason}); it was not checked",
        ),
    },
    what=T(
        "压缩包或 XML 损坏、PDF 结构损坏、含有实体声明等不安全内容，或旧格式文件转换失败。",
        "A damaged zip or XML part, a broken PDF, unsafe content such as XML entity declarations, or a failed "
        "conversion of an old-format file.",
    ),
    why=T("无法读取的文件不能视为通过检查。", "A file that could not be read must not pass as checked."),
    fix=T("用 Word/WPS 打开并另存后重新提交。", "Open the file in Word/WPS, save it again and resubmit."),
)

declare(
    code="PAR015",
    name="bundle-unsafe",
    severity=Severity.ERROR,
    scope=(Scope.DOCUMENT,),
    summary=T("压缩包超出安全限制", "An archive breaks the safety limits"),
    messages={
        "too-many-members": T(
            "压缩包 {path} 含 {count} 个文件，超过上限 {limit} 个，未检查",
            "The archive {path} holds {count} files, over the limit of {limit}; it was not checked",
        ),
        "nested-too-deep": T(
            "{path} 是压缩包中压缩包里的压缩包（超过 {depth} 层），未解开检查；请把报告直接放入压缩包",
            "{path} is an archive inside an archive inside an archive (more than {depth} levels) and was not "
            "unpacked; put the reports directly into the bundle",
        ),
        "unsafe-name": T(
            "压缩包成员 {path} 的路径“{name}”指向压缩包之外（绝对路径或“..”），为安全起见未读取",
            "The archive member {path} has a path (\"{name}\") pointing outside the archive (absolute or \"..\"); "
            "it was not read, for safety",
        ),
    },
    what=T(
        "压缩包（.zip、.7z）中的文件逐个检查，但文件数过多、多层嵌套或路径指向压缩包之外的成员不读取。",
        "Each file in a bundle (.zip, .7z) is checked, but an archive with too many members, archives nested "
        "more than one level deep, and members whose path points outside the archive are not read.",
    ),
    why=T(
        "这些是压缩炸弹和路径穿越攻击的特征；未读取的文件不能视为通过检查。",
        "These are the marks of zip bombs and path-traversal attacks; a file not read must not pass as checked.",
    ),
    fix=T("把报告文件直接放入一个 .zip 压缩包，文件名不含“..”或盘符。", "Put the report files directly into one .zip, with names without '..' or drive letters."),
)
