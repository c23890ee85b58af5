from django.urls import path

from asysta.assessments import views

app_name = "assessments"

FAMILY = "rodziny/<int:pk>/"
DIAGNOSIS = FAMILY + "ocena-wstepna/<int:diagnosis_pk>/"
ASSESSMENT = FAMILY + "oceny/<int:assessment_pk>/"
MEETING = FAMILY + "zespoly/<int:meeting_pk>/"

urlpatterns = [
    # initial diagnosis (ocena wstępna)
    path(FAMILY + "ocena-wstepna/nowa/", views.diagnosis_create, name="diagnosis_create"),
    path(DIAGNOSIS, views.diagnosis_detail, name="diagnosis_detail"),
    path(DIAGNOSIS + "edycja/", views.diagnosis_edit, name="diagnosis_edit"),
    # periodic assessments
    path(FAMILY + "oceny/", views.assessment_list, name="list"),
    path(FAMILY + "oceny/nowa/", views.assessment_create, name="create"),
    path(ASSESSMENT, views.assessment_detail, name="detail"),
    path(ASSESSMENT + "edycja/", views.assessment_edit, name="edit"),
    path(ASSESSMENT + "cele/", views.assessment_rate, name="rate"),
    path(ASSESSMENT + "przekazanie/", views.assessment_submit, name="submit"),
    path(ASSESSMENT + "zapoznanie/", views.assessment_acknowledge, name="acknowledge"),
    path(ASSESSMENT + "wysylka/", views.assessment_dispatch, name="dispatch"),
    # team meetings (zespół ds. oceny sytuacji rodziny)
    path(FAMILY + "zespoly/", views.meeting_list, name="meeting_list"),
    path(FAMILY + "zespoly/nowe/", views.meeting_create, name="meeting_create"),
    path(MEETING, views.meeting_detail, name="meeting_detail"),
    path(MEETING + "edycja/", views.meeting_edit, name="meeting_edit"),
    path(MEETING + "zadania/nowe/", views.meeting_task_add, name="meeting_task_add"),
    path(
        MEETING + "zadania/<int:task_pk>/wykonane/",
        views.meeting_task_done,
        name="meeting_task_done",
    ),
]
