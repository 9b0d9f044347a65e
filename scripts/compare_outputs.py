"""Check that a restructuring left the command line's output unchanged (issue 13).

``run`` plays one FIXED scenario of ``onestop`` commands against a checkout, as real processes
(``CHECKOUT/.venv/bin/python -m onestop --data-dir SCRATCH ... --json``) on fresh scratch data
folders, and writes one text file per step into an output folder: the command, its exit code, its
JSON (or help text) normalised, its stderr, and the text of every file it wrote (PDF through
``pdftotext -layout``, CSV as text, XLSX cell by cell). ``compare`` prints a unified diff for every
step whose file differs between two output folders and exits 1 if any does.

Normalised so that a run compares equal to itself: uuid-like ids become ``<id-N>`` (numbered in
order of first appearance over the whole run, so the same id keeps its placeholder across steps),
instants taken from the real clock during the run become ``<now>``, the scratch folder becomes
``<scratch>``. Everything else is kept: dossier codes, due dates computed from the scenario's fixed
``--received-at``/``--at`` times, statuses, labels, amounts, order of keys and of rows.

The fixed times lie on working days before today (computed at a fixed hour from the working
calendar the checkout itself prints), inside the 30-day back-entry window: two checkouts run on the
same (Vietnamese) day get the same inputs; the ``anchor-dates`` step shows the dates used, so a
comparison across two days shows at once why everything differs. Every process runs with the same
environment (account ``compare``, 100 columns for argparse's help, no real keyring, HOME in the
scratch folder). A run takes about 3-4 minutes (~330 processes). A checkout needs its own
``.venv`` (``uv sync``); this script needs openpyxl (run it with the project's interpreter:
``uv run python scripts/compare_outputs.py``) and pdftotext (poppler-utils).

    uv run python scripts/compare_outputs.py run /work/wt/base OUT_BASE
    uv run python scripts/compare_outputs.py run /work/wt/compare OUT_NEW
    uv run python scripts/compare_outputs.py compare OUT_BASE OUT_NEW
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

VN = timezone(timedelta(hours=7))
STEP_GLOB = "[0-9][0-9][0-9]-*.txt"
# Instants of the real clock: anything within this margin of the run's own span.
NOW_MARGIN = timedelta(minutes=2)

UUID_RE = re.compile(r"\b[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\b")
ISO_RE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?"
)
# A file-name stamp such as the set-aside demo store's (20261201-055701).
STAMP_RE = re.compile(r"\b(\d{8})-(\d{6})\b")


# --- normalisation --------------------------------------------------------------------------------


class Normaliser:
    """Replaces what differs between two runs of the same scenario by stable placeholders."""

    def __init__(self, started: datetime, paths: dict[str, str]) -> None:
        self.started = started
        # Longest first: a scratch sub-folder before the scratch folder itself.
        self.paths = sorted(paths.items(), key=lambda kv: -len(kv[0]))
        self.ids: dict[str, str] = {}

    def _is_now(self, moment: datetime) -> bool:
        end = datetime.now(VN) + NOW_MARGIN
        return self.started - NOW_MARGIN <= moment <= end

    def _iso(self, match: re.Match[str]) -> str:
        text = match.group(0)
        try:
            parsed = datetime.fromisoformat(text.replace(" ", "T").replace("Z", "+00:00"))
        except ValueError:
            return text
        # A naive instant may be local (Vietnam) or UTC as stored: either counts.
        if parsed.tzinfo is None:
            candidates = [parsed.replace(tzinfo=VN), parsed.replace(tzinfo=UTC)]
        else:
            candidates = [parsed]
        return "<now>" if any(self._is_now(c) for c in candidates) else text

    def _stamp(self, match: re.Match[str]) -> str:
        try:
            parsed = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
        except ValueError:
            return match.group(0)
        return "<now-stamp>" if self._is_now(parsed.replace(tzinfo=VN)) else match.group(0)

    def _uuid(self, match: re.Match[str]) -> str:
        key = match.group(0).lower()
        if key not in self.ids:
            self.ids[key] = f"<id-{len(self.ids) + 1}>"
        return self.ids[key]

    def text(self, value: str) -> str:
        for path, placeholder in self.paths:
            value = value.replace(path, placeholder)
        value = UUID_RE.sub(self._uuid, value)
        value = ISO_RE.sub(self._iso, value)
        return STAMP_RE.sub(self._stamp, value)

    def data(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.data(v) for v in value]
        if isinstance(value, dict):
            return {self.text(k): self.data(v) for k, v in value.items()}
        return value


# --- files a step wrote ---------------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    proc = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return f"(pdftotext failed, exit {proc.returncode}: {proc.stderr.strip()})"
    return proc.stdout


def xlsx_text(path: Path) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    lines: list[str] = []
    for ws in wb.worksheets:
        lines.append(f"sheet {ws.title!r} dimensions {ws.dimensions}")
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                value = cell.value.isoformat() if hasattr(cell.value, "isoformat") else cell.value
                fmt = "" if cell.number_format == "General" else f"  [{cell.number_format}]"
                lines.append(f"  {cell.coordinate}: {value!r}{fmt}")
    return "\n".join(lines) + "\n"


def file_text(path: Path) -> str:
    if not path.exists():
        return "(not written)\n"
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return pdf_text(path)
    if suffix == ".xlsx":
        return xlsx_text(path)
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    body = raw.decode("utf-8-sig", errors="replace")
    return ("(UTF-8 with BOM)\n" if bom else "") + body


# --- running steps --------------------------------------------------------------------------------


class Runner:
    """Runs the scenario's steps against one checkout and writes one file per step."""

    def __init__(self, checkout: Path, out: Path, scratch: Path) -> None:
        self.python = checkout / ".venv" / "bin" / "python"
        if not self.python.exists():
            raise SystemExit(f"{self.python} not found: run 'uv sync' in {checkout} first")
        self.checkout = checkout
        self.out = out
        self.scratch = scratch
        self.count = 0
        self.started = datetime.now(VN)
        self.norm = Normaliser(
            self.started,
            {str(scratch): "<scratch>", str(checkout.resolve()): "<checkout>"},
        )
        home = scratch / "home"
        home.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith("ONESTOP_")}
        env.update(
            PYTHONIOENCODING="utf-8",
            # The actor of every change is the OS account by default: the same on every machine.
            LOGNAME="compare",
            USER="compare",
            HOME=str(home),
            # argparse wraps help to the terminal's width.
            COLUMNS="100",
            # No real keyring is read or written.
            PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        )
        env.pop("LNAME", None)
        env.pop("USERNAME", None)
        self.env = env

    def store(self, name: str) -> Path:
        return self.scratch / name

    def path(self, name: str) -> Path:
        return self.scratch / "files" / name

    def run(
        self,
        name: str,
        store: str,
        *args: str,
        stdin: str | None = None,
        files: Iterable[Path] = (),
    ) -> Any:
        """One step: ``onestop --data-dir SCRATCH/store ARGS``. Returns the parsed JSON of a
        successful step (None otherwise)."""
        self.count += 1
        files = list(files)
        for f in files:
            if f.exists():
                f.unlink()
        argv = ["--data-dir", str(self.store(store)), *args]
        proc = subprocess.run(
            [str(self.python), "-m", "onestop", *argv],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            input=stdin if stdin is not None else "",
            env=self.env,
            cwd=self.scratch,
            timeout=300,
            check=False,
        )
        parsed: Any = None
        stdout = ""
        if proc.stdout.strip():
            try:
                parsed = json.loads(proc.stdout)
                stdout = json.dumps(self.norm.data(parsed), ensure_ascii=False, indent=2)
            except json.JSONDecodeError:  # help, usage and version texts
                stdout = self.norm.text(proc.stdout)
        n = self.norm.text
        lines = [f"$ onestop {n(shlex.join(argv))}"]
        if stdin is not None:
            lines.append(f"stdin: {len(stdin.splitlines())} line(s) (a password)")
        lines += [f"exit: {proc.returncode}", "--- stdout", stdout.rstrip("\n")]
        lines += ["--- stderr", n(proc.stderr).rstrip("\n")]
        for f in files:
            lines += [f"--- file {n(str(f))}", n(file_text(f)).rstrip("\n")]
        target = self.out / f"{self.count:03d}-{name}.txt"
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        mark = "" if proc.returncode == 0 else f"  (exit {proc.returncode})"
        print(f"{target.name}{mark}", flush=True)
        return parsed if proc.returncode == 0 else None

    def note(self, name: str, text: str) -> None:
        """A step that runs nothing: what the scenario derived (its dates), for the diff."""
        self.count += 1
        target = self.out / f"{self.count:03d}-{name}.txt"
        target.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
        print(target.name, flush=True)


def get(data: Any, *keys: Any, default: str = "MISSING") -> Any:
    """``data[k1][k2]...``, or a placeholder that makes the next steps fail visibly."""
    for key in keys:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return default
    return data


# --- inputs the scenario writes -------------------------------------------------------------------


def s10(prefix: str, serial: int) -> str:
    """A UPU S10 consignment number with its check digit (weights 8 6 4 2 3 5 9 7)."""
    digits = f"{serial:08d}"
    total = sum(w * int(d) for w, d in zip((8, 6, 4, 2, 3, 5, 9, 7), digits, strict=True))
    check = 11 - total % 11
    check = {10: 0, 11: 5}.get(check, check)
    return f"{prefix}{digits}{check}VN"


CATALOGUE = [
    {
        "code": "1.001193",
        "name": "Đăng ký khai sinh",
        "field": "Hộ tịch",
        "processing_days": 0,
        "processing_hours": None,
        "fee": 0,
        "postal": True,
        "online": "toàn trình",
        "documents": [
            {"name": "Tờ khai đăng ký khai sinh", "kind": "bản chính", "count": 1},
            {"name": "Giấy chứng sinh", "kind": "bản chính", "count": 1},
        ],
    },
    {
        "code": "2.000815",
        "name": "Chứng thực bản sao từ bản chính",
        "field": "Chứng thực",
        "processing_days": None,
        "processing_hours": 1.5,
        "fee": 2000,
        "postal": True,
        "online": "một phần",
        "documents": [
            {"name": "Bản chính giấy tờ cần chứng thực", "kind": "bản chính", "count": 1},
            {"name": "Bản sao cần chứng thực", "kind": "bản photo", "count": 2},
        ],
    },
    {
        "code": "9.900001",
        "name": "Thủ tục thử nghiệm đối chiếu kết quả",
        "field": "Thử nghiệm",
        "processing_days": 7,
        "processing_hours": None,
        "fee": 35000,
        "postal": False,
        "online": None,
        "documents": [
            {"name": "Đơn đề nghị", "kind": "bản chính", "count": 1},
            {"name": "Giấy tờ tùy thân", "kind": "bản chứng thực", "count": 2},
        ],
    },
]
CATALOGUE_HEADER = [
    "code",
    "name",
    "field",
    "processing_days",
    "processing_hours",
    "fee",
    "postal",
    "online",
    "documents",
]
# Semicolons, Vietnamese number formats, 'x' for yes, documents one per line: as offices type them.
CATALOGUE_ROWS = [
    [
        "9.900002",
        " Thủ tục  thử nghiệm thứ hai ",
        "Thử nghiệm",
        "4",
        "",
        "1.500.000",
        "x",
        "Toàn trình",
        "Tờ khai | BẢN CHÍNH | 1\nBản sao giấy tờ | ban sao | 2",
    ],
    ["9.900003", "Thủ tục tính theo giờ", "Thử nghiệm", "", "2,5", "0", "", "", "Đơn | bản chính"],
]
BAD_CATALOGUE = (
    "code,name,field,processing_days,processing_hours,fee,postal,online,documents\n"
    "9.900004,Thủ tục sai,Thử nghiệm,3,,0,có,,Đơn | bản nháp | 1\n"
)
TARIFF = {
    "name": "Bảng cước của bưu điện tỉnh (đối chiếu)",
    "province_code": "91",
    "default_weight_g": 250,
    "zones": {
        "intra_province": {
            "label": "Nội tỉnh",
            "bands": [
                {"up_to_g": 100, "price": 15000},
                {"up_to_g": 250, "price": 19000},
                {"up_to_g": 500, "price": 23000},
                {"up_to_g": 2000, "price": 37000},
            ],
            "extra_per_500g": 4500,
            "repeat_trip": 9000,
            "return_to_agency": 12000,
            "service_days": 2,
        },
        "inter_province": {
            "label": "Liên tỉnh",
            "bands": [
                {"up_to_g": 250, "price": 26000},
                {"up_to_g": 2000, "price": 60000},
            ],
            "extra_per_500g": 9500,
            "repeat_trip": 16000,
            "return_to_agency": 17000,
            "service_days": 5,
        },
    },
}


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


# --- the working calendar, as the checkout prints it ---------------------------------------------


class Calendar:
    def __init__(self, years: Iterable[dict[str, Any]]) -> None:
        self.off: set[str] = set()
        self.on: set[str] = set()
        for y in years:
            self.off |= {d["date"] for d in get(y, "days_off", default=[])}
            self.on |= {d["date"] for d in get(y, "working_weekends", default=[])}

    def working(self, day: date) -> bool:
        iso = day.isoformat()
        return iso in self.on or (day.weekday() < 5 and iso not in self.off)

    def shift(self, day: date, n: int) -> date:
        """The n-th working day after (n > 0) or before (n < 0) ``day``."""
        step = 1 if n > 0 else -1
        left = abs(n)
        while left:
            day += timedelta(days=step)
            if self.working(day):
                left -= 1
        return day


def at(day: date | str, hhmm: str, offset: bool = False) -> str:
    text = f"{day if isinstance(day, str) else day.isoformat()}T{hhmm}"
    return text + "+07:00" if offset else text


# --- the scenario ---------------------------------------------------------------------------------


def scenario(r: Runner) -> None:
    (r.scratch / "files").mkdir()
    out = r.path

    help_steps(r)

    # -- a demo workstation ----------------------------------------------------------------------
    r.run("init-demo", "demo", "init", "--demo", "--json")
    r.run(
        "init-demo-again",
        "demo",
        "init",
        "--demo",
        "--workstation",
        "2",
        "--place",
        "Long Xuyên",
        "--json",
    )
    r.run("init-refused-workstation", "demo", "init", "--demo", "--workstation", "12", "--json")
    r.run("init-refused-not-demo", "demo", "init", "--workstation", "3", "--json")
    r.run("init-refused-usage", "demo", "init", "--workstation", "hai", "--json")

    today = datetime.now(VN).date()
    years = [
        r.run(f"calendar-{y}", "demo", "calendar", str(y), "--json")
        for y in (today.year - 1, today.year, today.year + 1)
    ]
    cal = Calendar(y for y in years if y)
    w = {n: cal.shift(today, -n) for n in (1, 2, 3, 6, 7)}
    f1 = cal.shift(today, 1)
    r.note(
        "anchor-dates",
        "\n".join(
            [f"today {today}", f"next working day {f1}"]
            + [f"{n} working days ago {d}" for n, d in sorted(w.items())]
        ),
    )

    r.run("catalog-list", "demo", "catalog", "list", "--json")
    r.run("sync-status-unconfigured", "demo", "sync", "status", "--json")
    r.run("sync-demo-unconfigured", "demo", "sync", "--json")
    r.run("verify-empty", "demo", "verify", "--json")

    validate_steps(r)
    due_steps(r)

    codes = reception_steps(r, w)
    followup_steps(r, w, codes)
    postal_steps(r, w, f1)
    user_steps(r)
    calendar_steps(r)
    catalogue_steps(r)
    r.run("verify-demo", "demo", "verify", "--json")
    r.run("list-demo-final", "demo", "list", "--json")

    # The demo store set aside for the office's own.
    r.run(
        "init-discard-demo",
        "demo",
        "init",
        "--discard-demo",
        "--agency-code",
        "000.00.53.H48",
        "--agency-name",
        "ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN",
        "--json",
    )
    r.run("discarded-user-list", "demo", "user", "list", "--json")
    r.run("discarded-list", "demo", "list", "--json")

    real_office_steps(r, w, out)

    # A folder never initialised: the embedded defaults.
    r.run("fresh-catalog-list", "fresh", "catalog", "list", "--json")
    r.run("fresh-verify", "fresh", "verify", "--json")


def help_steps(r: Runner) -> None:
    r.run("version", "help", "--version")
    r.run("help", "help", "--help")
    commands = [
        "init",
        "catalog",
        "receive",
        "show",
        "find",
        "list",
        "due",
        "calendar",
        "validate",
        "result",
        "return",
        "supplement",
        "refuse",
        "extend",
        "stop",
        "guidance",
        "print",
        "user",
        "postal",
        "sync",
        "central",
        "verify",
    ]
    for command in commands:
        r.run(f"help-{command}", "help", command, "--help")
    for action in (
        "list",
        "pickup",
        "cancel",
        "handover",
        "attempt",
        "statement",
        "export",
        "import",
        "record",
        "overdue",
        "receipt",
        "tariff",
    ):
        r.run(f"help-postal-{action}", "help", "postal", action, "--help")
    r.run("usage-no-such-command", "help", "frobnicate", "--json")
    r.run("usage-empty-data-dir", "help", "--data-dir", " ", "list")


def validate_steps(r: Runner) -> None:
    cases = {
        "id": ["079190001234", "001203000123", "B1234567", "12AB", "079990001234"],
        "tax": ["0100109106", "0100109106-001", "0100109107", "12345"],
        "phone": ["+84 912 345 678", "0296 3852 123", "12345", "0912 345 67"],
        "s10": [s10("RR", 12345678), s10("EE", 47110815), "EE471108152FR", "RR12345678VN"],
        "email": ["An.Nguyen@Example.VN", "an@", "an@example", "an nguyen@example.vn"],
    }
    for kind, values in cases.items():
        for i, value in enumerate(values, 1):
            r.run(f"validate-{kind}-{i}", "demo", "validate", kind, value, "--json")
    r.run("validate-refused-kind", "demo", "validate", "passport", "B1234567", "--json")


def due_steps(r: Runner) -> None:
    fixed = "2026-11-20T16:00:00+07:00"
    r.run("due-days", "demo", "due", "--days", "3", "--received-at", fixed, "--json")
    r.run("due-hours", "demo", "due", "--hours", "4", "--received-at", fixed, "--json")
    r.run("due-hours-morning", "demo", "due", "--hours", "1.5", "--received-at", "2026-11-19T10:15")
    r.run(
        "due-procedure",
        "demo",
        "due",
        "--procedure",
        "1.013225",
        "--received-at",
        "2026-11-16T09:05",
        "--json",
    )
    r.run(
        "due-procedure-zero",
        "demo",
        "due",
        "--procedure",
        "1.001193",
        "--received-at",
        "2026-12-31T16:45:00+07:00",
        "--json",
    )
    r.run("due-refused-missing", "demo", "due", "--json")
    r.run("due-refused-procedure", "demo", "due", "--procedure", "nope", "--json")
    r.run("due-refused-at", "demo", "due", "--days", "2", "--received-at", "mai", "--json")


def reception_steps(r: Runner, w: dict[int, date]) -> dict[str, str]:
    """Dossiers received at the counter two working days ago (one a week ago, overdue)."""
    d2, d7 = w[2], w[7]
    specs = {
        # key: (procedure, name, at, extra)
        "ret": ("1.001193", "đặng thị hoa rây", at(d2, "09:05"), ["--phone", "+84 912 345 678"]),
        "sup": (
            "1.013225",
            "nguyễn văn an",
            at(d2, "09:10", offset=True),
            [
                "--id-number",
                "079190001234",
                "--phone",
                "0912345678",
                "--email",
                "An.Nguyen@Example.VN",
                "--address",
                "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang",
                "--sets",
                "2",
                "--notes",
                "Nộp kèm bản vẽ\nthiết kế",
                # Issue 14: the construction permit has cases, one must be named.
                "--case",
                "Nhà ở riêng lẻ",
            ],
        ),
        "ref": ("1.004873", "Trần Thị Bích", at(d2, "09:20"), ["--phone", "0987654321"]),
        "stop": ("1.001612", "lê văn cường", at(d2, "09:25"), ["--id-number", "001203000123"]),
        "post": (
            "1.004884",
            "Phạm Thị Dung",
            at(d2, "09:30"),
            [
                "--return-by",
                "post",
                "--phone",
                "0912000111",
                "--address",
                "5 Trần Hưng Đạo, Phường Mỹ Bình, Tỉnh An Giang",
            ],
        ),
        "org": (
            "2.000815",
            "Công ty TNHH Thương mại An Phát",
            at(d2, "09:40"),
            ["--kind", "organisation", "--phone", "02963852123", "--sets", "3"],
        ),
        "open": ("1.013227", "Võ Minh Em", at(d2, "16:30"), []),
        "over": ("1.001193", "Huỳnh Văn Phúc", at(d7, "15:50"), ["--phone", "0903111222"]),
    }
    codes: dict[str, str] = {}
    for key, (procedure, name, when, extra) in specs.items():
        data = r.run(
            f"receive-{key}",
            "demo",
            "receive",
            "--procedure",
            procedure,
            "--name",
            name,
            "--received-at",
            when,
            *extra,
            "--json",
        )
        codes[key] = get(data, "code")

    refusals = {
        "missing-name": ["--procedure", "1.001193"],
        "id-number": ["--procedure", "1.001193", "--name", "An", "--id-number", "12AB"],
        "procedure": ["--procedure", "nope", "--name", "An"],
        "future": ["--procedure", "1.001193", "--name", "An", "--received-at", "2999-01-01"],
        "too-old": [
            "--procedure",
            "1.001193",
            "--name",
            "An",
            "--received-at",
            at(d7 - timedelta(days=60), "09:00"),
        ],
        "unparsed-at": ["--procedure", "1.001193", "--name", "An", "--received-at", "hôm qua"],
        "phone": ["--procedure", "1.001193", "--name", "An", "--phone", "12345"],
        "email": ["--procedure", "1.001193", "--name", "An", "--email", "an@"],
        "sets": ["--procedure", "1.001193", "--name", "An", "--sets", "0"],
        "control-char": ["--procedure", "1.001193", "--name", "An\x1b[31m"],
        "post-no-address": ["--procedure", "1.001193", "--name", "An", "--return-by", "post"],
    }
    for key, args in refusals.items():
        r.run(f"receive-refused-{key}", "demo", "receive", *args, "--json")

    for key, code in codes.items():
        r.run(f"show-{key}", "demo", "show", code, "--json")
    r.run("show-refused-unknown", "demo", "show", "000.00.00.H00-000000-9999", "--json")

    r.run("find-name-unaccented", "demo", "find", "dang thi hoa ray", "--json")
    r.run("find-phone", "demo", "find", "0912345678", "--json")
    r.run("find-code", "demo", "find", codes["sup"], "--json")
    r.run("find-id-number", "demo", "find", "079190001234", "--json")
    r.run("find-limit", "demo", "find", "a", "--limit", "2", "--json")
    r.run("find-nothing", "demo", "find", "không có ai tên này", "--json")
    r.run("find-refused-limit", "demo", "find", "an", "--limit", "0", "--json")

    r.run("list-date", "demo", "list", "--date", d2.isoformat(), "--json")
    r.run("list-date-old", "demo", "list", "--date", d7.isoformat(), "--json")
    r.run("list-status-received", "demo", "list", "--status", "received", "--json")
    r.run("list-overdue", "demo", "list", "--overdue", "--json")
    r.run("list-due-within-0", "demo", "list", "--due-within", "0", "--json")
    r.run("list-due-within-5", "demo", "list", "--due-within", "5", "--json")
    r.run("list-refused-date", "demo", "list", "--date", "16/11/2026", "--json")
    r.run("list-refused-status", "demo", "list", "--status", "lost", "--json")
    return codes


def followup_steps(r: Runner, w: dict[int, date], codes: dict[str, str]) -> None:
    d2, d1 = w[2], w[1]
    out = r.path
    ret, sup, ref, stop, post = (codes[k] for k in ("ret", "sup", "ref", "stop", "post"))

    r.run("return-refused-before-result", "demo", "return", ret, "--to", "Đặng Thị Hoa Rây")
    r.run("result-ret", "demo", "result", ret, "--at", at(d2, "15:00", offset=True), "--json")
    r.run("result-refused-again", "demo", "result", ret, "--at", at(d2, "15:10"), "--json")
    r.run("return-refused-missing-to", "demo", "return", ret, "--at", at(d2, "15:30"), "--json")
    r.run(
        "return-ret",
        "demo",
        "return",
        ret,
        "--to",
        "đặng thị hoa rây",
        "--id-number",
        "079190001234",
        "--at",
        at(d2, "16:00"),
        "--json",
    )
    r.run("return-refused-unknown", "demo", "return", "000.00.00.H00-000000-9999", "--to", "An")
    r.run("show-returned", "demo", "show", ret, "--json")

    r.run("supplement-refused-nothing-missing", "demo", "supplement", sup, "--json")
    r.run(
        "supplement-request",
        "demo",
        "supplement",
        sup,
        "--missing",
        "Bản vẽ mặt bằng",
        "--missing",
        "Giấy chứng nhận quyền sử dụng đất (bản sao)",
        "--at",
        at(d2, "10:00"),
        "--json",
    )
    r.run("print-supplement", "demo", "print", "supplement", sup, "--out", str(out("sup.pdf")))
    r.run("print-supplement-json", "demo", "print", "supplement", sup, "--out",
          str(out("sup2.pdf")), "--json", files=[out("sup2.pdf")])  # fmt: skip
    r.run(
        "supplement-completed",
        "demo",
        "supplement",
        sup,
        "--completed",
        "--at",
        at(d1, "09:00"),
        "--json",
    )
    r.run("supplement-refused-completed-again", "demo", "supplement", sup, "--completed", "--json")
    shown = r.run("show-supplemented", "demo", "show", sup, "--json")
    due = str(get(shown, "due_at"))[:10]
    try:
        new_due = (date.fromisoformat(due) + timedelta(days=14)).isoformat()
    except ValueError:
        new_due = "2099-01-01"
    r.run(
        "extend",
        "demo",
        "extend",
        sup,
        "--new-due",
        at(new_due, "17:00"),
        "--reason",
        "Cần xác minh thực địa",
        "--at",
        at(d1, "10:00"),
        "--json",
    )
    r.run(
        "extend-refused-twice",
        "demo",
        "extend",
        sup,
        "--new-due",
        at(new_due, "16:00"),
        "--reason",
        "lần hai",
        "--at",
        at(d1, "10:30"),
        "--json",
    )
    r.run("extend-refused-no-reason", "demo", "extend", ref, "--new-due", at(new_due, "17:00"))
    r.run(
        "refuse",
        "demo",
        "refuse",
        ref,
        "--reason",
        "Không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường",
        "--reason",
        "Hồ sơ thiếu giấy tờ bắt buộc",
        "--at",
        at(d2, "11:00"),
        "--json",
    )
    r.run("refuse-refused-again", "demo", "refuse", ref, "--reason", "x", "--json")
    r.run("refuse-refused-no-reason", "demo", "refuse", stop, "--json")
    r.run(
        "stop",
        "demo",
        "stop",
        stop,
        "--reason",
        "Người nộp rút hồ sơ",
        "--at",
        at(d1, "11:00"),
        "--json",
    )
    r.run("stop-refused-again", "demo", "stop", stop, "--reason", "lại", "--json")
    r.run("result-post", "demo", "result", post, "--at", at(d1, "14:00"), "--json")

    g = r.run(
        "guidance-supplement",
        "demo",
        "guidance",
        "supplement",
        "--procedure",
        "1.013225",
        "--name",
        "ngô thị giang",
        "--phone",
        "0912333444",
        "--item",
        "Bản vẽ thiết kế",
        "--item",
        "Giấy chứng nhận quyền sử dụng đất",
        "--at",
        at(d1, "15:00"),
        "--out",
        str(out("guidance-supplement.pdf")),
        "--json",
        files=[out("guidance-supplement.pdf")],
    )
    g2 = r.run(
        "guidance-refusal",
        "demo",
        "guidance",
        "refusal",
        "--procedure",
        "1.000894",
        "--name",
        "Đỗ Văn Hải",
        "--item",
        "Thủ tục không thuộc thẩm quyền của phường",
        "--at",
        at(d1, "15:30"),
        "--json",
    )
    r.run("guidance-refused-missing-name", "demo", "guidance", "supplement", "--procedure",
          "1.013225", "--json")  # fmt: skip
    r.run(
        "guidance-refused-procedure",
        "demo",
        "guidance",
        "refusal",
        "--procedure",
        "nope",
        "--name",
        "An",
        "--item",
        "Không thuộc thẩm quyền",
        "--json",
    )

    prints = [
        ("receipt", sup, []),
        ("receipt-one-copy", sup, ["--copies", "1"]),
        ("receipt-org", codes["org"], []),
        ("receipt-post", post, []),
        ("supplement", sup, []),
        ("refusal", ref, []),
        ("apology", sup, []),
        ("stop", stop, []),
        ("control", sup, []),
        ("control-returned", ret, []),
        ("guidance", get(g, "id"), []),
        ("guidance-refusal", get(g2, "id"), []),
    ]
    for label, target, extra in prints:
        kind = label.split("-")[0]
        pdf = out(f"{label}.pdf")
        r.run(f"print-{label}", "demo", "print", kind, target, "--out", str(pdf), *extra, "--json",
              files=[pdf])  # fmt: skip
    pdf = out("book.pdf")
    r.run("print-book", "demo", "print", "book", "--date", w[7].isoformat(), "--to",
          d1.isoformat(), "--out", str(pdf), "--json", files=[pdf])  # fmt: skip
    pdf = out("book-day.pdf")
    r.run("print-book-day", "demo", "print", "book", "--date", d2.isoformat(), "--out", str(pdf),
          "--json", files=[pdf])  # fmt: skip
    refused = [
        ("refusal-none", ["refusal", ret]),
        ("apology-none", ["apology", ret]),
        ("stop-none", ["stop", ret]),
        ("supplement-none", ["supplement", ret]),
        ("receipt-unknown", ["receipt", "NOPE-1"]),
        ("book-no-date", ["book"]),
        ("receipt-no-code", ["receipt"]),
        ("handover-unknown", ["handover", "BBGN-1999-01-999"]),
        ("no-out", ["receipt", sup, "--out"]),
    ]
    for label, args in refused:
        pdf = out(f"refused-{label}.pdf")
        extra = [] if label == "no-out" else ["--out", str(pdf)]
        r.run(f"print-refused-{label}", "demo", "print", *args, *extra, "--json", files=[pdf])
    pdf = out("nowhere") / "x.pdf"
    r.run("print-refused-folder", "demo", "print", "receipt", sup, "--out", str(pdf), "--json")


def postal_steps(r: Runner, w: dict[int, date], f1: date) -> None:
    """Results delivered by post (two attempts, a delivery, an operator's status file) and a home
    pickup, on the demo store, with the office's own tariff."""
    d7, d6, d3 = w[7], w[6], w[3]
    out = r.path
    address = "12 Nguyễn Huệ, Phường Long Xuyên, Tỉnh An Giang"

    r.run("postal-tariff", "demo", "postal", "tariff", "--json")
    tariff = out("tariff.json")
    tariff.write_text(json.dumps(TARIFF, ensure_ascii=False, indent=2), encoding="utf-8")
    r.run("postal-tariff-set", "demo", "postal", "tariff", "--set", str(tariff), "--json")
    bad = out("tariff-bad.json")
    bad.write_text(json.dumps({**TARIFF, "zones": {}}), encoding="utf-8")
    r.run("postal-tariff-refused", "demo", "postal", "tariff", "--set", str(bad), "--json")

    codes = []
    # The third lives in another province: the inter-province zone of the tariff.
    people = [
        ("nguyễn văn an", address),
        ("Trần Thị Bé", address),
        ("Lý Văn Cao", "10 Lê Lợi, Phường Bến Thành, Thành phố Hồ Chí Minh"),
    ]
    for i, (name, home) in enumerate(people):
        data = r.run(
            f"postal-receive-{i + 1}",
            "demo",
            "receive",
            "--procedure",
            "1.001193",
            "--name",
            name,
            "--phone",
            f"091234567{i}",
            "--address",
            home,
            "--return-by",
            "post",
            "--received-at",
            at(d7, f"08:{i}0"),
            "--json",
        )
        codes.append(get(data, "code"))
    r.run("postal-list-delivery-before-result", "demo", "postal", "list", "--kind", "delivery",
          "--date", d7.isoformat(), "--json")  # fmt: skip
    a, b, c = s10("RR", 55555555), s10("RR", 55555556), s10("RR", 55555557)
    handover = ["postal", "handover", "--kind", "delivery"]
    r.run("postal-handover-refused-not-ready", "demo", *handover, "--item", f"{codes[0]}={a}",
          "--at", at(d7, "08:50"), "--json")  # fmt: skip
    for i, code in enumerate(codes):
        r.run(
            f"postal-result-{i + 1}", "demo", "result", code, "--at", at(d7, f"09:0{i}"), "--json"
        )
    r.run("postal-list-delivery", "demo", "postal", "list", "--kind", "delivery", "--date",
          d7.isoformat(), "--json")  # fmt: skip
    wrong = a[:10] + str((int(a[10]) + 1) % 10) + "VN"
    r.run("postal-handover-refused-check-digit", "demo", *handover, "--item",
          f"{codes[0]}={wrong}", "--json")  # fmt: skip
    r.run("postal-handover-refused-weight", "demo", *handover, "--item", f"{codes[0]}={a}@1,2kg",
          "--json")  # fmt: skip
    r.run("postal-handover-refused-twice", "demo", *handover, "--item", f"{codes[0]}={a}",
          "--item", f"{codes[0]}={b}", "--json")  # fmt: skip
    r.run("postal-handover-refused-no-item", "demo", *handover, "--json")
    r.run("postal-handover-refused-unknown", "demo", *handover, "--item", f"{codes[0]}-X={a}",
          "--json")  # fmt: skip
    record = r.run(
        "postal-handover-delivery",
        "demo",
        *handover,
        "--item",
        f"{codes[0]}={a}@350g",
        "--item",
        f"{codes[1]}={b}",
        "--item",
        f"{codes[2]}={c}@1200",
        "--at",
        at(d7, "10:00"),
        "--postman",
        "Võ Văn Bưu",
        "--post-office",
        "Bưu cục Long Xuyên",
        "--json",
    )
    number = get(record, "record")
    r.run("postal-record", "demo", "postal", "record", number, "--json")
    r.run("postal-record-refused", "demo", "postal", "record", "BBGN-1999-01-999", "--json")
    pdf = out("handover.pdf")
    r.run("print-handover", "demo", "print", "handover", number, "--out", str(pdf), "--json",
          files=[pdf])  # fmt: skip
    r.run("postal-show-out-for-delivery", "demo", "show", codes[0], "--json")

    attempt = ["postal", "attempt"]
    first = r.run("postal-attempt-failed", "demo", *attempt, codes[0], "--outcome", "failed",
                  "--reason", "Vắng nhà", "--at", at(d7, "11:00"), "--json")  # fmt: skip
    r.run("postal-attempt-refused-too-early", "demo", *attempt, codes[0], "--outcome", "failed",
          "--reason", "x", "--at", at(d7, "12:00"), "--json")  # fmt: skip
    r.run("postal-attempt-refused-no-reason", "demo", *attempt, codes[0], "--outcome", "failed",
          "--at", at(d6, "08:00"), "--json")  # fmt: skip
    r.run("postal-attempt-refused-no-recipient", "demo", *attempt, codes[1], "--outcome",
          "delivered", "--at", at(d6, "09:00"), "--json")  # fmt: skip
    r.run("postal-attempt-delivered", "demo", *attempt, codes[1], "--outcome", "delivered",
          "--recipient", "trần thị bé", "--id-number", "001203000123", "--at", at(d6, "09:30"),
          "--json")  # fmt: skip
    nxt = str(get(first, "next_attempt_on"))
    r.run("postal-attempt-failed-again", "demo", *attempt, codes[0], "--outcome", "failed",
          "--reason", "Vẫn vắng nhà", "--caused-by", "citizen", "--at", at(nxt, "10:00"),
          "--json")  # fmt: skip
    r.run("postal-return-undeliverable", "demo", "return", codes[0], "--to", "Nguyễn Văn An",
          "--at", at(nxt, "15:00"), "--json")  # fmt: skip

    statuses = [
        ["consignment", "outcome", "at", "recipient", "id_number", "reason"],
        [c, "delivered", at(d6, "14:00"), "Lý Văn Cao", "079190001234", ""],
    ]
    status_csv = write_csv(out("statuses.csv"), statuses)
    r.run("postal-import-csv", "demo", "postal", "import", str(status_csv), "--json")
    r.run("postal-import-csv-again", "demo", "postal", "import", str(status_csv), "--json")
    status_xlsx = write_xlsx(out("statuses.xlsx"), statuses)
    r.run("postal-import-xlsx-again", "demo", "postal", "import", str(status_xlsx), "--json")
    bad_status = write_csv(
        out("statuses-bad.csv"), [statuses[0], [c, "lost", at(d6, "14:00"), "", "", ""]]
    )
    r.run("postal-import-refused-outcome", "demo", "postal", "import", str(bad_status), "--json")
    r.run("postal-import-refused-missing", "demo", "postal", "import", str(out("nope.csv")),
          "--json")  # fmt: skip
    no_column = write_csv(out("statuses-no-at.csv"), [["consignment", "outcome"], [c, "delivered"]])
    r.run("postal-import-refused-column", "demo", "postal", "import", str(no_column), "--json")
    unknown = write_csv(
        out("statuses-unknown.csv"),
        [
            statuses[0],
            [s10("RR", 11111111), "delivered", at(d6, "14:00"), "An", "079190001234", ""],
        ],
    )
    r.run("postal-import-refused-unknown", "demo", "postal", "import", str(unknown), "--json")
    for i, code in enumerate(codes):
        r.run(f"postal-show-after-{i + 1}", "demo", "show", code, "--json")

    month = d7.strftime("%Y-%m")
    r.run("postal-statement", "demo", "postal", "statement", "--month", month, "--json")
    r.run("postal-statement-empty", "demo", "postal", "statement", "--month", "2020-01", "--json")
    r.run("postal-statement-refused", "demo", "postal", "statement", "--month", "2026/11", "--json")
    for fmt in ("csv", "xlsx"):
        f = out(f"export.{fmt}")
        r.run(f"postal-export-{fmt}", "demo", "postal", "export", "--date", d7.isoformat(),
              "--format", fmt, "--out", str(f), "--json", files=[f])  # fmt: skip
    f = out("export-today.csv")
    r.run("postal-export-today", "demo", "postal", "export", "--format", "csv", "--out", str(f),
          "--json", files=[f])  # fmt: skip
    r.run("postal-export-refused-format", "demo", "postal", "export", "--format", "pdf", "--out",
          str(out("x.pdf")), "--json")  # fmt: skip
    r.run("postal-overdue", "demo", "postal", "overdue", "--json")
    r.run("postal-overdue-date", "demo", "postal", "overdue", "--date", w[1].isoformat(), "--json")
    r.run("postal-list-delivery-today", "demo", "postal", "list", "--kind", "delivery", "--json")

    # A home pickup: requested for three working days ago, handed over that afternoon.
    pickup = ["postal", "pickup", "--procedure", "1.001193", "--phone", "0987654321", "--address"]
    r.run("postal-pickup-refused-procedure", "demo", "postal", "pickup", "--procedure", "1.000894",
          "--name", "Lê Thị Bích", "--phone", "0987654321", "--address", address, "--date",
          d3.isoformat(), "--json")  # fmt: skip
    r.run("postal-pickup-refused-date", "demo", *pickup, address, "--name", "An", "--date",
          (f1 + timedelta(days=200)).isoformat(), "--json")  # fmt: skip
    r.run("postal-pickup-refused-address", "demo", *pickup, "Nhà", "--name", "An", "--date",
          d3.isoformat(), "--json")  # fmt: skip
    r.run("postal-pickup-refused-missing-phone", "demo", "postal", "pickup", "--procedure",
          "1.001193", "--name", "An", "--address", address, "--json")  # fmt: skip
    p = r.run("postal-pickup", "demo", *pickup, address, "--name", "lê thị bích", "--date",
              d3.isoformat(), "--id-number", "079190001234", "--notes", "Gọi trước khi đến",
              "--json")  # fmt: skip
    ref = get(p, "ref")
    p2 = r.run("postal-pickup-counter", "demo", *pickup, address, "--name", "Võ Thị Hoa",
               "--date", f1.isoformat(), "--return-by", "counter", "--json")  # fmt: skip
    ref2 = get(p2, "ref")
    r.run("postal-list-pickup", "demo", "postal", "list", "--kind", "pickup", "--date",
          d3.isoformat(), "--json")  # fmt: skip
    r.run("postal-list-pickup-next", "demo", "postal", "list", "--kind", "pickup", "--date",
          f1.isoformat(), "--json")  # fmt: skip
    pdf = out("pickup-receipt-before.pdf")
    r.run("postal-receipt-refused-before-handover", "demo", "postal", "receipt", ref, "--out",
          str(pdf), "--json", files=[pdf])  # fmt: skip
    e = s10("EE", 47110815)
    done = r.run("postal-handover-pickup", "demo", "postal", "handover", "--kind", "pickup",
                 "--item", f"{ref}={e}@200", "--at", at(d3, "14:00"), "--postman",
                 "Trần Văn Bưu", "--json")  # fmt: skip
    r.run("postal-handover-pickup-refused-twice", "demo", "postal", "handover", "--kind", "pickup",
          "--item", f"{ref}={s10('EE', 47110816)}", "--at", at(d3, "15:00"),
          "--json")  # fmt: skip
    r.run("postal-show-picked-up", "demo", "show", get(done, "items", 0, "code"), "--json")
    pdf = out("pickup-receipt.pdf")
    r.run("postal-receipt", "demo", "postal", "receipt", ref, "--out", str(pdf), "--json",
          files=[pdf])  # fmt: skip
    r.run("postal-receipt-refused", "demo", "postal", "receipt", "NOPE", "--out",
          str(out("nope.pdf")), "--json")  # fmt: skip
    pdf = out("handover-pickup.pdf")
    r.run("print-handover-pickup", "demo", "print", "handover", get(done, "record"), "--out",
          str(pdf), "--json", files=[pdf])  # fmt: skip
    r.run("postal-cancel-refused-reason", "demo", "postal", "cancel", ref2, "--reason", "",
          "--json")  # fmt: skip
    r.run("postal-cancel", "demo", "postal", "cancel", ref2, "--reason", "Gọi điện hủy", "--json")
    r.run("postal-cancel-refused-again", "demo", "postal", "cancel", ref2, "--reason",
          "Gọi điện hủy", "--json")  # fmt: skip
    r.run("postal-cancel-refused-handed-over", "demo", "postal", "cancel", ref, "--reason",
          "Đổi ý", "--json")  # fmt: skip
    r.run("postal-list-pickup-after", "demo", "postal", "list", "--kind", "pickup", "--date",
          d3.isoformat(), "--json")  # fmt: skip
    r.run("postal-json-before-action", "demo", "postal", "--json", "tariff")


def user_steps(r: Runner) -> None:
    password = "Mat-khau-doi-chieu-2026\n"
    user = ["user"]
    r.run("user-list", "demo", *user, "list", "--json")
    r.run("user-add", "demo", *user, "add", "nv.moi", "--role", "counter", "--full-name",
          "nguyễn thị mới", "--password-stdin", "--json", stdin=password)  # fmt: skip
    r.run("user-add-postal", "demo", *user, "add", "Buu.Ta", "--role", "postal",
          "--password-stdin", "--json", stdin=password)  # fmt: skip
    r.run("user-add-refused-exists", "demo", *user, "add", "nv.moi", "--role", "counter",
          "--password-stdin", "--json", stdin=password)  # fmt: skip
    r.run("user-add-refused-no-role", "demo", *user, "add", "nv.hai", "--password-stdin",
          "--json", stdin=password)  # fmt: skip
    r.run("user-add-refused-no-name", "demo", *user, "add", "--role", "counter", "--json")
    r.run("user-add-refused-short-password", "demo", *user, "add", "nv.ba", "--role", "counter",
          "--password-stdin", "--json", stdin="ngan\n")  # fmt: skip
    r.run("user-add-refused-no-terminal", "demo", *user, "add", "nv.bon", "--role", "counter",
          "--json")  # fmt: skip
    r.run("user-add-refused-name", "demo", *user, "add", "tên có dấu cách", "--role", "counter",
          "--password-stdin", "--json", stdin=password)  # fmt: skip
    r.run("user-passwd", "demo", *user, "passwd", "nv.moi", "--password-stdin", "--json",
          stdin="Mat-khau-moi-2026-doi-chieu\n")  # fmt: skip
    r.run("user-passwd-refused-short", "demo", *user, "passwd", "nv.moi", "--password-stdin",
          "--json", stdin="x\n")  # fmt: skip
    r.run("user-passwd-refused-unknown", "demo", *user, "passwd", "khong.co", "--password-stdin",
          "--json", stdin=password)  # fmt: skip
    r.run("user-disable", "demo", *user, "disable", "nv.moi", "--json")
    r.run("user-list-disabled", "demo", *user, "list", "--json")
    r.run("user-enable", "demo", *user, "enable", "nv.moi", "--json")
    r.run("user-unlock", "demo", *user, "unlock", "nv.moi", "--json")
    r.run("user-disable-refused-unknown", "demo", *user, "disable", "khong.co", "--json")
    r.run("user-unlock-refused-no-name", "demo", *user, "unlock", "--json")
    r.run("user-list-final", "demo", *user, "list", "--json")


def calendar_steps(r: Runner) -> None:
    cal = ["calendar"]
    r.run("calendar-add-day-off", "demo", *cal, "add", "2031-06-02", "--kind", "day_off",
          "--name", "Nghỉ bù đối chiếu", "--json")  # fmt: skip
    r.run("calendar-add-working-day", "demo", *cal, "add", "2031-06-07", "--kind", "working_day",
          "--name", "Làm bù", "--json")  # fmt: skip
    r.run("calendar-2031", "demo", *cal, "2031", "--json")
    r.run("due-across-overrides", "demo", "due", "--days", "5", "--received-at",
          "2031-05-30T10:00", "--json")  # fmt: skip
    r.run("calendar-remove", "demo", *cal, "remove", "2031-06-02", "--json")
    r.run("calendar-remove-working-day", "demo", *cal, "remove", "2031-06-07", "--json")
    r.run("calendar-remove-refused-again", "demo", *cal, "remove", "2031-06-02", "--json")
    r.run("calendar-2031-after", "demo", *cal, "2031", "--json")
    r.run("calendar-refused-no-kind", "demo", *cal, "add", "2031-06-03", "--json")
    r.run("calendar-refused-no-date", "demo", *cal, "add", "--json")
    r.run("calendar-refused-bad-date", "demo", *cal, "add", "03/06/2031", "--kind", "day_off",
          "--json")  # fmt: skip
    r.run("calendar-refused-year-word", "demo", *cal, "năm-nay", "--json")
    r.run("calendar-refused-year-range", "demo", *cal, "1800", "--json")
    r.run("calendar-refused-kind", "demo", *cal, "add", "2031-06-03", "--kind", "holiday")


def catalogue_steps(r: Runner) -> None:
    out = r.path
    json_file = out("catalogue.json")
    json_file.write_text(json.dumps(CATALOGUE, ensure_ascii=False, indent=2), encoding="utf-8")
    csv_file = write_csv(out("catalogue.csv"), [CATALOGUE_HEADER, *CATALOGUE_ROWS], ";")
    xlsx_file = write_xlsx(
        out("catalogue.xlsx"),
        [CATALOGUE_HEADER, ["9.900005", "Thủ tục từ bảng tính", "Thử nghiệm", "6", "", "20000",
                            "có", "một phần", "Đơn | bản chính | 1"]],
    )  # fmt: skip
    bad = out("catalogue-bad.csv")
    bad.write_text(BAD_CATALOGUE, encoding="utf-8")
    broken = out("catalogue-broken.json")
    broken.write_text('[{"code": "9.1", ', encoding="utf-8")
    r.run("catalog-import-json", "demo", "catalog", "import", str(json_file), "--json")
    r.run("catalog-import-csv", "demo", "catalog", "import", str(csv_file), "--json")
    r.run("catalog-import-xlsx", "demo", "catalog", "import", str(xlsx_file), "--json")
    r.run("catalog-import-refused-kind", "demo", "catalog", "import", str(bad), "--json")
    r.run("catalog-import-refused-syntax", "demo", "catalog", "import", str(broken), "--json")
    r.run("catalog-import-refused-missing", "demo", "catalog", "import", str(out("nope.json")),
          "--json")  # fmt: skip
    r.run("catalog-import-refused-no-file", "demo", "catalog", "import", "--json")
    r.run("catalog-list-after-import", "demo", "catalog", "list", "--json")
    r.run("due-imported-hours", "demo", "due", "--procedure", "9.900003", "--received-at",
          "2026-11-19T14:00", "--json")  # fmt: skip


def real_office_steps(r: Runner, w: dict[int, date], out: Callable[[str], Path]) -> None:
    """An office's own workstation: its init, catalogue, a dossier, and a central database on a
    SQLite file (no server needed)."""
    r.run(
        "real-init",
        "real",
        "init",
        "--agency-code",
        "000.00.53.H48",
        "--agency-name",
        "ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN",
        "--workstation",
        "3",
        "--workstation-name",
        "Quầy Hộ tịch",
        "--place",
        "Long Xuyên",
        "--code-width",
        "5",
        "--json",
    )
    r.run("real-init-refused-agency", "real", "init", "--agency-code", "mã sai!", "--json")
    r.run("real-init-refused-pattern", "real", "init", "--code-pattern", "{agency}-{nope}",
          "--json")  # fmt: skip
    r.run("real-catalog-list-empty", "real", "catalog", "list", "--json")
    r.run("real-receive-refused-no-catalogue", "real", "receive", "--procedure", "1.001193",
          "--name", "An", "--received-at", at(w[1], "09:00"), "--json")  # fmt: skip
    catalogue = out("catalogue.json")
    r.run("real-catalog-import", "real", "catalog", "import", str(catalogue), "--json")
    r.run("real-catalog-list", "real", "catalog", "list", "--json")
    r.run("real-user-list", "real", "user", "list", "--json")
    r.run("real-user-add-admin", "real", "user", "add", "quan.tri.vien", "--role", "admin",
          "--full-name", "Phạm Quốc Trị", "--password-stdin", "--json",
          stdin="Mat-khau-quan-tri-2026\n")  # fmt: skip
    d = r.run("real-receive", "real", "receive", "--procedure", "9.900001", "--name",
              "hoàng văn khánh", "--id-number", "079190001234", "--received-at",
              at(w[1], "09:00"), "--json")  # fmt: skip
    code = get(d, "code")
    r.run("real-show", "real", "show", code, "--json")
    pdf = out("real-receipt.pdf")
    r.run("real-print-receipt", "real", "print", "receipt", code, "--out", str(pdf), "--json",
          files=[pdf])  # fmt: skip
    pdf = out("real-control.pdf")
    r.run("real-print-control", "real", "print", "control", code, "--out", str(pdf), "--json",
          files=[pdf])  # fmt: skip
    r.run("real-result", "real", "result", code, "--at", at(w[1], "15:00"), "--json")

    r.run("real-sync-status-unconfigured", "real", "sync", "status", "--json")
    r.run("real-sync-unconfigured", "real", "sync", "--json")
    central = f"sqlite:///{r.scratch / 'central.sqlite3'}"
    r.run("central-refused-scheme", "real", "central", "init", "--central", "mysql://h/db",
          "--json")  # fmt: skip
    r.run("central-refused-password-in-url", "real", "central", "init", "--central",
          "postgresql://ws:secret@127.0.0.1:1/onestop", "--json")  # fmt: skip
    r.run("central-refused-missing-url", "real", "central", "init", "--json")
    r.run("central-setup-refused-sqlite", "real", "central", "setup", "--central", central,
          "--no-password", "--json")  # fmt: skip
    r.run("central-init", "real", "central", "init", "--central", central, "--json")
    r.run("central-publish", "real", "central", "publish", "--central", central, "--json")
    r.run("central-role-refused-sqlite", "real", "central", "role", "--central", central,
          "--role", "ws_h48_3", "--no-password", "--json")  # fmt: skip
    r.run("sync-refused-password-in-url", "real", "sync", "--central",
          "postgresql://ws:secret@127.0.0.1:1/onestop", "--json")  # fmt: skip
    r.run("sync-status-refused-url", "real", "sync", "status", "--central", "ftp://x",
          "--json")  # fmt: skip
    r.run("sync", "real", "sync", "--central", central, "--json")
    r.run("sync-again", "real", "sync", "--json")
    r.run("sync-status", "real", "sync", "status", "--json")
    r.run("verify-real", "real", "verify", "--json")
    r.run("verify-central", "real", "verify", "--central", central, "--json")
    r.run("verify-refused-central-url", "real", "verify", "--central", "mysql://h/db", "--json")
    # A demo store never syncs.
    r.run("demo2-init", "demo2", "init", "--demo", "--json")
    r.run("sync-refused-demo-store", "demo2", "sync", "--central", central, "--json")


# --- the two modes --------------------------------------------------------------------------------


def cmd_run(args: argparse.Namespace) -> int:
    checkout = Path(args.checkout).resolve()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(STEP_GLOB):
        old.unlink()
    scratch = Path(tempfile.mkdtemp(prefix="onestop-compare-")).resolve()
    started = time.monotonic()
    try:
        runner = Runner(checkout, out, scratch)
        scenario(runner)
    finally:
        if args.keep_scratch:
            print(f"scratch kept: {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    took = time.monotonic() - started
    print(f"{runner.count} steps from {checkout} into {out} in {took:.0f} s", file=sys.stderr)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    a, b = Path(args.a), Path(args.b)
    names = sorted({p.name for p in a.glob(STEP_GLOB)} | {p.name for p in b.glob(STEP_GLOB)})
    if not names:
        print(f"no step files in {a} or {b}", file=sys.stderr)
        return 2
    differ = 0
    for name in names:
        left, right = a / name, b / name
        old = left.read_text(encoding="utf-8").splitlines(keepends=True) if left.exists() else []
        new = right.read_text(encoding="utf-8").splitlines(keepends=True) if right.exists() else []
        if old == new:
            continue
        differ += 1
        sys.stdout.writelines(
            difflib.unified_diff(old, new, fromfile=str(left), tofile=str(right), n=args.context)
        )
        if not old or not new:
            print(f"(step {name} only in {right if not old else left})")
    print(f"{len(names)} steps, {differ} differ", file=sys.stderr)
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    p = sub.add_parser("run", help="run the scenario against CHECKOUT, one file per step in OUT")
    p.add_argument("checkout", help="a git worktree with its own .venv (uv sync)")
    p.add_argument("out", help="output folder (its step files are replaced)")
    p.add_argument("--keep-scratch", action="store_true", help="keep the scratch data folders")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("compare", help="diff two output folders; exit 1 if any step differs")
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--context", type=int, default=3, help="lines of context (default 3)")
    p.set_defaults(func=cmd_compare)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
