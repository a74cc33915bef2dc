from django.apps import AppConfig


class FisheriesConfig(AppConfig):
    name = "blueledger.fisheries"
    verbose_name = "渔船监管"
