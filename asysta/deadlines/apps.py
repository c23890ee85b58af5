from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "asysta.deadlines"
    label = "deadlines"
    verbose_name = "Terminy ustawowe"

    def ready(self) -> None:
        from asysta.deadlines import providers  # noqa: F401 - registers the deadline providers
