from django.urls import path

from asysta.intake import handover_views, views

app_name = "intake"

urlpatterns = [
    path("rodziny/<int:pk>/przydziel/", views.assign, name="assign"),
    path("obciazenie/", views.capacity, name="capacity"),
    path("przekazanie/<int:user_pk>/", handover_views.handover_view, name="handover"),
    path(
        "przydzialy/<int:assignment_pk>/pierwsze-spotkanie/",
        handover_views.first_contact,
        name="first_contact",
    ),
]
