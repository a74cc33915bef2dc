from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "blueledger.orgs"
    verbose_name = "组织机构"
