"""The packaging that is not built here, checked against what is: the Windows installer script
against the PyInstaller spec and packaging/build (its version, its executables, its languages,
the user's data left on uninstall); the wheel's resources; the version's one source."""

from __future__ import annotations

import ast
import importlib.machinery
import importlib.util
import re
import shutil
import subprocess
import tomllib
import zipfile
from pathlib import Path

import pytest

import onestop
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def build_script():
    """packaging/build (a script without the .py suffix) as a module."""
    loader = importlib.machinery.SourceFileLoader("onestop_build", str(PACKAGING / "build"))
    spec = importlib.util.spec_from_loader("onestop_build", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def spec_assignment(name: str):
    tree = ast.parse((PACKAGING / "onestop.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not assigned in onestop.spec")


def iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for raw in (PACKAGING / "onestop.iss").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            sections.setdefault(current, [])
        else:
            sections[current].append(line)
    return sections


def test_the_version_has_one_source():
    assert onestop.version() == onestop.__version__ == VERSION
    proc = run_cli(ROOT / "unused", "--version")
    assert proc.stdout.strip() == f"onestop {VERSION}"
    assert VERSION not in (PACKAGING / "onestop.iss").read_text(encoding="utf-8")
    assert '__version__ = "' not in (ROOT / "onestop" / "__init__.py").read_text()
    command = build_script().inno_command(VERSION)
    assert f"/DAppVersion={VERSION}" in command and command[-1].endswith("onestop.iss")


def test_the_installer_script_needs_a_named_inno_version_and_the_given_version():
    preamble = " ".join(iss_sections()[""])
    needed = re.search(r"#if VER < EncodeVer\((\d+), (\d+), (\d+)\)\s+#error", preamble)
    assert needed and needed.groups() == ("6", "3", "0")
    assert re.search(r"#ifndef AppVersion\s+#error", preamble)
    assert "#define AppVersion" not in preamble
    setup = dict(line.split("=", 1) for line in iss_sections()["Setup"])
    assert setup["AppVersion"] == "{#AppVersion}"
    assert setup["OutputBaseFilename"] == "onestop-{#AppVersion}-setup"
    assert setup["ArchitecturesInstallIn64BitMode"] == "x64compatible"  # Inno Setup 6.3+


def test_the_installer_installs_the_spec_s_executables_and_bundle():
    executables = spec_assignment("EXECUTABLES")
    assert executables == {"onestop": True, "onestopw": False}
    windowed = next(name for name, console in executables.items() if not console)
    sections = iss_sections()
    files = sections["Files"]
    assert files == [
        'Source: "..\\dist\\onestop\\*"; DestDir: "{app}"; '
        "Flags: recursesubdirs createallsubdirs ignoreversion"
    ]
    # ..\dist\onestop from packaging\ is where packaging/build puts the bundle.
    assert (PACKAGING / ".." / "dist" / "onestop").resolve() == build_script().BUNDLE
    started = re.findall(r'Filename: "\{app\}\\([^"]+)"', " ".join(sections["Icons"]))
    started += re.findall(r'Filename: "\{app\}\\([^"]+)"', " ".join(sections["Run"]))
    assert started and set(started) == {f"{windowed}.exe"}
    assert (
        f"{{app}}\\{windowed}.exe"
        in dict(line.split("=", 1) for line in sections["Setup"])["UninstallDisplayIcon"]
    )


def test_the_installer_speaks_vietnamese_and_english():
    languages = iss_sections()["Languages"]
    names = [re.search(r'Name: "(\w+)"', line).group(1) for line in languages]
    assert names == ["vietnamese", "english"]
    files = [re.search(r'MessagesFile: "([^"]+)"', line).group(1) for line in languages]
    assert all(f.split(",")[0] == "compiler:Default.isl" for f in files)
    own = [PACKAGING / part.replace("\\", "/") for f in files for part in f.split(",")[1:]]
    assert own == [PACKAGING / "inno" / "vietnamese.isl"]
    text = own[0].read_text(encoding="utf-8-sig")
    assert "LanguageID=$042A" in text and "LanguageName=Tiếng Việt" in text
    for key in ("ButtonNext", "WelcomeLabel1", "FinishedLabel", "ConfirmUninstall"):
        assert re.search(rf"^{key}=\S", text, re.M), key
    assert "CreateDesktopIcon=" in text and "LaunchProgram=" in text


def test_uninstalling_leaves_the_user_s_data_folder():
    sections = iss_sections()
    for name in ("UninstallDelete", "InstallDelete", "UninstallRun"):
        assert name not in sections, name
    text = (PACKAGING / "onestop.iss").read_text(encoding="utf-8").lower()
    assert "{localappdata}" not in text and "{userappdata}" not in text
    messages = dict(line.split("=", 1) for line in sections["Messages"])
    assert "is kept" in messages["english.ConfirmUninstall"]
    vietnamese = (PACKAGING / "inno" / "vietnamese.isl").read_text(encoding="utf-8-sig")
    assert "được giữ nguyên" in vietnamese


def test_debian_names_of_libraries_the_build_machine_lacks():
    name = build_script().package_by_name
    assert name("libwayland-cursor.so.0") == "libwayland-cursor0"
    assert name("libX11.so.6") == "libx11-6"
    assert name("libxcb-cursor.so.0") == "libxcb-cursor0"


def test_the_wheel_carries_what_the_program_reads_and_no_screenshots(tmp_path):
    uv = shutil.which("uv")
    if uv is None:
        pytest.fail("uv is needed to build the wheel (README: Quick start)")
    subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("onestop-*.whl")
    assert wheel.name.startswith(f"onestop-{VERSION}-")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {n.removeprefix("onestop/_resources/") for n in names if "/_resources/" in n}
    source = ROOT / "resources"
    wanted = {
        str(p.relative_to(source))
        for p in source.rglob("*")
        if p.is_file() and p.parts[len(source.parts)] != "screenshots" and p.suffix != ".ts"
    }
    assert shipped == wanted
