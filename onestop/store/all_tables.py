"""Imports every table module, so that Base.metadata knows the whole schema (Alembic, tests)."""

from onestop.store import tables, tables_postal, tables_staff, tables_sync  # noqa: F401
from onestop.store.tables import Base

metadata = Base.metadata
