"""Message catalogue, part seven: refusals of command-line input caught before any service runs,
and of setting up the central server (said in English under ``--lang en``). Merged into
``onestop.domain.messages.CATALOGUE``; id -> (Vietnamese, English)."""

from __future__ import annotations

CLI: dict[str, tuple[str, str]] = {
    "cli.text_long": ("quá dài (tối đa {limit} ký tự)", "too long (at most {limit} characters)"),
    "cli.limit": ("Số dòng tối đa phải từ 1 đến 1000", "The row limit must be from 1 to 1000"),
    "cli.search_waiting": (
        "--search chỉ dùng cùng --waiting",
        "--search is used only with --waiting",
    ),
    "cli.new_due": (
        "Cần ngày hẹn trả mới (--new-due, ví dụ 2026-12-18T17:00)",
        "The new return date is needed (--new-due, for example 2026-12-18T17:00)",
    ),
    "cli.no_folder": ("Thư mục {folder} không tồn tại", "Folder {folder} does not exist"),
    "cli.book_date": (
        "In sổ theo dõi cần --date YYYY-MM-DD",
        "Printing the daily log needs --date YYYY-MM-DD",
    ),
    "cli.print_target": (
        "In {kind} cần mã hồ sơ hoặc số biên bản",
        "Printing {kind} needs a dossier code or a record number",
    ),
    "cli.catalogue_file": (
        "Cần đường dẫn tệp danh mục (JSON, CSV hoặc XLSX)",
        "The catalogue file's path is needed (JSON, CSV or XLSX)",
    ),
    "cli.date": ("Cần ngày (YYYY-MM-DD)", "A date is needed (YYYY-MM-DD)"),
    "cli.kind": (
        "Cần --kind day_off hoặc working_day",
        "--kind day_off or working_day is needed",
    ),
    "cli.year": (
        "Cần năm (ví dụ 2026), hoặc 'add'/'remove'",
        "A year is needed (for example 2026), or 'add'/'remove'",
    ),
    "cli.admin_password": (
        "Chưa nhập mật khẩu cho tài khoản quản trị",
        "The administration account's password is missing",
    ),
    "cli.workstation_role": (
        "Cần tên tài khoản của máy trạm (--role)",
        "The workstation account's name is needed (--role)",
    ),
    "cli.workstation_password": (
        "Chưa nhập mật khẩu cho tài khoản máy trạm",
        "The workstation account's password is missing",
    ),
    "cli.no_keyboard": (
        "Không có bàn phím để nhập mật khẩu: dùng --password-stdin",
        "No keyboard to type the password: use --password-stdin",
    ),
    "cli.passwords_differ": (
        "Hai lần nhập mật khẩu không khớp",
        "The two passwords typed do not match",
    ),
    "cli.no_file": ("Không tìm thấy tệp {path}", "File {path} not found"),
    # --- the central server ---------------------------------------------------------------------
    "central.missing": (
        "Chưa cấu hình địa chỉ máy chủ trung tâm (--central URL)",
        "The central server's address is not configured (--central URL)",
    ),
    "central.url": (
        "Địa chỉ máy chủ trung tâm không hợp lệ; ví dụ "
        "postgresql://may_tram_1@10.0.0.5/onestop hoặc sqlite:///duong/dan/trung-tam.sqlite3",
        "The central server's address is not valid; for example "
        "postgresql://may_tram_1@10.0.0.5/onestop or sqlite:///path/to/central.sqlite3",
    ),
    "central.backend": (
        "Máy chủ trung tâm phải là PostgreSQL (hoặc tệp SQLite để thử)",
        "The central server must be PostgreSQL (or an SQLite file for trying out)",
    ),
    "central.sslmode": ("sslmode phải là một trong: {modes}", "sslmode must be one of: {modes}"),
    "central.setup_pg": (
        "Chỉ máy chủ PostgreSQL cần thiết lập (central setup)",
        "Only a PostgreSQL server needs setting up (central setup)",
    ),
    "central.admin_name": (
        "Tên tài khoản quản trị chỉ gồm chữ thường không dấu, số và dấu gạch dưới",
        "An administration account's name has only unaccented lower-case letters, digits and "
        "underscores",
    ),
    "central.name_reserved": (
        "Tên {name} dành cho onestop, hãy chọn tên khác",
        "The name {name} is kept for onestop; choose another",
    ),
    "central.admin_superuser": (
        "Tài khoản quản trị của onestop phải khác tài khoản superuser đang kết nối",
        "onestop's administration account must differ from the connected superuser",
    ),
    "central.workstation_pg": (
        "Tài khoản máy trạm chỉ có trên máy chủ PostgreSQL",
        "Workstation accounts exist only on a PostgreSQL server",
    ),
    "central.role_name": (
        "Tên tài khoản chỉ gồm chữ thường không dấu, số và dấu gạch dưới (ví dụ ws_1)",
        "An account name has only unaccented lower-case letters, digits and underscores "
        "(for example ws_1)",
    ),
    "central.role_taken": (
        "Tài khoản {role} đã có trên máy chủ và không phải tài khoản máy trạm của onestop "
        "(hoặc tên không dùng được): hãy chọn tên khác",
        "Account {role} already exists on the server and is not an onestop workstation "
        "account (or the name cannot be used): choose another",
    ),
    "cli.date_form": (
        "Ngày '{value}' không đúng dạng YYYY-MM-DD",
        "Date '{value}' is not YYYY-MM-DD",
    ),
    "cli.year_range": ("Năm phải trong khoảng 1900-2200", "The year must be from 1900 to 2200"),
    "cli.username": ("Cần tên đăng nhập", "A user name is needed"),
    "cli.role": ("Cần --role ({roles})", "--role is needed ({roles})"),
}
