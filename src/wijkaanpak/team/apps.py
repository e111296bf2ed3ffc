from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamConfig(AppConfig):
    name = "wijkaanpak.team"
    label = "team"
    verbose_name = _("Programme set-up and team")

    def ready(self) -> None:
        # The invitation e-mail job.
        from wijkaanpak.team import tasks  # noqa: F401
