"""A number the report's value field cannot hold (1e400, 30 digits) in the template or the form is a row
error naming the cell, never a 500; nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from blueledger.core.testing import page_client
from blueledger.dispatch.exports import report_template
from blueledger.dispatch.imports import ImportRejected
from blueledger.dispatch.models import Report, ReportUpload
from blueledger.dispatch.tests.test_template_round_trip import _filled, _import, world  # noqa: F401


@pytest.mark.parametrize(("value", "shown"), [("1e400", "1e400"), ("9" * 30, "9" * 30), (1e300, "1e+300")])
def test_a_number_beyond_the_value_field_is_a_row_error(world: dict[str, Any], value: Any, shown: str) -> None:  # noqa: F811
    template = report_template(world["round"], world["haiyu"])
    with pytest.raises(ImportRejected) as rejected:
        _import(world, _filled(template, {4: value, 5: 2}))
    assert rejected.value.problems == [f"填报 第4行 I列(累计完成值): 数值超出范围 (整数部分最多 14 位), 实为“{shown}”"]
    assert (Report.objects.count(), ReportUpload.objects.count()) == (0, 0)


def test_the_report_form_refuses_1e400_with_a_message(world: dict[str, Any]) -> None:  # noqa: F811
    first, second = world["slots"]
    url = reverse("dispatch:department_report", args=[world["round"].pk, world["haiyu"].pk])
    response = page_client(world["reporter"]).post(
        url, {f"value_{first.pk}": "1e400", f"value_{second.pk}": "2", "action": "save"}
    )
    assert response.status_code in (200, 400)
    assert "累计完成值: 数值超出范围 (整数部分最多 14 位), 实为“1e400”" in response.content.decode()
    assert Report.objects.count() == 0
