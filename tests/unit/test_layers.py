"""The layers hold (the import contracts in pyproject.toml, [tool.importlinter], checked by
import-linter on the real package), and the checker does fail: the same contracts on a small
package of the same layer names with two forbidden imports report both."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "pyproject.toml"


def lint_imports(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess[str]:
    """import-linter's command on the project's contracts, finding ``onestop`` on
    ``pythonpath`` first; wide output, so that no line of the report is wrapped."""
    command = Path(sys.executable).parent / "lint-imports"
    env = {**os.environ, "PYTHONPATH": str(pythonpath), "COLUMNS": "300", "NO_COLOR": "1"}
    return subprocess.run(
        [str(command), "--no-cache", "--no-logo", str(CONFIG)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_package_keeps_its_layer_contracts() -> None:
    run = lint_imports(ROOT, ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert " 0 broken" in run.stdout, run.stdout
    assert "BROKEN" not in run.stdout


def _module(root: Path, name: str, source: str = "") -> None:
    path = root.joinpath(*name.split("."))
    path.mkdir(parents=True, exist_ok=True)
    (path / "__init__.py").write_text(source, encoding="utf-8")


def test_the_checker_reports_a_forbidden_import(tmp_path: Path) -> None:
    _module(tmp_path, "onestop")
    for layer in ("domain", "store", "documents", "adapters", "sync", "services", "ui", "cli"):
        _module(tmp_path, f"onestop.{layer}")
    (tmp_path / "onestop" / "resources.py").write_text("", encoding="utf-8")
    _module(tmp_path, "onestop.store.tables", "import onestop.domain\n")
    _module(tmp_path, "onestop.services.use", "from onestop.store import tables\n")
    # The two faults: the domain calls a service, a page goes to the store past the services.
    _module(tmp_path, "onestop.domain.rules", "import onestop.services.use\n")
    _module(tmp_path, "onestop.ui.page", "from onestop.services import use\nimport onestop.store\n")

    run = lint_imports(tmp_path, tmp_path)

    out = run.stdout
    assert run.returncode != 0, out
    assert "The domain imports nothing of ours BROKEN" in out, out
    assert "onestop.domain.rules -> onestop.services.use" in out, out
    assert "only through the services BROKEN" in out, out
    assert "onestop.ui.page -> onestop.store" in out, out
    # What the fake package does right is not reported.
    assert "The services do not import the window or the command line KEPT" in out, out
    assert "2 broken" in out, out
