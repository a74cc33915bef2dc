from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "blueledger.projects"
    verbose_name = "重点项目"
