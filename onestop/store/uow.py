"""The unit of work and the dossier repository: the store's side of the one path every dossier
change takes (read the history, append the decided events, write the projection, commit).

A service opens ``with ctx.store.work() as uow:``, reads ``uow.dossiers.history(code)``, lets the
domain decide the new events, and hands them to ``uow.dossiers.append`` (a new dossier starts
with ``uow.dossiers.create``); nothing else in the program inserts an event or rewrites a
dossier's state (the sync engine replays events that were already decided elsewhere through its
own bulk path).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from sqlalchemy.orm import Session

from onestop.domain import dossier as domain
from onestop.domain.clock import VN_TZ
from onestop.domain.errors import NotFound
from onestop.domain.text import fold
from onestop.store import repository as repo
from onestop.store import tables as t


@dataclass
class DossierHistory:
    """One dossier as the unit of work read it: its row and its events (as read, in (time, id)
    order, then the ones this unit of work appended)."""

    row: t.Dossier
    events: list[domain.Event] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def code(self) -> str:
        return self.row.code

    @cached_property
    def state(self) -> domain.DossierState:
        return domain.project(self.events)


class Dossiers:
    """The dossier repository of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, code: str) -> DossierHistory | None:
        row = repo.dossier_by_code(self.session, code)
        if row is None:
            return None
        return DossierHistory(row, repo.events_of(self.session, row.id))

    def history(self, code: str) -> DossierHistory:
        """The dossier with this code (a scanner's lower case accepted); NotFound otherwise."""
        found = self.find(code)
        if found is None:
            raise NotFound("Hồ sơ", code)
        return found

    def create(
        self, facts: Mapping[str, Any], received: domain.Event, recorded: datetime
    ) -> domain.DossierState:
        """A new dossier: its row (the facts captured at the counter, what the store derives
        from them, and the projection of its received event) and the received event, the next
        link of its workstation's chain; the caller commits. The row is built as a dossier that
        arrives by sync is (onestop.sync.projection), from the same event."""
        state = domain.initial_state(received)
        repo.insert_dossier(
            self.session,
            {
                "id": received.dossier_id,
                "applicant_folded": fold(facts["applicant_name"]),
                "workstation_id": received.workstation,
                "received_day": received.at.astimezone(VN_TZ).date().isoformat(),
                **repo.projection(state, recorded),
                **facts,
            },
        )
        repo.add_event(self.session, received, recorded)
        return state

    def append(
        self, history: DossierHistory, new: Sequence[domain.Event], recorded: datetime
    ) -> DossierHistory:
        """Append decided events to the history (each the next link of its workstation's chain)
        and write the projection of the whole history onto the row; the caller commits."""
        for event in new:
            repo.add_event(self.session, event, recorded)
        events = [*history.events, *new]
        repo.reproject(self.session, history.row, events, recorded)
        return DossierHistory(history.row, events)


class UnitOfWork:
    """One write transaction: rolled back unless ``commit()`` is called."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dossiers = Dossiers(session)

    def commit(self) -> None:
        self.session.commit()
