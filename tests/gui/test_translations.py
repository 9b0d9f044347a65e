"""English is selectable: the translation file covers every text of the client's screens, and the
windows show English once it is chosen (Vietnamese is the source language)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from onestop.resources import resource
from tests.gui.conftest import sign_in

ROOT = Path(__file__).resolve().parents[2]
# The modules of onestop/ui and its packages (the postal page, the operations layer).
UI = ROOT / "onestop" / "ui"
OWN = sorted(UI.rglob("*.py"))


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            tr = m.find("translation")
            done = tr is not None and tr.get("type") not in ("unfinished", "vanished", "obsolete")
            out[(name, m.findtext("source") or "")] = tr.text if done and tr is not None else None
    return out


def test_every_text_of_the_screens_has_an_english_translation(tmp_path):
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run(
        [str(lupdate), *map(str, OWN), "-locations", "none", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    wanted = messages(fresh)
    shipped = messages(resource("translations", "onestop_en.ts"))
    assert len(wanted) > 250
    missing = [key for key in wanted if not shipped.get(key)]
    assert missing == [], "run: uv run python packaging/update_translations.py"
    assert resource("translations", "onestop_en.qm").stat().st_size > 10000


def test_english_sign_in_and_main_window(qtbot, shell):
    shell.signin.language.setCurrentIndex(shell.signin.language.findData("en"))
    qtbot.waitUntil(lambda: shell.signin.windowTitle() == "onestop · Sign in", timeout=5000)
    assert shell.signin.submit.text() == "Sign in (Enter)"
    main = sign_in(qtbot, shell, "can.bo")
    assert main.tabs.tabText(0) == "Reception (F2)"
    page = main.show_page("reception")
    assert page.save.text() == "Save and print the receipt (Ctrl+Enter)"
    assert shell.settings.value("ui/language") == "en"
