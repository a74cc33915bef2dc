from collections.abc import Callable
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


def demo_modules() -> list[ModuleType]:
    """Each blueledger app's `demo` module, in its DEMO_ORDER. An app contributes its demo step as
    `demo_load(*, write, province_scale)` in its own `demo.py`, so this command imports no app above core."""
    modules = []
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.demo"
        if app_config.name.startswith("blueledger.") and find_spec(name) is not None:
            modules.append(import_module(name))
    return sorted(modules, key=lambda module: module.DEMO_ORDER)


class Command(BaseCommand):
    help = "载入演示数据 (仅供本机试用): 区划、种子文件中的部门、每个角色一个用户。可重复运行 / Load demo data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", choices=["province"], help="另生成全省规模的调度数据 (压力测试用) / province-scale dispatch data"
        )
        parser.add_argument("--scale-factor", type=float, default=1.0, help="全省规模数据的比例 (默认 1.0)")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("refdata", stdout=self.stdout)
        province_scale = (options.get("scale_factor") or 1.0) if options.get("scale") == "province" else None
        write: Callable[[str], None] = self.stdout.write
        for module in demo_modules():
            module.demo_load(write=write, province_scale=province_scale)
