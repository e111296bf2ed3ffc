from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "wijkaanpak.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # The e-mail job and the daily digest schedule.
        from wijkaanpak.notifications import tasks  # noqa: F401
