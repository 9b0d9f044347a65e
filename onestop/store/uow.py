"""The unit of work and the dossier repository: the store's side of the one path every dossier
change takes (read the history, append the decided events, write the projection, commit).

A service opens ``with ctx.store.work() as uow:``, reads ``uow.dossiers.history(code)``, lets the
domain decide the new events, and hands them to ``uow.dossiers.append``; nothing else in the
program inserts an event or rewrites a dossier's state (the sync engine replays events that
were already decided elsewhere through its own bulk path).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from sqlalchemy.orm import Session

from onestop.domain import dossier as domain
from onestop.domain.errors import NotFound
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
