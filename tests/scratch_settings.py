"""Settings of the subprocesses in tests/scratch.py: the real ones with the suite's fast
password hasher (PBKDF2 made each `load_demo` there 7 seconds slower; hashing is not what
those tests are about)."""

from wijkaanpak.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
