"""Staff accounts on a real store: Argon2id hashes, sign-in, roles checked by the services, and the
``user`` commands run as real processes (passwords never on the command line)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from onestop.domain.errors import InputError, NotFound
from onestop.services import dossiers, users
from onestop.services.context import Context
from onestop.services.reception import ReceiveRequest, receive
from onestop.store.db import STORE_FILE


def as_role(ctx: Context, role: str | None, actor: str = "nguoi.dung") -> Context:
    return Context(store=ctx.store, actor=actor, clock=ctx.clock, role=role)


def counts(data_dir: Path) -> dict[str, int]:
    conn = sqlite3.connect(data_dir / STORE_FILE)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("dossiers", "events", "staff", "counters")
        }
    finally:
        conn.close()


def test_demo_store_has_one_account_per_role(ctx):
    accounts = users.list_users(ctx)
    assert sorted(a.role for a in accounts) == sorted(users.ROLES)
    for username, _name, role in users.DEMO_ACCOUNTS:
        facts = users.authenticate(ctx, username, users.DEMO_PASSWORD)
        assert facts.role == role


def test_password_is_stored_as_argon2id_and_checked(ctx, data_dir):
    users.add_user(ctx, "ha.nguyen", "counter", "mat-khau-dai", "nguyễn thị hà")
    conn = sqlite3.connect(data_dir / STORE_FILE)
    query = "SELECT password_hash FROM staff WHERE username = 'ha.nguyen'"
    (encoded,) = conn.execute(query).fetchone()
    conn.close()
    assert encoded.startswith("$argon2id$")
    assert "mat-khau-dai" not in encoded
    assert users.authenticate(ctx, "Ha.Nguyen ", "mat-khau-dai").role == "counter"
    with pytest.raises(InputError) as wrong:
        users.authenticate(ctx, "ha.nguyen", "mat-khau-sai")
    with pytest.raises(InputError) as unknown:
        users.authenticate(ctx, "khong.co", "mat-khau-dai")
    # One message for both: the refusal does not tell which names exist.
    assert wrong.value.message == unknown.value.message


def test_disabled_account_cannot_sign_in_and_new_password_works(ctx):
    users.add_user(ctx, "tam", "postal", "mat-khau-1")
    users.set_password(ctx, "tam", "mat-khau-2")
    with pytest.raises(InputError):
        users.authenticate(ctx, "tam", "mat-khau-1")
    assert users.authenticate(ctx, "tam", "mat-khau-2").username == "tam"
    users.disable_user(ctx, "tam")
    with pytest.raises(InputError) as err:
        users.authenticate(ctx, "tam", "mat-khau-2")
    assert "khóa" in err.value.message


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"username": "Có Dấu", "role": "counter", "password": "12345678"}, "username"),
        ({"username": "an", "role": "boss", "password": "12345678"}, "role"),
        ({"username": "an", "role": "counter", "password": "ngan"}, "password"),
    ],
)
def test_bad_account_input_is_refused_and_writes_nothing(ctx, data_dir, kwargs, field):
    before = counts(data_dir)
    with pytest.raises(InputError) as err:
        users.add_user(ctx, **kwargs)
    assert err.value.field == field
    assert counts(data_dir) == before


def test_duplicate_username_is_refused(ctx, data_dir):
    users.add_user(ctx, "binh", "counter", "12345678")
    before = counts(data_dir)
    with pytest.raises(InputError) as err:
        users.add_user(ctx, "binh", "admin", "12345678")
    assert err.value.field == "username"
    assert counts(data_dir) == before


def test_services_check_the_role(ctx, data_dir):
    postal = as_role(ctx, "postal")
    before = counts(data_dir)
    with pytest.raises(InputError) as err:
        receive(postal, ReceiveRequest(procedure_code="1.001193", applicant_name="Lê Văn An"))
    assert err.value.field == "role"
    assert "không được phép tiếp nhận" in err.value.message
    assert counts(data_dir) == before
    code = receive(
        as_role(ctx, "counter"),
        ReceiveRequest(procedure_code="1.001193", applicant_name="Lê Văn An"),
    ).code
    with pytest.raises(InputError) as err:
        dossiers.mark_result_ready(as_role(ctx, "supervisor"), code)
    assert err.value.field == "role"
    dossiers.mark_result_ready(as_role(ctx, "admin"), code)
    with pytest.raises(InputError):
        dossiers.return_result(postal, code, "Lê Văn An", id_number="001090012345")
    assert (
        dossiers.return_result(
            as_role(ctx, None), code, "Lê Văn An", id_number="001090012345"
        ).status
        == "returned"
    )
    # Managing accounts is the administrator's.
    with pytest.raises(InputError) as err:
        users.add_user(as_role(ctx, "supervisor"), "moi", "counter", "12345678")
    assert err.value.field == "role"
    users.add_user(as_role(ctx, "admin"), "moi", "counter", "12345678")


def test_staff_change_their_own_password_only(ctx):
    users.add_user(ctx, "chi", "counter", "12345678")
    users.add_user(ctx, "dung", "counter", "12345678")
    chi = as_role(ctx, "counter", actor="chi")
    users.set_password(chi, "chi", "abcdefgh")
    with pytest.raises(InputError):
        users.set_password(chi, "dung", "abcdefgh")
    with pytest.raises(NotFound):
        users.set_password(ctx, "khong.co", "abcdefgh")


def test_account_results_are_typed_and_print_the_json_of_before(ctx, clock):
    added = users.add_user(ctx, "ha.nguyen", "counter", "mat-khau-dai", "Nguyễn Thị Hà")
    assert isinstance(added, users.Account)
    assert (added.username, added.role, added.role_label) == (
        "ha.nguyen",
        "counter",
        "Cán bộ một cửa",
    )
    assert added.to_json() == {
        "id": added.id,
        "username": "ha.nguyen",
        "full_name": "Nguyễn Thị Hà",
        "role": "counter",
        "role_label": "Cán bộ một cửa",
        "active": True,
    }
    assert list(added.to_json()) == ["id", "username", "full_name", "role", "role_label", "active"]
    listed = {a.username: a for a in users.list_users(ctx)}["ha.nguyen"]
    assert listed.to_json() == {**added.to_json(), "failures": 0, "locked_until": None}
    for _ in range(5):
        with pytest.raises(InputError):
            users.authenticate(ctx, "ha.nguyen", "mat-khau-sai")
    locked = {a.username: a for a in users.list_users(ctx)}["ha.nguyen"]
    assert locked.failures == 5 and locked.locked_until == clock() + users.LOCK_FIRST
    assert locked.to_json()["locked_until"] == locked.locked_until.isoformat()
    assert users.set_active(ctx, "ha.nguyen", False).to_json() == {
        **added.to_json(),
        "active": False,
    }


def test_may_matches_the_role_table():
    assert users.may("counter", "receive")
    assert not users.may("postal", "receive")
    assert users.may("supervisor", "extend") and not users.may("counter", "extend")
    assert users.may("admin", "anything")
    assert users.may(None, "users")


from tests.helpers import run_cli as run  # noqa: E402

# --- the command line ----------------------------------------------------------------------------


def test_user_commands(tmp_path):
    import json

    from onestop.services.setup import open_workstation

    d = tmp_path / "ws"
    added = json.loads(
        run(
            d,
            "user",
            "add",
            "thu.ha",
            "--role",
            "counter",
            "--full-name",
            "Nguyễn Thu Hà",
            "--password-stdin",
            "--json",
            stdin="bi-mat-123\n",
        ).stdout
    )
    assert added["role"] == "counter" and added["full_name"] == "Nguyễn Thu Hà"
    ctx = Context(store=open_workstation(d))
    try:
        assert users.authenticate(ctx, "thu.ha", "bi-mat-123").active
        run(d, "user", "passwd", "thu.ha", "--password-stdin", stdin="bi-mat-456\n")
        assert users.authenticate(ctx, "thu.ha", "bi-mat-456")
        # No keyboard and no --password-stdin: refused, not hanging on a prompt.
        refused = run(d, "user", "passwd", "thu.ha", stdin="", check=2)
        assert "--password-stdin" in refused.stderr
        run(d, "user", "disable", "thu.ha")
        with pytest.raises(InputError):
            users.authenticate(ctx, "thu.ha", "bi-mat-456")
        listed = json.loads(run(d, "user", "list", "--json").stdout)
        assert {u["username"]: u["active"] for u in listed}["thu.ha"] is False
        short = run(
            d, "user", "add", "ngan", "--role", "admin", "--password-stdin", stdin="x\n", check=2
        )
        assert "password" in short.stderr
        assert "ngan" not in {u.username for u in users.list_users(ctx)}
        # The password is not an argument at all.
        assert run(d, "user", "add", "x", "--password", "abc", check=2).returncode == 2
    finally:
        ctx.store.close()
