"""`blueledger createsuperuser`: Django's command of that name (its prompts, checks, --noinput and
DJANGO_SUPERUSER_* variables unchanged), with the new account's history row attributed to the command line
with the reason 命令行新建超级管理员, and the account's role 系统管理员 (a superuser shown as 查看 would lose its
rights the first time the users page saves it: user_update derives is_superuser from the role).

users.services.user_create cannot take its place: it needs a department, which a first superuser has not.
It replaces django.contrib.auth's command because blueledger.users comes before django.contrib.auth in
INSTALLED_APPS (Django takes a command from the app listed first)."""

from typing import Any

from django.contrib.auth.management.commands import createsuperuser
from django.db.models.signals import pre_save

from blueledger.core.history import attribute_change
from blueledger.users.choices import Role
from blueledger.users.models import User

REASON = "命令行新建超级管理员"


def _attributed(sender: type[User], instance: User, **kwargs: Any) -> None:
    """Names the command line and the reason on the superuser Django's command saves, and makes it 系统管理员."""
    if instance._state.adding and instance.is_superuser:
        instance.role = Role.ADMIN
        attribute_change(instance, actor=None, reason=REASON)


class Command(createsuperuser.Command):
    help = "新建超级管理员 / create a superuser: 记入历史 (命令行新建超级管理员), 角色为系统管理员"

    def handle(self, *args: Any, **options: Any) -> None:
        pre_save.connect(_attributed, sender=User, dispatch_uid=__name__)
        try:
            super().handle(*args, **options)
        finally:
            pre_save.disconnect(sender=User, dispatch_uid=__name__)
