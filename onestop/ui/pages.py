"""The main window's pages in one table: what each is called, the actions its role needs, the key
that opens it and how it is built (instead of a chain of ifs). A page is built the first time
it shows; its module is imported then too, so signing in does not pay for pages not opened."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from .main_window import MainWindow


@dataclass(frozen=True)
class PageSpec:
    key: str
    needs: tuple[str, ...]  # the role may use the page when it may do any of these actions
    title: Callable[[], str]  # called when shown: the language may have changed
    shortcut: str
    build: Callable[[MainWindow], QWidget]


class MissingPage(QWidget):
    """Stands in for a page whose module is not part of this build yet."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)


def _reception(host: MainWindow) -> QWidget:
    from .reception_page import ReceptionPage

    return ReceptionPage(host)


def _return(host: MainWindow) -> QWidget:
    from .return_page import ReturnPage

    return ReturnPage(host)


def _search(host: MainWindow) -> QWidget:
    from .search_page import SearchPage

    return SearchPage(host)


def _daily_log(host: MainWindow) -> QWidget:
    from .daily_log_page import DailyLogPage

    return DailyLogPage(host)


def _postal(host: MainWindow) -> QWidget:
    try:
        from .postal import PostalPage
    except ImportError:
        text = QCoreApplication.translate(
            "MainWindow", "Trang bưu chính chưa có trong phiên bản này."
        )
        return MissingPage(text, host)
    return PostalPage(host.ctx, host)


def _dashboard(host: MainWindow) -> QWidget:
    from .dashboard_page import DashboardPage

    return DashboardPage(host)


def _users(host: MainWindow) -> QWidget:
    from .users_page import UsersPage

    return UsersPage(host)


# The texts keep the main window's translation context, where they were first written.
PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "reception",
        ("receive",),
        lambda: QCoreApplication.translate("MainWindow", "Tiếp nhận"),
        "F2",
        _reception,
    ),
    PageSpec(
        "return",
        ("return", "result_ready"),
        lambda: QCoreApplication.translate("MainWindow", "Trả kết quả"),
        "F3",
        _return,
    ),
    PageSpec(
        "search",
        ("search",),
        lambda: QCoreApplication.translate("MainWindow", "Tra cứu"),
        "F4",
        _search,
    ),
    PageSpec(
        "log",
        ("daily_log",),
        lambda: QCoreApplication.translate("MainWindow", "Sổ theo dõi"),
        "F6",
        _daily_log,
    ),
    PageSpec(
        "dashboard",
        ("report",),
        lambda: QCoreApplication.translate("MainWindow", "Tổng quan"),
        "F12",
        _dashboard,
    ),
    PageSpec(
        "postal",
        ("postal",),
        lambda: QCoreApplication.translate("MainWindow", "Bưu chính"),
        "F7",
        _postal,
    ),
    PageSpec(
        "users",
        ("users",),
        lambda: QCoreApplication.translate("MainWindow", "Tài khoản"),
        "F8",
        _users,
    ),
)

BY_KEY: dict[str, PageSpec] = {spec.key: spec for spec in PAGES}

# The page a role always starts on after signing in, whatever page was open last (others start
# where this workstation's last user left off): the post's employees come for the postal page and
# nothing else; a supervisor opens the day on the dashboard.
LANDING: dict[str, str] = {
    "postal": "postal",
    "supervisor": "dashboard",
}
