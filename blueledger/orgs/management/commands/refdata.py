from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand

from blueledger.orgs.services import regions_load_reference


class Command(BaseCommand):
    help = "载入参考数据: 山东沿海行政区划 (GB/T 2260) 及各模块的参考数据。可重复运行 / Load reference data."

    def handle(self, *args: Any, **options: Any) -> None:
        created, updated = regions_load_reference(actor=None)
        self.stdout.write(f"行政区划: 新建 {created}, 更新 {updated}")
        # Each app contributes its reference data as `refdata_load(*, write)` in its own `refdata.py`,
        # so this command imports no app above core.
        for app_config in apps.get_app_configs():
            name = f"{app_config.name}.refdata"
            if app_config.name.startswith("blueledger.") and find_spec(name) is not None:
                import_module(name).refdata_load(write=self.stdout.write)
