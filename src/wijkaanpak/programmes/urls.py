from django.urls import path

from wijkaanpak.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_index, name="index"),
]
