"""``onestop doctor``: all well on a working installation; and each kind of trouble said in words
one can act on, with exit 1: a font file missing or damaged, a data folder that cannot be
written, a store written by a newer program or damaged, a central database out of reach, a Qt
that cannot start its platform. The doctor writes nothing."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from onestop import resources
from onestop.cli import main
from onestop.services import doctor
from onestop.store.db import STORE_FILE, head_revision
from tests.helpers import dump, run_cli


def _json(proc) -> dict:
    return json.loads(proc.stdout)


def _checks(report: dict) -> dict[str, dict]:
    return {c["name"]: c for c in report["checks"]}


def _doctor(capsys, data_dir: Path, *checks: str) -> tuple[int, dict]:
    """The command in this process (what a test changes here, the doctor sees)."""
    args = ["--data-dir", str(data_dir), "doctor", "--json"]
    for name in checks:
        args += ["--check", name]
    capsys.readouterr()
    code = main(args)
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("doctor") / "data"
    run_cli(folder, "init", "--demo")
    return folder


def test_all_is_well_on_a_working_installation_and_nothing_is_written(demo_store):
    before = dump(demo_store)
    proc = run_cli(demo_store, "doctor", "--json")
    report = _json(proc)
    assert report["ok"] is True and report["frozen"] is False
    checks = _checks(report)
    assert list(checks) == list(doctor.CHECK_NAMES)
    assert [c for c in checks.values() if c["status"] == "error"] == []
    assert checks["qt_platform"]["details"]["platform"] == "offscreen"
    assert checks["pdf_viewer"]["status"] == "ok" and checks["pdf_viewer"]["details"]["pages"] == 1
    assert checks["store"]["details"]["revision"] == head_revision()
    assert checks["central"]["status"] == "ok"  # not configured: works alone
    assert dump(demo_store) == before
    # The person's version: one line per check, the verdict last.
    human = run_cli(demo_store, "doctor").stdout
    assert "[ OK ] fonts:" in human and human.rstrip().endswith("All is well.")


def test_a_missing_font_file_is_named_and_fails(tmp_path, capsys, monkeypatch):
    shipped = resources.resources_dir()
    copy = tmp_path / "resources"
    shutil.copytree(shipped, copy, ignore=shutil.ignore_patterns("screenshots"))
    (copy / "fonts" / "DejaVuSans-Bold.ttf").unlink()
    monkeypatch.setattr(resources, "resources_dir", lambda: copy)
    code, report = _doctor(capsys, tmp_path / "data", "fonts", "resources")
    assert code == 1 and report["ok"] is False
    fonts = _checks(report)["fonts"]
    assert fonts["status"] == "error"
    assert "DejaVuSans-Bold.ttf: không có tệp / missing" in fonts["message"]
    assert "Cài đặt lại onestop" in fonts["message"]
    assert list(fonts["details"]["problems"]) == ["DejaVuSans-Bold.ttf"]
    assert _checks(report)["resources"]["status"] == "ok"


def test_a_damaged_font_cannot_be_embedded(tmp_path):
    fonts = tmp_path / "fonts"
    shutil.copytree(resources.resource("fonts"), fonts)
    (fonts / "DejaVuSans.ttf").write_bytes(b"\0\1\0\0 not a font")
    check = doctor.check_fonts(fonts)
    assert check.status == "error"
    assert "DejaVuSans.ttf: không nhúng được vào PDF" in check.message


@contextlib.contextmanager
def _not_writable(folder: Path) -> Iterator[None]:
    """``folder`` not writable by this process: its rights taken away, or, for root (whom rights
    do not stop), this process acting as nobody while inside."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


def test_an_unwritable_data_folder_is_said_with_what_to_do(capsys):
    # Outside pytest's temporary folders (private to their owner): the folder itself, not the
    # way to it, is what cannot be written.
    top = Path(tempfile.mkdtemp(prefix="onestop-unwritable-"))
    try:
        top.chmod(0o755)
        folder = top / "data"
        folder.mkdir(mode=0o755)
        folder.chmod(0o755)
        code, report = _doctor(capsys, folder, "data_folder")  # everything loaded beforehand
        assert code == 0, report
        with _not_writable(folder):
            code, report = _doctor(capsys, folder, "data_folder")
        assert code == 1 and report["ok"] is False
        check = _checks(report)["data_folder"]
        assert check["status"] == "error"
        assert f"Thư mục dữ liệu {folder} không ghi được" in check["message"]
        assert "cấp quyền ghi cho tài khoản" in check["message"]
        assert "--data-dir" in check["message"] and "not writable" in check["message"]
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_a_file_where_the_data_folder_should_be(tmp_path):
    blocker = tmp_path / "onestop"
    blocker.write_text("not a folder")
    proc = run_cli(blocker / "data", "doctor", "--json", "--check", "data_folder", check=1)
    check = _checks(_json(proc))["data_folder"]
    assert check["status"] == "error"
    assert f"{blocker} là một tệp, không phải thư mục" in check["message"]


def _copy_store(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy2(source / STORE_FILE, target / STORE_FILE)
    return target


def test_a_store_written_by_a_newer_program(demo_store, tmp_path):
    folder = _copy_store(demo_store, tmp_path / "data")
    conn = sqlite3.connect(folder / STORE_FILE)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    proc = run_cli(folder, "doctor", "--json", "--check", "store", "--check", "central", check=1)
    checks = _checks(_json(proc))
    assert checks["store"]["status"] == "error"
    assert "phiên bản onestop mới hơn" in checks["store"]["message"]
    assert checks["store"]["details"]["revision"] == "9999_from_the_future"
    assert checks["central"]["status"] == "skipped"


def test_a_damaged_store(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / STORE_FILE).write_bytes(b"this is not a database" * 100)
    proc = run_cli(folder, "doctor", "--json", "--check", "store", check=1)
    check = _checks(_json(proc))["store"]
    assert check["status"] == "error" and "khôi phục từ bản sao lưu" in check["message"]


def _configure_central(data_dir: Path, url: str) -> None:
    from onestop.store.db import open_local
    from onestop.sync.config import SyncSettings

    store = open_local(data_dir)
    try:
        SyncSettings().with_url(url)[0].save(store)
    finally:
        store.close()


def test_a_central_database_out_of_reach(demo_store, tmp_path):
    folder = _copy_store(demo_store, tmp_path / "data")
    _configure_central(folder, "postgresql://ws_1@/onestop?host=/nonexistent")
    proc = run_cli(folder, "doctor", "--json", "--check", "central", check=1)
    check = _checks(_json(proc))["central"]
    assert check["status"] == "error"
    assert "Không kết nối được máy chủ trung tâm" in check["message"]
    assert check["details"]["error_kind"] == "unreachable"


@pytest.mark.postgres
def test_a_central_database_reached(demo_store, tmp_path, pg_url):
    folder = _copy_store(demo_store, tmp_path / "data")
    _configure_central(folder, pg_url)
    proc = run_cli(folder, "doctor", "--json", "--check", "central")
    check = _checks(_json(proc))["central"]
    assert check["status"] == "ok", check
    # A unix socket: TLS does not apply, and nothing is said against it.
    assert check["details"]["tls"] is False and "socket" in check["message"]
    assert check["details"]["server_version"]


def test_a_qt_that_cannot_start_is_reported_from_outside(tmp_path):
    checks = ("qt_platform", "pdf_viewer", "printers")
    args = [a for name in checks for a in ("--check", name)]
    env = {"QT_QPA_PLATFORM": "no-such-platform"}
    proc = run_cli(tmp_path / "data", "doctor", "--json", *args, check=1, env=env)
    found = _checks(_json(proc))
    assert found["qt_platform"]["status"] == "error"
    assert "no-such-platform" in found["qt_platform"]["message"]
    assert "Không mở được cửa sổ" in found["qt_platform"]["message"]
    assert found["pdf_viewer"]["status"] == found["printers"]["status"] == "skipped"


def test_no_printer_is_a_warning_not_a_failure():
    probe = {
        "platform": "xcb",
        "missing": [],
        "pdf": {"pages": 1, "drawn": True},
        "printers": [],
        "default_printer": None,
    }
    platform, pdf, printers = doctor.qt_checks(probe)
    assert (platform.status, pdf.status, printers.status) == ("ok", "ok", "warning")
    blank = doctor.qt_checks({**probe, "pdf": {"pages": 1, "drawn": False}})[1]
    assert blank.status == "error" and "QtPdf" in blank.message
    broken = doctor.qt_checks({**probe, "missing": ["PySide6.QtPdf: ImportError: x"]})[0]
    assert broken.status == "error" and "PySide6.QtPdf" in broken.message
    report = doctor.Diagnosis("1", False, Path("/x"), (platform, pdf, printers))
    assert report.ok and report.to_json()["ok"] is True
