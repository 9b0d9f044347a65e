"""The forms' commands as a user runs them: follow-ups with exit codes, and ``print`` to PDF."""

from __future__ import annotations

import json

from pypdf import PdfReader

from tests.helpers import dump, run_cli


def test_followups_and_printing_from_the_command_line(tmp_path):
    d = tmp_path / "data"
    # The dates below are November 2026's: a wide back-entry window keeps them enterable.
    run_cli(
        d,
        "init",
        "--demo",
        "--agency-code",
        "000.00.53.H48",
        "--place",
        "Long Xuyên",
        "--back-entry-days",
        "3650",
    )
    r = json.loads(
        run_cli(
            d,
            "receive",
            "--procedure",
            "1.013225",
            "--case",
            "Nhà ở riêng lẻ",
            "--name",
            "Đặng Thị Hoa Rây",
            "--received-at",
            "2026-11-16T09:05",
            "--json",
        ).stdout
    )
    code = r["code"]
    run_cli(d, "supplement", code, "--missing", "Bản vẽ mặt bằng", "--at", "2026-11-17T10:00")
    run_cli(d, "supplement", code, "--completed", "--at", "2026-11-19T16:30")
    out = json.loads(
        run_cli(
            d,
            "extend",
            code,
            "--new-due",
            "2026-12-18T17:00",
            "--reason",
            "Cần xác minh",
            "--at",
            "2026-11-20T09:00",
            "--json",
        ).stdout
    )
    assert out["due_at"] == "2026-12-18T17:00:00+07:00"
    before = dump(d)
    second = run_cli(
        d, "extend", code, "--new-due", "2026-12-22T17:00", "--reason", "lần hai", check=2
    )
    assert "một lần" in second.stderr
    assert dump(d) == before
    run_cli(d, "supplement", code, check=2)  # nothing missing named: refused
    assert dump(d) == before

    for kind in ("receipt", "supplement", "apology", "control"):
        pdf = tmp_path / f"{kind}.pdf"
        run_cli(d, "print", kind, code, "--out", str(pdf))
        assert code in "".join(p.extract_text() for p in PdfReader(pdf).pages)
    book = tmp_path / "book.pdf"
    run_cli(d, "print", "book", "--date", "2026-11-16", "--out", str(book))
    assert "Đặng Thị Hoa Rây" in "".join(p.extract_text() for p in PdfReader(book).pages)
    missing = run_cli(d, "print", "refusal", code, "--out", str(tmp_path / "x.pdf"), check=2)
    assert "form" in missing.stderr
    run_cli(d, "print", "receipt", "NOPE-1", "--out", str(tmp_path / "y.pdf"), check=2)
