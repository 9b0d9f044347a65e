"""Start-up of the installed program against the source one: from process start to the sign-in
window painted, the frozen bundle (dist/onestop/onestop, built by packaging/build) beside
``python -m onestop`` in this checkout's environment, with a bare PySide6 window as the floor,
all measured in the same run on the same existing store.

    packaging/build --bundle-only
    uv run python tests/benchmarks/bench_bundle_startup.py [--runs 9] [--bundle PATH]

PATH is dist/onestop/onestop by default. The kinds alternate so that disk caches favour none.
The frozen program runs as installed: no PYTHONPATH, the checkout's environment off PATH,
started from another folder. The target: the frozen window as fast as the unfrozen one (ratio
near 1).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_gui_startup import BARE, once

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "onestop" / "onestop")
    args = parser.parse_args()
    if not args.bundle.is_file():
        sys.exit(f"no bundle at {args.bundle}: run packaging/build --bundle-only first")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program has its bytecode
    if "QT_QPA_PLATFORM" not in env:
        env["QT_QPA_PLATFORM"] = "xcb" if env.get("DISPLAY") else "offscreen"
    installed_env = {
        key: env[key]
        for key in ("HOME", "LANG", "DISPLAY", "XDG_RUNTIME_DIR", "QT_QPA_PLATFORM")
        if key in env
    }
    installed_env["PATH"] = "/usr/bin:/bin"
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        subprocess.run(
            [sys.executable, "-m", "onestop", "--data-dir", str(data), "init", "--demo"],
            env=env,
            check=True,
            capture_output=True,
        )
        probe = {"ONESTOP_STARTUP_PROBE": "1"}
        kinds = {
            "bare PySide6 window": ([sys.executable, "-c", BARE], env),
            "unfrozen (python -m)": (
                [sys.executable, "-m", "onestop", "--data-dir", str(data)],
                {**env, **probe},
            ),
            "frozen (bundle)": (
                [str(args.bundle), "--data-dir", str(data)],
                {**installed_env, **probe},
            ),
        }
        for cmd, kind_env in kinds.values():  # warm the disk cache for all
            once(cmd, kind_env)
        times: dict[str, list[float]] = {name: [] for name in kinds}
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            for _ in range(args.runs):
                for name, (cmd, kind_env) in kinds.items():
                    times[name].append(once(cmd, kind_env))
        finally:
            os.chdir(cwd)
    medians = {name: statistics.median(t) for name, t in times.items()}
    platform = env["QT_QPA_PLATFORM"]
    print(f"platform {platform}, {args.runs} runs each, medians to the sign-in window painted:")
    for name, t in times.items():
        print(f"{name:<24} {medians[name] * 1000:7.0f} ms   (min {min(t) * 1000:.0f})")
    ratio = medians["frozen (bundle)"] / medians["unfrozen (python -m)"]
    floor = medians["frozen (bundle)"] / medians["bare PySide6 window"]
    print(f"frozen / unfrozen: {ratio:.2f}x   frozen / bare window: {floor:.2f}x")


if __name__ == "__main__":
    main()
