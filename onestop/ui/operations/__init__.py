"""The desktop client's only way to the services, and the one broadcast of what changed.

In the spirit of Anki's ``aqt/operations``: a page never calls a service itself. It calls a
function of a module of this package (``operations.dossiers.return_result(...)``), which returns
an ``Op`` (onestop.ui.ops) to configure and start. Reads are ``read`` ops; writes are ``write``
ops, which declare what they change. When a write succeeds, the change is broadcast on ``bus()``
(also when the page that started it has closed meanwhile); a sync that pulled something
broadcasts through ``broadcast`` too. Every open page and dossier window ``listen``s and refreshes
itself off the GUI thread, so nothing on screen stays stale after someone else's action.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from onestop.ui.ops import Op

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from onestop.services.context import Context

T = TypeVar("T")

__all__ = ["ChangeBus", "Changes", "broadcast", "bus", "listen", "read", "write"]


@dataclass(frozen=True)
class Changes:
    """What a write changed. ``source``: the object that made it (it may skip its own refresh)."""

    dossiers: bool = False
    postal: bool = False
    master: bool = False  # procedures, calendar, office settings, tariff
    accounts: bool = False
    source: object | None = None

    KINDS = ("dossiers", "postal", "master", "accounts")

    @classmethod
    def everything(cls, source: object | None = None) -> Changes:
        return cls(dossiers=True, postal=True, master=True, accounts=True, source=source)

    def touches(self, kinds: tuple[str, ...]) -> bool:
        return any(getattr(self, k) for k in kinds)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{k: getattr(self, k) or getattr(other, k) for k in self.KINDS},
            source=self.source if self.source is other.source else None,
        )

    @property
    def any(self) -> bool:
        return self.touches(self.KINDS)


class ChangeBus(QObject):
    """``changed(Changes)``, emitted on the GUI thread after every successful write."""

    changed = Signal(object)


_bus: ChangeBus | None = None


def bus() -> ChangeBus:
    global _bus
    if _bus is None:
        _bus = ChangeBus()
    return _bus


def broadcast(changes: Changes) -> None:
    """Tell every listener (call on the GUI thread)."""
    if changes.any:
        bus().changed.emit(changes)


def read(
    parent: QObject | None, ctx: Context, fn: Callable[..., T], *args: Any, **kw: Any
) -> Op[T]:
    """An op that runs ``fn(ctx, *args, **kw)`` on a worker thread (configure, then start)."""
    return Op(lambda c: fn(c, *args, **kw), ctx=ctx, parent=parent)


def write(
    parent: QObject | None,
    ctx: Context,
    changes: Changes,
    fn: Callable[..., T],
    *args: Any,
    **kw: Any,
) -> Op[T]:
    """Like ``read``, and on success the change is broadcast (after the op's own callback)."""
    op = Op(lambda c: fn(c, *args, **kw), ctx=ctx, parent=parent)
    op.after_success(lambda _result: broadcast(changes))
    return op


def listen(
    widget: QWidget,
    refresh: Callable[[Changes], None],
    *kinds: str,
    delay_ms: int = 30,
) -> None:
    """Call ``widget``'s ``refresh(changes)`` after a change of any of ``kinds`` (default: all).
    Changes arriving together are merged into one refresh; ``refresh`` should start a read op,
    so the GUI thread never waits for the store. The connection ends with the widget."""
    wanted = kinds or Changes.KINDS
    pending: list[Changes] = []
    timer = QTimer(widget)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)

    def fire() -> None:
        merged = pending[0]
        for more in pending[1:]:
            merged = merged | more
        pending.clear()
        refresh(merged)

    def on_changed(changes: Changes) -> None:
        if changes.touches(wanted):
            pending.append(changes)
            timer.start()

    timer.timeout.connect(fire)
    # A receiver owned by the widget: Qt drops the connection when the widget is deleted.
    bus().changed.connect(_Receiver(widget, on_changed).deliver)


class _Receiver(QObject):
    def __init__(self, parent: QObject, slot: Callable[[Changes], None]) -> None:
        super().__init__(parent)
        self._slot = slot

    @Slot(object)
    def deliver(self, changes: object) -> None:
        self._slot(changes)  # type: ignore[arg-type]
