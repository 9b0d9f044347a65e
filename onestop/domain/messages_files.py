"""Message catalogue, part six: refusals of files from outside (catalogues, calendars, tariffs,
operators' status files) that are unreadable, malformed or out of bounds. Merged into
``onestop.domain.messages.CATALOGUE``; id -> (Vietnamese, English)."""

from __future__ import annotations

FILES: dict[str, tuple[str, str]] = {
    "file.where": ("tệp {file}: {text}", "file {file}: {text}"),
    "file.where_line": ("tệp {file}, dòng {line}: {text}", "file {file}, line {line}: {text}"),
    "file.format": ("định dạng phải là {allowed}", "the format must be {allowed}"),
    "file.unreadable": ("không đọc được: {error}", "cannot be read: {error}"),
    "file.too_big": (
        "tệp lớn {size}, quá giới hạn {limit}",
        "the file is {size}, over the limit of {limit}",
    ),
    "file.columns": (
        "có giá trị ở cột {letter}, quá {limit} cột",
        "there is a value in column {letter}, beyond {limit} columns",
    ),
    "file.rows": ("tệp có quá {limit} dòng", "the file has more than {limit} lines"),
    "file.cell_long": (
        "ô dài quá {limit} ký tự",
        "a cell is longer than {limit} characters",
    ),
    "file.line_long": (
        "dòng dài quá {limit} ký tự",
        "a line is longer than {limit} characters",
    ),
    "file.csv": ("CSV không hợp lệ: {error}", "invalid CSV: {error}"),
    "file.cell_unreadable": ("không đọc được ô: {error}", "a cell cannot be read: {error}"),
    "file.number_long": (
        "số dài quá {limit} ký tự",
        "a number is longer than {limit} characters",
    ),
    "file.values": ("tệp có quá {limit} giá trị", "the file has more than {limit} values"),
    "file.depth": ("lồng nhau quá {limit} cấp", "nested more than {limit} levels deep"),
    "file.json_invalid": (
        "JSON không hợp lệ (cột {column}): {error}",
        "invalid JSON (column {column}): {error}",
    ),
    "file.json_unreadable": ("JSON không đọc được: {error}", "the JSON cannot be read: {error}"),
    "file.json_array": ("tệp phải là một mảng JSON [...]", "the file must be a JSON array [...]"),
    "file.array_rows": (
        "mảng có quá {limit} phần tử",
        "the array has more than {limit} items",
    ),
    "file.json_comma": (
        "JSON không hợp lệ: thiếu dấu phẩy hoặc ']'",
        "invalid JSON: a comma or ']' is missing",
    ),
    "xlsx.not_excel": ("không phải tệp Excel (.xlsx)", "not an Excel file (.xlsx)"),
    "xlsx.parts": ("tệp Excel có quá {limit} phần", "the Excel file has more than {limit} parts"),
    "xlsx.no_types": (
        "không phải tệp Excel (.xlsx): thiếu [Content_Types].xml",
        "not an Excel file (.xlsx): [Content_Types].xml is missing",
    ),
    "xlsx.part_big": ("phần {part} lớn quá {limit}", "part {part} is larger than {limit}"),
    "xlsx.part_unzipped": (
        "phần {part} giải nén ra {size}, quá giới hạn {limit}",
        "part {part} unpacks to {size}, over the limit of {limit}",
    ),
    "xlsx.unreadable": (
        "không đọc được tệp Excel: {error}",
        "the Excel file cannot be read: {error}",
    ),
    "xlsx.sheet_unreadable": (
        "không đọc được trang tính: {error}",
        "the worksheet cannot be read: {error}",
    ),
    "xlsx.unopenable": (
        "không mở được tệp Excel: {error}",
        "the Excel file cannot be opened: {error}",
    ),
    "xlsx.no_sheet": ("tệp Excel không có trang tính nào", "the Excel file has no worksheet"),
    "xlsx.first_sheet": (
        "không tìm được trang tính đầu tiên",
        "the first worksheet cannot be found",
    ),
    "calendar_file.unreadable": (
        "Không đọc được tệp lịch: {error}",
        "The calendar file cannot be read: {error}",
    ),
    "calendar_file.json": (
        "Tệp lịch không phải JSON hợp lệ: {error}",
        "The calendar file is not valid JSON: {error}",
    ),
    "tariff_file.unreadable": (
        "Không đọc được bảng cước {path}: {error}",
        "The tariff {path} cannot be read: {error}",
    ),
    "file.too_big_plain": ("tệp lớn quá {limit}", "the file is larger than {limit}"),
    "file.encoding": ("tệp phải mã hóa {encoding}", "the file must be encoded in {encoding}"),
    "xlsx.shared_strings": (
        "có quá {limit} chuỗi dùng chung",
        "there are more than {limit} shared strings",
    ),
    "xlsx.shared_string_long": (
        "chuỗi dùng chung thứ {number} dài quá {limit} ký tự",
        "shared string {number} is longer than {limit} characters",
    ),
    "file.json_trailing": (
        "JSON không hợp lệ: còn dữ liệu sau ']'",
        "invalid JSON: there is data after the ']'",
    ),
}
