from django.apps import AppConfig


class FisheriesConfig(AppConfig):
    name = "blueledger.fisheries"
    verbose_name = "渔船监管"

    def ready(self) -> None:
        # Dispatch reads the moratorium figures through its source registry, never by importing this app.
        from blueledger.dispatch.sources import figure_source_register
        from blueledger.fisheries.round_source import fisheries_round_figures

        figure_source_register("fisheries", fisheries_round_figures)
