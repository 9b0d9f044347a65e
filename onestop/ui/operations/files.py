"""The window's way to the data folder's private files (folder 0700, files 0600): the same
service the command line uses, reached before the store opens (no SQLAlchemy behind it)."""

from __future__ import annotations

from onestop.services.private_files import private_file, secure_folder, write_private

__all__ = ["private_file", "secure_folder", "write_private"]
