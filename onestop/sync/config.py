"""Where the central database is and how to reach it: the URL (never with a password: refused),
the TLS options, the account; kept in the workstation's settings table beside the office
settings."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from onestop.domain.errors import InputError
from onestop.domain.messages import msg
from onestop.store import repository as repo
from onestop.store.db import Store

SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
# Settings keys (the settings table holds one JSON value per key).
KEYS = ("central_url", "central_user", "sslmode", "sslrootcert")
# An unreachable server must not hold the counter's background thread for long.
CONNECT_TIMEOUT = 10


@dataclass(frozen=True)
class SyncSettings:
    central_url: str | None = None
    central_user: str | None = None
    sslmode: str | None = None
    sslrootcert: str | None = None

    @classmethod
    def load(cls, store: Store) -> SyncSettings:
        with store.reading() as session:
            values = repo.get_settings(session)
        return cls(**{k: values.get(k) for k in KEYS})

    def save(self, store: Store) -> None:
        with store.unit_of_work() as session:
            repo.put_settings(session, {k: getattr(self, k) for k in KEYS})
            session.commit()

    def with_url(self, url: str) -> tuple[SyncSettings, str | None]:
        """These settings pointed at ``url``. A password inside the URL is refused (InputError on
        "central"): the whole command line shows in the process list (ps) and the shell's
        history; it comes from the keyring or the prompt. The second item is always None now,
        kept so that callers unpack the pair as before."""
        parsed = parse_url(url)
        refuse_password(parsed)
        query = dict(parsed.query)
        sslmode = query.pop("sslmode", None) or self.sslmode
        sslrootcert = query.pop("sslrootcert", None) or self.sslrootcert
        clean = parsed.set(query=query)
        settings = replace(
            self,
            central_url=clean.render_as_string(hide_password=False),
            central_user=clean.username,
            sslmode=_sslmode(sslmode),
            sslrootcert=sslrootcert,
        )
        return settings, None

    def with_tls(self, sslmode: str | None, sslrootcert: str | None) -> SyncSettings:
        return replace(
            self,
            sslmode=_sslmode(sslmode) if sslmode else self.sslmode,
            sslrootcert=sslrootcert or self.sslrootcert,
        )

    @property
    def is_sqlite(self) -> bool:
        return bool(self.central_url) and parse_url(self.central_url).get_backend_name() == "sqlite"

    def url(self, password: str | None = None) -> URL:
        """The URL to connect with: TLS options and a connect timeout added for PostgreSQL."""
        if not self.central_url:
            raise InputError("central", msg("central.missing"))
        parsed = parse_url(self.central_url)
        if parsed.get_backend_name() == "sqlite":
            return parsed
        query: dict[str, Any] = dict(parsed.query)
        query.setdefault("connect_timeout", str(CONNECT_TIMEOUT))
        if self.sslmode:
            query["sslmode"] = self.sslmode
        if self.sslrootcert:
            query["sslrootcert"] = self.sslrootcert
        return parsed.set(password=password, query=query)

    def where(self) -> str:
        """The server as people name it (host or socket, database), without any secret."""
        if not self.central_url:
            return ""
        parsed = parse_url(self.central_url)
        if parsed.get_backend_name() == "sqlite":
            return str(parsed.database)
        host = parsed.host or parsed.query.get("host") or "localhost"
        port = parsed.port or parsed.query.get("port") or 5432
        return f"{host}:{port}/{parsed.database}"

    def account(self) -> str:
        """The keyring's account name for this server's password."""
        return f"{self.central_user or ''}@{self.where()}"


def parse_url(url: str) -> URL:
    try:
        parsed = make_url(url.strip())
    except ArgumentError:
        raise InputError("central", msg("central.url")) from None
    backend = parsed.get_backend_name()
    if backend not in ("postgresql", "sqlite"):
        raise InputError("central", msg("central.backend"))
    if backend == "postgresql" and parsed.drivername != "postgresql+psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


PASSWORD_IN_URL_VI = (
    "Không ghi mật khẩu trong địa chỉ --central: ai dùng máy này cũng đọc được nó trong danh "
    "sách tiến trình (ps) và lịch sử lệnh. Bỏ mật khẩu khỏi địa chỉ (ví dụ "
    "postgresql://may_tram_1@10.0.0.5/onestop): chương trình hỏi mật khẩu khi máy chủ cần và cất "
    "vào kho mật khẩu của hệ điều hành (keyring) nếu máy có; 'onestop sync --ask-password' hỏi "
    "lại mật khẩu."
)


def refuse_password(parsed: URL) -> None:
    """Refuse a URL that carries a password (``user:secret@`` or ``?password=``)."""
    if parsed.password is not None or "password" in {k.lower() for k in parsed.query}:
        raise InputError("central", PASSWORD_IN_URL_VI)


def _sslmode(value: str | None) -> str | None:
    if value is None:
        return None
    if value not in SSLMODES:
        raise InputError("sslmode", msg("central.sslmode", modes=", ".join(SSLMODES)))
    return value
