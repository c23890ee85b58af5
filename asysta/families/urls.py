from django.urls import path

from asysta.families import views

app_name = "families"

urlpatterns = [
    path("", views.family_list, name="list"),
    path("nowa/", views.family_create, name="create"),
    path("<int:pk>/", views.family_detail, name="detail"),
    path("<int:pk>/edycja/", views.family_edit, name="edit"),
    path("<int:pk>/osoby/nowa/", views.member_create, name="member_create"),
    path("<int:pk>/osoby/<int:member_pk>/", views.member_edit, name="member_edit"),
    path("<int:pk>/dostep/", views.access_log, name="access_log"),
]
