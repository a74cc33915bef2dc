"""Every hostile file (lib/tests/hostile_files.py) through every upload path, as a browser would post it:
each ends in a clear Chinese message, HTTP 200 or 400 (never 500), no row written, and bounded memory. An
upload queued as a background job is followed to its job's page, where its refusal is shown.

Peak memory is measured per request with tracemalloc (Python allocations) and, on Linux, with the
process's resident high-water mark reset before each request (/proc/self/clear_refs), which also counts
what lxml, expat and zlib allocate in C.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from blueledger.core.jobs import UNEXPECTED_FAILURE
from blueledger.core.models import Job, JobStatus
from blueledger.core.testing import make_department, make_user, page_client
from blueledger.dispatch.tests.factories import make_published_ledger, make_reporter, make_round
from blueledger.lib.tests.hostile_files import HostileFile, corpus
from blueledger.projects.tests.factories import make_track
from blueledger.users.choices import Role

# Apps whose tables an upload may write (their history tables included).
WRITTEN_APPS = ("orgs", "documents", "ledgers", "projects", "dispatch", "economy", "fisheries")
# Bounds stated in the report: no single hostile upload may allocate more than this.
PYTHON_PEAK_BOUND_MB = 64
RSS_GROWTH_BOUND_MB = 256
REFUSAL_WORDS = (
    "无法", "超过", "不是", "损坏", "拒绝", "暂不支持", "不能", "没有", "找不到", "应为", "上限", "为空",
    "编码", "二进制", "密码", "缺少", "有效", "空的", "空文件", "结构异常", "重复",
)


@dataclass(frozen=True, slots=True)
class UploadPath:
    name: str
    client: Client
    url: str
    fields: dict[str, Any]


def _row_counts() -> dict[str, int]:
    """The number of rows of every model of WRITTEN_APPS, read in one query (one COUNT per table): 476 of them
    per run, which one ORM count per model made 5 s of the test."""
    models = [model for app in WRITTEN_APPS for model in apps.get_app_config(app).get_models()]
    counts = ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(model._meta.db_table)})" for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        row = cursor.fetchone()
    return {model._meta.label: count for model, count in zip(models, row, strict=True)}


def _rss_reset() -> Callable[[], int] | None:
    """A function returning the growth of the process's peak RSS in bytes since now, or None."""
    clear_refs, status = Path("/proc/self/clear_refs"), Path("/proc/self/status")
    try:
        clear_refs.write_text("5")
    except OSError:
        return None

    def read(field: str) -> int:
        line = next(line for line in status.read_text().splitlines() if line.startswith(field))
        return int(line.split()[1]) * 1024

    start = read("VmRSS:")
    return lambda: read("VmHWM:") - start


@pytest.fixture
def upload_paths(shandong: dict[str, Any]) -> list[UploadPath]:
    qingdao, weifang = shandong["qingdao"], shandong["weifang"]
    ledger, departments = make_published_ledger(weifang)
    reporting_round = make_round(ledger)
    haiyu = departments["市海渔局"]
    make_track(qingdao, "海洋渔业")
    bureau = make_department(qingdao, "市海洋发展局")
    weifang_bureau = make_department(weifang, "市海洋发展局")
    admin = page_client(make_user(bureau, Role.ADMIN))
    dispatcher = page_client(make_user(bureau, Role.DISPATCHER))
    weifang_dispatcher = page_client(make_user(weifang_bureau, Role.DISPATCHER))
    reporter = page_client(make_reporter(haiyu))
    return [
        UploadPath("document import", dispatcher, reverse("ledgers:ledger_upload"), {"region": qingdao.pk}),
        UploadPath("summary import", weifang_dispatcher, reverse("dispatch:reconciliation_list"),
                   {"plan": ledger.pk}),
        UploadPath("department import", admin, reverse("orgs:department_import"), {}),
        UploadPath("project dispatch table", dispatcher, reverse("projects:dispatch_import"), {"period": "2025-06"}),
        UploadPath("report template", reporter,
                   reverse("dispatch:template_upload", args=[reporting_round.pk, haiyu.pk]), {}),
        UploadPath("statistical unit import", admin, reverse("economy:unit_import"), {}),
        UploadPath("vessel import", admin, reverse("fisheries:vessel_import"), {}),
    ]


def post_file(path: UploadPath, file: HostileFile) -> tuple[int, str]:
    """The answer to the upload: the form's refusal, or, for an upload queued as a job (core/jobs.py, run at
    once in tests), the job's page: 200 with its refusal, 302 when it succeeded, 500 when it failed on an
    error no handler foresaw."""
    upload = SimpleUploadedFile(file.filename, file.data, content_type="application/octet-stream")
    response = path.client.post(path.url, {**path.fields, "file": upload})
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith("/jobs/"):
        job = Job.objects.get(pk=int(location.split("/")[2]))
        page = path.client.get(location).content.decode()
        if job.status == JobStatus.FAILED:
            return (500 if job.message.startswith(UNEXPECTED_FAILURE) else 200), page
        return (302 if job.status == JobStatus.SUCCEEDED else 202), page
    return response.status_code, response.content.decode()


@pytest.mark.django_db
def test_every_hostile_file_is_refused_on_every_upload_path(upload_paths: list[UploadPath]) -> None:
    outcomes: list[str] = []
    peaks: list[tuple[float, str]] = []
    rss_peaks: list[tuple[float, str]] = []
    files = corpus()
    for file in files:
        for path in upload_paths:
            before = _row_counts()
            rss = _rss_reset()
            tracemalloc.start()
            try:
                status, body = post_file(path, file)
                peak = tracemalloc.get_traced_memory()[1] / 2**20
            finally:
                tracemalloc.stop()
            peaks.append((peak, f"{file.kind} → {path.name}"))
            if rss is not None:
                rss_peaks.append((rss() / 2**20, f"{file.kind} → {path.name}"))
            where = f"{file.kind} → {path.name}"
            if status not in (200, 302, 400):
                outcomes.append(f"{where}: HTTP {status}")
                continue
            if file.must_refuse or status != 302:
                if status == 302:
                    outcomes.append(f"{where}: accepted")
                elif not any(word in body for word in REFUSAL_WORDS):
                    outcomes.append(f"{where}: no message")
                if _row_counts() != before:
                    outcomes.append(f"{where}: rows written")
    print(f"\n{len(peaks)} uploads; peak Python allocation {max(peaks)[0]:.1f} MB ({max(peaks)[1]}); "
          + (f"peak RSS growth {max(rss_peaks)[0]:.1f} MB ({max(rss_peaks)[1]})" if rss_peaks else "no RSS"))
    assert outcomes == []
    assert len(files) * len(upload_paths) == 34 * 7
    worst = max(peaks)
    assert worst[0] < PYTHON_PEAK_BOUND_MB, worst
    if rss_peaks:
        worst_rss = max(rss_peaks)
        assert worst_rss[0] < RSS_GROWTH_BOUND_MB, worst_rss
