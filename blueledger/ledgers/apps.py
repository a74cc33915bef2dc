from django.apps import AppConfig


class LedgersConfig(AppConfig):
    name = "blueledger.ledgers"
    verbose_name = "计划台账"
