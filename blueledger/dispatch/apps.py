from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "blueledger.dispatch"
    verbose_name = "调度通报"
