"""Issue 14, item 9 through the real command line: `validate` says why, and a receipt with a bad
identifier or a name of digits is refused (exit 2, the field named, nothing written)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import dump
from tests.helpers import run_cli as run


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("ids")
    run(d, "init", "--demo", "--json")
    return d


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("id", "001990012345"),  # 9: the 2390s
        ("id", "079890012345"),  # 8: the 2390s
        ("tax", "0100000003"),  # serial 0000000
        ("s10", "JA123456785VN"),  # reserved service indicator
        ("s10", "RR123456785XX"),  # not an ISO 3166 country
    ],
)
def test_validate_refuses(store, kind, value):
    out = json.loads(run(store, "validate", kind, value, "--json").stdout)
    assert out["valid"] is False and out["reason"]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--name", "079099"], "name"),
        (["--name", "001 090 012 345"], "name"),
        (["--name", "Nguyễn Văn An", "--id-number", "001990012345"], "id_number"),
    ],
)
def test_receive_refuses_naming_the_field_and_writes_nothing(store, args, field):
    before = dump(store)
    proc = run(store, "receive", "--procedure", "1.001193", *args, "--json", check=2)
    assert f"{field}:" in proc.stderr
    assert proc.stdout == ""
    assert dump(store) == before
