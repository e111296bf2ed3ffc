from django.urls import URLPattern, URLResolver, path  # noqa: F401

app_name = "core"
urlpatterns: list[URLPattern | URLResolver] = []
