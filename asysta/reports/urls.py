"""Reports: the pages of each report (views), submitted snapshots and background exports
(snapshot_views) and the dashboards (dashboard_views). Each module lists its own paths."""

from asysta.reports import dashboard_views, snapshot_views, views

app_name = "reports"

urlpatterns = [*views.urlpatterns, *snapshot_views.urlpatterns, *dashboard_views.urlpatterns]
