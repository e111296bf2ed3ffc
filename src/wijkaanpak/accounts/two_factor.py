"""Two-factor authentication (TOTP via django-otp): who needs it, and the rule registry.

Who must use a second factor (`selectors.user_requires_2fa`):
- superusers and staff (they reach the admin with everybody's data),
- users with `User.requires_two_factor` set (an administrator can flag anyone),
- users matched by a rule that another app registered here, e.g. the outreach app registers
  "has a role that sees personal data" in its AppConfig.ready():

      from wijkaanpak.accounts.two_factor import register_two_factor_rule
      register_two_factor_rule(lambda user: user.outreach_roles.exists())

Demo users (created by services.demo_user_create, e-mail @demo.invalid) are exempt only
while DEBUG is on; with DEBUG off the demo password is refused outright (backends.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wijkaanpak.accounts.models import User

TwoFactorRule = Callable[["User"], bool]
_RULES: list[TwoFactorRule] = []

DEMO_EMAIL_DOMAIN = "@demo.invalid"


def register_two_factor_rule(rule: TwoFactorRule) -> TwoFactorRule:
    """Add a rule `rule(user) -> bool`; a user matched by any rule needs 2FA. Usable as decorator."""
    if rule not in _RULES:
        _RULES.append(rule)
    return rule


def unregister_two_factor_rule(rule: TwoFactorRule) -> None:
    if rule in _RULES:
        _RULES.remove(rule)


def two_factor_rules() -> tuple[TwoFactorRule, ...]:
    return tuple(_RULES)


def is_demo_user(user: User | AnonymousUser) -> bool:
    return bool(getattr(user, "email", "").endswith(DEMO_EMAIL_DOMAIN))


def demo_exempt(user: User | AnonymousUser) -> bool:
    return bool(settings.DEBUG) and is_demo_user(user)
