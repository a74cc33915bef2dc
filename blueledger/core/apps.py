from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "blueledger.core"
    verbose_name = "平台核心"
