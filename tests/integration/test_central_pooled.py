"""Workstations syncing at once through PgBouncer in transaction pooling mode (its own, started
by the test, fewer server connections than clients): nothing lost or doubled, every agency's
positions without a gap, every counter converged. What a sync keeps per server connection is
the push's stage (temporary tables, made again by onestop_push_begin where missing); it uses no
SET ROLE, advisory lock, LISTEN or prepared statement (the engine disables psycopg's)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
import test_sync_support as support
from pgbouncer_support import PgBouncer, binary
from test_central_by_agency import connect_as
from test_sync_support import AGENCY, Clock, make_workstations

from tests.conftest import IN_CI

memory_keyring = support.memory_keyring
template_root = support.template_root


class Through:
    """Stands for the cluster in a Central: workstations' URLs go through the pooler."""

    def __init__(self, bouncer: PgBouncer) -> None:
        self.bouncer = bouncer

    def url(self, database: str, user: str) -> str:
        return self.bouncer.url(database, user)


@pytest.fixture
def pooled(tmp_path, request):
    if binary() is None:
        if IN_CI:
            pytest.fail("pgbouncer is missing under CI (apt-get install pgbouncer)")
        pytest.skip("pgbouncer not installed")
    direct = support.make_central("postgresql", tmp_path, request, n=6)
    # One server connection per role and two per database: the roles' clients share them.
    bouncer = PgBouncer(direct.cluster, list(direct.roles.values()), pool_size=1).start()
    yield direct, replace(direct, cluster=Through(bouncer)), bouncer
    bouncer.stop()


def gap_free(central, agency: str) -> int:
    with connect_as(central) as conn:
        runs = conn.execute(
            "SELECT position, count FROM sync_log WHERE agency_code = %s ORDER BY position",
            (agency,),
        ).fetchall()
        head = conn.execute(
            "SELECT value FROM sync_heads WHERE agency_code = %s AND name = 'events'", (agency,)
        ).fetchone()[0]
    expected = 1
    for position, count in runs:
        assert position == expected
        expected += count
    assert head == expected - 1
    return head


@pytest.mark.postgres
def test_workstations_syncing_at_once_through_pgbouncer_lose_and_double_nothing(
    pooled, tmp_path, template_root
):
    direct, through, bouncer = pooled
    clock = Clock()
    workstations = make_workstations(tmp_path, template_root, through, clock, n=6)
    rounds = 6
    errors: list[str] = []

    def counter(ws) -> int:
        made = 0
        for r in range(rounds):
            code = ws.receive(f"Nguyễn Văn {ws.number}-{r}")
            ws.receive(f"Trần Thị {ws.number}-{r}")
            ws.result(code)
            made += 3
            report = ws.sync()
            if not report.ok:
                errors.append(f"{ws.number}: {report.error_detail}")
        return made

    try:
        with ThreadPoolExecutor(len(workstations)) as pool:
            made = sum(pool.map(counter, workstations))
        assert errors == []
        support.sync_all_until_quiet(workstations)
        with connect_as(direct) as conn:
            events, distinct = conn.execute(
                "SELECT count(*), count(DISTINCT id) FROM events"
            ).fetchone()
            logged = conn.execute("SELECT sum(count) FROM sync_log").fetchone()[0]
        # Every event once at the centre and once in the log (each workstation's own init
        # records none: the events are the receptions and results made above).
        assert events == distinct == made
        assert gap_free(direct, AGENCY) == logged
        support.assert_converged(workstations, direct)
        # The syncs went through the pooler, as the workstations' roles.
        log = bouncer.log()
        assert all(f"user={role}" in log for role in direct.roles.values())
    finally:
        for ws in workstations:
            ws.close()
