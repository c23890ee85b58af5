from django.urls import path

from asysta.documents.views import documents, templates

app_name = "documents"

DOCUMENT = "dokumenty/<int:document_pk>/"
TEMPLATES = "dokumenty/szablony/"

urlpatterns = [
    path("rodziny/<int:pk>/dokumenty/", documents.family_list, name="family_list"),
    path("rodziny/<int:pk>/dokumenty/nowy/", documents.generate, name="generate"),
    path("dokumenty/moje/", documents.own_list, name="own_list"),
    path("dokumenty/nowy/", documents.generate_own, name="generate_own"),
    path(DOCUMENT, documents.detail, name="detail"),
    path(DOCUMENT + "pobierz/", documents.download, name="download"),
    path(DOCUMENT + "wyslany/", documents.mark_sent, name="mark_sent"),
    path(TEMPLATES, templates.template_list, name="templates"),
    path(TEMPLATES + "nowy/", templates.template_upload, name="template_upload"),
    path(
        TEMPLATES + "<slug:code>/domyslny.docx", templates.template_default, name="template_default"
    ),
    path(
        TEMPLATES + "<slug:code>/domyslny/uzywaj/",
        templates.template_use_default,
        name="template_use_default",
    ),
    path(
        TEMPLATES + "wersje/<int:template_pk>/",
        templates.template_download,
        name="template_download",
    ),
    path(
        TEMPLATES + "wersje/<int:template_pk>/uzywaj/",
        templates.template_activate,
        name="template_activate",
    ),
    path("dokumenty/pola/", templates.fields_help, name="help"),
]
