"""Reporting forms as data: a monthly round filled by units on the web and by the pre-filled Excel template,
the real mistakes refused with row, column and reason and nothing written, returns on the expected state."""

import datetime
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from blueledger.core.testing import make_department, make_user, page_client
from blueledger.economy.choices import FormFrequency, SubmissionStatus
from blueledger.economy.demo import MONTHLY_FIELDS
from blueledger.economy.exports import submission_template
from blueledger.economy.imports import ImportRejected, RowError, submissions_import
from blueledger.economy.models import FormRound, FormSubmission
from blueledger.economy.services import form_define, form_round_open, submission_return, submission_save
from blueledger.economy.tests.factories import make_unit
from blueledger.users.choices import Role

pytestmark = pytest.mark.django_db
SEPTEMBER = {"operating_revenue": "1500", "main_revenue": "1300", "other_revenue": "200", "employees": "320"}


@pytest.fixture
def world(shandong: dict[str, Any]) -> dict[str, Any]:
    weifang = shandong["weifang"]
    form = form_define(actor=None, name="重点企业月报", frequency=FormFrequency.MONTH, fields=MONTHLY_FIELDS)
    units = [make_unit(weifang) for _ in range(2)]
    rounds = {
        month: form_round_open(actor=None, form=form, region=weifang, year=2025, period=month,
                               due_date=datetime.date(2025, month + 1, 5), units=units)
        for month in (9, 10)
    }
    submission_save(actor=None, form_round=rounds[9], unit=units[0], written=SEPTEMBER)
    return {**shandong, "form": form, "units": units, "rounds": rounds}


def _filled_template(form_round: FormRound, rows: dict[int, list[Any]], period: str | None = None) -> bytes:
    workbook = load_workbook(BytesIO(submission_template(form_round)))
    sheet = workbook.active
    assert sheet is not None
    for line, values in rows.items():
        for offset, value in enumerate(values):
            sheet.cell(row=line, column=4 + offset, value=value)
        if period is not None:
            sheet.cell(row=line, column=3, value=period)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_form_definition_and_period_are_checked(world: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as error:
        form_define(actor=None, name="坏表", frequency="month",
                    fields=[{"key": "a", "label": "甲", "part_of": "total"}, {"key": "a", "label": "乙", "kind": "x"}])
    assert error.value.messages == ["指标标识不能为空或重复。", "指标“甲”所属的合计“total”不存在。",
                                    "指标“乙”的类型应为 number 或 text。"]
    with pytest.raises(ValidationError, match="月报的期别不能是 13。"):
        form_round_open(actor=None, form=world["form"], region=world["weifang"], year=2025, period=13,
                        due_date=datetime.date(2026, 1, 5), units=world["units"])


def test_web_submission_refuses_yuan_for_wan_and_keeps_nothing(world: dict[str, Any]) -> None:
    october, unit = world["rounds"][10], world["units"][0]
    written = {**SEPTEMBER, "operating_revenue": "15800000", "main_revenue": "13600000", "other_revenue": "2200000"}
    with pytest.raises(ValidationError) as error:
        submission_save(actor=None, form_round=october, unit=unit, written=written)
    assert error.value.messages[0] == "营业收入: 15800000 约为上期 1500 的 10533 倍, 疑似以“元”填报 (应为万元)"
    assert not FormSubmission.objects.filter(round=october).exists()
    saved = submission_save(actor=None, form_round=october, unit=unit,
                            written={**SEPTEMBER, "operating_revenue": "1580", "main_revenue": "1380"})
    assert (saved.status, saved.history.get().history_change_reason) == (SubmissionStatus.SUBMITTED, "网页填报")


def test_template_is_prefilled_and_round_trips(world: dict[str, Any]) -> None:
    september = world["rounds"][9]
    sheet = load_workbook(BytesIO(submission_template(september))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("统一社会信用代码", "单位名称", "报告期", "营业收入(万元)", "主营业务收入(万元)",
                       "其他业务收入(万元)", "从业人员(人)", "备注", "说明")
    assert rows[1][:7] == (world["units"][0].uscc, world["units"][0].name, "2025-09", "1500", "1300", "200", "320")
    assert rows[2][3] is None  # the second unit has not reported: left empty, never 0
    data = _filled_template(september, {3: ["900", "850", "50", "60"]})
    summary = submissions_import(actor=None, form_round=september, data=data, filename="9月.xlsx")
    assert summary.rows == 2
    second = FormSubmission.objects.get(round=september, unit=world["units"][1])
    assert second.values["operating_revenue"] == "900"
    assert second.history.get().history_change_reason == "Excel 导入 9月.xlsx"


def test_excel_mistakes_are_named_and_nothing_is_written(world: dict[str, Any]) -> None:
    october = world["rounds"][10]
    data = _filled_template(october, {2: ["2300", "2100", "200", "三百二"], 3: ["900", "800", "50", "60"]},
                            period="2025-09")
    with pytest.raises(ImportRejected) as rejected:
        submissions_import(actor=None, form_round=october, data=data, filename="10月.xlsx")
    assert rejected.value.errors == [
        RowError(2, "报告期", "“2025-09”不是本期 (2025-10)"),
        RowError(2, "营业收入(万元)", "比上期变动 +53.3%, 超过 30%, 请在“说明”中写明原因"),
        RowError(2, "主营业务收入(万元)", "比上期变动 +61.5%, 超过 30%, 请在“说明”中写明原因"),
        RowError(2, "从业人员(人)", "“三百二”应为数字 (人)"),
        RowError(3, "报告期", "“2025-09”不是本期 (2025-10)"),
        RowError(3, "营业收入(万元)", "主营业务收入、其他业务收入之和 850 与合计 900 不符"),
    ]
    assert not FormSubmission.objects.filter(round=october).exists()


def test_return_is_refused_the_second_time_and_pages_show_the_round(world: dict[str, Any]) -> None:
    submission = FormSubmission.objects.get(round=world["rounds"][9])
    submission_return(actor=None, submission=submission, comment="请核对从业人员")
    with pytest.raises(ValidationError, match="该填报已被退回或审核"):
        submission_return(actor=None, submission=submission, comment="再次退回")
    submission.refresh_from_db()
    assert (submission.status, submission.returned_comment) == (SubmissionStatus.RETURNED, "请核对从业人员")
    assert submission.history.first().history_change_reason == "退回: 请核对从业人员"
    dispatcher = make_user(make_department(world["weifang"]), Role.DISPATCHER)
    client = page_client(dispatcher)
    assert "1 / 2" in client.get("/economy/forms/").content.decode()
    page = client.get(f"/economy/forms/{world['rounds'][9].pk}/").content.decode()
    assert "已退回: 请核对从业人员" in page
    response = client.post(f"/economy/forms/{world['rounds'][10].pk}/units/{world['units'][1].pk}/",
                           {"operating_revenue": "abc", "main_revenue": "1", "other_revenue": "1", "employees": "1"})
    assert "营业收入: “abc”应为数字 (万元)" in response.content.decode()
    outsider = make_user(make_department(world["qingdao"]), Role.DISPATCHER)
    assert page_client(outsider).get(f"/economy/forms/{world['rounds'][9].pk}/").status_code == 404


def test_an_uploaded_template_is_imported_by_a_job_with_its_row_errors(world: dict[str, Any]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from blueledger.core.models import Job, JobStatus

    october = world["rounds"][10]
    client = page_client(make_user(make_department(world["weifang"], "市海洋发展局"), Role.DISPATCHER))
    bad = _filled_template(october, {3: ["900", "800", "50", "60"]})
    response = client.post(f"/economy/forms/{october.pk}/", {"file": SimpleUploadedFile("10月.xlsx", bad)},
                           follow=True)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.problems == [
        {"row": 3, "column": "营业收入(万元)", "message": "主营业务收入、其他业务收入之和 850 与合计 900 不符"}
    ]
    page = response.content.decode()
    assert "<td>3</td><td>营业收入(万元)</td><td>主营业务收入、其他业务收入之和 850 与合计 900 不符</td>" in page
    assert not FormSubmission.objects.filter(round=october).exists()
    good = _filled_template(october, {3: ["900", "850", "50", "60"]})
    response = client.post(f"/economy/forms/{october.pk}/", {"file": SimpleUploadedFile("10月.xlsx", good)},
                           follow=True)
    assert "导入完成: 1 家单位的填报已保存。" in response.content.decode()
    assert FormSubmission.objects.filter(round=october).count() == 1
