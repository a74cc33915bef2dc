from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "blueledger.dispatch"
    verbose_name = "调度通报"

    def ready(self) -> None:
        from blueledger.dispatch import checks  # noqa: F401  (registers the chart-font check)
