"""Entry point of ``python -m onestop`` and of the bundle's executables (packaging/onestop.spec)."""

import os
import sys

# The bundle's windowed executable on Windows (onestopw.exe, the Start-menu entry) has no console:
# sys.stdout and sys.stderr are None there, and a command that prints would crash.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from onestop.cli import main  # noqa: E402

raise SystemExit(main())
