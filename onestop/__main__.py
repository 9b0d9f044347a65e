"""Entry point for ``python -m onestop``."""

from onestop.cli import main

raise SystemExit(main())
