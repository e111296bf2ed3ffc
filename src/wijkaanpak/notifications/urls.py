from django.urls import path

from wijkaanpak.notifications import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.inbox, name="inbox"),
    path("notifications/read-all/", views.mark_all_read, name="read_all"),
    path("notifications/<int:notification_id>/read/", views.mark_read, name="read"),
    path("notifications/preferences/", views.preferences, name="preferences"),
    path("jobs/", views.jobs, name="jobs"),
    path("outbox/", views.outbox, name="outbox"),
]
