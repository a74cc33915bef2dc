from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "blueledger.economy"
    verbose_name = "海洋经济"
