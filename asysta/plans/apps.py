from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "asysta.plans"
    label = "plans"
    verbose_name = "Plan pracy z rodziną"

    def ready(self) -> None:
        from asysta.audit.registry import register
        from asysta.plans.models import Action, Goal, WorkPlan

        register(WorkPlan)
        register(Goal)
        register(Action)
