"""The accounts part of `blueledger demo`, last: one account per role and city scenario, printed with its
password and what to try with it."""

from collections.abc import Callable

from blueledger.orgs.models import Department
from blueledger.users.choices import Role
from blueledger.users.models import User
from blueledger.users.services import user_create

DEMO_ORDER = 90

# Local trial only: these passwords are printed on every run. Never load the demo on a real deployment.
# (username, password, role, region code, department short name, display name, scenario, what to try)
DEMO_ACCOUNTS = (
    ("wh-dispatcher", "demo-wh-dispatch-2026", Role.DISPATCHER, "371000", "市委海洋办", "威海 孙调度",
     "威海 · 调度通报",
     "工作台待办与三色督办; 2023年工作思路的调度: 发起、截止调度, 催报, 退回, 看板、排名、通报与 Excel 导出"),
    ("wh-reporter", "demo-wh-report-2026", Role.REPORTER, "371000", "市海洋发展局", "威海市海洋发展局 周填报",
     "威海 · 调度通报", "工作台待填报; 按卡片填报本单位事项 (手机可用), 拍照上传佐证, Excel 模板填报"),
    ("viewer", "demo-view-2026", Role.VIEWER, "371000", "市委海洋办", "威海 赵查看",
     "威海 · 调度通报", "只读: 调度概况、看板与排名"),
    ("wh-leader", "demo-wh-lead-2026", Role.LEADER, "371000", "市委海洋委", "威海 钱领导",
     "威海 · 调度通报", "在事项、单位报送和通报上作批示; 工作台跟踪批示落实情况"),
    ("dispatcher", "demo-dispatch-2026", Role.DISPATCHER, "370200", "市海洋发展局", "调度办 王调度",
     "青岛 · 台账与重点项目", "导入、审核、发布台账; 重点项目库; 2021年度业务目标的年终调度"),
    ("reporter", "demo-report-2026", Role.REPORTER, "370211", "区海洋发展局", "黄岛区 李填报",
     "青岛 · 台账与重点项目", "黄岛区: 重点项目月度调度"),
    ("wf-dispatcher", "demo-wf-dispatch-2026", Role.DISPATCHER, "370700", "市海渔局", "潍坊 吴调度",
     "潍坊 · 海洋经济",
     "2024年度调度 (样例004): 海洋生产总值、集聚区数量等目标由平台取数并附目标轨迹; "
     "海洋经济: 目标轨迹、看板、报表填报、即时预测、集聚区评价"),
    ("admin", "demo-admin-2026", Role.ADMIN, "370200", "市海洋发展局", "系统管理员",
     "全部", "区划、部门单位与账号; 可查看全部数据"),
)


def demo_load(*, write: Callable[[str], None], province_scale: float | None) -> None:
    write("\n演示账号 (仅供本机试用 / local demo only):")
    scenario = ""
    for username, password, role, region_code, short_name, display_name, scenario_name, purpose in DEMO_ACCOUNTS:
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
        if scenario_name != scenario:
            scenario = scenario_name
            write(f" 【{scenario}】")
        write(f"  {Role(role).label:<6} 用户名 {username:<13} 密码 {password:<22} {purpose}")
