"""The central database's password never ends up in a file or in the process list: only an
encrypted OS store counts as a keyring (keyrings.alt's plaintext file does not), and a password
written inside ``--central URL`` is refused (exit 2 naming ``central``), on every command."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import keyring
import pytest
import test_sync_support as support
from keyring.backends.chainer import ChainerBackend
from keyrings.alt.file import PlaintextKeyring
from test_sync_security import Prompts, password_role  # noqa: F401 - a fixture
from test_sync_support import Clock, MemoryKeyring, make_workstations

from onestop.domain.errors import InputError
from onestop.sync import credentials
from onestop.sync.config import SyncSettings
from tests.helpers import dump, run_cli

memory_keyring = support.memory_keyring
template_root = support.template_root
pg_central = support.pg_central

SECRET = "mat-khau-dung"


def _files_holding(root: Path, secret: str) -> list[Path]:
    """Files under ``root`` that hold ``secret`` as it is or base64-encoded (keyrings.alt)."""
    needles = [secret.encode(), base64.b64encode(secret.encode())]
    return [p for p in root.rglob("*") if p.is_file() and any(n in p.read_bytes() for n in needles)]


@pytest.fixture
def plaintext_keyring(tmp_path, monkeypatch):
    """keyrings.alt's plaintext back end, writing under a temporary XDG data folder."""
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    backend = PlaintextKeyring()
    assert str(home) in backend.file_path
    keyring.set_keyring(backend)
    return home


def test_a_plaintext_file_back_end_counts_as_no_keyring(plaintext_keyring):
    assert PlaintextKeyring.priority > 0  # keyring itself would use it
    assert not credentials.keyring_available()
    assert credentials.remember("ws_1@server:5432/onestop", SECRET) is False
    assert credentials.stored("ws_1@server:5432/onestop") is None
    ask = Prompts(SECRET)
    assert credentials.ask(ask, "ws_1@server:5432/onestop") == SECRET
    assert credentials.NO_KEYRING_VI in ask.messages[0]
    assert _files_holding(plaintext_keyring, SECRET) == []


def test_a_chain_uses_only_its_encrypted_stores(memory_keyring, plaintext_keyring, monkeypatch):
    """keyring chains every viable back end, the plaintext file first here (by priority)."""
    plain = PlaintextKeyring()
    monkeypatch.setattr(ChainerBackend, "backends", [plain, memory_keyring])
    keyring.set_keyring(ChainerBackend())
    assert credentials.keyring_available()
    assert credentials.remember("ws_1@server:5432/onestop", SECRET)
    assert memory_keyring.secrets[(credentials.SERVICE, "ws_1@server:5432/onestop")] == SECRET
    assert _files_holding(plaintext_keyring, SECRET) == []
    monkeypatch.setattr(ChainerBackend, "backends", [plain])
    assert not credentials.keyring_available()


def test_the_in_memory_test_back_end_is_the_only_one_added_to_the_allowed_list(memory_keyring):
    assert isinstance(keyring.get_keyring(), MemoryKeyring)
    assert credentials.keyring_available()
    names = {n for n in credentials.ENCRYPTED_STORES if n.startswith("keyring.backends.")}
    assert "keyring.backends.SecretService.Keyring" in names
    assert not any("keyrings.alt" in n for n in credentials.ENCRYPTED_STORES)


@pytest.mark.postgres
def test_the_command_line_never_writes_the_password_to_a_plaintext_keyring(
    pg_central,
    password_role,  # noqa: F811 - the fixture imported above
    pg_cluster,
    tmp_path,
):
    """The attack as the tester ran it: keyrings.alt installed, ``sync --ask-password``."""
    ws = tmp_path / "ws"
    xdg = tmp_path / "xdg"
    env = {
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "XDG_DATA_HOME": str(xdg),
    }
    run_cli(ws, "init", "--demo", "--workstation", "1", env=env)
    # A real office's store (a demo store never syncs).
    run_cli(ws, "init", "--agency-code", "000.00.53.H48", env=env)
    url = pg_cluster.url(pg_central.database, password_role)
    for _ in range(2):  # asked each time: nothing was kept
        done = run_cli(
            ws, "sync", "--central", url, "--ask-password", "--json", stdin=SECRET + "\n", env=env
        )
        assert json.loads(done.stdout)["ok"]
        assert credentials.NO_KEYRING_VI in done.stderr
    assert _files_holding(xdg, SECRET) == []
    assert _files_holding(ws, SECRET) == []
    unattended = run_cli(ws, "sync", "--json", stdin="", env=env, check=1)
    assert "cần mật khẩu" in unattended.stderr


# --- a password inside --central URL -----------------------------------------------------------

URLS_WITH_A_PASSWORD = (
    "postgresql://ws_1:bi-mat@central.invalid:5433/onestop",
    "postgresql://ws_1:@central.invalid/onestop",
    "postgresql://ws_1@central.invalid/onestop?password=bi-mat",
)


@pytest.mark.parametrize("url", URLS_WITH_A_PASSWORD)
def test_a_password_in_the_url_is_refused_naming_central(url):
    with pytest.raises(InputError) as refused:
        SyncSettings().with_url(url)
    assert refused.value.field == "central"
    assert "keyring" in refused.value.message and "bi-mat" not in refused.value.message


COMMANDS = (
    ("sync",),
    ("sync", "status"),
    ("sync", "--ask-password"),
    ("central", "init"),
    ("central", "publish"),
    ("central", "role", "--role", "ws_9", "--no-password"),
)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_taking_central_refuses_a_password_in_it(command, tmp_path):
    ws = tmp_path / "ws"
    run_cli(ws, "init", "--demo")
    before = dump(ws)
    url = "postgresql://ws_1:bi-mat@central.invalid:5433/onestop"
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    refused = run_cli(ws, *command, "--central", url, "--json", stdin="", env=env, check=2)
    assert "central" in refused.stderr and "keyring" in refused.stderr
    assert "bi-mat" not in refused.stderr and refused.stdout == ""
    assert dump(ws) == before


@pytest.mark.postgres
def test_a_workstation_syncs_with_the_password_from_the_keyring_not_the_url(
    pg_central,
    password_role,  # noqa: F811
    memory_keyring,
    tmp_path,
    template_root,
):
    (ws,) = make_workstations(tmp_path, template_root, pg_central, Clock(), n=1)
    ws.receive()
    with pytest.raises(InputError):
        ws.sync(central_url=ws.url.replace(f"{password_role}@", f"{password_role}:{SECRET}@"))
    assert SyncSettings.load(ws.ctx.store).central_url is None  # nothing remembered
    report = ws.sync(prompt=Prompts(SECRET))
    assert report.ok and report.pushed == 1, report.error
    assert SyncSettings.load(ws.ctx.store).central_user == password_role
    assert _files_holding(ws.folder, SECRET) == []
