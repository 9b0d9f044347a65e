"""Small things every screen of the desktop client shares: where its settings live, the language,
fonts with Vietnamese glyphs, labels of statuses and events, time formats, field error display.

Kept free of SQLAlchemy and the services so that the sign-in window can import it and show before
the store is opened (start-up time).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSettings, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from .operations.files import private_file

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
SETTINGS_FILE = "onestop-ui.ini"


def later(ms: int, fn: Callable[[], object], parent: QObject) -> QTimer:
    """Call ``fn`` on the GUI thread after ``ms``, unless ``parent`` is gone by then.

    Unlike QTimer.singleShot with a callable, the timer dies with ``parent``, so a callback never
    reaches a widget that was closed meanwhile."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.timeout.connect(fn)
    timer.timeout.connect(timer.deleteLater)
    timer.start(ms)
    return timer


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def data_dir(given: Path | None = None) -> Path:
    """The same folder as onestop.store.db.default_data_dir, without importing SQLAlchemy: the
    sign-in window reads its settings before the store opens."""
    if given is not None:
        return Path(given)
    env = os.environ.get("ONESTOP_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("onestop", appauthor=False))


def ui_settings(folder: Path) -> QSettings:
    """Window layout, language, printer choice: per workstation, in the data folder (private:
    onestop.services.private_files; Qt keeps the mode of the file created here)."""
    private_file(folder / SETTINGS_FILE)
    return QSettings(str(folder / SETTINGS_FILE), QSettings.Format.IniFormat)


# --- language ----------------------------------------------------------------------------------

_translators: list[QTranslator] = []
_language = ["vi"]


def install_language(app: QCoreApplication, language: str) -> str:
    """Vietnamese is the source language; English comes from resources/translations/*.qm. In
    Vietnamese, Qt's own texts (standard buttons, context menus) are Vietnamese too: Qt's
    qtbase_vi.qm when this Qt has one, else the small catalogue we ship (qt_vi.qm)."""
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if language not in LANGUAGES:
        language = "vi"
    _language[0] = language
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if language == "vi" else "en"))
    if language == "vi":
        _install_qt_vietnamese(app)
        return language
    from onestop.resources import resource

    qm = resource("translations", f"onestop_{language}.qm")
    translator = QTranslator(app)
    if translator.load(str(qm)):
        app.installTranslator(translator)
        _translators.append(translator)
    return language


def _install_qt_vietnamese(app: QCoreApplication) -> None:
    from PySide6.QtCore import QLibraryInfo

    from onestop.resources import resource

    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for path in (Path(qt_folder) / "qtbase_vi.qm", resource("translations", "qt_vi.qm")):
        translator = QTranslator(app)
        if Path(path).is_file() and translator.load(str(path)):
            app.installTranslator(translator)
            _translators.append(translator)
            return


def current_language() -> str:
    return _language[0]


def localized(text: object) -> str:
    """A sentence from the services in the window's language: a catalogued message
    (onestop.domain.messages) is said in English in English mode; other text as it is."""
    from onestop.domain.messages import render

    return render(text, _language[0]) if text is not None else ""


# --- fonts -------------------------------------------------------------------------------------

_VIETNAMESE_SAMPLE = "ẮẰẲẴẶắằẳẵặỆệỖỗỰựĐđ"


def ensure_vietnamese_font(app: QApplication) -> None:
    """Use the system font when it draws every Vietnamese letter; otherwise the DejaVu Sans we
    ship (a fresh Linux without fonts, a kiosk image)."""
    metrics = QFontMetrics(app.font())
    if all(metrics.inFont(ch) for ch in _VIETNAMESE_SAMPLE):
        return
    from onestop.resources import resource

    family = None
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(resource("fonts", name)))
        if font_id >= 0 and family is None:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    if family:
        font = QFont(family)
        font.setPointSizeF(app.font().pointSizeF())
        app.setFont(font)


# --- labels --------------------------------------------------------------------------------------

STATUS_COLORS = {
    "received": "#1f5fa8",
    "supplement_requested": "#b36b00",
    "transferred": "#1f5fa8",
    "result_ready": "#1b7f3b",
    "returned": "#555555",
    "out_for_delivery": "#6a3fa0",
    "delivered": "#555555",
    "undeliverable": "#b3261e",
    "refused": "#b3261e",
    "stopped": "#b3261e",
}

# English for the labels the domain gives in Vietnamese; lupdate reads these translate() calls.
_STATUS = {
    "received": lambda: QCoreApplication.translate("Status", "Đã tiếp nhận"),
    "supplement_requested": lambda: QCoreApplication.translate("Status", "Chờ bổ sung"),
    "transferred": lambda: QCoreApplication.translate("Status", "Đã chuyển xử lý"),
    "result_ready": lambda: QCoreApplication.translate("Status", "Có kết quả, chờ trả"),
    "returned": lambda: QCoreApplication.translate("Status", "Đã trả kết quả"),
    "out_for_delivery": lambda: QCoreApplication.translate("Status", "Bưu điện đang phát"),
    "delivered": lambda: QCoreApplication.translate("Status", "Đã phát tận nhà"),
    "undeliverable": lambda: QCoreApplication.translate("Status", "Phát không thành công"),
    "refused": lambda: QCoreApplication.translate("Status", "Từ chối giải quyết"),
    "stopped": lambda: QCoreApplication.translate("Status", "Dừng giải quyết"),
}

_EVENTS = {
    "received": lambda: QCoreApplication.translate("Event", "Tiếp nhận hồ sơ"),
    "supplement_requested": lambda: QCoreApplication.translate("Event", "Yêu cầu bổ sung hồ sơ"),
    "supplement_completed": lambda: QCoreApplication.translate("Event", "Đã bổ sung đủ hồ sơ"),
    "transferred": lambda: QCoreApplication.translate("Event", "Chuyển cơ quan giải quyết"),
    "result_ready": lambda: QCoreApplication.translate(
        "Event", "Nhận kết quả từ cơ quan giải quyết"
    ),
    "extended": lambda: QCoreApplication.translate("Event", "Xin lỗi và hẹn lại ngày trả"),
    "returned": lambda: QCoreApplication.translate("Event", "Trả kết quả tại quầy"),
    "refused": lambda: QCoreApplication.translate("Event", "Từ chối giải quyết"),
    "stopped": lambda: QCoreApplication.translate("Event", "Dừng giải quyết"),
    "postal_handover": lambda: QCoreApplication.translate("Event", "Giao bưu điện phát kết quả"),
    "delivery_attempt": lambda: QCoreApplication.translate(
        "Event", "Bưu điện phát không thành công"
    ),
    "delivered": lambda: QCoreApplication.translate("Event", "Bưu điện đã phát"),
    "undeliverable": lambda: QCoreApplication.translate("Event", "Chuyển hoàn về Bộ phận Một cửa"),
    "rated": lambda: QCoreApplication.translate("Event", "Đánh giá mức độ hài lòng"),
    "note": lambda: QCoreApplication.translate("Event", "Ghi chú"),
}

_ROLES = {
    "counter": lambda: QCoreApplication.translate("Role", "Cán bộ một cửa"),
    "postal": lambda: QCoreApplication.translate("Role", "Nhân viên bưu điện"),
    "supervisor": lambda: QCoreApplication.translate("Role", "Lãnh đạo"),
    "admin": lambda: QCoreApplication.translate("Role", "Quản trị hệ thống"),
}

STATUSES = tuple(_STATUS)
ROLES = tuple(_ROLES)


def status_label(status: str) -> str:
    f = _STATUS.get(status)
    return f() if f else status


def event_label(event_type: str) -> str:
    f = _EVENTS.get(event_type)
    return f() if f else event_type


def role_label(role: str) -> str:
    f = _ROLES.get(role)
    return f() if f else role


def when(value: str | datetime | None) -> str:
    """16/11/2026 09:05, the way the counter writes times."""
    if value is None:
        return ""
    at = datetime.fromisoformat(value) if isinstance(value, str) else value
    return at.strftime("%d/%m/%Y %H:%M")


def day_text(value: str | datetime | None) -> str:
    if value is None:
        return ""
    at = datetime.fromisoformat(value) if isinstance(value, str) else value
    return at.strftime("%d/%m/%Y")


def money(amount: int | None) -> str:
    if not amount:
        return QCoreApplication.translate("Common", "Không thu phí")
    return f"{amount:,}".replace(",", ".") + " đ"


# --- messages next to fields ----------------------------------------------------------------------

ERROR_STYLE = "color: #b3261e;"
OK_STYLE = "color: #1b7f3b;"


def show_field_error(widget: QWidget | None, label: QLabel, message: str | None) -> None:
    """The Vietnamese reason under the field, and the field outlined in red; None clears both."""
    label.setText(message or "")
    label.setVisible(bool(message))
    if widget is not None:
        widget.setProperty("invalid", bool(message))
        widget.setStyleSheet("border: 1px solid #b3261e;" if message else "")


def error_text(error: BaseException) -> str:
    """The clerk-facing sentence of an error from a service, in the window's language when the
    message catalogue has it."""
    message = getattr(error, "message", None)
    if message:
        return localized(message)
    text = getattr(error, "text", None) or error
    return QCoreApplication.translate("Common", "Lỗi: {0}").format(localized(text))
