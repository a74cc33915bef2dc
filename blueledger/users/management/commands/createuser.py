import getpass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from blueledger.core.editing import error_text
from blueledger.orgs.models import Department, Region
from blueledger.orgs.selectors import department_resolve
from blueledger.users.choices import Role
from blueledger.users.services import user_create


class Command(BaseCommand):
    help = (
        "新建用户 / create a user: "
        "blueledger createuser 用户名 --role dispatcher --region 370200 --department 市海洋发展局"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values, help="admin / dispatcher / reporter / viewer")
        parser.add_argument("--region", required=True, help="所属区划代码, 如 370200")
        parser.add_argument("--department", required=True, help="所属单位的全称、简称或别名")
        parser.add_argument("--display-name", default="")
        parser.add_argument("--password", help="不给出则交互输入 / prompted when omitted")

    def handle(self, *args: Any, **options: Any) -> None:
        region = Region.objects.filter(code=options["region"]).first()
        if region is None:
            raise CommandError(f"未知的区划代码 {options['region']}。先运行 blueledger refdata。")
        department: Department | None = department_resolve(region=region, written_name=options["department"])
        if department is None:
            raise CommandError(f"{region.name}没有名为“{options['department']}”的部门单位。")
        password = options["password"] or getpass.getpass("密码 password: ")
        try:
            user = user_create(
                actor=None,
                username=options["username"],
                password=password,
                role=options["role"],
                department=department,
                display_name=options["display_name"],
            )
        except ValidationError as error:
            raise CommandError(error_text(error)) from None
        self.stdout.write(f"已新建用户 {user.username} ({user.get_role_display()}, {department.name})")
