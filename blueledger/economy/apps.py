from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "blueledger.economy"
    verbose_name = "海洋经济"

    def ready(self) -> None:
        # Dispatch reads bound economy figures through its source registry, never by importing this app.
        from blueledger.dispatch.sources import figure_source_register
        from blueledger.economy.round_source import economy_round_figures

        figure_source_register("economy", economy_round_figures)
