from django.urls import path

from asysta.families import basis_views, search_views, views
from asysta.families.views import blue_card as blue_card_views

app_name = "families"

urlpatterns = [
    path("", views.family_list, name="list"),
    path("nowa/", views.family_create, name="create"),
    path("szukaj/", search_views.family_search, name="search"),
    path("<int:pk>/", views.family_detail, name="detail"),
    path("<int:pk>/edycja/", views.family_edit, name="edit"),
    path("<int:pk>/osoby/nowa/", views.member_create, name="member_create"),
    path("<int:pk>/osoby/<int:member_pk>/", views.member_edit, name="member_edit"),
    path("<int:pk>/dostep/", views.access_log, name="access_log"),
    # legal basis: consent, court order, Za życiem
    path("<int:pk>/zgody/nowa/", basis_views.consent_add, name="basis_consent"),
    path(
        "<int:pk>/zgody/<int:consent_pk>/wycofanie/",
        basis_views.consent_withdraw,
        name="basis_withdraw",
    ),
    path("<int:pk>/postanowienia/nowe/", basis_views.court_order_add, name="basis_court"),
    path("<int:pk>/za-zyciem/nowy/", basis_views.za_zyciem_add, name="basis_za_zyciem"),
    # the family record (metryczka): children outside the family, problems, Niebieska Karta
    path("<int:pk>/poza-rodzina/nowe/", views.placement_create, name="placement_create"),
    path("<int:pk>/poza-rodzina/<int:placement_pk>/", views.placement_edit, name="placement_edit"),
    path(
        "<int:pk>/poza-rodzina/<int:placement_pk>/koniec/",
        views.placement_end,
        name="placement_end",
    ),
    path("<int:pk>/problemy/", views.problems_edit, name="problems"),
    path("<int:pk>/niebieska-karta/nowa/", views.blue_card_start, name="blue_card_start"),
    path(
        "<int:pk>/niebieska-karta/<int:blue_card_pk>/koniec/",
        views.blue_card_end,
        name="blue_card_end",
    ),
    # Niebieska Karta: the NK-A form, dispatch to the team, receipt, the group's first meeting
    path("<int:pk>/niebieska-karta/nk-a/", blue_card_views.blue_card_nka, name="blue_card_nka"),
    path(
        "<int:pk>/niebieska-karta/<int:blue_card_pk>/edycja/",
        blue_card_views.blue_card_edit,
        name="blue_card_edit",
    ),
    path(
        "<int:pk>/niebieska-karta/<int:blue_card_pk>/przekazanie/",
        blue_card_views.blue_card_dispatch,
        name="blue_card_dispatch",
    ),
    path(
        "<int:pk>/niebieska-karta/<int:blue_card_pk>/otrzymanie/",
        blue_card_views.blue_card_receipt,
        name="blue_card_receipt",
    ),
    path(
        "<int:pk>/niebieska-karta/<int:blue_card_pk>/grupa/",
        blue_card_views.blue_card_gdp,
        name="blue_card_gdp",
    ),
]
