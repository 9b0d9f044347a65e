"""Passwords: Argon2id hashes, checking one, and the demo's accounts (their published password,
and telling a demo account apart wherever it turns up)."""

from __future__ import annotations

from onestop.domain.errors import InputError
from onestop.domain.ids import new_id_str
from onestop.domain.messages import msg

MIN_PASSWORD = 8

# One account per role in the demo store; the sign-in screen lists them in demo mode only.
DEMO_PASSWORD = "demo1234"
DEMO_ACCOUNTS: tuple[tuple[str, str, str], ...] = (
    ("can.bo", "Nguyễn Thị Thu Hà", "counter"),
    ("buu.dien", "Trần Văn Bưu", "postal"),
    ("lanh.dao", "Lê Minh Đức", "supervisor"),
    ("quan.tri", "Phạm Quốc Trị", "admin"),
)
DEMO_USERNAMES = frozenset(name for name, _full_name, _role in DEMO_ACCOUNTS)


def check_password(value: str | None) -> str:
    """A new password as given, or InputError on "password" (too short, too long)."""
    password = value or ""
    if len(password) < MIN_PASSWORD:
        raise InputError("password", msg("password.short", n=MIN_PASSWORD))
    if len(password) > 1024:
        raise InputError("password", msg("password.long"))
    return password


def _hasher(demo: bool = False):
    # Imported here: argon2 is only needed when someone signs in or a password changes.
    from argon2 import PasswordHasher, Type

    if demo:
        # The demo passwords are printed on the sign-in screen: a costly hash protects nothing,
        # and a cheap one keeps creating a demo store (every test does) fast.
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)
    # argon2-cffi's defaults are RFC 9106's low-memory profile, Argon2id.
    return PasswordHasher(type=Type.ID)


def hash_password(password: str, *, demo: bool = False) -> str:
    return _hasher(demo).hash(password)


def is_demo_account(username: str | None, encoded: str | None) -> bool:
    """Whether an account is the demo's: one of its names (whatever its password became), or a
    hash made with the demo's parameters (only the demo makes those). Such an account never
    belongs in a real office's store nor at the centre: its password is printed on screen."""
    if username in DEMO_USERNAMES:
        return True
    from argon2 import extract_parameters
    from argon2.exceptions import InvalidHashError

    try:
        found = extract_parameters(encoded or "")
    except (InvalidHashError, ValueError):
        return False
    demo = _hasher(demo=True)
    return (found.time_cost, found.memory_cost, found.parallelism) == (
        demo.time_cost,
        demo.memory_cost,
        demo.parallelism,
    )


def verify_password(encoded: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(encoded, password)
    except (VerificationError, InvalidHashError):
        return False


# A hash of nothing anyone knows: verifying against it when the name is unknown takes as long
# as a real check, so the time of a refusal does not tell whether the account exists.
_DUMMY: list[str] = []


def dummy_hash() -> str:
    if not _DUMMY:
        _DUMMY.append(hash_password(new_id_str()))
    return _DUMMY[0]
