from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "blueledger.users"
    verbose_name = "用户与角色"
