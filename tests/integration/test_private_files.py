"""The data folder is the OS account's alone: created 0700, every file the program writes in it
0600 (the store, its WAL and shared-memory files, the window's settings, PDFs printed to it),
whatever the umask; a folder or file found wider is tightened and the person told. POSIX only:
on Windows the user profile's ACL does this."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from onestop.store.db import STORE_FILE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _run(data_dir: Path, *args: str, check: int = 0) -> subprocess.CompletedProcess:
    """``onestop --data-dir DIR ARGS`` as a real process under the widest umask (0): whatever
    the program leaves to the umask would come out world-writable."""
    proc = subprocess.run(
        [sys.executable, "-m", "onestop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        preexec_fn=lambda: os.umask(0),
    )
    assert proc.returncode == check, proc.stderr
    return proc


def _modes(folder: Path) -> dict[str, int]:
    """Every folder and file under ``folder`` (itself included) with its permission bits."""
    found = {".": stat.S_IMODE(folder.stat().st_mode)}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def _private(folder: Path) -> dict[str, int]:
    """What is not private in ``folder``: folders must be 0700 and files 0600."""
    wrong = {}
    for name, mode in _modes(folder).items():
        path = folder / name
        wanted = 0o700 if path.is_dir() else 0o600
        if mode != wanted:
            wrong[name] = mode
    return wrong


def _receive(data_dir: Path, name: str = "Lý Thị Hoa") -> None:
    _run(data_dir, "receive", "--procedure", "1.001193", "--name", name, "--id-number",
         "001190012345", "--phone", "0912345678")  # fmt: skip


def test_a_new_data_folder_and_store_are_private_whatever_the_umask(tmp_path):
    data = tmp_path / "nested" / "data"
    _receive(data)
    assert (data / STORE_FILE).exists()
    assert _private(data) == {}


def test_the_wal_and_shared_memory_files_of_a_running_window_are_private(tmp_path):
    """The window keeps the store open, so SQLite's -wal and -shm files stay while a receive
    runs beside it in another process; every file is checked then."""
    data = tmp_path / "data"
    window = subprocess.Popen(
        [sys.executable, "-m", "onestop", "--data-dir", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        preexec_fn=lambda: os.umask(0),
    )
    try:
        shm = data / (STORE_FILE + "-shm")
        deadline = time.monotonic() + 60
        while not shm.exists() and window.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert shm.exists(), "the window did not open its store"
        _receive(data)
        assert (data / (STORE_FILE + "-wal")).exists()
        assert (data / "onestop-ui.ini").exists()
        assert _private(data) == {}
    finally:
        window.terminate()
        window.wait(30)


def test_a_folder_and_files_found_wider_are_tightened_with_a_message(tmp_path):
    data = tmp_path / "data"
    _run(data, "init", "--demo")
    os.chmod(data, 0o755)
    os.chmod(data / STORE_FILE, 0o644)
    printed = data / "in"
    printed.mkdir(mode=0o755)
    os.chmod(printed, 0o755)
    (printed / "bien-nhan.pdf").write_bytes(b"%PDF-1.4")
    os.chmod(printed / "bien-nhan.pdf", 0o666)
    assert _private(data) != {}
    listed = _run(data, "list", "--json")
    assert listed.stdout.strip() == "[]"
    # Said on stderr (stdout stays the JSON document), naming the folder.
    assert "quyền" in listed.stderr and str(data) in listed.stderr
    assert _private(data) == {}
    # Once tightened, nothing more to say.
    again = _run(data, "list", "--json")
    assert again.stderr == ""


def test_the_ui_settings_file_is_created_private(tmp_path):
    from onestop.ui.common import ui_settings

    old = os.umask(0)
    try:
        settings = ui_settings(tmp_path / "ui")
        settings.setValue("ui/language", "vi")
        settings.sync()
    finally:
        os.umask(old)
    assert _private(tmp_path / "ui") == {}


def test_a_pdf_printed_to_the_data_folder_is_private(qapp, tmp_path):
    from onestop.ui.printing import write_pdf

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    pdf = _a_pdf()
    old = os.umask(0)
    try:
        assert write_pdf(pdf, data / "in" / "phieu.pdf", private=True) == 1
    finally:
        os.umask(old)
    assert _private(data) == {}


def _a_pdf() -> bytes:
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    out = BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "onestop")
    canvas.showPage()
    canvas.save()
    return out.getvalue()
