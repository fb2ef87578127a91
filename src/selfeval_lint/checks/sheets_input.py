"""PAR rules for spreadsheets (.xlsx): declared here, raised by ingest/xlsx.py when a workbook cannot be read fully."""

from __future__ import annotations

from ..model import Severity
from ..registry import T, declare
from ..vocab import Scope

declare(
    code="PAR018",
    name="sheet-too-large",
    severity=Severity.ERROR,
    scope=(Scope.DOCUMENT,),
    summary=T("表格文件行数或单元格数过多", "The workbook has too many rows or cells"),
    messages={
        "rows": T(
            "文件 {path} 的工作表“{sheet}”超过 {limit} 行，不像绩效自评表，未检查",
            "Sheet “{sheet}” of {path} has more than {limit} rows, unlike a self-evaluation table; it was not checked",
        ),
        "cells": T(
            "文件 {path} 的单元格超过 {limit} 个（至工作表“{sheet}”），未检查",
            "{path} has more than {limit} cells (by sheet “{sheet}”); it was not checked",
        ),
    },
    what=T(
        "Excel 工作簿的某个工作表行数（或全部单元格数）超过上限。行数在读取单元格之前以流式方式清点，内存和时间都有上界。",
        "A sheet of the workbook has more rows (or the workbook more cells) than the limit. Rows are counted in a "
        "streaming pass before any cell is read, so time and memory stay bounded.",
    ),
    why=T("绩效自评表只有几十行；百万行的文件会拖垮整批检查。", "A self-evaluation table has a few dozen rows; a million-row file would stall a whole batch."),
    fix=T("只提交自评表所在的工作表，删除多余的行。", "Submit only the sheet with the table and delete the surplus rows."),
)

declare(
    code="PAR019",
    name="formulas-without-values",
    severity=Severity.ERROR,
    scope=(Scope.DOCUMENT,),
    summary=T("表格中的公式没有计算结果", "Formulas in the workbook have no computed values"),
    messages={
        "uncached": T(
            "文件 {path} 的工作表“{sheet}”有 {count} 个公式没有保存计算结果（如 {cell}），无法得知表中显示的数值，未检查；"
            "请用 Excel 或 WPS 打开后保存再提交",
            "Sheet “{sheet}” of {path} holds {count} formulas saved without their values (e.g. {cell}), so what the "
            "table shows is unknown and it was not checked; open and save it in Excel or WPS",
        ),
    },
    what=T(
        "Excel 和 WPS 保存文件时会同时保存公式的计算结果，本工具读取这些结果。由程序生成、从未在表格软件中打开过的文件只有公式、没有结果。",
        "Excel and WPS save each formula's computed value with it, and those values are what is read. Files written by "
        "a program and never opened in a spreadsheet application hold formulas without values.",
    ),
    why=T("把空白当作表中的数值检查只会产生误报。", "Checking blanks as if they were the table's figures would only raise false alarms."),
    fix=T("用 Excel 或 WPS 打开文件、保存后重新提交。", "Open the file in Excel or WPS, save it and submit it again."),
)
