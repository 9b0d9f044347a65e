"""Rebuilds the desktop client's translation files from the sources (run after changing UI texts):

    uv run python packaging/update_translations.py

pyside6-lupdate collects every self.tr() / QCoreApplication.translate() text of onestop/ui into
resources/translations/onestop_en.ts (existing translations are kept, new texts are marked
unfinished: translate them with pyside6-linguist or in the XML), then pyside6-lrelease compiles
onestop_en.qm, which the application loads when English is chosen. Vietnamese is the source
language and needs no file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "onestop_en.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else name


def sources() -> list[str]:
    # The packages of onestop/ui too (a page split by job, e.g. onestop/ui/postal).
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "onestop" / "ui").rglob("*.py"))


def main() -> int:
    subprocess.run(
        [tool("pyside6-lupdate"), *sources(), "-locations", "none", "-no-obsolete", "-ts", str(TS)],
        cwd=ROOT,
        check=True,
    )
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], cwd=ROOT, check=True)
    # Qt's own texts in Vietnamese, for a Qt without qtbase_vi.qm (see ui.common.install_language).
    qt_vi = TS.with_name("qt_vi.ts")
    subprocess.run(
        [tool("pyside6-lrelease"), str(qt_vi), "-qm", str(qt_vi.with_suffix(".qm"))],
        cwd=ROOT,
        check=True,
    )
    unfinished = TS.read_text(encoding="utf-8").count('type="unfinished"')
    if unfinished:
        print(f"{unfinished} texts still need an English translation in {TS.name}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
