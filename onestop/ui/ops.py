"""The one pattern for slow work in the desktop client: run a function on a worker thread, get its
result or its error back on the GUI thread.

Modelled on Anki's CollectionOp/QueryOp::

    Op(lambda ctx: dossiers.find(ctx, text), ctx=self.ctx, parent=self)
        .on_done(self.show_rows)          # called on the GUI thread with the result
        .on_error(self.show_error)        # called on the GUI thread with the exception
        .start()

Rules it enforces:
- the function runs on a thread pool and must not touch widgets; with ``ctx`` it receives its own
  Context (same store, actor, role and clock; the store opens a SQLAlchemy session per call, the
  engine is thread-safe), so nothing the GUI thread holds is shared mutable state;
- callbacks run on the GUI thread, and never after ``parent`` was deleted or the op cancelled
  (a stale search result arriving after a newer one is simply dropped);
- ``tracker()`` counts running ops (the status bar shows "working", tests wait for zero).
"""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    QThreadPool,
    Signal,
    Slot,
)

if TYPE_CHECKING:
    from onestop.services.context import Context

T = TypeVar("T")

__all__ = ["Op", "OpTracker", "pool", "thread_context", "tracker", "wait_all"]


class OpTracker(QObject):
    """How many ops are running; ``busy_changed(count)`` on every change (GUI thread)."""

    busy_changed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self._live: set[Op[Any]] = set()

    def _started(self, op: Op[Any]) -> None:
        self._live.add(op)
        self.count += 1
        self.busy_changed.emit(self.count)

    def _finished(self, op: Op[Any]) -> None:
        self._live.discard(op)
        self.count -= 1
        self.busy_changed.emit(self.count)


_tracker: OpTracker | None = None
_pool: QThreadPool | None = None
_default_error: list[Callable[[BaseException], None]] = []


def tracker() -> OpTracker:
    global _tracker
    if _tracker is None:
        _tracker = OpTracker()
    return _tracker


def pool() -> QThreadPool:
    """Our own pool, so that waiting for it at exit waits for our work only."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        # SQLite readers run in parallel; more threads than this only queue on the write lock.
        _pool.setMaxThreadCount(4)
    return _pool


def set_default_error_handler(handler: Callable[[BaseException], None] | None) -> None:
    """What happens to the error of an op that has no ``on_error`` (the main window shows it)."""
    _default_error.clear()
    if handler is not None:
        _default_error.append(handler)


def wait_all(timeout_ms: int = 30000) -> bool:
    """Block until every running op has finished and its callbacks ran (tests, exit)."""
    app = QCoreApplication.instance()
    done = pool().waitForDone(timeout_ms)
    # The results are queued to the GUI thread: deliver them. An event loop object's
    # processEvents, not the static one (see common.later on PySide6 6.12.0's static calls).
    if app is not None:
        loop = QEventLoop()
        for _ in range(100):
            if tracker().count == 0:
                break
            loop.processEvents()
    return done and tracker().count == 0


def thread_context(ctx: Context) -> Context:
    """A Context for a worker thread (Context.for_thread)."""
    return ctx.for_thread()


class _Delivery(QObject):
    """Created on the GUI thread and never moved: the worker emits its signals, Qt queues them
    to the GUI thread, where the callbacks run. It has no parent (a widget deleted while the
    worker emits must not take it along); the op checks its own parent before calling back."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, op: Op[Any]) -> None:
        super().__init__()
        self.op = op
        self.done.connect(self._on_done)
        self.failed.connect(self._on_failed)

    @Slot(object)
    def _on_done(self, result: object) -> None:
        self.op._deliver(result, None)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self.op._deliver(None, error)  # type: ignore[arg-type]


class _Task(QRunnable):
    def __init__(self, op: Op[Any]) -> None:
        super().__init__()
        self.op = op
        self.setAutoDelete(True)

    def run(self) -> None:
        op = self.op
        try:
            result = op._fn(thread_context(op._ctx)) if op._ctx is not None else op._fn()
        except BaseException as exc:  # delivered to the GUI thread, never lost in the pool
            with contextlib.suppress(AttributeError, TypeError):
                exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            op._delivery.failed.emit(exc)
        else:
            op._delivery.done.emit(result)


class Op(Generic[T]):
    """One piece of slow work; configure with on_done/on_error, then start()."""

    def __init__(
        self,
        fn: Callable[..., T],
        *,
        ctx: Context | None = None,
        parent: QObject | None = None,
        label: str | None = None,
    ) -> None:
        self._fn = fn
        self._ctx = ctx
        self._parent = parent
        self.label = label
        self._done: Callable[[T], None] | None = None
        self._error: Callable[[BaseException], None] | None = None
        self._after: list[Callable[[T], None]] = []
        self._delivery: _Delivery = None  # type: ignore[assignment]  # set by start()
        self.cancelled = False
        self.finished = False
        self.result: T | None = None
        self.error: BaseException | None = None

    def on_done(self, callback: Callable[[T], None]) -> Op[T]:
        self._done = callback
        return self

    def on_error(self, callback: Callable[[BaseException], None]) -> Op[T]:
        self._error = callback
        return self

    def after_success(self, callback: Callable[[T], None]) -> Op[T]:
        """Also call ``callback`` on success, after ``on_done``, even when the parent was deleted
        or the op cancelled: what a finished write must still do (broadcast its change)."""
        self._after.append(callback)
        return self

    def start(self) -> Op[T]:
        """Queue the work; must be called on the GUI thread."""
        self._delivery = _Delivery(self)
        tracker()._started(self)
        pool().start(_Task(self))
        return self

    def cancel(self) -> None:
        """Drop the result when it comes (the work itself cannot be interrupted)."""
        self.cancelled = True

    # --- internals ----------------------------------------------------------------------------

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        if self.finished:
            return
        self.finished = True
        self.result, self.error = result, error
        try:
            if self.cancelled or (self._parent is not None and not shiboken6.isValid(self._parent)):
                return
            if error is None:
                if self._done is not None:
                    self._done(result)
            elif self._error is not None:
                self._error(error)
            elif _default_error:
                _default_error[0](error)
            else:
                text = getattr(error, "__traceback_text__", None) or repr(error)
                sys.stderr.write(f"onestop: lỗi trong tác vụ nền: {text}\n")
        finally:
            try:
                if error is None:
                    for callback in self._after:
                        callback(result)
            finally:
                tracker()._finished(self)
                self._delivery.deleteLater()
