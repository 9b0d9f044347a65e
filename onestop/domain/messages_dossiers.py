"""Message catalogue, part two: refusals about a dossier's papers, case, recorded times and
follow-up forms (supplement, refusal, extension, stop), with the labels they name. Merged into
``onestop.domain.messages.CATALOGUE``; id -> (Vietnamese, English)."""

from __future__ import annotations

DOSSIERS: dict[str, tuple[str, str]] = {
    # --- papers handed in, and the procedure's case ---------------------------------------------
    "document.duplicate": (
        "Giấy tờ '{name}' đã ghi ở trên (ghi trùng)",
        "Document '{name}' is already listed above (a duplicate)",
    ),
    "document.format": (
        "Giấy tờ ghi dạng 'tên | loại | số lượng'",
        "Write a document as 'name | kind | count'",
    ),
    "document.kind": (
        "Loại giấy tờ '{kind}' không hợp lệ",
        "Document kind '{kind}' is not valid",
    ),
    "case.none": (
        "Thủ tục này không chia trường hợp: bỏ trống trường hợp",
        "This procedure has no cases: leave the case empty",
    ),
    "case.choose": (
        "Thủ tục có nhiều trường hợp, cần chọn một: {names}",
        "The procedure has several cases; choose one: {names}",
    ),
    "case.unknown": (
        "Không có trường hợp '{wanted}'; chọn một trong: {names}",
        "There is no case '{wanted}'; choose one of: {names}",
    ),
    # --- recorded times -------------------------------------------------------------------------
    "time.iso": (
        "Thời gian '{value}' không đúng dạng ISO 8601 (ví dụ 2026-11-16T09:05)",
        "Time '{value}' is not in ISO 8601 form (for example 2026-11-16T09:05)",
    ),
    "time.out_of_range": (
        "Thời gian '{value}' nằm ngoài khoảng thời gian hợp lệ",
        "Time '{value}' is outside the valid range of times",
    ),
    "time.future": (
        "Không được ghi nhận thời điểm ở tương lai",
        "A time in the future cannot be recorded",
    ),
    "time.recorded_out_of_range": (
        "Thời điểm ghi nhận nằm ngoài khoảng thời gian hợp lệ",
        "The recorded time is outside the valid range of times",
    ),
    "back_entry.whole": (
        "Số ngày được ghi lùi phải là số nguyên",
        "The number of back-entry days must be a whole number",
    ),
    "back_entry.range": (
        "Số ngày được ghi lùi phải từ 0 đến {limit}",
        "The number of back-entry days must be from 0 to {limit}",
    ),
    "back_entry.too_early": (
        "Chỉ được ghi lùi tối đa {days} ngày (sớm nhất {earliest:%d/%m/%Y}); thời điểm "
        "{at:%d/%m/%Y %H:%M} nằm ngoài khoảng đó. Quản trị viên có thể nới rộng khoảng ghi lùi "
        "trong trang Cài đặt hoặc bằng 'onestop init --back-entry-days N'",
        "Entries may go back at most {days} {days:day|days} (earliest {earliest:%d/%m/%Y}); "
        "{at:%d/%m/%Y %H:%M} is outside that window. An administrator can widen the back-entry "
        "window on the Settings page or with 'onestop init --back-entry-days N'",
    ),
    "at.before_receipt": (
        "Thời điểm ghi nhận không được trước lúc tiếp nhận hồ sơ",
        "The recorded time cannot be before the dossier was received",
    ),
    "at.state_then": (
        "Lúc {when} hồ sơ đang ở trạng thái '{status}', chưa thể ghi nhận '{what}' vào "
        "thời điểm đó; hãy kiểm tra lại thời điểm",
        "At {when} the dossier's status was '{status}': '{what}' cannot be recorded at that "
        "time; check the time",
    ),
    "at.undoes_later": (
        "Ghi nhận '{what}' lúc {when} sẽ làm mất hiệu lực thao tác '{later}' đã ghi lúc "
        "{later_at}; hãy kiểm tra lại thời điểm",
        "Recording '{what}' at {when} would invalidate '{later}', recorded at {later_at}; "
        "check the time",
    ),
    # --- follow-up forms ------------------------------------------------------------------------
    "form.none_yet": (
        "Hồ sơ chưa có {what} để in",
        "The dossier has no {what} to print yet",
    ),
    "texts.missing": ("Cần ghi ít nhất một {what}", "Write at least one {what}"),
    "extend.reason_missing": (
        "Cần ghi lý do hẹn lại ngày trả kết quả",
        "Give the reason for the new return date",
    ),
    "extend.working_day": (
        "Ngày hẹn trả mới phải là ngày làm việc",
        "The new return date must be a working day",
    ),
    "extend.too_late": (
        "Văn bản xin lỗi và gia hạn phải ban hành chậm nhất 01 ngày làm việc trước ngày hẹn trả "
        "({due:%d/%m/%Y}); hồ sơ đã trễ hạn: ghi nhận với --late (hồ sơ vẫn tính là trễ hạn)",
        "The apology and extension must be issued at least 1 working day before the return date "
        "({due:%d/%m/%Y}); the dossier is already late: record it with --late (it still counts "
        "as late)",
    ),
    "extend.not_late": (
        "Hồ sơ chưa đến ngày hẹn trả: gia hạn bình thường, không ghi là trễ hạn",
        "The dossier's return date has not come yet: extend it normally, not as late",
    ),
    "extend.after_due": (
        "Ngày hẹn trả mới phải sau ngày hẹn hiện tại",
        "The new return date must be after the current one",
    ),
    "extend.after_apology": (
        "Ngày hẹn trả mới phải sau thời điểm xin lỗi",
        "The new return date must be after the apology",
    ),
    "stop.reason_missing": (
        "Cần ghi lý do dừng giải quyết hồ sơ",
        "Give the reason for stopping the dossier",
    ),
    "guidance.kind": (
        "Loại hướng dẫn phải là supplement hoặc refusal",
        "The kind of guidance is 'supplement' or 'refusal'",
    ),
    "book.order": ("Ngày cuối phải sau ngày đầu", "The last day must be after the first"),
    "book.year": (
        "Mỗi lần in sổ tối đa một năm",
        "The book is printed for at most a year at a time",
    ),
}

# Labels used as parameters of the sentences above.
DOSSIER_LABELS: dict[str, tuple[str, str]] = {
    "form.supplement_requested": ("yêu cầu bổ sung", "request for more documents"),
    "form.refused": ("quyết định từ chối", "refusal decision"),
    "form.extended": ("văn bản xin lỗi, hẹn lại", "apology with a new return date"),
    "form.stopped": ("thông báo dừng", "notice of stopping"),
    "what.missing": ("giấy tờ cần bổ sung", "document to add"),
    "what.reason": ("lý do từ chối", "reason for the refusal"),
    "what.guidance": ("nội dung hướng dẫn", "item of guidance"),
    "event.received": ("Tiếp nhận hồ sơ", "Dossier received"),
    "event.supplement_requested": ("Yêu cầu bổ sung hồ sơ", "More documents requested"),
    "event.supplement_completed": ("Đã bổ sung đủ hồ sơ", "Documents completed"),
    "event.transferred": ("Chuyển cơ quan giải quyết", "Transferred for processing"),
    "event.result_ready": ("Nhận kết quả từ cơ quan giải quyết", "Result received"),
    "event.extended": ("Xin lỗi và hẹn lại ngày trả", "Apology and new return date"),
    "event.returned": ("Trả kết quả tại quầy", "Result returned at the counter"),
    "event.refused": ("Từ chối giải quyết", "Refused"),
    "event.stopped": ("Dừng giải quyết", "Stopped"),
    "event.postal_handover": ("Giao bưu điện phát kết quả", "Handed to the post for delivery"),
    "event.delivery_attempt": ("Bưu điện phát không thành công", "Delivery attempt failed"),
    "event.delivered": ("Bưu điện đã phát", "Delivered by the post"),
    "event.undeliverable": ("Chuyển hoàn về Bộ phận Một cửa", "Returned to the one-stop desk"),
    "event.rated": ("Đánh giá mức độ hài lòng", "Satisfaction rating"),
    "event.note": ("Ghi chú", "Note"),
}
DOSSIERS.update(DOSSIER_LABELS)
