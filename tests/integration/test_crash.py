"""A receiving process killed with SIGKILL mid-batch loses no committed dossier and leaves a
consistent store that keeps numbering without reusing a code."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from onestop.services.context import Context
from onestop.services.reception import ReceiveRequest, receive
from onestop.services.setup import initialize
from onestop.store.db import STORE_FILE, open_local

CHILD = r"""
import sys
from pathlib import Path
from onestop.services.context import Context
from onestop.services.reception import ReceiveRequest, receive
from onestop.store.db import open_local

ctx = Context(store=open_local(Path(sys.argv[1])), actor="crash")
for i in range(100000):
    r = receive(ctx, ReceiveRequest(procedure_code="1.001193", applicant_name=f"Người {i}"))
    # Printed only after the commit returned: every printed code must survive the kill.
    print(r.code, flush=True)
"""


def test_kill_9_during_a_batch_of_receives_loses_nothing(tmp_path: Path):
    data = tmp_path / "data"
    ctx = Context(store=open_local(data), actor="setup")
    # Six-digit numbers: a workstation's band then holds 100,000 codes a day, more than the
    # killed batches can use up.
    initialize(ctx, demo=True, code_width=6)
    ctx.store.close()
    rng = random.Random(2)
    committed: list[str] = []
    for _round in range(4):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data)], stdout=subprocess.PIPE, text=True
        )
        # The first committed code ends the start-up (which takes from 1 to 3 s on a loaded
        # machine); then a batch well under way.
        first = child.stdout.readline()
        time.sleep(0.3 + rng.random())
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        codes = (first + out).split()
        assert codes, "the child committed nothing before the kill"
        committed += codes

    conn = sqlite3.connect(data / STORE_FILE)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {r[0] for r in conn.execute("SELECT code FROM dossiers")}
        assert set(committed) <= stored
        assert len(committed) == len(set(committed))
        # Every dossier has its received event, and no event is orphaned.
        assert (
            conn.execute(
                "SELECT count(*) FROM dossiers d WHERE NOT EXISTS "
                "(SELECT 1 FROM events e WHERE e.dossier_id = d.id AND e.type = 'received')"
            ).fetchone()[0]
            == 0
        )
        assert (
            conn.execute(
                "SELECT count(*) FROM events e WHERE NOT EXISTS "
                "(SELECT 1 FROM dossiers d WHERE d.id = e.dossier_id)"
            ).fetchone()[0]
            == 0
        )
        # The search index agrees with the table.
        assert conn.execute("SELECT count(*) FROM dossier_search").fetchone()[0] == len(stored)
    finally:
        conn.close()

    ctx = Context(store=open_local(data), actor="after")
    code = receive(ctx, ReceiveRequest(procedure_code="1.001193", applicant_name="Sau sự cố")).code
    assert code not in stored
    ctx.store.close()
    assert os.path.exists(data / STORE_FILE)
