"""Message catalogue, part five: refusals of the office's settings (working hours, calendar
files, setting up a store), of passwords and of list filters. Merged into
``onestop.domain.messages.CATALOGUE``; id -> (Vietnamese, English)."""

from __future__ import annotations

SETTINGS: dict[str, tuple[str, str]] = {
    # --- working hours --------------------------------------------------------------------------
    "hours.time": (
        "Giờ không hợp lệ: {value!r} (dạng HH:MM, ví dụ 07:30)",
        "Not a valid time: {value!r} (HH:MM, for example 07:30)",
    ),
    "hours.pair": (
        "Mỗi buổi làm việc phải gồm giờ bắt đầu và giờ kết thúc",
        "Each working session needs a start and an end time",
    ),
    "hours.none": ("Cần ít nhất một buổi làm việc", "At least one working session is needed"),
    "hours.time_of_day": (
        "Giờ của buổi làm việc phải là giờ trong ngày",
        "A working session's times must be times of day",
    ),
    "hours.order": (
        "Buổi {start}-{end}: giờ bắt đầu phải trước giờ kết thúc",
        "Session {start}-{end}: the start must be before the end",
    ),
    "hours.overlap": (
        "Các buổi làm việc phải theo thứ tự trong ngày và không chồng lên nhau "
        "(buổi bắt đầu {start} trước khi buổi trước kết thúc {end})",
        "Working sessions must follow each other through the day without overlapping "
        "(a session starts at {start} before the one before it ends at {end})",
    ),
    "hours.weekday": (
        "Ngày trong tuần không hợp lệ: {value!r} (0 = thứ Hai ... 6 = Chủ nhật)",
        "Not a valid weekday: {value!r} (0 = Monday ... 6 = Sunday)",
    ),
    "hours.weekdays": (
        "Danh sách ngày làm việc trong tuần không hợp lệ",
        "The list of working weekdays is not valid",
    ),
    "hours.weekdays_none": (
        "Cần ít nhất một ngày làm việc trong tuần",
        "At least one working weekday is needed",
    ),
    "hours.cutoff": (
        "Giờ chốt nhận hồ sơ phải là giờ trong ngày",
        "The intake cut-off must be a time of day",
    ),
    "hours.table": (
        "Giờ làm việc phải là một bảng khóa/giá trị",
        "The working hours must be a table of keys and values",
    ),
    "hours.unknown_field": (
        "Trường không được hỗ trợ: {name}",
        "Field not supported: {name}",
    ),
    "hours.weekdays_list": (
        "Ngày làm việc trong tuần phải là một danh sách số",
        "The working weekdays must be a list of numbers",
    ),
    "hours.by_day": (
        'Phải là bảng theo ngày, ví dụ {{"5": [["07:30", "11:30"]]}}',
        'Must be a table by weekday, for example {{"5": [["07:30", "11:30"]]}}',
    ),
    "hours.sessions": (
        'Buổi làm việc phải là danh sách, ví dụ [["07:30", "11:30"]]',
        'Working sessions must be a list, for example [["07:30", "11:30"]]',
    ),
    "hours.session": (
        "Buổi làm việc không hợp lệ: {pair!r} (cần [giờ bắt đầu, giờ kết thúc])",
        "Not a valid working session: {pair!r} (it needs [start, end])",
    ),
    # --- calendar files and days off ------------------------------------------------------------
    "override.date": ("Ngày không hợp lệ: {day!r}", "Not a valid date: {day!r}"),
    "override.kind_of": (
        "Ngày {day}: loại {kind!r} không hợp lệ (chỉ 'day_off' hoặc 'working_day')",
        "{day}: kind {kind!r} is not valid (only 'day_off' or 'working_day')",
    ),
    "override.name": (
        "Ngày {day}: cần tên (lý do) của ngày này",
        "{day}: the day needs a name (its reason)",
    ),
    "calendar_file.object": (
        "Tệp lịch phải là một đối tượng JSON",
        "A calendar file must be a JSON object",
    ),
    "calendar_file.version": (
        "Phiên bản tệp lịch không được hỗ trợ: {version!r}",
        "Calendar file version not supported: {version!r}",
    ),
    "calendar_file.overrides": (
        "Thiếu danh sách 'overrides'",
        "The list 'overrides' is missing",
    ),
    "calendar_file.line": (
        "Mỗi dòng phải là một đối tượng {{date, kind, name}}",
        "Each line must be an object {{date, kind, name}}",
    ),
    "calendar_file.date": (
        "Ngày không hợp lệ: {day!r} (dạng YYYY-MM-DD)",
        "Not a valid date: {day!r} (YYYY-MM-DD)",
    ),
    "calendar_file.twice": (
        "Ngày {day} đã có ở dòng overrides[{line}]",
        "{day} is already on line overrides[{line}]",
    ),
    "calendar.not_override": (
        "Không phải ngày ngoại lệ: {value!r}",
        "Not a calendar exception: {value!r}",
    ),
    # --- setting up, passwords, lists -----------------------------------------------------------
    "setup.unit_name": (
        "Cần tên đơn vị in trên biểu mẫu",
        "The unit's name printed on the forms is needed",
    ),
    "setup.demo_code": (
        "{code} là mã của cơ quan trình diễn: cần --agency-code, mã định danh của cơ quan "
        "(hoặc --demo cho một kho trình diễn)",
        "{code} is the demonstration agency's code: give --agency-code, the agency's own code "
        "(or --demo for a demonstration store)",
    ),
    "password.short": (
        "Mật khẩu phải có ít nhất {n} ký tự",
        "A password has at least {n} {n:character|characters}",
    ),
    "password.long": (
        "Mật khẩu quá dài (tối đa 1024 ký tự)",
        "The password is too long (at most 1024 characters)",
    ),
    "status.unknown": (
        "Trạng thái '{status}' không có trong danh mục",
        "There is no status '{status}'",
    ),
    "due_within.range": (
        "Số ngày làm việc phải từ 0 đến 60",
        "The number of working days must be from 0 to 60",
    ),
    "period.invalid": ("Kỳ là một trong: {periods}", "The period is one of: {periods}"),
    "figure.invalid": ("Chỉ tiêu là một trong: {figures}", "The figure is one of: {figures}"),
}
