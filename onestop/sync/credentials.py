"""The central database's password: kept in the OS's encrypted password store (keyring), or asked
for each time when the machine has none; never written to a file."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import keyring
from keyring.errors import KeyringError

SERVICE = "onestop-central"

NO_KEYRING_VI = (
    "Máy này không có kho mật khẩu của hệ điều hành (keyring): mật khẩu máy chủ trung tâm "
    "không được lưu lại và sẽ được hỏi mỗi lần đồng bộ."
)

# The back ends that keep secrets encrypted by the OS, by "module.Class". keyring takes any back
# end of priority above 0, and keyrings.alt's PlaintextKeyring (priority 0.5) keeps passwords
# merely base64-encoded in a file of the user's data folder: everything not named here counts
# as no keyring. keyrings.alt's EncryptedKeyring is left out too: its file is as strong as a
# second password asked on the terminal, which a background sync in the window cannot answer.
ENCRYPTED_STORES = frozenset(
    {
        "keyring.backends.macOS.Keyring",  # macOS Keychain
        "keyring.backends.Windows.WinVaultKeyring",  # Windows Credential Locker
        "keyring.backends.SecretService.Keyring",  # GNOME Keyring, KeePassXC... over D-Bus
        "keyring.backends.libsecret.Keyring",  # the same Secret Service, through libsecret
        "keyring.backends.kwallet.DBusKeyring",  # KDE Wallet
        "keyring.backends.kwallet.DBusKeyringKWallet4",
    }
)

# Asks the person at the counter for the password; gets the sentence to show. None: cancelled.
Prompt = Callable[[str], str | None]


def _name(backend: Any) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _usable(backend: Any) -> bool:
    if _name(backend) not in ENCRYPTED_STORES:
        return False
    try:
        return float(backend.priority) > 0
    except Exception:  # a back end that cannot tell is not one to trust a password to
        return False


def secure_backend() -> Any | None:
    """The encrypted OS store to keep the password in, or None. keyring's chainer (chosen when
    several back ends are viable) is looked through: only its encrypted stores are used, since
    it would otherwise write to the first member that accepts, plaintext file included."""
    from keyring.backends.chainer import ChainerBackend

    try:
        chosen = keyring.get_keyring()
        members = list(chosen.backends) if isinstance(chosen, ChainerBackend) else [chosen]
    except Exception:  # a broken keyring configuration is the same as none
        return None
    return next((b for b in members if _usable(b)), None)


def keyring_available() -> bool:
    """Whether an encrypted OS store will keep the password (see ENCRYPTED_STORES)."""
    return secure_backend() is not None


def stored(account: str) -> str | None:
    backend = secure_backend()
    if backend is None:
        return None
    try:
        return backend.get_password(SERVICE, account)
    except KeyringError:
        return None


def remember(account: str, password: str) -> bool:
    """Keep the password in the keyring; False when there is no keyring (then it is not kept)."""
    backend = secure_backend()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, account, password)
    except KeyringError:
        return False
    return True


def forget(account: str) -> None:
    backend = secure_backend()
    if backend is None:
        return
    with contextlib.suppress(KeyringError):
        backend.delete_password(SERVICE, account)


def ask(prompt: Prompt | None, account: str) -> str | None:
    """Ask for the password, saying first when it will not be kept."""
    if prompt is None:
        return None
    message = f"Mật khẩu máy chủ trung tâm cho {account}: "
    if not keyring_available():
        message = NO_KEYRING_VI + "\n" + message
    return prompt(message)
