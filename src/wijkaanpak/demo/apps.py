from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "wijkaanpak.demo"
    label = "demo"
    verbose_name = "Demo"
