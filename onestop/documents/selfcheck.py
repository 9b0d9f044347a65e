"""What an installed program needs to print, checked on demand (onestop doctor): the bundled fonts
readable, embeddable and drawing Vietnamese, and a sample receipt with its Code 128 and QR code
drawn by the same code as a real one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from onestop.resources import resource

from .data import DocumentLine, DossierDoc, Office
from .fonts import _FILES

# Letters a Vietnamese form cannot do without (the stacked diacritics first to go missing).
VIETNAMESE_SAMPLE = "ẮẰẲẴẶắằẳẵặỆệỖỗỰựĐđƠơƯư"
SAMPLE_CODE = "000.00.00.H00-261116-0001"


def font_files(folder: Path | None = None) -> dict[str, Path]:
    """Each font the forms register, by name, in ``folder`` (default: the bundled fonts)."""
    base = folder if folder is not None else resource("fonts")
    return {name: base / filename for name, filename in _FILES.items()}


def font_problem(path: Path) -> str | None:
    """Why ``path`` cannot serve the forms (missing, unreadable, not embeddable, no Vietnamese
    letters), or None. Parsed on its own: nothing is registered with reportlab."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    if not path.is_file():
        return "không có tệp / missing"
    try:
        font = TTFont(f"check-{path.stem}", str(path))
    except TTFError as exc:  # damaged, or its licence forbids embedding
        return f"không nhúng được vào PDF / cannot be embedded ({exc})"
    except OSError as exc:
        return f"không đọc được / unreadable ({exc.strerror or exc})"
    glyphs = font.face.charToGlyph
    missing = [ch for ch in VIETNAMESE_SAMPLE if ord(ch) not in glyphs]
    if missing:
        return f"thiếu chữ tiếng Việt / no glyph for {''.join(missing)}"
    return None


def sample_receipt() -> bytes:
    """A receipt of a made-up dossier, with the lookup QR code: the PDF bytes."""
    from .receipt import render_receipt

    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    office = Office(
        agency_name="ỦY BAN NHÂN DÂN PHƯỜNG MẪU", lookup_url="https://example.vn/tra-cuu?ma="
    )
    dossier = DossierDoc(
        code=SAMPLE_CODE,
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        applicant_name="Đặng Thị Hoa Rây",
        documents=(DocumentLine("Tờ khai đăng ký khai sinh", "bản chính", 1),),
        processing_text="Trong ngày",
        received_at=datetime(2026, 11, 16, 9, 5, tzinfo=tz),
        due_at=datetime(2026, 11, 16, 17, 0, tzinfo=tz),
        receiver_name="Kiểm tra",
    )
    return render_receipt(office, dossier, copies=1)
