"""The one background task: run a job row (core/jobs.py). It takes an id, is idempotent (a job runs only
from 排队中) and is queued in the same transaction as the row."""

from __future__ import annotations

from django.tasks import task

from blueledger.core.jobs import job_execute


@task()
def job_run_task(job_id: int) -> None:
    job_execute(job_id=job_id)
