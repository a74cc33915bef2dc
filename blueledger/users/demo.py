"""The accounts part of `blueledger demo`, last: one account per role, with its password printed."""

from collections.abc import Callable

from blueledger.orgs.models import Department
from blueledger.users.choices import Role
from blueledger.users.models import User
from blueledger.users.services import user_create

DEMO_ORDER = 90

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


def demo_load(*, write: Callable[[str], None], province_scale: float | None) -> None:
    write("\n演示账号 (仅供本机试用 / local demo only):")
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
        write(f"  {Role(role).label:<6} 用户名 {username:<11} 密码 {password}")
