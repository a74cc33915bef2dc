from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from blueledger.dispatch.demo import demo_registry_round_load, demo_round_load
from blueledger.dispatch.generate import province_generate
from blueledger.ledgers.imports import samples_import_and_publish
from blueledger.orgs.models import Department
from blueledger.orgs.services import departments_load_file
from blueledger.projects.fixtures import qingdao_fixture_load, qingdao_leads_load
from blueledger.users.choices import Role
from blueledger.users.models import User
from blueledger.users.services import user_create

# Local trial only: these passwords are printed on every run. Never load the demo on a real deployment.
DEMO_ACCOUNTS = (
    ("admin", "demo-admin-2026", Role.ADMIN, "370200", "市海洋发展局", "系统管理员"),
    ("dispatcher", "demo-dispatch-2026", Role.DISPATCHER, "370200", "市海洋发展局", "调度办 王调度"),
    ("reporter", "demo-report-2026", Role.REPORTER, "370211", "区海洋发展局", "黄岛区 李填报"),
    ("viewer", "demo-view-2026", Role.VIEWER, "371000", "市海洋发展局", "威海 赵查看"),
    # The demo reporting rounds run on the Weifang plan (October 2025) and the Qingdao summary (June 2023).
    ("wf-dispatcher", "demo-wf-dispatch-2026", Role.DISPATCHER, "370700", "市海渔局", "潍坊 孙调度"),
    ("wf-reporter", "demo-wf-report-2026", Role.REPORTER, "370700", "市发改委", "潍坊市发改委 周填报"),
)


class Command(BaseCommand):
    help = "载入演示数据 (仅供本机试用): 区划、种子文件中的部门、每个角色一个用户。可重复运行 / Load demo data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", choices=["province"], help="另生成全省规模的调度数据 (压力测试用) / province-scale dispatch data"
        )
        parser.add_argument("--scale-factor", type=float, default=1.0, help="全省规模数据的比例 (默认 1.0)")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("refdata", stdout=self.stdout)
        created = departments_load_file(actor=None)
        self.stdout.write(f"部门单位: 新建 {created}")
        for outcome in samples_import_and_publish(actor=None):
            state = "导入并发布" if outcome.imported else "已存在"
            self.stdout.write(f"示例台账: {outcome.filename} {state} — {outcome.ledger.title}")
        created_projects = qingdao_fixture_load(actor=None)
        self.stdout.write(f"青岛重点项目 (2023年1–6月): 新建 {created_projects}")
        self.stdout.write(f"青岛招商线索 (2023年上半年): 新建 {qingdao_leads_load(actor=None)}")
        for demo_round in (demo_round_load(), demo_registry_round_load()):
            if demo_round is None:
                self.stdout.write("调度通报: 示例台账未发布, 跳过演示轮次")
            else:
                state = demo_round.get_status_display()
                self.stdout.write(f"调度通报: {demo_round.ledger.title} · {demo_round.title} ({state})")
        if options.get("scale") == "province":
            summary = province_generate(factor=options.get("scale_factor") or 1.0)
            self.stdout.write(f"全省规模调度数据: {summary}")
        self.stdout.write("\n演示账号 (仅供本机试用 / local demo only):")
        for username, password, role, region_code, short_name, display_name in DEMO_ACCOUNTS:
            if not User.objects.filter(username=username).exists():
                department = Department.objects.get(region__code=region_code, short_name=short_name)
                user_create(
                    actor=None,
                    username=username,
                    password=password,
                    role=role,
                    department=department,
                    display_name=display_name,
                    check_password_strength=False,
                )
            self.stdout.write(f"  {Role(role).label:<6} 用户名 {username:<11} 密码 {password}")
