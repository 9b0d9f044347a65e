"""Tables of the postal feature (filled in by its issue), on the shared declarative Base."""

from onestop.store.tables import Base  # noqa: F401
