"""No two mnemonics or shortcuts clash within a window (issue 15): every window and page is walked
through its real widgets (the main window with each page for each role, the dossier window with
each of its inline forms, the dialogs, the sign-in window, the print preview), its mnemonics
(& in labels with a buddy, buttons, menu titles, tabs) and shortcuts (QShortcut, QAction,
buttons) collected, and any key meaning two things is named."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenuBar,
    QTabBar,
    QWidget,
)

from onestop.services import dossiers
from onestop.services.context import Context
from onestop.services.reception import ReceiveRequest, receive
from tests.gui.conftest import sign_in, wait_ops

ROLES = ("can.bo", "lanh.dao", "buu.dien", "quan.tri")


def mnemonic(text: str) -> str | None:
    """The Alt+key a text's & gives ("Họ và &tên" -> "Alt+T"); "&&" is a literal ampersand."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return "Alt+" + text[i + 1].upper()
            i += 1
        i += 1
    return None


def _seq(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.PortableText)


def _inside(widget: QWidget, excluded: Iterable[QWidget]) -> bool:
    return any(x is widget or x.isAncestorOf(widget) for x in excluded)


def collect(window: QWidget, excluded: Iterable[QWidget] = ()) -> dict[str, list[str]]:
    """Key -> what it means in ``window`` (leaving out the ``excluded`` subtrees: the main
    window's other pages, which are not shown at the same time)."""
    excluded = list(excluded)
    found: dict[str, list[str]] = defaultdict(list)

    def add(key: str | None, what: str) -> None:
        if key:
            found[key].append(what)

    widgets = [window, *window.findChildren(QWidget)]
    for w in widgets:
        if _inside(w, excluded) or w.window() is not window:
            continue
        if isinstance(w, QAbstractButton):
            own = mnemonic(w.text())
            add(own, f"button {w.text()!r}")
            sc = _seq(w.shortcut())
            if sc and sc != own:
                add(sc, f"button {w.text()!r}")
        elif isinstance(w, QLabel) and w.buddy() is not None:
            add(mnemonic(w.text()), f"label {w.text()!r}")
        elif isinstance(w, QGroupBox) and w.isCheckable():
            add(mnemonic(w.title()), f"group {w.title()!r}")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(mnemonic(w.tabText(i)), f"tab {w.tabText(i)!r}")
        if isinstance(w, QMenuBar):
            for act in w.actions():
                add(mnemonic(act.text()), f"menu {act.text()!r}")
                menu = act.menu()
                if menu is not None:
                    _menu_shortcuts(menu, add)
        for act in QWidget.actions(w):
            if not isinstance(w, QMenuBar) and w.window() is window and act.menu() is None:
                for seq in act.shortcuts():
                    add(_seq(seq), f"action {act.text()!r}")
    for sc in window.findChildren(QShortcut):
        parent = sc.parent()
        if isinstance(parent, QWidget) and (
            _inside(parent, excluded) or parent.window() is not window
        ):
            continue
        if sc.isEnabled():
            add(_seq(sc.key()), f"shortcut on {type(parent).__name__}")
    return found


def _menu_shortcuts(menu, add) -> None:
    for act in menu.actions():
        if act.menu() is not None:
            _menu_shortcuts(act.menu(), add)
        elif isinstance(act, QAction):
            for seq in act.shortcuts():
                add(_seq(seq), f"menu item {act.text()!r}")


def clashes(where: str, found: dict[str, list[str]]) -> list[str]:
    return [
        f"{where}: {key} = {' / '.join(sorted(set(what)))}"
        for key, what in sorted(found.items())
        if len(set(what)) > 1 or len(what) > 1
    ]


def walk_main_window(qtbot, main, ready: str) -> list[str]:
    problems = []
    for key in main.page_keys:
        main.show_page(key)
    wait_ops_quiet()
    for key in main.page_keys:
        others = [main._holders[k] for k in main.page_keys if k != key]
        problems += clashes(f"{main.ctx.actor}: page {key}", collect(main, others))
    if "return" in main.page_keys:
        # The return desk with a result scanned: its buttons and the return form show.
        page = main.show_page("return")
        page.scan.setText(ready)
        page.lookup()
        qtbot.waitUntil(lambda: page.actions.form is not None, timeout=10000)
        others = [main._holders[k] for k in main.page_keys if k != "return"]
        problems += clashes(f"{main.ctx.actor}: return form", collect(main, others))
    return problems


def wait_ops_quiet() -> None:
    QApplication.processEvents()


def _received(ctx, name: str, ready: bool = False) -> str:
    counter = Context(store=ctx.store, actor="can.bo", clock=ctx.clock, role="counter")
    code = receive(counter, ReceiveRequest(procedure_code="1.001193", applicant_name=name)).code
    if ready:
        dossiers.mark_result_ready(counter, code)
    return code


def walk_dossier_window(qtbot, main, code: str) -> list[str]:
    window = main.open_dossier(code)
    qtbot.waitUntil(lambda: window.actions.detail is not None, timeout=10000)
    problems = clashes(f"dossier {window.actions.detail.status}", collect(window))
    actions = window.actions
    for name in ("ask_return", "ask_supplement", "ask_refuse", "ask_extend", "ask_stop"):
        key = {
            "ask_return": "return",
            "ask_supplement": "supplement",
            "ask_refuse": "refuse",
            "ask_extend": "extend",
            "ask_stop": "stop",
        }[name]
        if key not in actions.button_widgets:
            continue
        getattr(actions, name)()
        qtbot.waitUntil(lambda: actions.form is not None, timeout=10000)
        problems += clashes(f"dossier form {key}", collect(window))
        actions._close_form()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window.close()
    return problems


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_mnemonic_or_shortcut_clashes_in_any_window(qtbot, shell, ctx, language):
    if language != "vi":
        shell.signin.language.setCurrentIndex(shell.signin.language.findData(language))
        qtbot.waitUntil(lambda: shell.settings.value("ui/language") == language, timeout=5000)
    problems = clashes(f"{language} sign-in", collect(shell.signin))
    received = _received(ctx, "Lê Văn An")
    ready = _received(ctx, "Lê Văn Bình", ready=True)
    for username in ROLES:
        main = sign_in(qtbot, shell, username)
        problems += [f"{language} {p}" for p in walk_main_window(qtbot, main, ready)]
        wait_ops(qtbot)
        if username == "quan.tri":
            problems += walk_dossier_window(qtbot, main, received)
            problems += walk_dossier_window(qtbot, main, ready)
            for open_dialog in (
                main.change_password,
                main.printer_settings,
                main.office_settings,
                main.show_keys,
                main.about,
            ):
                dialog = open_dialog()
                problems += clashes(f"dialog {dialog.windowTitle()}", collect(dialog))
                dialog.close()
            from onestop.services import forms

            pdf = forms.receipt_pdf(ctx, received)
            preview = main.preview_pdf(pdf, "preview", "receipt")
            problems += clashes("print preview", collect(preview))
            preview.close()
        wait_ops(qtbot)
        main.sign_out()
        qtbot.waitUntil(lambda: shell.signin.isVisible(), timeout=10000)
    assert problems == [], "\n".join(problems)


def test_the_checker_sees_a_clash():
    """The collector itself: two buddies with the same letter are a clash."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    window = QWidget()
    layout = QVBoxLayout(window)
    for text in ("Họ và &tên", "&Thủ tục"):
        label = QLabel(text, window)
        edit = QLineEdit(window)
        label.setBuddy(edit)
        layout.addWidget(label)
        layout.addWidget(edit)
    assert clashes("w", collect(window)) == ["w: Alt+T = label '&Thủ tục' / label 'Họ và &tên'"]
    assert mnemonic("A && B") is None and mnemonic("Số &bộ") == "Alt+B"
    window.deleteLater()
