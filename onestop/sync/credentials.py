"""The central database's password: kept in the OS keyring, or asked for each time when the
machine has no keyring; never written to a file."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import keyring
from keyring.errors import KeyringError

SERVICE = "onestop-central"

NO_KEYRING_VI = (
    "Máy này không có kho mật khẩu của hệ điều hành (keyring): mật khẩu máy chủ trung tâm "
    "không được lưu lại và sẽ được hỏi mỗi lần đồng bộ."
)

# Asks the person at the counter for the password; gets the sentence to show. None: cancelled.
Prompt = Callable[[str], str | None]


def keyring_available() -> bool:
    """A real back end: the fail back end (and any of priority 0 or less) stores nothing."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration is the same as none
        return False
    if backend.__class__.__module__.startswith("keyring.backends.fail"):
        return False
    try:
        return float(backend.priority) > 0  # type: ignore[attr-defined]
    except Exception:
        return True


def stored(account: str) -> str | None:
    if not keyring_available():
        return None
    try:
        return keyring.get_password(SERVICE, account)
    except KeyringError:
        return None


def remember(account: str, password: str) -> bool:
    """Keep the password in the keyring; False when there is no keyring (then it is not kept)."""
    if not keyring_available():
        return False
    try:
        keyring.set_password(SERVICE, account, password)
    except KeyringError:
        return False
    return True


def forget(account: str) -> None:
    if not keyring_available():
        return
    with contextlib.suppress(KeyringError):
        keyring.delete_password(SERVICE, account)


def ask(prompt: Prompt | None, account: str) -> str | None:
    """Ask for the password, saying first when it will not be kept."""
    if prompt is None:
        return None
    message = f"Mật khẩu máy chủ trung tâm cho {account}: "
    if not keyring_available():
        message = NO_KEYRING_VI + "\n" + message
    return prompt(message)
