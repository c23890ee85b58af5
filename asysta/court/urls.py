from django.urls import path

from asysta.court import views

app_name = "court"

urlpatterns = [
    path("<int:pk>/sad/", views.request_list, name="list"),
    path("<int:pk>/sad/nowy/", views.request_create, name="request_create"),
    path("<int:pk>/sad/<int:court_request_pk>/", views.request_detail, name="request_detail"),
    path("<int:pk>/sad/<int:court_request_pk>/edycja/", views.request_edit, name="request_edit"),
    path(
        "<int:pk>/sad/<int:court_request_pk>/opinia/nowa/",
        views.opinion_draft,
        name="opinion_draft",
    ),
    path("<int:pk>/sad/<int:court_request_pk>/opinia/", views.opinion_edit, name="opinion_edit"),
    path(
        "<int:pk>/sad/<int:court_request_pk>/zatwierdzenie/",
        views.opinion_approve,
        name="opinion_approve",
    ),
    path("<int:pk>/sad/<int:court_request_pk>/wysylka/", views.opinion_send, name="opinion_send"),
    path("<int:pk>/sad/pisma/", views.notice_list, name="notices"),
    path("<int:pk>/sad/pisma/nowe/", views.notice_create, name="notice_create"),
]
