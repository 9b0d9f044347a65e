"""Message catalogue, part four: refusals of postal work (consignment numbers, hand-over records,
delivery outcomes, the operator's status files, the tariff), of tax numbers and of publishing
a demonstration store to the central server. Merged into
``onestop.domain.messages.CATALOGUE``; id -> (Vietnamese, English)."""

from __future__ import annotations

_S10_HINT_VI = "2 chữ cái, 8 chữ số, 1 số kiểm tra, 2 chữ cái mã nước, ví dụ EE471108151FR"
_S10_HINT_EN = "2 letters, 8 digits, 1 check digit, 2-letter country code, e.g. EE471108151FR"

POSTAL: dict[str, tuple[str, str]] = {
    # --- consignment numbers (UPU S10) ----------------------------------------------------------
    "s10.missing": ("Chưa nhập số hiệu bưu gửi", "The consignment number is missing"),
    "s10.length": (
        f"Số hiệu bưu gửi phải có 13 ký tự ({_S10_HINT_VI}); đã nhập {{n}}",
        f"A consignment number has 13 characters ({_S10_HINT_EN}); {{n}} typed",
    ),
    "s10.form": (
        f"Số hiệu bưu gửi sai dạng: cần {_S10_HINT_VI}",
        f"The consignment number is malformed: it needs {_S10_HINT_EN}",
    ),
    "s10.check_digit": (
        "Số hiệu bưu gửi {number} sai số kiểm tra (chữ số thứ 11 phải là {expected})",
        "Consignment number {number} has a wrong check digit (the 11th digit must be {expected})",
    ),
    "s10.reserved": (
        "Mã dịch vụ bưu gửi {service} thuộc dải dành riêng của UPU (J*, K*)",
        "Service code {service} is in the UPU's reserved range (J*, K*)",
    ),
    "s10.country": (
        "Mã nước {country} không phải mã ISO 3166 (ví dụ VN, FR)",
        "Country code {country} is not an ISO 3166 code (for example VN, FR)",
    ),
    "s10.serial_digits": (
        "Số seri bưu gửi phải có 8 chữ số, không phải {serial!r}",
        "A consignment serial has 8 digits, not {serial!r}",
    ),
    "s10.serial_range": (
        "Số seri bưu gửi phải từ 0 đến 99999999, không phải {serial}",
        "A consignment serial is from 0 to 99999999, not {serial}",
    ),
    "s10.prefix": (
        "Mã dịch vụ bưu gửi phải là 2 chữ cái, không phải {prefix!r}",
        "A service code is 2 letters, not {prefix!r}",
    ),
    "s10.country_letters": (
        "Mã nước phải là 2 chữ cái, không phải {country!r}",
        "A country code is 2 letters, not {country!r}",
    ),
    "s10.invalid": ("Số hiệu bưu gửi không hợp lệ", "The consignment number is not valid"),
    "value.invalid": ("Giá trị không hợp lệ", "The value is not valid"),
    "check.kind": (
        "Loại kiểm tra {kind!r} không có; chọn một trong {kinds}",
        "There is no check {kind!r}; choose one of {kinds}",
    ),
    # --- tax numbers ----------------------------------------------------------------------------
    "tax.missing": ("Chưa nhập mã số thuế", "The tax number is missing"),
    "tax.digits": (
        "Mã số thuế chỉ gồm chữ số (và dấu '-' trước số chi nhánh)",
        "A tax number has only digits (and a '-' before the branch number)",
    ),
    "tax.branch_form": (
        "Mã số thuế có chi nhánh phải có dạng 10 chữ số, '-', 3 chữ số",
        "A tax number with a branch reads 10 digits, '-', 3 digits",
    ),
    "tax.branch_digits": (
        "Số chi nhánh sau dấu '-' phải có đúng 3 chữ số",
        "The branch number after the '-' has exactly 3 digits",
    ),
    "tax.personal": (
        "Mã số thuế cá nhân 12 chữ số là số CCCD: {reason}",
        "A 12-digit personal tax number is a citizen ID number: {reason}",
    ),
    "tax.length": (
        "Mã số thuế phải có 10 chữ số, 13 chữ số (10 số, dấu '-' và 3 số chi nhánh) "
        "hoặc 12 chữ số (số CCCD); số đã nhập có {n} chữ số",
        "A tax number has 10 digits, 13 digits (10 digits, '-' and a 3-digit branch) "
        "or 12 digits (a citizen ID number); the number typed has {n} {n:digit|digits}",
    ),
    "tax.zero_serial": (
        "Mã số thuế {base} không hợp lệ (số thứ tự 0000000 không được cấp)",
        "Tax number {base} is not valid (serial 0000000 is never issued)",
    ),
    "tax.no_check": (
        "Mã số thuế {base} không hợp lệ (9 chữ số đầu không cho số kiểm tra)",
        "Tax number {base} is not valid (its first 9 digits give no check digit)",
    ),
    "tax.check_digit": (
        "Mã số thuế {base} sai chữ số kiểm tra (chữ số cuối phải là {expected})",
        "Tax number {base} has a wrong check digit (the last digit must be {expected})",
    ),
    "tax.branch_zero": (
        "Số chi nhánh 000 không hợp lệ (bắt đầu từ 001)",
        "Branch number 000 is not valid (branches start at 001)",
    ),
    # --- hand-over and delivery -----------------------------------------------------------------
    "dossier.prefixed": ("Hồ sơ {code}: {text}", "Dossier {code}: {text}"),
    "handover.not_ready": (
        "Hồ sơ {code} chưa sẵn sàng giao bưu điện (trạng thái: {status})",
        "Dossier {code} is not ready to hand to the post (status: {status})",
    ),
    "handover.not_by_post": (
        "Hồ sơ {code} không đăng ký nhận kết quả qua bưu điện",
        "Dossier {code} did not ask for its result by post",
    ),
    "delivery.refused": (
        "Hồ sơ {code}: không ghi nhận được ({status})",
        "Dossier {code}: could not be recorded ({status})",
    ),
    "delivery.reattempt_early": (
        "Hồ sơ {code}: lần phát lại phải cách lần trước {days} ngày làm việc (sớm nhất ngày {day})",
        "Dossier {code}: a new attempt comes {days} working {days:day|days} after the last "
        "(on {day} at the earliest)",
    ),
    "sync.demo_store": (
        "Kho này là kho trình diễn (demo, cơ quan {code}, tài khoản mẫu mật khẩu công khai): "
        "không đưa lên máy chủ trung tâm. Khởi tạo kho của cơ quan trước: "
        "onestop init --agency-code MÃ_CƠ_QUAN",
        "This is a demonstration store (demo, agency {code}, sample accounts with public "
        "passwords): it is not published to the central server. Set up the agency's store "
        "first: onestop init --agency-code AGENCY_CODE",
    ),
    "sync.demo_accounts": (
        "Kho có tài khoản trình diễn ({names}; mật khẩu công khai): không đưa lên máy chủ "
        "trung tâm. 'onestop init' xóa chúng khỏi kho của cơ quan.",
        "The store has demonstration accounts ({names}; public passwords): they are not "
        "published to the central server. 'onestop init' removes them from the agency's store.",
    ),
    "delivery.not_out": (
        "Hồ sơ {code} không ở trạng thái bưu điện đang phát ({status})",
        "Dossier {code} is not out for delivery ({status})",
    ),
    "delivery.before_last": (
        "Thời điểm phát của hồ sơ {code} trước lần ghi nhận trước",
        "The delivery time of dossier {code} is before the previous record",
    ),
    "delivery.outcome": (
        "Kết quả phát phải là 'delivered' hoặc 'failed'",
        "The delivery outcome is 'delivered' or 'failed'",
    ),
    "delivery.outcome_value": (
        "Kết quả phát '{value}' không hợp lệ: dùng 'delivered' hoặc 'failed'",
        "Delivery outcome '{value}' is not valid: use 'delivered' or 'failed'",
    ),
    "delivery.id_shown": (
        "Người nhận phải xuất trình giấy tờ tùy thân",
        "The recipient must show an identity document",
    ),
    "delivery.reason": (
        "Cần ghi lý do phát không thành công",
        "Give the reason the delivery failed",
    ),
    "handover.kind": (
        "Loại giao nhận phải là 'delivery' (phát) hoặc 'pickup' (thu gom)",
        "The hand-over is a 'delivery' or a 'pickup'",
    ),
    "payer.invalid": ("Bên chi trả phải là một trong: {payers}", "The payer is one of: {payers}"),
    "handover.item_form": (
        "'{text}' không đúng dạng MÃ=SỐ_HIỆU_BƯU_GỬI[@GAM]",
        "'{text}' is not of the form CODE=CONSIGNMENT_NUMBER[@GRAMS]",
    ),
    "handover.weight_form": (
        "Khối lượng '{grams}' của {ref} phải là số gam (ví dụ @350)",
        "Weight '{grams}' of {ref} must be a number of grams (for example @350)",
    ),
    "handover.empty": (
        "Biên bản giao nhận cần ít nhất một hồ sơ",
        "A hand-over record needs at least one dossier",
    ),
    "handover.twice": (
        "Hồ sơ {ref} có hai lần trong biên bản",
        "Dossier {ref} is twice in the record",
    ),
    "handover.s10_twice": (
        "Số hiệu bưu gửi {number} dùng cho hai hồ sơ",
        "Consignment number {number} is used for two dossiers",
    ),
    "handover.weight_range": (
        "Khối lượng bưu gửi của {ref} phải từ 1 g đến 30 kg",
        "The weight of {ref} must be from 1 g to 30 kg",
    ),
    "handover.s10_taken": (
        "Số hiệu bưu gửi {number} đã có trong một biên bản trước",
        "Consignment number {number} is already in an earlier record",
    ),
    "pickup.cancelled_reason": (
        "Yêu cầu thu gom {ref} đã bị hủy ({reason})",
        "Pickup request {ref} was cancelled ({reason})",
    ),
    "pickup.handed_over_before": (
        "Yêu cầu thu gom {ref} đã được giao nhận (biên bản trước)",
        "Pickup request {ref} was already handed over (an earlier record)",
    ),
    "procedure.no_post": (
        "Thủ tục {code} không còn nhận hồ sơ qua bưu điện",
        "Procedure {code} no longer takes dossiers by post",
    ),
    "record.pickup_pending": (
        "Biên bản có hồ sơ thu gom chưa được tiếp nhận",
        "The record has picked-up dossiers not yet received",
    ),
    "record.numbers_used": (
        "Máy trạm đã dùng hết số biên bản giao nhận của năm",
        "The workstation has used up this year's hand-over record numbers",
    ),
    "pickup.workstation": (
        "Số hiệu máy trạm phải từ 0 đến 9",
        "The workstation number is from 0 to 9",
    ),
    "pickup.sequence": (
        "Số thứ tự yêu cầu thu gom phải từ 1",
        "A pickup request's sequence number starts at 1",
    ),
    # --- the operator's files and the month -----------------------------------------------------
    "month.form": ("Tháng '{month}' không đúng dạng YYYY-MM", "Month '{month}' is not YYYY-MM"),
    "export.format": ("Định dạng phải là csv hoặc xlsx", "The format is csv or xlsx"),
    "status_file.column": (
        "Tệp trạng thái thiếu cột '{column}'",
        "The status file has no column '{column}'",
    ),
    "status_file.empty": ("Tệp trạng thái trống", "The status file is empty"),
    "status_file.label_twice": (
        "Số hiệu bưu gửi {number} được ghi cho {n} hồ sơ ({codes}) ở các máy trạm khác nhau khi "
        "mất kết nối: kiểm tra nhãn trên bưu gửi và ghi kết quả phát cho từng hồ sơ theo mã hồ sơ",
        "Consignment number {number} was given to {n} {n:dossier|dossiers} ({codes}) at "
        "different workstations while offline: check the labels and record each dossier's "
        "delivery by its dossier code",
    ),
    # --- the tariff -----------------------------------------------------------------------------
    "tariff.object": ("Bảng cước phải là một đối tượng JSON", "The tariff must be a JSON object"),
    "tariff.zones": ("Bảng cước thiếu mục 'zones'", "The tariff has no 'zones'"),
    "tariff.zone": ("Bảng cước thiếu vùng '{zone}'", "The tariff has no zone '{zone}'"),
    "tariff.weight": (
        "Khối lượng mặc định phải lớn hơn 0",
        "The default weight must be more than 0",
    ),
    "tariff.province": ("Mã tỉnh {code} không tồn tại", "Province code {code} does not exist"),
    "tariff.number": (
        "Phải là số nguyên không âm (đồng, gam hoặc ngày)",
        "Must be a whole number, not negative (dong, grams or days)",
    ),
    "tariff.bands": ("Cần ít nhất một nấc khối lượng", "At least one weight band is needed"),
    "tariff.band": ("Mỗi nấc cần 'up_to_g' và 'price'", "Each band needs 'up_to_g' and 'price'"),
    "tariff.band_order": (
        "Các nấc phải tăng dần theo khối lượng, giá không giảm",
        "Bands must rise by weight, with prices never falling",
    ),
}
