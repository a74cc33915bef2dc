"""The organisations panel of the 工作台: for administrators, the reference data they keep and its latest
changes."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from blueledger.core.desk import DeskCount, DeskEntry, DeskPanel
from blueledger.core.permissions import can_edit_reference_data
from blueledger.orgs.selectors import department_list, department_recent_changes, region_list

RECENT_CHANGES = 10


def desk_panels(*, user: Any) -> list[DeskPanel]:
    if not can_edit_reference_data(user):
        return []
    changes = department_recent_changes(user=user, limit=RECENT_CHANGES)
    return [
        DeskPanel(
            title="基础数据",
            counts=(
                DeskCount("regions", "行政区划", region_list(user=user).count(), reverse("orgs:region_list")),
                DeskCount("departments", "部门单位", department_list(user=user).count(),
                          reverse("orgs:department_list")),
            ),
            entries=tuple(
                DeskEntry(
                    key="change",
                    text=f"{change['kind_label']}: {change['label']}",
                    url=reverse("orgs:department_list"),
                    detail=f"{timezone.localtime(change['when']):%Y-%m-%d %H:%M} {change['who']} {change['action']}",
                )
                for change in changes
            ),
            order=90,
            note="暂无变更记录。",
        )
    ]
