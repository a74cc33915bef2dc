from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "blueledger.dispatch"
    verbose_name = "调度通报"

    def ready(self) -> None:
        from blueledger.core.reminders import scheduled_reminders_register
        from blueledger.dispatch import checks  # noqa: F401  (registers the chart-font check)
        from blueledger.dispatch.services.reminders import reminders_run

        scheduled_reminders_register("催报", lambda today: reminders_run(today=today))
