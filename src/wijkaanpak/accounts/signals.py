"""Tokens die with their holder's password or account (connected in AccountsConfig.ready())."""

from __future__ import annotations

from typing import Any

from wijkaanpak.accounts import services


def user_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A deactivated user, or one whose password was just set, keeps no API token.

    `_password` holds the new raw password from `set_password()` until the save completes.
    The password fingerprint on each token (models.ApiToken) catches other ways of changing
    the hash; deleting here also keeps the lists of tokens honest."""
    if kwargs.get("raw"):
        return  # loading a backup or fixture
    if not instance.is_active or getattr(instance, "_password", None) is not None:
        services.api_tokens_end_for_user(user=instance)
        return
    # Made staff or flagged for two-factor authentication: tokens issued without a second
    # factor end now (other rules, such as outreach roles, are checked at the token's use).
    services.api_tokens_end_without_second_factor(user=instance)
