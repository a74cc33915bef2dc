from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "blueledger.core"
    verbose_name = "平台核心"

    def ready(self) -> None:
        from django.db.models import fields
        from django.utils.module_loading import autodiscover_modules
        from django.utils.translation import gettext_lazy

        autodiscover_modules("jobs")  # each app's job handlers (core/jobs.py: @job_handler)

        # Django 6.1's new blank choice ("- Select an option -") has no Chinese translation yet; Django asks
        # projects to set their own label here.
        fields.BLANK_CHOICE_LABEL = gettext_lazy("- 请选择 -")
