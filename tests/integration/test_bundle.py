"""The installer as an office gets it: ``packaging/build`` run on this checkout, the .deb unpacked
with ``dpkg-deb -x`` into a temporary root, and that program alone tried: no source tree on its
path, no virtual environment on PATH, started from another folder. Its version is pyproject's;
``doctor`` finds all well; a demo office receives a dossier and prints a receipt whose text is
right and whose barcode decodes; the window starts and a demo account signs in; it syncs with a
PostgreSQL central database. A bundle that cannot sign anyone in never lands again.

Builds for about a minute and a half (PyInstaller, then xz for the .deb), then runs for about half
a minute. For local iterations, ONESTOP_TEST_DEB=dist/onestop_<version>_amd64.deb takes a .deb
built before (ignored under CI, where the test always builds).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import IN_CI
from tests.unit.test_documents import decode_code128

pytestmark = [pytest.mark.bundle, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
PREBUILT = "ONESTOP_TEST_DEB"
MAX_BUNDLE_MB = 150
AGENCY = "000.00.53.H48"


@dataclass
class Installed:
    deb: Path
    root: Path  # where the .deb was unpacked: root/opt/onestop, root/usr/bin ...
    program: Path  # a link to root/opt/onestop/onestop, as /usr/bin/onestop is
    home: Path
    elsewhere: Path  # the working folder: neither the checkout nor the bundle

    def run(self, *args: str, data: Path | None = None, check: int | None = 0, **env: str):
        environment = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            # Never the machine's keyring (tests/conftest.py).
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            **env,
        }
        cmd = [str(self.program), *(["--data-dir", str(data)] if data else []), *args]
        proc = subprocess.run(
            cmd,
            cwd=self.elsewhere,
            env=environment,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
        )
        if check is not None:
            assert proc.returncode == check, f"{args}: {proc.stderr[-3000:]}"
        return proc


def _build() -> Path:
    given = os.environ.get(PREBUILT)
    if given and not IN_CI:
        return Path(given).resolve()
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    for line in proc.stdout.splitlines():
        if line.startswith("[build]"):
            print(line)
    print(f"[build] packaging/build: {time.monotonic() - started:.0f} s")
    debs = sorted((ROOT / "dist").glob(f"onestop_{VERSION}_*.deb"), key=lambda p: p.stat().st_mtime)
    assert debs, "packaging/build made no .deb"
    return debs[-1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    if shutil.which("dpkg-deb") is None:
        pytest.fail("dpkg-deb (package dpkg) is needed to build and unpack the .deb")
    deb = _build()
    base = tmp_path_factory.mktemp("installed")
    root = base / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    bin_dir, home, elsewhere = base / "bin", base / "home", base / "elsewhere"
    for folder in (bin_dir, home, elsewhere):
        folder.mkdir()
    link = bin_dir / "onestop"
    link.symlink_to(root / "opt" / "onestop" / "onestop")
    return Installed(deb, root, link, home, elsewhere)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def test_the_package_installs_the_program_its_entry_and_icon(installed):
    fields = subprocess.run(
        ["dpkg-deb", "-f", str(installed.deb), "Package", "Version", "Architecture", "Depends"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    control = dict(line.split(": ", 1) for line in fields.splitlines())
    assert control["Package"] == "onestop" and control["Version"] == VERSION
    assert installed.deb.name == f"onestop_{VERSION}_{control['Architecture']}.deb"
    depends = [d.strip() for d in control["Depends"].split(",")]
    assert re.fullmatch(r"libc6 \(>= 2\.\d+\)", depends[0])
    for needed in ("libpq5", "tzdata", "libcups2", "libxcb-cursor0", "libfontconfig1"):
        assert needed in depends
    root = installed.root
    assert os.readlink(root / "usr" / "bin" / "onestop") == "/opt/onestop/onestop"
    entry = (root / "usr" / "share" / "applications" / "onestop.desktop").read_text()
    assert "\nExec=onestop\n" in entry and "\nIcon=onestop\n" in entry
    icons = root / "usr" / "share" / "icons" / "hicolor"
    assert (icons / "256x256" / "apps" / "onestop.png").is_file()
    assert (icons / "scalable" / "apps" / "onestop.svg").is_file()
    assert "DejaVu" in (root / "usr" / "share" / "doc" / "onestop" / "copyright").read_text()
    bundle = root / "opt" / "onestop"
    everything = [p.relative_to(bundle) for p in bundle.rglob("*")]
    assert not [p for p in everything if "screenshots" in p.parts or p.suffix == ".ts"]
    assert not [p for p in everything if p.name.startswith(("libQt6Quick", "libQt6Qml"))]
    size, deb_size = _size(bundle), installed.deb.stat().st_size
    print(f"\nbundle {size / 1e6:.1f} MB unpacked; .deb {deb_size / 1e6:.1f} MB")
    assert size <= MAX_BUNDLE_MB * 1_000_000


def test_the_system_libraries_the_program_loads_are_there(installed):
    """Every library the bundle's files link, but those of the Wayland and X platforms (this test
    runs offscreen), resolves on this machine: the .deb's dependencies are installed (.ci/run)."""
    bundle = installed.root / "opt" / "onestop"
    skipped = ("wayland", "xcbglintegrations", "libqxcb", "xcbqpa", "wlshell")
    missing = set()
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file() or any(s in str(path).lower() for s in skipped):
            continue
        with open(path, "rb") as f:
            if f.read(4) != b"\x7fELF":
                continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        missing |= {line.split()[0] for line in out.splitlines() if "not found" in line}
    assert missing == set(), "install the .deb's dependencies (see .ci/run)"


def test_version_is_pyprojects_and_comes_from_the_bundle(installed):
    assert installed.run("--version").stdout.strip() == f"onestop {VERSION}"


def test_doctor_finds_all_well(installed, tmp_path):
    proc = installed.run("doctor", "--json", data=tmp_path / "data")
    report = json.loads(proc.stdout)
    assert report["ok"] is True and report["frozen"] is True
    assert report["version"] == VERSION
    checks = {c["name"]: c for c in report["checks"]}
    assert [c for c in checks.values() if c["status"] == "error"] == []
    # The program reads its files from the bundle, never from this checkout.
    assert checks["resources"]["details"]["folder"].startswith(str(installed.root / "opt"))
    assert checks["qt_platform"]["details"]["platform"] == "offscreen"
    assert checks["pdf_viewer"]["status"] == "ok"


def test_a_demo_office_receives_and_prints_a_receipt(installed, tmp_path):
    data = tmp_path / "data"
    installed.run("init", "--demo", data=data)
    received = json.loads(
        installed.run(
            "receive", "--procedure", "1.001193", "--name", "Đặng Thị Hoa Rây",
            "--id-number", "001190012345", "--json", data=data,
        ).stdout
    )  # fmt: skip
    code = received["code"]
    pdf = tmp_path / "bien-nhan.pdf"
    installed.run("print", "receipt", code, "--out", str(pdf), data=data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "Đặng Thị Hoa Rây" in text and "Đăng ký khai sinh" in text
    assert f"Mã hồ sơ: {code}" in text and "001190012345" in text
    assert code in decode_code128(pdf.read_bytes())


def test_the_window_starts_and_a_demo_account_signs_in(installed, tmp_path):
    data = tmp_path / "data"
    installed.run("init", "--demo", data=data)
    proc = installed.run("--smoke", data=data)
    done = json.loads(proc.stdout.strip().splitlines()[-1])
    assert done["ok"] is True and done["user"] == "can.bo", proc.stderr
    assert "Quầy 1" in done["window"]


@pytest.mark.postgres
def test_it_syncs_with_a_postgresql_central_database(installed, tmp_path, pg_cluster):
    from sqlalchemy.engine import make_url

    admin_url = pg_cluster.create_database()
    database = make_url(admin_url).database
    data = tmp_path / "ws"
    installed.run("init", "--agency-code", AGENCY, "--workstation", "4", data=data)
    catalogue = installed.root / "opt/onestop/_internal/onestop/_resources/catalog/demo.json"
    installed.run("catalog", "import", str(catalogue), data=data)
    installed.run("central", "init", "--central", admin_url, data=data)
    installed.run("central", "publish", "--central", admin_url, data=data)
    role = f"bundle_{database}"
    installed.run(
        "central", "role", "--central", admin_url, "--role", role, "--no-password", data=data
    )
    installed.run("receive", "--procedure", "1.001193", "--name", "Đỗ Văn Giang", data=data)
    url = pg_cluster.url(database, role)
    report = json.loads(installed.run("sync", "--central", url, "--json", data=data).stdout)
    assert report["ok"] is True and report["pushed"] == 1, report
    central = {
        c["name"]: c
        for c in json.loads(
            installed.run("doctor", "--json", "--check", "central", data=data).stdout
        )["checks"]
    }["central"]
    assert central["status"] == "ok" and central["details"]["server_version"]
