from typing import Any

from django.core.management.base import BaseCommand

from blueledger.orgs.services import regions_load_reference


class Command(BaseCommand):
    help = "载入参考数据: 山东沿海行政区划 (GB/T 2260)。可重复运行 / Load reference data (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        created, updated = regions_load_reference(actor=None)
        self.stdout.write(f"行政区划: 新建 {created}, 更新 {updated}")
