from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "wijkaanpak.residents"
    verbose_name = _("Residents (ambassadors, signals, initiative fund)")

    def ready(self) -> None:
        # Scheduled work: retention of ambassadors', senders' and applicants' personal data.
        from wijkaanpak.residents import tasks  # noqa: F401
