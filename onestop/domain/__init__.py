"""Pure domain model: no Qt, no SQL. Everything else depends on this, never the reverse."""
