"""packaging/central/citus.sql against the real catalogue of a centre (Citus itself is not
installable here): every table is placed, every distributed table has the agency in every key,
and no statement of a push or a pull joins two distributed tables but on the agency (their
plans, every nested statement of the push functions included, logged by auto_explain)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import test_sync_support as support
from test_central_by_agency import connect_as
from test_sync_support import Clock, make_workstations

memory_keyring = support.memory_keyring
template_root = support.template_root

CITUS = Path(__file__).resolve().parents[2] / "packaging" / "central" / "citus.sql"


def placed() -> tuple[dict[str, str], set[str]]:
    text = CITUS.read_text(encoding="utf-8")
    distributed = dict(re.findall(r"create_distributed_table\('(\w+)', '(\w+)'", text))
    reference = re.findall(r"create_reference_table\('(\w+)'\)", text)
    named = list(distributed) + reference
    assert len(named) == len(set(named)), "a table named twice"
    return distributed, set(reference)


@pytest.mark.postgres
def test_citus_sql_places_every_table_and_keys_every_distributed_one_by_agency(tmp_path, request):
    distributed, reference = placed()
    central = support.make_central("postgresql", tmp_path, request, n=1)
    with connect_as(central) as conn:
        tables = {
            r[0]
            for r in conn.execute(
                "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace "
                "AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
            ).fetchall()
        }
        assert set(distributed) | reference == tables
        assert set(distributed.values()) == {"agency_code"}
        colocated = set(re.findall(r"colocate_with => '(\w+)'", CITUS.read_text()))
        assert colocated == {"dossiers"}
        for table in distributed:
            keys = conn.execute(
                "SELECT c.conname, array(SELECT a.attname::text FROM unnest(c.conkey) k "
                "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k) "
                "FROM pg_constraint c WHERE c.conrelid = %s::regclass AND c.contype IN "
                "('p', 'u') AND c.conparentid = 0",
                (f"public.{table}",),
            ).fetchall()
            unique = conn.execute(
                "SELECT i.indexrelid::regclass::text, array(SELECT a.attname::text FROM "
                "unnest(i.indkey) k JOIN pg_attribute a ON a.attrelid = i.indrelid AND "
                "a.attnum = k) FROM pg_index i WHERE i.indrelid = %s::regclass AND i.indisunique",
                (f"public.{table}",),
            ).fetchall()
            assert any(name.startswith("pk_") for name, _ in keys), table
            for name, columns in keys + unique:
                assert "agency_code" in columns, (table, name, columns)
            # A key from one distributed table to another names the agency too (co-location).
            for name, definition in conn.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f' AND conparentid = 0",
                (f"public.{table}",),
            ).fetchall():
                assert definition.startswith("FOREIGN KEY (agency_code"), (table, name)


def plans(log: str) -> list[dict]:
    found, decoder = [], json.JSONDecoder()
    for match in re.finditer(r"plan:\s*\n", log):
        text = log[match.end() :].lstrip()
        try:
            found.append(decoder.raw_decode(text)[0])
        except ValueError:
            continue
    return found


def _relations(node: dict) -> set[str]:
    names = set()
    if "Relation Name" in node:
        names.add(re.sub(r"_p\d+$", "", node["Relation Name"]))
    for child in node.get("Plans", []):
        names |= _relations(child)
    return names


def _conditions(node: dict) -> str:
    keys = ("Hash Cond", "Merge Cond", "Join Filter", "Index Cond", "Recheck Cond", "Filter")
    text = " ".join(str(node.get(k, "")) for k in keys)
    return text + " ".join(_conditions(c) for c in node.get("Plans", []))


# A condition that holds a side to one agency, or joins on it: "agency_code = x", not the
# row-level security's "agency_code = ANY (the role's agencies)".
ONE_AGENCY = re.compile(r"agency_code\)?(::\w+)?\)? = (?!ANY)")


def cross_agency_joins(plan: dict, distributed: set[str]) -> list[str]:
    """Joins of two sides that each read a distributed table, neither joined on the agency nor
    each held to one agency."""
    bad = []

    def walk(node: dict) -> None:
        children = node.get("Plans", [])
        joins = ("Nested Loop", "Hash Join", "Merge Join")
        if node.get("Node Type") in joins and len(children) == 2:
            left, right = (_relations(c) & distributed for c in children)
            if left and right:
                keys = ("Hash Cond", "Merge Cond", "Join Filter")
                own = " ".join(str(node.get(k, "")) for k in keys)
                sides = [_conditions(c) for c in children]
                if not ONE_AGENCY.search(own) and not all(ONE_AGENCY.search(s) for s in sides):
                    bad.append(f"{sorted(left)} x {sorted(right)}: {own or sides}")
        for child in children:
            walk(child)

    walk(plan["Plan"])
    return bad


@pytest.mark.postgres
def test_no_statement_of_a_push_or_a_pull_joins_across_agencies(tmp_path, request, template_root):
    distributed, _reference = placed()
    central = support.make_central("postgresql", tmp_path, request, n=2)
    log_file = Path(central.cluster.root) / "log"
    with connect_as(central, autocommit=True) as conn:
        for number in (1, 2):
            role = central.roles[number]
            for setting, value in (
                ("session_preload_libraries", "auto_explain"),
                ("auto_explain.log_min_duration", "0"),
                ("auto_explain.log_nested_statements", "on"),
                ("auto_explain.log_format", "json"),
            ):
                conn.execute(f'ALTER ROLE "{role}" SET {setting} = {value!r}')
    clock = Clock()
    a, b = make_workstations(tmp_path, template_root, central, clock, n=2)
    try:
        start = log_file.stat().st_size
        for r in range(2):
            code = a.receive(f"Lê Văn {r}")
            b.receive(f"Trần Thị {r}")
            a.result(code)
            clock.tick()
            assert a.sync().ok and b.sync().ok
        assert a.sync().ok and b.sync().ok
        # The check's own check: a join on the dossier's id alone is caught.
        with connect_as(central, central.roles[1]) as conn:
            conn.execute(
                "SELECT count(*) FROM public.events e JOIN public.dossiers d "
                "ON d.id = e.dossier_id /* across */"
            )
        with log_file.open(encoding="utf-8", errors="replace") as f:
            f.seek(start)
            logged = plans(f.read())
    finally:
        a.close()
        b.close()
        with connect_as(central, autocommit=True) as conn:
            for number in (1, 2):
                conn.execute(f'ALTER ROLE "{central.roles[number]}" RESET ALL')
    texts = " ".join(p.get("Query Text", "") for p in logged)
    # The push's own statements and the pull's were seen.
    assert "pg_temp.onestop_push_fresh" in texts and "sync_log" in texts
    assert "FROM events WHERE id = ANY" in texts
    bad = [
        f"{p['Query Text'][:200]!r}: {j}"
        for p in logged
        for j in cross_agency_joins(p, set(distributed))
    ]
    assert len(bad) == 1 and "/* across */" in bad[0], bad
