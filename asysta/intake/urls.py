from django.urls import path

from asysta.intake import (
    handover_views,
    import_views,
    referral_decision_views,
    referral_views,
    views,
)

app_name = "intake"

# requests (referrals), decisions, the queue
REF = "rodziny/<int:pk>/wnioski/<int:referral_pk>/"
rv, dv = referral_views, referral_decision_views
referral_patterns = [
    path("kolejka/", rv.queue, name="queue"),
    path("rodziny/<int:pk>/wnioski/nowy/", rv.referral_create, name="referral_create"),
    path(REF, rv.referral_detail, name="referral_detail"),
    path(REF + "termin-wywiadu/", rv.referral_schedule, name="referral_schedule"),
    path(REF + "wywiad/", rv.referral_interview, name="referral_interview"),
    path(REF + "analiza/", rv.referral_analysis, name="referral_analysis"),
    path(REF + "zamkniecie/", rv.referral_close, name="referral_close"),
    path(REF + "zlozenie/", rv.referral_file, name="referral_file"),
    path(REF + "decyzja/", dv.referral_decide, name="referral_decide"),
    path(REF + "decyzja/przydzial/", dv.decide_assign, name="referral_decide_assign"),
    path(REF + "decyzja/przekazanie/", dv.decide_pass_on, name="referral_decide_pass_on"),
    path(REF + "decyzja/kolejka/", dv.decide_queue, name="referral_decide_queue"),
    path(REF + "decyzja/odmowa/", dv.decide_refuse, name="referral_decide_refuse"),
    path(REF + "z-kolejki/", rv.referral_assign_from_queue, name="referral_assign_from_queue"),
    path(REF + "pierwsze-spotkanie/", rv.referral_first_meeting, name="referral_first_meeting"),
]

# spreadsheet import
import_patterns = [
    path("import/", import_views.import_upload, name="import"),
    path("import/zatwierdz/", import_views.import_confirm, name="import_confirm"),
    path("import/wzor.xlsx", import_views.import_template_xlsx, name="import_template_xlsx"),
    path("import/wzor.csv", import_views.import_template_csv, name="import_template_csv"),
]

urlpatterns = [
    *referral_patterns,
    *import_patterns,
    path("rodziny/<int:pk>/przydziel/", views.assign, name="assign"),
    path("obciazenie/", views.capacity, name="capacity"),
    path("przekazanie/<int:user_pk>/", handover_views.handover_view, name="handover"),
    path(
        "przydzialy/<int:assignment_pk>/pierwsze-spotkanie/",
        handover_views.first_contact,
        name="first_contact",
    ),
]
