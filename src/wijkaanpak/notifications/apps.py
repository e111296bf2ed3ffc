from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "wijkaanpak.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # The e-mail job and the daily digest schedule.
        # The coordinator's start page: failed background jobs (core/attention.py).
        from wijkaanpak.core.attention import attention_register
        from wijkaanpak.notifications import tasks  # noqa: F401
        from wijkaanpak.notifications.attention import failed_jobs

        attention_register("failed_jobs", failed_jobs)
