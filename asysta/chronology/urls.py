from django.urls import path

from asysta.chronology import views

app_name = "chronology"

urlpatterns = [
    path("rodziny/<int:pk>/chronologia/", views.family_chronology, name="family"),
]
