"""`blueledger changepassword [用户名]`: Django's command of that name (same arguments, same three tries), with
the change made by users.services.user_set_password, the one place a password changes: it is in the user's
history (by the command line, reason 命令行修改密码) and the user's API tokens are deleted.

It replaces django.contrib.auth's command because blueledger.users comes before django.contrib.auth in
INSTALLED_APPS (Django takes a command from the app listed first)."""

import getpass
from typing import Any

from django.contrib.auth.management.commands import changepassword
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from blueledger.core.editing import error_text
from blueledger.users.models import User
from blueledger.users.services import user_set_password

MAX_TRIES = 3
REASON = "命令行修改密码"


class Command(changepassword.Command):
    help = "修改用户的密码 / change a user's password: 记入该用户的历史, 并作废其 API 令牌"

    def _get_pass(self, prompt: str = "新密码 password: ") -> str:
        password = getpass.getpass(prompt=prompt)
        if not password:
            raise CommandError("已取消: 未输入密码。")
        return password

    def handle(self, *args: Any, **options: Any) -> str:
        username = options["username"] or getpass.getuser()
        user = User.objects.using(options["database"]).filter(username=username).first()
        if user is None:
            raise CommandError(f"用户“{username}”不存在。")
        self.stdout.write(f"修改用户“{user.username}”的密码")
        for _ in range(MAX_TRIES):
            password = self._get_pass()
            if self._get_pass("再输一次 again: ") != password:
                self.stderr.write("两次输入的密码不一致, 请重试。")
                continue
            try:
                user_set_password(actor=None, user=user, password=password, reason=REASON)
            except ValidationError as error:
                self.stderr.write(error_text(error))
                continue
            return f"已修改用户“{user.username}”的密码, 其 API 令牌已作废。"
        raise CommandError(f"{MAX_TRIES} 次均未成功, 用户“{user.username}”的密码未修改。")
