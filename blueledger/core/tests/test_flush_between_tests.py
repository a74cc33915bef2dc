"""The flush that ends each transactional test (conftest's fast flush: one DELETE statement on PostgreSQL, no
post_migrate) leaves every table empty except content types and permissions, which it keeps as they were."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from blueledger.core.testing import make_department, make_user
from blueledger.orgs.services import regions_load_reference
from blueledger.projects.fixtures import qingdao_fixture_load
from blueledger.users.choices import Role


def _rows_by_table() -> dict[str, int]:
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True)
def test_the_flush_empties_every_table_but_keeps_content_types_and_permissions(shandong: dict[str, Any]) -> None:
    regions_load_reference(actor=None)
    make_user(make_department(shandong["qingdao"], "市海洋发展局"), Role.ADMIN, "admin")
    qingdao_fixture_load(actor=None)
    kept = (sorted(ContentType.objects.values_list("pk", "app_label", "model")),
            sorted(Permission.objects.values_list("pk", "codename", "content_type_id")))
    before = _rows_by_table()
    assert before["projects_project"] == 90 and before["users_user"] == 1 and kept[1] != []

    call_command("flush", verbosity=0, interactive=False, reset_sequences=False, allow_cascade=False,
                 inhibit_post_migrate=False)  # as pytest-django's teardown calls it

    after = _rows_by_table()
    assert {table for table, count in after.items() if count} == {"django_content_type", "auth_permission"}
    assert (sorted(ContentType.objects.values_list("pk", "app_label", "model")),
            sorted(Permission.objects.values_list("pk", "codename", "content_type_id"))) == kept
