"""The figures counted in SQL (onestop.services.figures) equal the figures of every history
classified in Python (report_from_histories, the definitions applied one dossier at a time), over
random histories (results early, on time, late; returns; refusals; stops; supplements once or
twice; extensions; ratings; open and overdue), for periods before, across and up to today, in
total and per group, for the whole store and for one counter; and a drill-down lists as many
dossiers as its figure counts."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from onestop.domain.clock import VN_TZ
from onestop.domain.report import COUNTS
from onestop.services import dashboard, dossiers, forms, rating
from onestop.services.reception import ReceiveRequest, receive
from onestop.services.report import GROUPS, report, report_from_histories

PROCEDURES = ("1.004873", "1.001612", "1.001193")
START = datetime(2026, 11, 2, 8, 0, tzinfo=VN_TZ)


def _try(fn, *args, **kw) -> bool:
    try:
        fn(*args, **kw)
    except Exception:  # a refused step leaves the history as it was
        return False
    return True


def build(ctx, clock, rng: random.Random, count: int) -> list[str]:
    clock.set(datetime(2026, 11, 25, 15, 0, tzinfo=VN_TZ))
    codes = []
    for i in range(count):
        at = START + timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 8))
        req = ReceiveRequest(
            procedure_code=rng.choice(PROCEDURES),
            applicant_name=f"Nguyễn Văn {chr(65 + i % 26)}",
            received_at=at,
        )
        code = receive(ctx, req).code
        codes.append(code)
        for _ in range(rng.randint(0, 5)):
            at = at + timedelta(hours=rng.choice((1, 5, 20, 30, 60, 100)))
            if at >= clock():
                break
            step = rng.choice(
                (
                    "result",
                    "result",
                    "return",
                    "refuse",
                    "stop",
                    "supplement",
                    "complete",
                    "extend",
                    "rate",
                )
            )
            if step == "result":
                _try(dossiers.mark_result_ready, ctx, code, at=at)
            elif step == "return":
                _try(dossiers.return_result, ctx, code, "Người nhận", "001090012345", at=at)
            elif step == "refuse":
                _try(forms.refuse, ctx, code, ["Không đủ điều kiện"], at=at)
            elif step == "stop":
                _try(forms.stop, ctx, code, "Rút hồ sơ", at=at)
            elif step == "supplement":
                _try(forms.request_supplement, ctx, code, ["Bản sao"], at=at)
            elif step == "complete":
                _try(forms.complete_supplement, ctx, code, at=at)
            elif step == "extend":
                _try(forms.extend, ctx, code, at + timedelta(days=7), "Chờ xác minh", at=at)
            else:
                score = rng.choice(("very_satisfied", "satisfied", "dissatisfied"))
                _try(rating.rate, ctx, code, score, at=at)
    return codes


def asked_twice(ctx, at: datetime) -> str:
    """A dossier asked for supplements twice, then resolved: late by supplements."""
    req = ReceiveRequest(procedure_code="1.004873", applicant_name="Trần Thị B", received_at=at)
    code = receive(ctx, req).code
    for hours in (1, 2):
        forms.request_supplement(ctx, code, ["Bản sao"], at=at + timedelta(hours=hours))
        forms.complete_supplement(ctx, code, at=at + timedelta(hours=hours, minutes=30))
    dossiers.mark_result_ready(ctx, code, at=at + timedelta(hours=5))
    return code


def extended(ctx, at: datetime) -> str:
    """A dossier extended, then resolved: late with an apology."""
    req = ReceiveRequest(procedure_code="1.001612", applicant_name="Lê Văn C", received_at=at)
    code = receive(ctx, req).code
    forms.extend(ctx, code, at + timedelta(days=9), "Chờ xác minh", at=at + timedelta(hours=1))
    dossiers.mark_result_ready(ctx, code, at=at + timedelta(hours=3))
    return code


PERIODS = (
    (date(2026, 11, 2), date(2026, 11, 6)),
    (date(2026, 11, 9), date(2026, 11, 13)),
    (date(2026, 11, 10), date(2026, 11, 10)),
    (date(2026, 11, 16), date(2026, 11, 25)),  # up to today: open counted now
    (date(2026, 11, 1), date(2026, 11, 25)),
)


def test_sql_figures_equal_every_history_classified(ctx, clock):
    build(ctx, clock, random.Random(16), 90)
    for first, last in PERIODS:
        for by in (None, *GROUPS):
            fast = report(ctx, first, last, by).to_json()
            slow = report_from_histories(ctx, first, last, by).to_json()
            assert fast == slow, (first, last, by)


def test_one_counter_and_the_drill_down(ctx, clock):
    build(ctx, clock, random.Random(7), 80)
    asked_twice(ctx, datetime(2026, 11, 17, 8, 0, tzinfo=VN_TZ))
    extended(ctx, datetime(2026, 11, 18, 8, 0, tzinfo=VN_TZ))
    here = ctx.settings.workstation_id
    first, last = PERIODS[3]  # some were carried over into it
    mine = report(ctx, first, last, counter=here).totals
    assert mine == report(ctx, first, last).totals  # every dossier was received here
    assert report(ctx, first, last, counter="elsewhere").totals.received == 0
    totals = report(ctx, first, last).to_json()
    # Every kind of figure is there to drill into (these histories have them all).
    assert all(totals[figure] for figure in COUNTS), {f: totals[f] for f in COUNTS}
    for figure in COUNTS:
        assert dashboard.drill(ctx, first, last, figure).total == totals[figure], figure
    # And within one group: each procedure's drill-downs list as many as its row counts.
    for row in report(ctx, first, last, "procedure").to_json()["rows"]:
        for figure in COUNTS:
            found = dashboard.drill(ctx, first, last, figure, "procedure", row["key"])
            assert found.total == row[figure], (row["key"], figure)
            assert len(found.dossiers) == row[figure]
    within = totals["open"] - totals["overdue"]
    assert dashboard.drill(ctx, first, last, "within_limit").total == within
    for score in ("very_satisfied", "satisfied", "dissatisfied"):
        found = dashboard.drill(ctx, first, last, score).total
        assert found == totals["satisfaction"][score], score


def test_the_same_on_postgresql(pg_url, clock):
    """The store may be PostgreSQL: the same SQL (local days, no rowids) gives the same figures."""
    from onestop.services.context import Context
    from onestop.services.setup import initialize
    from tests.helpers import open_pg_store

    store = open_pg_store(pg_url)
    try:
        ctx = Context(store=store, actor="can.bo.test", clock=clock)
        initialize(ctx, demo=True)
        build(ctx, clock, random.Random(3), 40)
        for first, last in PERIODS[1:]:
            for by in (None, "procedure", "officer"):
                fast = report(ctx, first, last, by).to_json()
                assert fast == report_from_histories(ctx, first, last, by).to_json()
        first, last = PERIODS[-1]
        late = report(ctx, first, last).totals.late
        assert dashboard.drill(ctx, first, last, "late").total == late
        board = dashboard.dashboard(ctx, first, last)
        assert board.totals == report(ctx, first, last).totals
    finally:
        store.close()


def test_the_periodic_sheet_counts_as_every_history_classified(ctx, clock):
    """The periodic report's lines (total, each field, each procedure under its field) are the
    report's figures per field and per procedure, every history classified."""
    from onestop.services.report import sheet

    build(ctx, clock, random.Random(12), 60)
    for first, last in PERIODS:
        lines = sheet(ctx, first, last).lines
        assert lines[0].figures == report_from_histories(ctx, first, last).totals
        fields = {
            r.key or "Khác": r.figures
            for r in report_from_histories(ctx, first, last, "field").rows
        }
        procedures = {
            f"{r.label} ({r.key})": r.figures
            for r in report_from_histories(ctx, first, last, "procedure").rows
        }
        shown = {1: {}, 2: {}}
        for line in lines[1:]:
            shown[line.level][line.label] = line.figures
        assert shown[1] == fields, (first, last)
        assert shown[2] == procedures, (first, last)
