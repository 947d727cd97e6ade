"""The import pages' tables as exported (CSV, XLSX): the runs, and one run's files, with the
page's filter applied. The board's and the findings' are in :mod:`.board`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from gongkai.web.supervision.models import ImportedFile, ImportRun

RUN_HEADERS = ("上传时间", "年度", "上传文件", "上传人", "状态", "文件数", "完成时间", "撤销人")
FILE_HEADERS = (
    "文件",
    "结果",
    "单位",
    "报告中的机关名称",
    "报告年度",
    "发布日期",
    "日期来源",
    "网址",
    "说明",
    "指定人",
    "指定时间",
)
DATE_SOURCE = {"manifest": "清单", "page": "网页", "signature": "落款", "platform": "本系统发布"}


def runs_table(runs: Iterable[ImportRun]) -> list[list[Any]]:
    return [
        [
            r.created_at,
            r.year,
            r.label,
            r.actor_name,
            r.get_status_display(),
            r.total,
            r.finished_at,
            r.undone_by,
        ]
        for r in runs
    ]


def files_table(files: Iterable[ImportedFile], names: Mapping[str, str]) -> list[list[Any]]:
    return [
        [
            f.source,
            f.get_status_display(),
            names.get(f.unit_id, f.unit_id),
            f.name_found,
            f.report_year,
            f.published_on,
            DATE_SOURCE.get(f.date_source, f.date_source),
            f.url,
            f.reason,
            f.assigned_by,
            f.assigned_at,
        ]
        for f in files
    ]
