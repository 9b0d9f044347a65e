"""Message catalogue, part three: refusals of the office's own settings and records (accounts,
sign-in, ratings, reports, the working calendar, codes, addresses, amounts). Merged into
``onestop.domain.messages.CATALOGUE``; id -> (Vietnamese, English)."""

from __future__ import annotations

OFFICE: dict[str, tuple[str, str]] = {
    # --- accounts and sign-in -------------------------------------------------------------------
    "username.missing": ("Chưa nhập tên đăng nhập", "The user name is missing"),
    "password.missing": ("Chưa nhập mật khẩu", "The password is missing"),
    "username.form": (
        "Tên đăng nhập chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới "
        "(2-100 ký tự), ví dụ can.bo.ha",
        "A user name has only unaccented letters, digits, dots, hyphens and underscores "
        "(2-100 characters), for example can.bo.ha",
    ),
    "username.demo": (
        "Tên đăng nhập '{name}' dành cho tài khoản trình diễn; hãy chọn tên khác",
        "User name '{name}' is kept for the demonstration accounts; choose another",
    ),
    "username.taken": ("Tên đăng nhập '{name}' đã có", "User name '{name}' is already taken"),
    "role.invalid": ("Vai trò phải là một trong: {roles}", "The role must be one of: {roles}"),
    "account.postal_only": (
        "Mã số nhân viên và điện thoại bưu điện chỉ dành cho tài khoản bưu điện (postal)",
        "An employee number and a post office phone are only for postal accounts (postal)",
    ),
    "account.locked": (
        "Tài khoản đã bị khóa; hãy liên hệ quản trị hệ thống",
        "The account is locked; contact the administrator",
    ),
    # --- ratings and reports --------------------------------------------------------------------
    "rating.score": (
        "Mức đánh giá phải là một trong: {scores}",
        "The rating must be one of: {scores}",
    ),
    "rating.once": (
        "Hồ sơ {code} đã được đánh giá, chỉ đánh giá một lần",
        "Dossier {code} has been rated already; a dossier is rated only once",
    ),
    "report.order": (
        "Ngày cuối kỳ phải từ ngày đầu kỳ trở đi",
        "The period's last day cannot be before its first",
    ),
    "report.length": (
        "Kỳ báo cáo dài tối đa {days} ngày",
        "A report covers at most {days} {days:day|days}",
    ),
    "report.group": ("Nhóm theo một trong: {groups}", "Group by one of: {groups}"),
    "signin.wrong": (
        "Sai tên đăng nhập hoặc mật khẩu",
        "Wrong user name or password",
    ),
    "report.not_begun": ("Kỳ báo cáo chưa bắt đầu", "The report's period has not begun"),
    # --- the working calendar -------------------------------------------------------------------
    "due.case_needs_procedure": (
        "Trường hợp chỉ dùng cùng thủ tục (--procedure)",
        "A case is given only with a procedure (--procedure)",
    ),
    "due.calendar_days": (
        "Ngày theo lịch chỉ dùng với số ngày (--days)",
        "Calendar days are counted only with a number of days (--days)",
    ),
    "override.kind": (
        "Loại ngày phải là day_off (nghỉ) hoặc working_day (làm bù)",
        "The kind of day is day_off (a day off) or working_day (a make-up working day)",
    ),
    "override.none": (
        "Không có ngày điều chỉnh {day}",
        "There is no calendar change on {day}",
    ),
    "due.one_limit": (
        "Cần đúng một thời hạn giải quyết: số ngày làm việc hoặc số giờ làm việc",
        "Exactly one time limit is needed: working days or working hours",
    ),
    "due.days_whole": (
        "Số ngày làm việc phải là số nguyên: {days!r}",
        "The number of working days must be a whole number: {days!r}",
    ),
    "due.days_negative": (
        "Số ngày làm việc không được âm: {days}",
        "The number of working days cannot be negative: {days}",
    ),
    "due.days_too_many": (
        "Thời hạn {days} ngày làm việc quá lớn (tối đa {limit})",
        "A limit of {days} working {days:day|days} is too long (at most {limit})",
    ),
    "due.hours_invalid": (
        "Số giờ làm việc không hợp lệ: {hours!r}",
        "The number of working hours is not valid: {hours!r}",
    ),
    "due.hours_negative": (
        "Số giờ làm việc không được âm: {hours}",
        "The number of working hours cannot be negative: {hours}",
    ),
    "due.hours_too_many": (
        "Thời hạn {hours:g} giờ làm việc quá lớn (tối đa {limit})",
        "A limit of {hours:g} working hours is too long (at most {limit})",
    ),
    "due.received_at": (
        "Thời điểm nhận không hợp lệ: {at!r}",
        "The time of receipt is not valid: {at!r}",
    ),
    # --- dossier codes and amounts --------------------------------------------------------------
    "code.agency": (
        "Mã cơ quan chỉ gồm chữ, số và dấu chấm (ví dụ 000.00.19.H01)",
        "An agency code has only letters, digits and dots (for example 000.00.19.H01)",
    ),
    "code.width": (
        "Độ dài số thứ tự phải từ 3 đến 9 chữ số",
        "The sequence number has 3 to 9 digits",
    ),
    "code.pattern": (
        "Mẫu mã hồ sơ không hợp lệ: {error}",
        "The dossier code pattern is not valid: {error}",
    ),
    "code.pattern_number": (
        "Mẫu mã hồ sơ phải chứa số thứ tự {{number}}",
        "The dossier code pattern must contain the sequence number {{number}}",
    ),
    "code.workstation": (
        "Số hiệu máy trạm phải từ 1 đến {limit}",
        "The workstation number must be from 1 to {limit}",
    ),
    "code.number_overflow": (
        "Số thứ tự hồ sơ vượt quá độ dài cho phép",
        "The dossier's sequence number is longer than allowed",
    ),
    "amount.whole": (
        "Số tiền phải là số nguyên, không phải {n!r}",
        "An amount must be a whole number, not {n!r}",
    ),
    "amount.negative": ("Số tiền không được âm", "An amount cannot be negative"),
    # --- administrative units -------------------------------------------------------------------
    "unit_code.invalid": (
        "Mã {what} không hợp lệ: {value!r}",
        "The {what} code is not valid: {value!r}",
    ),
    "unit_code.digits": (
        "Mã {what} chỉ gồm chữ số, không phải {value!r}",
        "A {what} code has only digits, not {value!r}",
    ),
    "unit_code.unknown": (
        "Mã {what} {value} không tồn tại",
        "The {what} code {value} does not exist",
    ),
    "province.unknown": (
        "Mã tỉnh/thành phố {code} không tồn tại",
        "Province code {code} does not exist",
    ),
    "province.unknown_2025": (
        "Mã tỉnh/thành phố {code} không tồn tại (danh mục 34 tỉnh, thành phố từ ngày 01/7/2025)",
        "Province code {code} does not exist (the list of 34 provinces since 1 July 2025)",
    ),
    # --- addresses resolved for the post (fragments joined into one sentence) -------------------
    "parts": ("{parts}", "{parts}"),
    "parts.sentence": ("{parts:sentence}", "{parts:sentence}"),
    "resolve.unknown": (
        "Chưa xác định được phường/xã của địa chỉ",
        "The address's ward or commune could not be determined",
    ),
    "resolve.suggest": (
        "gợi ý đơn vị gần nhất: {names}",
        "nearest units: {names}",
    ),
    "resolve.write_new": (
        "hãy ghi phường/xã mới thuộc {province}",
        "write the new ward or commune of {province}",
    ),
    "resolve.province_unknown": (
        "Không nhận ra tỉnh/thành phố '{written}'",
        "Province '{written}' is not recognised",
    ),
    "resolve.province_guess": (
        "Không nhận ra tỉnh/thành phố '{written}'; có phải {near}?",
        "Province '{written}' is not recognised; did you mean {near}?",
    ),
    "resolve.old_province": (
        "'{written}' là tỉnh cũ, nay thuộc {province} (từ {since})",
        "'{written}' is a former province, now part of {province} (since {since})",
    ),
    "resolve.district": (
        "địa chỉ còn ghi cấp huyện ({named}), cấp này không còn từ {since}",
        "the address still names a district ({named}); districts were abolished on {since}",
    ),
    "resolve.no_commune": (
        "địa chỉ chưa ghi phường/xã",
        "the address has no ward or commune",
    ),
    "resolve.township": (
        "thị trấn không còn từ {since} ({written})",
        "townships were abolished on {since} ({written})",
    ),
    "resolve.several": (
        "có nhiều phường/xã tên '{written}': hãy ghi đủ dấu",
        "several wards or communes are called '{written}': write the diacritics",
    ),
    "resolve.several_where": (
        "có nhiều phường/xã tên '{written}': hãy ghi thêm tỉnh/thành phố",
        "several wards or communes are called '{written}': add the province",
    ),
    "resolve.not_in": (
        "không có '{written}' trong {where} (đơn vị hành chính từ {since})",
        "there is no '{written}' in {where} (administrative units since {since})",
    ),
    "resolve.not_in_list": (
        "không có '{written}' trong danh mục (đơn vị hành chính từ {since})",
        "there is no '{written}' in the list (administrative units since {since})",
    ),
    "resolve.no_ward_picked": ("Chưa chọn phường/xã", "No ward or commune is chosen"),
    "unit.tỉnh/thành phố": ("tỉnh/thành phố", "province"),
    "unit.phường/xã": ("phường/xã", "ward or commune"),
}
