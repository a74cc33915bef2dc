from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "blueledger.core"
    verbose_name = "平台核心"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")  # each app's job handlers (core/jobs.py: @job_handler)
