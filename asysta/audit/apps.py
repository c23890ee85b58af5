from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "asysta.audit"
    label = "audit"
    verbose_name = "Dziennik zdarzeń"
