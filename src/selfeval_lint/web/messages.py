"""The web page's own messages to the user (findings speak through the rule registry), in Chinese and English."""

from __future__ import annotations

from typing import Any

from ..registry import T

MESSAGES: dict[str, T] = {
    "too-large-file": T("文件“{name}”超过 {mb} MB，未检查。请压缩图片或拆分后再上传。",
                        "The file “{name}” is larger than {mb} MB and was not checked."),
    "too-large-request": T("上传内容超过 {mb} MB，未检查。请减少一次上传的文件。",
                           "The upload is larger than {mb} MB and was not checked; send fewer files at once."),
    "too-many-files": T("一次最多上传 {n} 个文件，请分批上传。", "At most {n} files per upload; send them in batches."),
    "busy": T("服务器正忙（检查队列已满），请稍后再试。", "The server is busy (the queue is full); try again shortly."),
    "busy-client": T("您已有多个文件正在检查，请等它们完成后再上传。",
                     "You already have several files being checked; wait for them to finish."),
    "unknown-template": T("没有模板“{template}”，请从列表中选择。", "There is no template “{template}”; choose one from the list."),
    "bad-request": T("请求格式不正确：请通过页面或 multipart/form-data 上传文件（字段名 files）。",
                     "Malformed request: upload files as multipart/form-data (field name: files)."),
    "not-found": T("没有这个页面。", "No such page."),
    "internal": T("服务器内部错误，本次检查未完成。请重试；如仍出错，请联系管理员。",
                  "Internal server error; the check did not finish. Please try again."),
}


def message(key: str, lang: str = "zh", **args: Any) -> str:
    return MESSAGES[key](lang).format(**args)
