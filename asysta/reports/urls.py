"""Reports: the pages of each report (views), submitted snapshots and background exports
(snapshot_views) and the dashboards (dashboard_views). Each module lists its own paths."""

from asysta.reports import dashboard_views, snapshot_views, views

app_name = "reports"

# The fixed paths ("sprawozdania/zlozone/", "sprawozdania/eksport-w-tle/") come before the
# report pages' "sprawozdania/<report>/", which would otherwise take them for a report's name.
urlpatterns = [*snapshot_views.urlpatterns, *dashboard_views.urlpatterns, *views.urlpatterns]
