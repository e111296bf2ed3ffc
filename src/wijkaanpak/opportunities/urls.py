from django.urls import path

from wijkaanpak.opportunities import views

app_name = "opportunities"
urlpatterns = [
    path("<int:pk>/", views.opportunity_detail, name="detail"),
    path("<int:pk>/voortgang/", views.progress_update_create, name="progress_create"),
    path("<int:pk>/status/", views.status_change, name="status_change"),
    path("metingen/<int:pk>/waarde/", views.measure_value_record, name="measure_value_record"),
]
