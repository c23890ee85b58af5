from django.urls import path

from asysta.closure import views

app_name = "closure"

CLOSURE = "<int:pk>/zakonczenie/<int:closure_pk>/"

urlpatterns = [
    path("<int:pk>/zakonczenie/", views.close, name="close"),
    path(CLOSURE, views.detail, name="detail"),
    path(CLOSURE + "ocena/", views.report_edit, name="report_edit"),
    path(CLOSURE + "monitoring/nowy/", views.monitoring_add, name="monitoring_add"),
    path(CLOSURE + "monitoring/koniec/", views.monitoring_end, name="monitoring_end"),
    path(CLOSURE + "wznowienie/", views.reopen, name="reopen"),
]
