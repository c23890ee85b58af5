from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    """One timeline per family of every event recorded by the other apps (no models)."""

    name = "asysta.chronology"
    label = "chronology"
    verbose_name = "Chronologia sprawy"
