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
    "setup.unit_name_below": (
        "Cần tên đơn vị in dưới tên cơ quan trên biểu mẫu",
        "The unit's name printed below the agency's on the forms is needed",
    ),
    "setup.discard_with_demo": (
        "Không đi cùng --demo: --discard-demo cất kho trình diễn khi khởi tạo cơ quan thật",
        "Not with --demo: --discard-demo sets the demonstration store aside when a real agency "
        "is set up",
    ),
    "setup.not_demo": (
        "Kho này không phải kho trình diễn: không có gì để cất đi",
        "This store is not a demonstration store: there is nothing to set aside",
    ),
    "setup.real_store": (
        "Kho này là của cơ quan {code}: không nạp tài khoản và dữ liệu trình diễn vào kho thật. "
        "Muốn trình diễn, dùng một thư mục dữ liệu khác: onestop --data-dir THƯ_MỤC init --demo",
        "This store belongs to agency {code}: demonstration accounts and data are not loaded "
        "into a real store. For a demonstration, use another data folder: "
        "onestop --data-dir FOLDER init --demo",
    ),
    "setup.demo_work": (
        "Kho dữ liệu này là kho trình diễn và đã ghi {dossiers} hồ sơ mẫu{extra}; kho của "
        "cơ quan thật không giữ dữ liệu trình diễn. Thêm --discard-demo để cất nguyên kho "
        "trình diễn sang một tệp riêng (onestop-demo-...sqlite3, cùng thư mục) và bắt đầu "
        "kho mới cho cơ quan, hoặc khởi tạo cơ quan ở thư mục khác: "
        "onestop --data-dir THƯ_MỤC init --agency-code ...",
        "This is a demonstration store and it holds {dossiers} sample "
        "{dossiers:dossier|dossiers}{extra}; a real agency's store keeps no demonstration data. "
        "Add --discard-demo to set the whole demonstration store aside in a file of its own "
        "(onestop-demo-...sqlite3, in the same folder) and start a new store for the agency, or "
        "set the agency up in another folder: onestop --data-dir FOLDER init --agency-code ...",
    ),
    "setup.demo_work_more": (
        " và {n} bản ghi bưu chính, phiếu hướng dẫn",
        " and {n} postal {n:record|records} and guidance slips",
    ),
    "code.used_up": (
        "Máy trạm đã dùng hết dải số hồ sơ của ngày hôm nay; hãy đồng bộ với máy chủ "
        "trung tâm để nhận thêm số",
        "The workstation has used up today's range of dossier numbers; synchronise with the "
        "central server to get more",
    ),
    "text.bad_utf8": (
        "chứa byte không phải UTF-8 hợp lệ (kiểm tra bảng mã của tệp hoặc bàn phím)",
        "contains bytes that are not valid UTF-8 (check the file's or the keyboard's encoding)",
    ),
    "text.bidi": (
        "chứa ký tự điều khiển hướng chữ (U+{code:04X}), có thể làm chữ hiển thị sai",
        "contains a text-direction control character (U+{code:04X}) that can make text "
        "display wrongly",
    ),
    "text.control": (
        "chứa ký tự điều khiển (U+{code:04X})",
        "contains a control character (U+{code:04X})",
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
