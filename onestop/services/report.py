"""The supervisors' report: the figures of a period (onestop.domain.report's definitions) over
the dossiers of this store, in total and per group (procedure, field, officer, counter, channel).

Typed: ``Report`` with its ``Figures`` and ``ReportRow``s; ``to_json()`` is what ``report --json``
prints.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from onestop.documents import periodic
from onestop.domain.errors import InputError
from onestop.domain.messages import msg
from onestop.domain.report import Figures, Outcome, Period, classify, figures
from onestop.store.repository import procedure_fields, staff_full_name
from onestop.store.repository_report import ReportDossier, dossiers_for_period

from . import figures as counting
from .context import Context
from .users import require_role

GROUPS = ("procedure", "field", "officer", "counter", "channel")
CHANNEL_LABELS_VI = {"counter": "Trực tiếp", "postal": "Bưu chính công ích", "online": "Trực tuyến"}
# Longest period a report covers (a year and a bit: a whole year with its carried-over dossiers).
MAX_DAYS = 400


@dataclass(frozen=True)
class ReportRow:
    """The figures of one group (one procedure, field, officer, counter or channel)."""

    key: str
    label: str
    figures: Figures

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, **self.figures.to_json()}


@dataclass(frozen=True)
class Report:
    first: date
    last: date
    seen_at: datetime
    by: str | None
    agency_name: str
    unit_name: str
    totals: Figures
    rows: tuple[ReportRow, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "seen_at": self.seen_at.isoformat(),
            "by": self.by,
            **self.totals.to_json(),
            "rows": [row.to_json() for row in self.rows],
        }


def period_of(ctx: Context, first: date, last: date) -> Period:
    """The period of the local days ``first`` to ``last`` seen now, after the checks every
    report makes (the role, the order of the days, the length, not in the future)."""
    require_role(ctx, "report")
    if last < first:
        raise InputError("to", msg("report.order"))
    if (last - first).days >= MAX_DAYS:
        raise InputError("to", msg("report.length", days=MAX_DAYS))
    now = ctx.clock()
    if first > now.date():
        raise InputError("from", msg("report.not_begun"))
    return Period(first, last, now)


def _outcomes(
    ctx: Context, first: date, last: date
) -> tuple[Period, list[tuple[ReportDossier, Outcome]]]:
    period = period_of(ctx, first, last)
    with ctx.store.reading() as session:
        found = dossiers_for_period(session, period.start, period.end)
    outcomes: list[tuple[ReportDossier, Outcome]] = []
    for d in found:
        out = classify(d.events, period, d.channel)
        if out.counted:
            outcomes.append((d, out))
    return period, outcomes


def _officer_names(ctx: Context, groups: dict[tuple[str, str], Any]) -> dict[tuple[str, str], Any]:
    """Officers' rows labelled with their accounts' full names (the key stays the username; a
    login without an account keeps it as its label)."""
    with ctx.store.reading() as session:
        return {
            (key, staff_full_name(session, key) or label): outs
            for (key, label), outs in groups.items()
        }


def _label(ctx: Context, by: str, key: str, label: str) -> str:
    if by == "counter":
        return ctx.settings.workstation_name if key == ctx.settings.workstation_id else key
    if by == "channel":
        return CHANNEL_LABELS_VI.get(key, key)
    return label


def _sorted(rows: list[ReportRow]) -> tuple[ReportRow, ...]:
    return tuple(
        sorted(rows, key=lambda r: (-(r.figures.received + r.figures.carried_over), r.key))
    )


def report(
    ctx: Context, first: date, last: date, by: str | None = None, counter: str | None = None
) -> Report:
    """The figures of the local days ``first`` to ``last``, and one row per group when ``by``;
    of one workstation's dossiers when ``counter`` (its id), else of every dossier in the store.
    Counted in SQL where the columns suffice (onestop.services.figures)."""
    if by is not None and by not in GROUPS:
        raise InputError("by", msg("report.group", groups=", ".join(GROUPS)))
    period = period_of(ctx, first, last)
    totals, groups = counting.tally(ctx, period, by, counter)
    rows = (
        [ReportRow(g.key, _label(ctx, by, g.key, g.label), g.figures) for g in groups] if by else []
    )
    if by == "officer":
        names = _officer_names(ctx, {(r.key, r.label): r for r in rows})
        rows = [ReportRow(key, label, r.figures) for (key, label), r in names.items()]
    return Report(
        first=first,
        last=last,
        seen_at=period.seen_at,
        by=by,
        agency_name=ctx.settings.agency_name,
        unit_name=ctx.settings.unit_name,
        totals=totals,
        rows=_sorted(rows),
    )


def report_from_histories(ctx: Context, first: date, last: date, by: str | None = None) -> Report:
    """The same report by classifying every history in Python: the reference ``report`` is held
    to (and a way for a store without the dossiers' projected columns)."""
    if by is not None and by not in GROUPS:
        raise InputError("by", msg("report.group", groups=", ".join(GROUPS)))
    period, outcomes = _outcomes(ctx, first, last)
    rows: list[ReportRow] = []
    if by is not None:
        groups: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
        for d, out in outcomes:
            key, label = counting.group_of(d, by)
            groups[(key, _label(ctx, by, key, label))].append(out)
        if by == "officer":
            groups = _officer_names(ctx, groups)
        rows = [ReportRow(key, label, figures(outs)) for (key, label), outs in groups.items()]
    return Report(
        first=first,
        last=last,
        seen_at=period.seen_at,
        by=by,
        agency_name=ctx.settings.agency_name,
        unit_name=ctx.settings.unit_name,
        totals=figures(out for _, out in outcomes),
        rows=_sorted(rows),
    )


def sheet(ctx: Context, first: date, last: date) -> periodic.Sheet:
    """The periodic report's lines: the total, then each field with its procedures under it
    (counted as ``report`` counts, grouped by field and by procedure in one pass)."""
    from .forms import office

    period = period_of(ctx, first, last)
    totals, groups = counting.tally_many(ctx, period, ("field", "procedure"))
    with ctx.store.reading() as session:
        fields = procedure_fields(session)
    under: dict[str, list[counting.Group]] = defaultdict(list)
    for g in groups["procedure"]:
        under[fields.get(g.key, "")].append(g)
    lines = [periodic.Line("", 0, totals)]
    for field_group in sorted(groups["field"], key=lambda g: g.key):
        lines.append(periodic.Line(field_group.key or "Khác", 1, field_group.figures))
        for g in sorted(under[field_group.key], key=lambda g: (g.key, g.label)):
            lines.append(periodic.Line(f"{g.label} ({g.key})", 2, g.figures))
    return periodic.Sheet(office(ctx), first, last, tuple(lines))


def report_pdf(ctx: Context, first: date, last: date) -> bytes:
    return periodic.render_pdf(sheet(ctx, first, last))


def report_xlsx(ctx: Context, first: date, last: date) -> bytes:
    return periodic.render_xlsx(sheet(ctx, first, last))
