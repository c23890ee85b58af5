from django.urls import path

from asysta.intake import views

app_name = "intake"

urlpatterns = [
    path("rodziny/<int:pk>/przydziel/", views.assign, name="assign"),
    path("obciazenie/", views.capacity, name="capacity"),
]
