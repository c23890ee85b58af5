from django.urls import path

from asysta.plans.views import content, plans, steps

app_name = "plans"

# Included under rodziny/<int:pk>/plany/ (pk = the family).
PLAN = "<int:plan_pk>/"
GOAL = PLAN + "cele/<int:goal_pk>/"
ACTION = PLAN + "dzialania/<int:action_pk>/"

urlpatterns = [
    path("", plans.plan_list, name="list"),
    path("nowy/", plans.plan_create, name="create"),
    path(PLAN, plans.plan_detail, name="detail"),
    path(PLAN + "edycja/", plans.plan_edit, name="edit"),
    # goals and actions
    path(PLAN + "cele/nowy/", content.goal_create, name="goal_create"),
    path(GOAL, content.goal_edit, name="goal_edit"),
    path(GOAL + "usun/", content.goal_delete, name="goal_delete"),
    path(GOAL + "dzialania/nowe/", content.action_create, name="action_create"),
    path(ACTION, content.action_edit, name="action_edit"),
    path(ACTION + "usun/", content.action_delete, name="action_delete"),
    path(ACTION + "realizacja/", content.action_progress, name="action_progress"),
    # the course of the plan
    path(PLAN + "konsultacja/", steps.consultation, name="consultation"),
    path(PLAN + "uzgodnienie/", steps.agree, name="agree"),
    path(PLAN + "do-projektu/", steps.reopen, name="reopen"),
    path(PLAN + "zatwierdzenie/", steps.approve, name="approve"),
    path(PLAN + "wejscie-w-zycie/", steps.put_in_force, name="in_force"),
    path(PLAN + "nowa-wersja/", steps.new_version, name="new_version"),
    path(PLAN + "odrzucenie/", steps.discard, name="discard"),
]
