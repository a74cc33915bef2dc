from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "blueledger.economy"
    verbose_name = "海洋经济"

    def ready(self) -> None:
        # Dispatch reads bound economy figures through its source registry, never by importing this app.
        from blueledger.dispatch.sources import figure_source_register
        from blueledger.economy.round_source import economy_round_figures

        figure_source_register("economy", economy_round_figures)
        # `blueledger remind` runs the form rounds' 催报 beside dispatch's, through core.reminders.
        from blueledger.core.reminders import scheduled_reminders_register
        from blueledger.economy.services import form_reminders_run

        scheduled_reminders_register("报表催报", lambda today: form_reminders_run(today=today))
