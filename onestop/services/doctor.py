"""``onestop doctor``: checks what an installed program needs, and says what is wrong in words the
office's IT person can act on (Vietnamese first, then English).

Each check gives ``ok``, ``warning`` (works, but something deserves attention: no printer, no
keyring), ``error`` (something the counter needs does not work) or ``skipped`` (could not be
checked because an earlier check failed; that one carries the error). All is well when no check
is an error. Nothing is written: the store is read without being opened for writing, and the
data folder's test file is removed at once.

Qt runs in a child process (``onestop doctor --qt-probe``, see onestop.ui.probe): a Qt that cannot
start its platform aborts the process, and the doctor must still report.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onestop.resources import resource

OK, WARNING, ERROR, SKIPPED = "ok", "warning", "error", "skipped"
REINSTALL = "Cài đặt lại onestop. Reinstall onestop."
# Below this, a day of receipts and their PDFs may not fit: said as a warning.
LOW_DISK_BYTES = 200 * 1024 * 1024
QT_TIMEOUT_S = 90

# Modules the program imports by name, through an entry point or only on some paths: the ones a
# frozen bundle misses first. The program's own modules are walked as well (program_modules).
THIRD_PARTY_MODULES = (
    "sqlalchemy.dialects.sqlite.pysqlite",
    "alembic.runtime.migration",
    "argon2",
    "keyring",
    "holidays.countries.vietnam",
    "vietnam_provinces",
    "openpyxl",
    "barcode.codex",
    "reportlab.graphics.barcode.code128",
    "reportlab.graphics.barcode.qr",
    "orjson",
    "uuid6",
    "platformdirs",
)
RESOURCE_FILES = (
    ("catalog", "demo.json"),
    ("calendar", "vn.json"),
    ("postal", "tariff.json"),
    ("translations", "onestop_en.qm"),
    ("icons", "onestop.png"),
)


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    message: str
    details: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.status != ERROR

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "message": self.message,
            "details": dict(self.details),
        }


@dataclass(frozen=True)
class Diagnosis:
    version: str
    frozen: bool
    data_dir: Path
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def check(self, name: str) -> Check:
        return next(c for c in self.checks if c.name == name)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "version": self.version,
            "frozen": self.frozen,
            "data_dir": str(self.data_dir),
            "checks": [c.to_json() for c in self.checks],
        }


# --- the program itself --------------------------------------------------------------------------


def program_modules() -> list[str]:
    """The program's modules below the window (onestop.ui is imported by the Qt probe), without
    the migrations (run by Alembic from their files) and __main__ (which would run the program)."""
    import onestop

    names = []
    for info in pkgutil.walk_packages(onestop.__path__, "onestop."):
        name = info.name
        if name == "onestop.__main__" or name.startswith(
            ("onestop.store.migrations", "onestop.ui")
        ):
            continue
        names.append(name)
    return names


def check_program() -> Check:
    missing: list[str] = []
    names = program_modules() + list(THIRD_PARTY_MODULES)
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # ImportError, or a module failing as it loads
            missing.append(f"{name}: {type(exc).__name__}: {exc}")
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo("Asia/Ho_Chi_Minh")
    except Exception as exc:
        missing.append(f"tzdata Asia/Ho_Chi_Minh: {exc}")
    details = {"modules": len(names), "missing": missing}
    if missing:
        return Check(
            "program",
            ERROR,
            f"Thiếu thành phần của chương trình ({len(missing)}): {missing[0]}. {REINSTALL} "
            "A part of the program is missing.",
            details,
        )
    return Check("program", OK, f"Đủ {len(names)} mô-đun. All modules load.", details)


def check_resources() -> Check:
    missing = [str(Path(*p)) for p in RESOURCE_FILES if not resource(*p).is_file()]
    details = {"folder": str(resource()), "missing": missing}
    if missing:
        return Check(
            "resources",
            ERROR,
            f"Thiếu tệp dữ liệu của chương trình: {', '.join(missing)}. {REINSTALL}",
            details,
        )
    return Check("resources", OK, "Đủ danh mục, lịch, bảng cước, bản dịch, biểu tượng.", details)


def check_fonts(folder: Path | None = None) -> Check:
    from onestop.documents.selfcheck import font_files, font_problem

    files = font_files(folder)
    problems = {p.name: why for p in files.values() if (why := font_problem(p)) is not None}
    details = {"fonts": sorted(p.name for p in files.values()), "problems": problems}
    if problems:
        where = next(iter(files.values())).parent
        listed = "; ".join(f"{name}: {why}" for name, why in problems.items())
        return Check(
            "fonts",
            ERROR,
            f"Phông chữ in biểu mẫu không dùng được ({listed}) trong {where}: biên nhận không in "
            f"được. {REINSTALL} The forms' fonts are missing or unusable.",
            details,
        )
    return Check("fonts", OK, "Phông chữ DejaVu đủ chữ tiếng Việt, nhúng được vào PDF.", details)


def check_barcodes() -> tuple[Check, bytes | None]:
    """A sample receipt (Code 128 and QR code): the check, and its PDF for the Qt probe."""
    from onestop.documents.selfcheck import sample_receipt

    try:
        pdf = sample_receipt()
    except Exception as exc:
        return (
            Check(
                "barcodes",
                ERROR,
                f"Không vẽ được biên nhận có mã vạch và mã QR ({type(exc).__name__}: {exc}). "
                f"{REINSTALL} The receipt with its barcode cannot be drawn.",
                {"error": f"{type(exc).__name__}: {exc}"},
            ),
            None,
        )
    return (
        Check(
            "barcodes",
            OK,
            "Vẽ được biên nhận mẫu có mã vạch Code 128 và mã QR.",
            {"pdf_bytes": len(pdf)},
        ),
        pdf,
    )


# --- Qt, in a child process ----------------------------------------------------------------------


def self_command() -> list[str]:
    """How to start this same program again: the bundle's executable (on Windows its console
    one, whose output can be read), or this interpreter."""
    if getattr(sys, "frozen", False):
        console = Path(sys.executable).with_name("onestop.exe")
        return [str(console) if sys.platform == "win32" and console.is_file() else sys.executable]
    return [sys.executable, "-m", "onestop"]


def check_qt(pdf: bytes | None) -> list[Check]:
    """The window's platform, the PDF viewer (QtPdf) and the printers Qt sees."""
    platform = os.environ.get("QT_QPA_PLATFORM") or "mặc định / default"
    with tempfile.TemporaryDirectory(prefix="onestop-doctor-") as tmp:
        args = [*self_command(), "doctor", "--qt-probe"]
        if pdf is not None:
            sample = Path(tmp) / "sample.pdf"
            sample.write_bytes(pdf)
            args.append(str(sample))
        try:
            proc = subprocess.run(
                args,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=QT_TIMEOUT_S,
                env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return _qt_failed(platform, f"{type(exc).__name__}: {exc}")
    found = _last_json(proc.stdout)
    if proc.returncode != 0 or found is None:
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        return _qt_failed(platform, " | ".join(lines[-3:]) or f"exit {proc.returncode}")
    return qt_checks(found)


def _last_json(text: str) -> dict[str, Any] | None:
    for line in reversed(text.splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                return None
    return None


def _qt_failed(platform: str, detail: str) -> list[Check]:
    hint = ""
    low = detail.lower()
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        hint = (
            " Không có màn hình (DISPLAY trống): chạy trong phiên đồ họa của người dùng. "
            "No display."
        )
    elif "cannot open shared object" in low or "xcb" in low:
        hint = (
            " Trên Linux, cài các thư viện Qt cần (Debian/Ubuntu: apt-get install libegl1 "
            "libgl1 libxkbcommon-x11-0 libxcb-cursor0 libfontconfig1 libdbus-1-3)."
        )
    skipped = "Chưa kiểm tra được: giao diện Qt không khởi động. Not checked: Qt did not start."
    return [
        Check(
            "qt_platform",
            ERROR,
            f"Không mở được cửa sổ (Qt, nền tảng {platform}): {detail}.{hint} "
            "The window cannot start.",
            {"platform": platform, "error": detail},
        ),
        Check("pdf_viewer", SKIPPED, skipped),
        Check("printers", SKIPPED, skipped),
    ]


def qt_checks(found: dict[str, Any]) -> list[Check]:
    """The three checks from what the probe reported (onestop.ui.probe.probe)."""
    checks = []
    missing = found.get("missing", [])
    platform = found.get("platform")
    if missing or not platform:
        checks.append(
            Check(
                "qt_platform",
                ERROR,
                f"Thiếu thành phần giao diện: {missing[0] if missing else 'Qt'}. {REINSTALL}",
                found,
            )
        )
    else:
        checks.append(
            Check(
                "qt_platform",
                OK,
                f"Giao diện Qt chạy (nền tảng {platform}).",
                {"platform": platform, "qt": found.get("qt"), "modules": found.get("modules")},
            )
        )
    pdf = found.get("pdf") or {}
    if pdf.get("skipped"):
        checks.append(
            Check(
                "pdf_viewer",
                SKIPPED,
                "Chưa kiểm tra được: không có biên nhận mẫu (xem mục barcodes). Not checked.",
            )
        )
    elif pdf.get("error") or not pdf.get("pages") or not pdf.get("drawn"):
        why = pdf.get("error") or "trang trống / blank page"
        checks.append(
            Check(
                "pdf_viewer",
                ERROR,
                f"Không xem trước được biên nhận (QtPdf): {why}. {REINSTALL} "
                "The PDF preview does not work.",
                pdf,
            )
        )
    else:
        checks.append(Check("pdf_viewer", OK, "Xem trước được biên nhận (QtPdf).", pdf))
    printers = found.get("printers") or []
    default = found.get("default_printer") or None
    details = {"printers": printers, "default": default}
    if not printers:
        checks.append(
            Check(
                "printers",
                WARNING,
                "Không thấy máy in nào: cài máy in trong hệ điều hành để in biên nhận (vẫn lưu "
                "được PDF). No printer found.",
                details,
            )
        )
    elif not default:
        checks.append(
            Check(
                "printers",
                WARNING,
                f"Thấy {len(printers)} máy in nhưng chưa có máy in mặc định. No default printer.",
                details,
            )
        )
    else:
        checks.append(
            Check("printers", OK, f"{len(printers)} máy in; mặc định: {default}.", details)
        )
    return checks


# --- the whole diagnosis -------------------------------------------------------------------------


def diagnose(data_dir: Path | None = None, only: Iterable[str] | None = None) -> Diagnosis:
    """Every check (or ``only`` those named), in the order a person reads them."""
    from onestop import version

    from .doctor_local import check_central, check_data_folder, check_keyring, check_store

    folder = data_dir if data_dir is not None else default_folder()
    wanted = set(only) if only else None

    def want(*names: str) -> bool:
        return wanted is None or bool(wanted.intersection(names))

    checks: list[Check] = []
    if want("program"):
        checks.append(check_program())
    if want("resources"):
        checks.append(check_resources())
    if want("fonts"):
        checks.append(check_fonts())
    pdf = None
    if want("barcodes", "qt_platform", "pdf_viewer", "printers"):
        barcodes, pdf = check_barcodes()
        if want("barcodes"):
            checks.append(barcodes)
    if want("qt_platform", "pdf_viewer", "printers"):
        checks += [c for c in check_qt(pdf) if want(c.name)]
    if want("keyring"):
        checks.append(check_keyring())
    if want("data_folder"):
        checks.append(check_data_folder(folder))
    if want("store", "central"):
        store, central = check_store(folder), None
        if want("store"):
            checks.append(store)
        if want("central"):
            central = check_central(folder, store)
            checks.append(central)
    return Diagnosis(
        version=version(),
        frozen=bool(getattr(sys, "frozen", False)),
        data_dir=folder,
        checks=tuple(checks),
    )


CHECK_NAMES = (
    "program",
    "resources",
    "fonts",
    "barcodes",
    "qt_platform",
    "pdf_viewer",
    "printers",
    "keyring",
    "data_folder",
    "store",
    "central",
)


def default_folder() -> Path:
    from onestop.store.db import default_data_dir

    return default_data_dir()


def free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None
