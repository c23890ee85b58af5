from django.urls import include, path

from asysta.accounts.admin import site as admin_site
from asysta.intake import views as intake_views

urlpatterns = [
    path("", intake_views.home, name="home"),
    path("konto/", include("asysta.accounts.urls")),
    path("rodziny/", include("asysta.families.urls")),
    path("", include("asysta.intake.urls")),
    path("dziennik/", include("asysta.audit.urls")),
    path("rodziny/<int:pk>/plany/", include("asysta.plans.urls")),
    path("", include("asysta.visits.urls")),
    path("terminy/", include("asysta.deadlines.urls")),
    path("", include("asysta.assessments.urls")),
    path("rodziny/", include("asysta.court.urls")),
    path("rodziny/", include("asysta.closure.urls")),
    path("", include("asysta.chronology.urls")),
    path("", include("asysta.documents.urls")),
    path("rodziny/", include("asysta.attachments.urls")),
    path("", include("asysta.reports.urls")),
    path("administracja/", admin_site.urls),
]

handler403 = "asysta.core.views.permission_denied"
handler404 = "asysta.core.views.page_not_found"
handler500 = "asysta.core.views.server_error"
