from django.urls import path

from asysta.attachments import views

app_name = "attachments"

ATTACHMENT = "<int:pk>/zalaczniki/<int:attachment_pk>/"

urlpatterns = [
    path("<int:pk>/zalaczniki/", views.attachment_list, name="list"),
    path("<int:pk>/zalaczniki/nowy/", views.upload, name="upload"),
    path(ATTACHMENT + "pobierz/", views.download, name="download"),
    path(ATTACHMENT + "usun/", views.remove, name="remove"),
]
