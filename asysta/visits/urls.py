from django.urls import path

from asysta.visits import views, workcard_views

app_name = "visits"

CONTACT = "rodziny/<int:pk>/kontakty/<int:contact_pk>/"

urlpatterns = [
    path("rodziny/<int:pk>/kontakty/", views.contact_list, name="contact_list"),
    path("rodziny/<int:pk>/kontakty/nowy/", views.contact_create, name="contact_create"),
    path(CONTACT, views.contact_detail, name="contact_detail"),
    path(CONTACT + "edycja/", views.contact_edit, name="contact_edit"),
    path(CONTACT + "korekta/", views.correction_add, name="correction_add"),
    # the monthly work card (karta pracy)
    path("karta-pracy/", workcard_views.work_card_current, name="work_card_current"),
    path("karta-pracy/<int:year>/<int:month>/", workcard_views.work_card, name="work_card"),
    # child-safety alerts
    path(
        "alerty-bezpieczenstwa/<int:alert_pk>/potwierdzenie/",
        workcard_views.alert_acknowledge,
        name="alert_acknowledge",
    ),
]
