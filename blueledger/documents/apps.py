from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "blueledger.documents"
    verbose_name = "文件"
