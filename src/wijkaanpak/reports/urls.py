from django.urls import path

from wijkaanpak.reports import views

app_name = "reports"
urlpatterns = [
    path("programmas/<slug:slug>/rapportage/<int:year>/", views.report_year, name="year"),
]
