"""The ledger list with its upload form, the review page and the published page, as a dispatcher sees them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from blueledger.core.testing import make_department, make_user
from blueledger.documents.models import Document
from blueledger.ledgers.models import Ledger, LedgerQuantity
from blueledger.ledgers.services import task_update
from blueledger.ledgers.tests.factories import SAMPLE_004, make_ledger, make_plan_departments
from blueledger.users.choices import Role
from blueledger.users.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispatcher_client(shandong: dict[str, Any]) -> Client:
    client = Client()
    client.force_login(make_user(make_department(shandong["weifang"], "市调度办"), Role.DISPATCHER))
    return client


def test_list_offers_upload_into_the_scope_only(dispatcher_client: Client, shandong: dict[str, Any]) -> None:
    response = dispatcher_client.get("/ledgers/")
    choices = [region.code for region in response.context["form"].fields["region"].queryset]
    assert choices == ["370700"]
    assert "上传并抽取" in response.content.decode()


def test_viewer_sees_no_upload_form(shandong: dict[str, Any]) -> None:
    client = Client()
    client.force_login(make_user(make_department(shandong["weifang"], "市查看办"), Role.VIEWER))
    response = client.get("/ledgers/")
    assert response.context["form"] is None
    assert "上传并抽取" not in response.content.decode()


def test_bad_upload_shows_the_message_inline(dispatcher_client: Client, shandong: dict[str, Any]) -> None:
    upload = SimpleUploadedFile("空.txt", b"")
    response = dispatcher_client.post(
        "/ledgers/upload/", {"file": upload, "region": shandong["weifang"].pk}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[0][0].startswith("/jobs/")  # the refusal is on the job's page
    assert "文件“空.txt”是空的，没有任何文字。请检查是否选错了文件。" in response.content.decode()
    blank = SimpleUploadedFile("空白.txt", b"  \n ")
    response = dispatcher_client.post("/ledgers/upload/", {"file": blank, "region": shandong["weifang"].pk},
                                      follow=True)
    assert "文件“空白.txt”只有空白，没有文字。请检查是否选错了文件。" in response.content.decode()
    assert (Document.objects.count(), Ledger.objects.count()) == (0, 0)


def test_duplicate_upload_links_to_the_existing_ledger(dispatcher_client: Client, shandong: dict[str, Any]) -> None:
    data = SAMPLE_004.read_bytes()
    first = dispatcher_client.post(
        "/ledgers/upload/", {"file": SimpleUploadedFile("004.txt", data), "region": shandong["weifang"].pk}
    )
    ledger = Ledger.objects.get()
    assert f'href="/ledgers/{ledger.pk}/"' in dispatcher_client.get(first["Location"]).content.decode()
    again = dispatcher_client.post(
        "/ledgers/upload/", {"file": SimpleUploadedFile("004again.txt", data), "region": shandong["weifang"].pk},
        follow=True,
    )
    page = again.content.decode()
    assert "内容完全相同, 不再重复导入" in page
    assert f'href="/ledgers/{ledger.pk}/"' in page
    assert Document.objects.count() == 1


def test_review_page_marks_items_and_lists_unresolved_names(
    dispatcher_client: Client, shandong: dict[str, Any]
) -> None:
    make_plan_departments(shandong["weifang"])
    ledger = make_ledger(shandong["weifang"])
    page = dispatcher_client.get(f"/ledgers/{ledger.pk}/").content.decode()
    lead = ledger.tasks.get(key="一.(一)").responsibilities.get(written_name="市发改委")
    assert f'<mark id="mark-responsibility-{lead.pk}" class="dept lead resolved"' in page
    assert re.search(r'<mark [^>]*class="dept support unresolved"[^>]*>市未知局</mark>', page)
    quantity = LedgerQuantity.objects.get(ledger=ledger, metric="新建渔港")
    assert re.search(rf'<mark id="mark-quantity-{quantity.pk}" class="quantity target"[^>]*>3个</mark>', page)
    assert 'data-name="市未知局"' in page
    assert '<input type="checkbox" name="remember_alias" checked>' in page


def test_htmx_edit_returns_the_row(dispatcher_client: Client, shandong: dict[str, Any]) -> None:
    ledger = make_ledger(shandong["weifang"])
    quantity = LedgerQuantity.objects.get(ledger=ledger, metric="新建渔港")
    form = dispatcher_client.get(f"/ledgers/quantities/{quantity.pk}/edit/", headers={"HX-Request": "true"})
    assert form.content.decode().startswith('<tr class="quantity-row editing"')
    prefix = f"q{quantity.pk}-"
    data = {"task": quantity.task_id, "role": "target", "metric": "新建渔港", "op": "ge", "value": "6", "unit": "个",
            "hardness": "strive"}
    row = dispatcher_client.post(f"/ledgers/quantities/{quantity.pk}/edit/",
                                 {prefix + key: value for key, value in data.items()}, headers={"HX-Request": "true"})
    assert '<td class="number value">6</td>' in row.content.decode()
    assert "HX-Refresh" not in row
    history = dispatcher_client.get(f"/ledgers/{ledger.pk}/?tab=history").content.decode()
    assert "指标 新建渔港" in history
    assert "<del>3</del> → <ins>6</ins>" in history


def test_published_page_lists_tasks_with_departments(dispatcher_client: Client, shandong: dict[str, Any]) -> None:
    make_plan_departments(shandong["weifang"])
    ledger = make_ledger(shandong["weifang"], text="计划\n\n一、建设渔港\n新建渔港3个。(牵头单位:市海渔局)\n")
    response = dispatcher_client.post(f"/ledgers/{ledger.pk}/publish/", follow=True)
    page = response.content.decode()
    assert "已发布" in page and '<tr data-task="一">' in page
    assert "市海渔局" in page and "新建渔港 等于 <span class=\"value\">3</span>个" in page
    assert "<pre" not in page  # no review text once published


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_ledgers(dispatcher_client: Client, shandong: dict[str, Any]) -> None:
    make_ledger(shandong["weifang"])
    one = _queries(dispatcher_client, "/ledgers/")
    for number in range(3):
        make_ledger(shandong["weifang"], text=f"计划{number}\n\n一、任务\n新建渔港{number + 1}个。\n",
                    filename=f"{number}.txt")
    assert _queries(dispatcher_client, "/ledgers/") == one == 4


def test_review_query_count_does_not_grow_with_items(dispatcher_client: Client, shandong: dict[str, Any]) -> None:
    # Both name their issuer and leave targets unassigned, so that both pages show the same panels.
    small = make_ledger(shandong["weifang"], text="潍坊市海洋发展和渔业局2025年工作要点\n\n一、任务\n新建渔港3个。\n",
                        filename="小.txt")
    large = make_ledger(shandong["weifang"], text=SAMPLE_004.read_text(encoding="utf-8"), filename="004.txt")
    assert _queries(dispatcher_client, f"/ledgers/{small.pk}/") == _queries(dispatcher_client, f"/ledgers/{large.pk}/")


def test_api_list_query_count_does_not_grow(shandong: dict[str, Any]) -> None:
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(make_user(make_department(shandong["weifang"], "市调度办"), Role.DISPATCHER))
    make_ledger(shandong["weifang"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/ledgers/").status_code == 200
        return len(queries)

    one = count()
    make_ledger(shandong["weifang"], text=SAMPLE_004.read_text(encoding="utf-8"), filename="004.txt")
    assert count() == one


def test_review_page_lists_flagged_quantities_first_with_their_reasons(
    dispatcher_client: Client, shandong: dict[str, Any]
) -> None:
    text = "潍坊市海洋发展和渔业局2025年工作要点\n\n一、任务\n确保到2026年海洋生产总值达到500亿元。建成海洋牧场3处。\n"
    ledger = make_ledger(shandong["weifang"], text=text, filename="待核对.txt")
    sure = LedgerQuantity.objects.get(ledger=ledger, quote="500亿元")
    unsure = LedgerQuantity.objects.get(ledger=ledger, quote="3处")
    assert (sure.review_flags, unsure.review_flags) == ([], ["目标无力度词且无期限"])
    page = dispatcher_client.get(f"/ledgers/{ledger.pk}/").content.decode()
    group = page.index('id="to-check"')
    rows = [match.start() for match in re.finditer(rf'data-quantity="{unsure.pk}"', page)]
    assert len(rows) == 2  # in the 待核对 group and again under its task
    assert group < rows[0] < page.index(f'data-quantity="{sure.pk}"')
    assert "待核对: 目标无力度词且无期限" in page


def test_history_tab_query_count_does_not_grow_with_changed_items(
    dispatcher_client: Client, shandong: dict[str, Any]
) -> None:
    ledger = make_ledger(shandong["weifang"], text=SAMPLE_004.read_text(encoding="utf-8"), filename="004.txt")
    dispatcher = User.objects.get(role=Role.DISPATCHER)
    tasks = list(ledger.tasks.order_by("pk")[:4])
    assert len(tasks) == 4
    task_update(actor=dispatcher, task=tasks[0], reason="标题有误", title="第1项任务")
    one = _queries(dispatcher_client, f"/ledgers/{ledger.pk}/?tab=history")
    for number, task in enumerate(tasks[1:], start=2):
        task_update(actor=dispatcher, task=task, reason="标题有误", title=f"第{number}项任务")

    assert _queries(dispatcher_client, f"/ledgers/{ledger.pk}/?tab=history") == one
    page = dispatcher_client.get(f"/ledgers/{ledger.pk}/?tab=history").content.decode()
    assert [f"第{number}项任务" in page for number in range(1, 5)] == [True] * 4
    assert page.count("标题有误") == 4
