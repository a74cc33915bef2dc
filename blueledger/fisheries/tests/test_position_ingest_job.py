"""船位入库 from the page: the files are ingested by a background job whose progress counts the files read;
the job's page gives the same summary as `blueledger fisheries ingest`. Stopped by its time budget, the job
leaves no Parquet file and no alert behind."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from blueledger.core.jobs import time_limit_message
from blueledger.core.models import Job, JobStatus
from blueledger.core.testing import make_department, make_user, page_client
from blueledger.fisheries import ingest
from blueledger.fisheries.models import Alert
from blueledger.fisheries.tests.factories import make_vessel
from blueledger.users.choices import Role

HEADER = "渔船ID,lat,lon,速度,方向,time,type\n"


def beidou_file() -> SimpleUploadedFile:
    rows = [
        f"BD7001,37.5,{123.0 + i * 0.01:.3f},4.0,90,0601 {8 + i // 6:02d}:{i % 6 * 10:02d}:00,拖网\n" for i in range(12)
    ]
    rows.append("BD7001,0,0,0,0,0601 20:00:00,拖网\n")
    return SimpleUploadedFile("beidou.csv", (HEADER + "".join(rows)).encode())


@pytest.fixture
def dispatcher(shandong: dict[str, Any], tmp_path: Path, settings: Any) -> Any:
    settings.DATA_DIR = tmp_path / "var"
    make_vessel(shandong["qingdao"], beidou_terminal="BD7001", mmsi="", gear="拖网")
    return make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.DISPATCHER)


def post(user: Any, region: Any) -> Any:
    files = [beidou_file(), SimpleUploadedFile("notes.txt", "不是船位文件\n".encode())]
    return page_client(user).post(
        reverse("fisheries:positions_ingest"), {"files": files, "region": region.pk, "year": 2026}, follow=True
    )


def test_position_files_are_ingested_by_a_job(dispatcher: Any, shandong: dict[str, Any], tmp_path: Path) -> None:
    response = post(dispatcher, shandong["qingdao"])
    job = Job.objects.get()
    assert response.redirect_chain == [(reverse("core:job_detail", args=[job.pk]), 302)]
    assert (job.status, job.title) == (JobStatus.SUCCEEDED, "船位入库: beidou.csv、notes.txt")
    assert (job.progress_done, job.progress_total, job.progress_unit) == (2, 2, "个文件")
    assert job.message == (
        "读入 13 个船位, 入库 12, 剔除 2 (missing_columns 1、zero_position 1); 事件 1, 新预警 1, 重复 0。"
    )
    assert job.message in response.content.decode()
    assert Alert.objects.count() == 1
    assert len(list((tmp_path / "var" / "fisheries" / "positions").rglob("*.parquet"))) == 1


def test_an_ingest_over_its_time_budget_leaves_nothing(
    dispatcher: Any, shandong: dict[str, Any], tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = ingest.services.alerts_record

    def slow_alerts(**kwargs: Any) -> Any:
        result = original(**kwargs)  # the alerts are written, then the job runs out of time
        time.sleep(30)
        return result

    monkeypatch.setattr(ingest.services, "alerts_record", slow_alerts)
    settings.JOB_TIME_LIMIT_S = 1
    post(dispatcher, shandong["qingdao"])
    job = Job.objects.get()
    assert (job.status, job.message) == (JobStatus.FAILED, time_limit_message(1))
    assert Alert.objects.count() == 0
    assert list((tmp_path / "var" / "fisheries" / "positions").rglob("*.parquet")) == []


def test_a_viewer_cannot_ingest(shandong: dict[str, Any]) -> None:
    viewer = make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.VIEWER)
    assert page_client(viewer).get(reverse("fisheries:positions_ingest")).status_code == 403
    assert Job.objects.count() == 0
