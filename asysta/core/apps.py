from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "asysta.core"
    label = "core"
    verbose_name = "Podstawy"
