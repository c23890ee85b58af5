from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "asysta.plans"
    label = "plans"
    verbose_name = "Plan pracy z rodziną"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from asysta.audit.registry import register
        from asysta.core.scope import forget
        from asysta.plans.models import Action, Goal, WorkPlan

        # The current versions are remembered within a request (`queries.current_versions`).
        post_save.connect(forget, sender=WorkPlan, dispatch_uid="plans-current")
        post_delete.connect(forget, sender=WorkPlan, dispatch_uid="plans-current-deleted")

        register(WorkPlan)
        register(Goal)
        register(Action)
