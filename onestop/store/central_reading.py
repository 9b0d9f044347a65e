"""Reading a central database's dossiers and events with the store's own queries, held to one
agency: every ORM query of a session opened here gets ``dossiers.agency_code = <agency>`` (the
centre's row-level security already keeps a role to its agencies; this keeps a report to one,
and lets the server read that agency's partition only)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from onestop.store import tables as t


class AgencyReading:
    """Stands for a Store where only ``reading()`` is used (reports): sessions on a central
    database, read-only, confined to one agency's dossiers."""

    def __init__(self, engine: Engine, agency: str) -> None:
        self.engine = engine
        self.agency = agency

    @contextmanager
    def reading(self) -> Iterator[Session]:
        session = Session(self.engine)

        @event.listens_for(session, "do_orm_execute")
        def _one_agency(state: ORMExecuteState) -> None:
            if state.is_select:
                criteria = with_loader_criteria(t.Dossier, t.Dossier.agency_code == self.agency)
                state.statement = state.statement.options(criteria)

        try:
            with session.begin():
                yield session
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()
