"""The supervisors' figures on the command line: a known history built with --received-at and
--at (received, early, on time, late, late with an extension, late by two supplements, refused,
stopped, open, overdue, carried over, rated), then every figure of ``report --json``."""

from __future__ import annotations

import json

import pytest

from tests.helpers import run_cli as run

HT, KD = "1.004873", "1.001612"  # Hộ tịch and hộ kinh doanh, both three working days


def j(proc):
    return json.loads(proc.stdout)


def at(day: int, hm: str = "09:00") -> str:
    return f"2026-11-{day:02d}T{hm}:00+07:00"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("report")
    run(d, "init", "--demo", "--back-entry-days", "3650", "--json")
    codes: dict[str, str] = {}

    def receive(name, proc, when, user):
        out = j(
            run(
                d,
                "--user",
                user,
                "receive",
                "--procedure",
                proc,
                "--name",
                name,
                "--received-at",
                when,
                "--json",
            )
        )
        codes[name] = out["code"]
        return out

    def do(*args):
        run(d, *args)

    # Period: Monday 9 to Friday 13 November 2026. Due dates: three working days after day 0.
    assert receive("A", HT, at(9), "lan")["due_at"].startswith("2026-11-12T17:00")
    do("result", codes["A"], "--at", at(10, "10:00"))  # early
    do("return", codes["A"], "--to", "A", "--id-number", "001190012345", "--at", at(10, "11:00"))
    do("rate", codes["A"], "--score", "very_satisfied", "--at", at(10, "11:05"))
    receive("B", HT, at(9, "09:30"), "lan")
    do("result", codes["B"], "--at", at(12, "16:00"))  # on time, on the due day
    do("rate", codes["B"], "--score", "satisfied", "--comment", "Nhanh", "--at", at(12, "16:10"))
    receive("C", KD, at(9, "10:00"), "lan")
    do("result", codes["C"], "--at", at(13))  # late
    do("rate", codes["C"], "--score", "dissatisfied", "--at", at(13, "10:00"))
    receive("D", KD, at(9, "10:30"), "lan")
    do(
        "extend",
        codes["D"],
        "--new-due",
        at(16, "17:00"),
        "--reason",
        "Chờ xác minh",
        "--at",
        at(10),
    )
    do("result", codes["D"], "--at", at(13))  # by its new date, but extended: late
    receive("E", HT, at(9, "11:00"), "minh")
    do("refuse", codes["E"], "--reason", "Không đủ điều kiện", "--at", at(10))
    receive("F", HT, at(11), "minh")  # open, within the limit (due on the 16th)
    receive("G", KD, at(9, "07:45"), "minh")  # open and overdue (due on the 12th)
    receive("H", HT, at(4), "minh")  # carried over, resolved late
    do("result", codes["H"], "--at", at(11))
    receive("J", HT, at(9, "13:45"), "minh")  # two supplement requests: late
    do("supplement", codes["J"], "--missing", "Tờ khai", "--at", at(9, "14:00"))
    do("supplement", codes["J"], "--completed", "--at", at(9, "14:30"))
    do("supplement", codes["J"], "--missing", "Bản sao", "--at", at(10))
    do("supplement", codes["J"], "--completed", "--at", at(10, "10:00"))
    do("result", codes["J"], "--at", at(11))
    receive("K", KD, at(10), "minh")
    do("stop", codes["K"], "--reason", "Người nộp rút hồ sơ", "--at", at(10, "10:00"))
    receive("Z", HT, at(2), "minh")  # before the period and done before it: not counted
    do("result", codes["Z"], "--at", at(3))
    return d, codes


FIGURES = (
    "received",
    "carried_over",
    "resolved",
    "early",
    "on_time",
    "late",
    "late_with_apology",
    "late_by_supplements",
    "refused",
    "stopped",
    "open",
    "overdue",
)


def figures(data):
    return {k: data[k] for k in FIGURES}


def test_every_figure_of_the_period(store):
    d, _ = store
    r = j(run(d, "report", "--from", "2026-11-09", "--to", "2026-11-13", "--json"))
    assert r["from"] == "2026-11-09" and r["to"] == "2026-11-13" and r["by"] is None
    assert figures(r) == {
        "received": 9,
        "carried_over": 1,
        "resolved": 6,
        "early": 1,
        "on_time": 2,
        "late": 4,
        "late_with_apology": 1,
        "late_by_supplements": 1,
        "refused": 1,
        "stopped": 1,
        "open": 2,
        "overdue": 1,
    }
    assert r["received_by_channel"] == {"counter": 9, "postal": 0, "online": 0}
    assert r["on_time_rate"] == round(2 / 6, 4)
    assert r["satisfaction"] == {
        "very_satisfied": 1,
        "satisfied": 1,
        "dissatisfied": 1,
        "rated": 3,
        "share_satisfied": round(2 / 3, 4),
    }
    assert r["rows"] == []


def test_rows_per_procedure_and_officer(store):
    d, _ = store
    r = j(
        run(
            d, "report", "--from", "2026-11-09", "--to", "2026-11-13", "--by", "procedure", "--json"
        )
    )
    rows = {row["key"]: row for row in r["rows"]}
    assert set(rows) == {HT, KD}
    assert figures(rows[HT]) == {
        "received": 5,
        "carried_over": 1,
        "resolved": 4,
        "early": 1,
        "on_time": 2,
        "late": 2,
        "late_with_apology": 0,
        "late_by_supplements": 1,
        "refused": 1,
        "stopped": 0,
        "open": 1,
        "overdue": 0,
    }
    assert figures(rows[KD]) == {
        "received": 4,
        "carried_over": 0,
        "resolved": 2,
        "early": 0,
        "on_time": 0,
        "late": 2,
        "late_with_apology": 1,
        "late_by_supplements": 0,
        "refused": 0,
        "stopped": 1,
        "open": 1,
        "overdue": 1,
    }
    assert rows[HT]["on_time_rate"] == 0.5 and rows[KD]["on_time_rate"] == 0.0
    assert rows[HT]["label"] == "Cấp Giấy xác nhận tình trạng hôn nhân"
    assert rows[KD]["satisfaction"]["dissatisfied"] == 1
    by_officer = j(
        run(d, "report", "--from", "2026-11-09", "--to", "2026-11-13", "--by", "officer", "--json")
    )
    officers = {row["key"]: figures(row) for row in by_officer["rows"]}
    assert officers["lan"] == {
        "received": 4,
        "carried_over": 0,
        "resolved": 4,
        "early": 1,
        "on_time": 2,
        "late": 2,
        "late_with_apology": 1,
        "late_by_supplements": 0,
        "refused": 0,
        "stopped": 0,
        "open": 0,
        "overdue": 0,
    }
    assert officers["minh"]["received"] == 5 and officers["minh"]["carried_over"] == 1
    by_field = j(
        run(d, "report", "--from", "2026-11-09", "--to", "2026-11-13", "--by", "field", "--json")
    )
    assert {row["key"]: row["received"] for row in by_field["rows"]} == {
        "Hộ tịch": 5,
        "Thành lập và hoạt động của hộ kinh doanh": 4,
    }
    for by in ("counter", "channel"):
        single = j(
            run(d, "report", "--from", "2026-11-09", "--to", "2026-11-13", "--by", by, "--json")
        )
        assert [figures(row) for row in single["rows"]] == [figures(single)]


def test_another_period_sees_the_same_dossiers_otherwise(store):
    d, _ = store
    # One day, Tuesday 10th.
    r = j(run(d, "report", "--from", "2026-11-10", "--to", "2026-11-10", "--json"))
    assert r["received"] == 1  # K
    assert r["carried_over"] == 8  # A B C D E G H J received before and in hand on the 10th
    assert (r["resolved"], r["early"], r["refused"], r["stopped"]) == (1, 1, 1, 1)
    assert (r["open"], r["overdue"]) == (6, 1)  # B C D G H J; H (due the 9th) overdue
    assert r["satisfaction"]["very_satisfied"] == 1 and r["satisfaction"]["rated"] == 1


def test_a_second_rating_is_refused_and_nothing_written(store):
    d, codes = store
    before = j(run(d, "show", codes["A"], "--json"))
    proc = run(d, "rate", codes["A"], "--score", "satisfied", check=2)
    assert "score" in proc.stderr
    assert j(run(d, "show", codes["A"], "--json"))["events"] == before["events"]
    assert "rated" in [e["type"] for e in before["events"]]
    bad = run(d, "rate", codes["F"], "--score", "great", check=2)
    assert "score" in bad.stderr
    run(d, "rate", "000.00.00.H00-261109-9999", "--score", "satisfied", check=2)


def test_refused_periods(store):
    d, _ = store
    run(d, "report", "--from", "2026-11-13", "--to", "2026-11-09", "--json", check=2)
    run(d, "report", "--from", "2026-11-xx", "--to", "2026-11-13", "--json", check=2)


def test_list_overdue_covers_every_open_dossier_whatever_its_day(store):
    d, codes = store
    overdue = {row["code"] for row in j(run(d, "list", "--overdue", "--json"))}
    # Now is after all of November: F (due the 16th) and G are both overdue, received on
    # different days (the 9th and the 11th).
    assert overdue == {codes["F"], codes["G"]}


def test_the_periodic_report_as_xlsx_and_pdf(store, tmp_path):
    import openpyxl
    import pypdf

    d, _ = store
    xlsx, pdf = tmp_path / "bao-cao.xlsx", tmp_path / "bao-cao.pdf"
    run(
        d,
        "report",
        "--from",
        "2026-11-09",
        "--to",
        "2026-11-13",
        "--xlsx",
        str(xlsx),
        "--pdf",
        str(pdf),
    )
    rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
    assert rows[0][0] == "ỦY BAN NHÂN DÂN PHƯỜNG MẪU"
    assert rows[3][0] == "Kỳ báo cáo: từ ngày 09 tháng 11 năm 2026 đến ngày 13 tháng 11 năm 2026"
    assert rows[6][2:] == (
        "Tổng số",
        "Trực tiếp",
        "Bưu chính",
        "Trực tuyến",
        "Kỳ trước chuyển qua",
        "Tổng số",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "Tổng số",
        "Trong hạn",
        "Quá hạn",
        "Từ chối",
        "Dừng",
    )
    lines = {row[1]: row[2:] for row in rows[7:]}
    # To handle 10 (9 received + 1 carried over); resolved 6: 1 early, 1 on time, 4 late; open
    # 2: 1 within the limit, 1 overdue; 1 refused, 1 stopped.
    assert lines["TỔNG CỘNG"] == (10, 9, 0, 0, 1, 6, 1, 1, 4, 2, 1, 1, 1, 1)
    assert lines["Hộ tịch"] == (6, 5, 0, 0, 1, 4, 1, 1, 2, 1, 1, 0, 1, 0)
    assert lines[f"Cấp Giấy xác nhận tình trạng hôn nhân ({HT})"] == lines["Hộ tịch"]
    assert lines["Thành lập và hoạt động của hộ kinh doanh"] == (
        4,
        4,
        0,
        0,
        0,
        2,
        0,
        0,
        2,
        1,
        0,
        1,
        0,
        1,
    )
    reader = pypdf.PdfReader(pdf)
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in (
        "ỦY BAN NHÂN DÂN PHƯỜNG MẪU",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH",
        "từ ngày 09 tháng 11 năm 2026 đến ngày 13 tháng 11 năm 2026",
        "TỔNG CỘNG",
        "Hộ tịch",
        "Trước hạn",
        "Trong hạn",
        "Kỳ trước",
    ):
        assert expected in text
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            assert "/FontFile2" in descriptor.get_object()  # embedded
            fonts.add(str(font["/BaseFont"]))
    assert any("DejaVu" in f for f in fonts)
