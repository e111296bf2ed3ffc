from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wijkaanpak.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from wijkaanpak.accounts.models import User
        from wijkaanpak.accounts.signals import user_saved

        post_save.connect(user_saved, sender=User, dispatch_uid="accounts.tokens_end")
