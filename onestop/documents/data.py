"""Plain, immutable inputs of the paper-form renderers (no database objects reach reportlab)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

ReceiptLayout = Literal["a5_pages", "a4_halves"]
ReturnBy = Literal["counter", "post"]
Verdict = Literal["early", "on_time", "late"]
HandoverKind = Literal["delivery", "pickup"]


@dataclass(frozen=True, kw_only=True)
class Office:
    """What the office's configuration says about the issuing unit."""

    agency_name: str  # the parent body, e.g. "ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN"
    unit_name: str = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"  # the one-stop unit since 1 July 2025
    place: str = "Long Xuyên"  # for "Long Xuyên, ngày 16 tháng 11 năm 2026"
    phone: str | None = None
    lookup_url: str | None = None  # when set, the receipt carries a QR code "{lookup_url}{code}"
    receipt_layout: ReceiptLayout = "a5_pages"
    # Most cities pay the postage of the result's home delivery; the receipt says so when true.
    free_postal_return: bool = True


@dataclass(frozen=True)
class DocumentLine:
    """One paper received: its name, kind (bản chính / bản sao / ...) and how many."""

    name: str
    kind: str
    count: int


@dataclass(frozen=True, kw_only=True)
class DossierDoc:
    """A dossier as the forms print it.

    ``code`` is None for a dossier that was not accepted at the counter (supplement
    request or refusal handed over on the spot): such a form prints no barcode and only
    the applicant and the procedure; the receipt, apology, stop notice and control slip
    need a code.
    """

    code: str | None
    procedure_code: str
    procedure_name: str
    field: str = ""
    applicant_name: str
    id_number: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    documents: tuple[DocumentLine, ...] = ()
    sets: int = 1
    processing_text: str = ""  # "15 ngày làm việc" / "4 giờ làm việc" / "Trong ngày"
    received_at: datetime | None = None  # aware; printed in Asia/Ho_Chi_Minh
    due_at: datetime | None = None
    return_by: ReturnBy = "counter"
    return_address: str | None = None
    fee: int = 0  # VND
    receiver_name: str = ""  # the receiving officer
    book_volume: str | None = None  # tracking-book volume ("Quyển số")
    book_number: int | None = None  # running number in the tracking book
    handling_agency: str | None = None
    status: str = "received"
    notes: str | None = None
    case_name: str | None = None  # the procedure's case, when it has cases


@dataclass(frozen=True)
class Step:
    """One hand-over on the control slip (Mẫu 06)."""

    at: datetime
    from_party: str
    to_party: str
    action: str
    due_at: datetime | None = None
    verdict: Verdict | None = None  # None: not assessed yet


@dataclass(frozen=True, kw_only=True)
class BookRow:
    """One line of the tracking book (Mẫu 07). ``number`` is the running number in the book's
    ``volume`` (None: no number was drawn, the line is left to number by hand)."""

    number: int | None
    code: str
    procedure_name: str
    sets: int
    applicant_name: str
    address_phone: str
    handling_agency: str
    received_at: datetime
    due_at: datetime
    sent_at: datetime | None = None
    result_at: datetime | None = None
    returned_at: datetime | None = None
    notes: str = ""
    case_name: str = ""  # the procedure's case, when it has cases
    volume: str | None = None  # the book ("Quyển số", e.g. "01/2026": counter 1's book of 2026)
    # An extended dossier: the due date before the extension (``due_at`` is the new one), when
    # the apology was issued, and whether it came too late (the dossier stays late).
    previous_due_at: datetime | None = None
    extended_at: datetime | None = None
    late_extension: bool = False
    overdue: bool = False  # the result is owed and its due date has passed
    late: bool = False  # the result came after the due date (or after an extension)


@dataclass(frozen=True)
class HandoverItem:
    """One dossier or result changing hands with the post, with its S10 consignment number."""

    code: str
    consignment: str
    applicant_name: str
    address: str
    # A dossier picked up at home: the reference of its pickup request ("TG-1012").
    reference: str | None = None


@dataclass(frozen=True, kw_only=True)
class HandoverRecord:
    """A handover record between the counter and the post.

    ``pickup``: the postman hands over dossiers picked up at applicants' homes (they count as
    submitted at the signature); ``delivery``: the counter hands results to the post.
    """

    number: str
    kind: HandoverKind
    at: datetime
    items: tuple[HandoverItem, ...]
    officer_name: str
    postman_name: str
    post_office: str
    # How the post identifies its employee (either may be unknown).
    postman_number: str | None = None
    postman_phone: str | None = None
