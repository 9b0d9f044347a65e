"""The catalogue of sentences people read when input is refused: each has an id, its Vietnamese
text (what the command line prints and the window shows by default) and its English text (the
window in English, or the command line under ``--lang en`` / ``ONESTOP_LANG=en``).

A ``Message`` is the Vietnamese sentence itself (a ``str``), so every caller that printed or
compared the sentence keeps working; it also carries its id and parameters, so that a window in
English can say it in English. Parameters may be messages themselves (a status, a role), said in
the same language. In English, ``{n:dossier|dossiers}`` picks the singular for a count of one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from onestop.domain.messages_cli import CLI
from onestop.domain.messages_dossiers import DOSSIERS
from onestop.domain.messages_files import FILES
from onestop.domain.messages_office import OFFICE
from onestop.domain.messages_postal import POSTAL
from onestop.domain.messages_settings import SETTINGS

LANGUAGES = ("vi", "en")

# id -> (Vietnamese, English). Vietnamese is the source: the texts as they always read.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- the applicant and the reception form ---------------------------------------------------
    "name.missing": ("Chưa nhập họ tên người nộp hồ sơ", "The applicant's full name is missing"),
    "name.letters": (
        "Họ tên phải có chữ cái, không chỉ gồm chữ số hay ký hiệu: {name}",
        "A name must contain letters, not only digits or symbols: {name}",
    ),
    "applicant_kind.invalid": (
        "Loại người nộp phải là cá nhân hoặc tổ chức",
        "The applicant must be a person or an organisation",
    ),
    "return_by.invalid": (
        "Hình thức trả kết quả phải là 'counter' hoặc 'post'",
        "The result is returned at the 'counter' or by 'post'",
    ),
    "channel.invalid": ("Kênh tiếp nhận không hợp lệ", "Invalid intake channel"),
    "post.address_missing": (
        "Trả kết quả qua bưu điện cần địa chỉ nhận",
        "Returning the result by post needs a delivery address",
    ),
    "post.phone_missing": (
        "Trả kết quả qua bưu điện cần số điện thoại người nhận",
        "Returning the result by post needs the recipient's phone number",
    ),
    "sets.range": ("Số bộ hồ sơ phải từ 1 đến 99", "The number of sets must be from 1 to 99"),
    "document.name_missing": ("Thiếu tên giấy tờ", "A document has no name"),
    "document.count": (
        "Số lượng giấy tờ phải là số nguyên dương",
        "A document's count must be a positive whole number",
    ),
    "procedure.unknown": (
        "Không có thủ tục mã '{code}'",
        "There is no procedure with code '{code}'",
    ),
    "text.too_long": (
        "Quá dài: {n} ký tự (tối đa {limit})",
        "Too long: {n} {n:character|characters} (at most {limit})",
    ),
    "text.not_text": ("Giá trị phải là chữ", "The value must be text"),
    "text.far_too_long": (
        "Quá dài (tối đa {limit} ký tự)",
        "Too long (at most {limit} characters)",
    ),
    "address.missing": ("Chưa nhập địa chỉ", "The address is missing"),
    "address.ward_unknown": (
        "Mã phường/xã {code} không tồn tại",
        "Ward or commune code {code} does not exist",
    ),
    "address.ward_elsewhere": (
        "{ward} không thuộc {province}",
        "{ward} is not in {province}",
    ),
    # --- identity papers --------------------------------------------------------------------------
    "id.missing": ("Chưa nhập số giấy tờ tùy thân", "The ID number is missing"),
    "id.cccd_province": (
        "Mã tỉnh {code} trong số CCCD không tồn tại",
        "Province code {code} of the citizen ID number does not exist",
    ),
    "id.cccd_future": (
        "Năm sinh {year} trong số CCCD ở tương lai",
        "Birth year {year} of the citizen ID number is in the future",
    ),
    "id.cccd_length": (
        "Số CCCD phải có 12 chữ số (CMND cũ: 9 chữ số); số đã nhập có {n} chữ số",
        "A citizen ID number has 12 digits (old ID card: 9 digits); the number typed has "
        "{n} {n:digit|digits}",
    ),
    "id.charset": (
        "Số giấy tờ tùy thân chỉ gồm chữ cái không dấu và chữ số",
        "An ID number has only unaccented letters and digits",
    ),
    "id.cccd_letters": (
        "Số CCCD chỉ gồm chữ số, không có chữ cái",
        "A citizen ID number has only digits, no letters",
    ),
    "id.passport": (
        "Số hộ chiếu phải có 6 đến 10 ký tự gồm cả chữ cái và chữ số"
        " (hộ chiếu Việt Nam: 1 chữ cái và 7 chữ số)",
        "A passport number has 6 to 10 characters, letters and digits"
        " (Vietnamese passport: 1 letter and 7 digits)",
    ),
    "id.recipient_missing": (
        "Chưa nhập số giấy tờ của người nhận kết quả (CCCD, CMND hoặc hộ chiếu)",
        "The recipient's ID number is missing (citizen ID, ID card or passport)",
    ),
    "recipient.missing": (
        "Chưa nhập họ tên người nhận kết quả",
        "The name of the person collecting the result is missing",
    ),
    # --- phone numbers --------------------------------------------------------------------------
    "phone.missing": ("Chưa nhập số điện thoại", "The phone number is missing"),
    "phone.digits": (
        "Số điện thoại chỉ gồm chữ số (có thể có +84 ở đầu)",
        "A phone number has only digits (it may start with +84)",
    ),
    "phone.foreign": (
        "Chỉ nhận số điện thoại Việt Nam (mã quốc gia +84)",
        "Only Vietnamese phone numbers are accepted (country code +84)",
    ),
    "phone.start": (
        "Số điện thoại phải bắt đầu bằng 0 hoặc +84",
        "A phone number starts with 0 or +84",
    ),
    "phone.mobile_length": (
        "Số di động phải có 10 chữ số; số đã nhập có {n} chữ số",
        "A mobile number has 10 digits; the number typed has {n} {n:digit|digits}",
    ),
    "phone.landline_length": (
        "Số cố định phải có 11 chữ số (0, mã vùng 2x, 8 số); số đã nhập có {n} chữ số",
        "A landline number has 11 digits (0, area code 2x, 8 digits); the number typed has "
        "{n} {n:digit|digits}",
    ),
    "phone.old_mobile": (
        "Đầu số di động 01x đã đổi sang 03x, 05x, 07x, 08x từ năm 2018: hãy nhập số mới",
        "Mobile prefixes 01x became 03x, 05x, 07x, 08x in 2018: type the new number",
    ),
    "phone.prefix": (
        "Đầu số {prefix} không phải số di động (03, 05, 07, 08, 09) hay số cố định (02)",
        "Prefix {prefix} is neither a mobile (03, 05, 07, 08, 09) nor a landline (02) prefix",
    ),
    # --- e-mail ---------------------------------------------------------------------------------
    "email.missing": ("Chưa nhập địa chỉ email", "The e-mail address is missing"),
    "email.space": (
        "Địa chỉ email không được có dấu cách",
        "An e-mail address has no spaces",
    ),
    "email.at": (
        "Địa chỉ email phải có đúng một dấu @",
        "An e-mail address has exactly one @",
    ),
    "email.local": (
        "Địa chỉ email thiếu phần tên trước dấu @",
        "The e-mail address has nothing before the @",
    ),
    "email.domain": (
        "Tên miền sau dấu @ không hợp lệ (ví dụ đúng: ten@gmail.com)",
        "The domain after the @ is not valid (for example: name@gmail.com)",
    ),
    # --- refusals -------------------------------------------------------------------------------
    "role.refused": (
        "Tài khoản {role} không được phép {verb}",
        "A {role} account may not {verb}",
    ),
    "state.refused": (
        "{reason} (trạng thái hiện tại: {status})",
        "{reason} (current status: {status})",
    ),
    "state.return": (
        "Chỉ trả kết quả khi hồ sơ đã có kết quả hoặc bưu điện chuyển hoàn",
        "A result is returned only once it is ready or the post has brought it back",
    ),
    "state.result_ready": (
        "Hồ sơ không ở trạng thái chờ kết quả",
        "The dossier is not waiting for its result",
    ),
    "state.extend": (
        "Hồ sơ chỉ được gia hạn một lần, khi chưa có kết quả",
        "A dossier is extended only once, before its result is ready",
    ),
    "state.other": (
        "Thao tác không hợp lệ với trạng thái hiện tại",
        "Not allowed in the dossier's current status",
    ),
    # --- home pickup ----------------------------------------------------------------------------
    "pickup.ambiguous": (
        "Có {n} yêu cầu thu gom cùng mã {ref} (hai máy trạm trùng số hiệu): "
        "hãy dùng mã định danh của yêu cầu",
        "{n} pickup requests share reference {ref} (two workstations with the same number): "
        "use the request's id",
    ),
    "pickup.address": (
        "Cần địa chỉ thu gom đầy đủ (số nhà, đường/ấp, phường/xã)",
        "The pickup needs a full address (house number, street or hamlet, ward or commune)",
    ),
    "pickup.day_range": (
        "Ngày thu gom phải trong khoảng {past} ngày trước đến {ahead} ngày sau hôm nay",
        "The pickup day must be from {past} days before to {ahead} days after today",
    ),
    "procedure.in_person": (
        "Thủ tục {code} cần người nộp có mặt, không nhận hồ sơ qua bưu điện",
        "Procedure {code} needs the applicant in person: no intake by post",
    ),
    "pickup.reason_missing": (
        "Cần ghi lý do hủy yêu cầu thu gom",
        "Give the reason for cancelling the pickup request",
    ),
    "pickup.reason_long": (
        "Lý do quá dài (tối đa 500 ký tự)",
        "The reason is too long (at most 500 characters)",
    ),
    "pickup.cancelled_before": (
        "Yêu cầu thu gom {ref} đã được hủy trước đó",
        "Pickup request {ref} was already cancelled",
    ),
    "pickup.handed_over": (
        "Yêu cầu thu gom {ref} đã được bưu điện giao nhận (biên bản trước): không hủy được nữa",
        "Pickup request {ref} was already handed over by the post (an earlier record): it can "
        "no longer be cancelled",
    ),
    "pickup.not_received": (
        "Yêu cầu thu gom chưa được giao nhận tại quầy",
        "The pickup request has not been handed over at the counter yet",
    ),
    "not_found": ("{what} {key!r} không tồn tại", "{what} {key!r} does not exist"),
}

# Labels used as parameters: statuses, roles (lower case, inside a sentence), role actions, and
# the things a NotFound names. Vietnamese as the domain and services already write them.
_LABELS: dict[str, tuple[str, str]] = {
    "status.received": ("Đã tiếp nhận", "Received"),
    "status.supplement_requested": ("Chờ bổ sung", "Waiting for documents"),
    "status.transferred": ("Đã chuyển xử lý", "Transferred"),
    "status.result_ready": ("Có kết quả, chờ trả", "Result ready"),
    "status.returned": ("Đã trả kết quả", "Returned"),
    "status.out_for_delivery": ("Bưu điện đang phát", "Out for delivery"),
    "status.delivered": ("Đã phát tận nhà", "Delivered"),
    "status.undeliverable": ("Phát không thành công", "Undeliverable"),
    "status.refused": ("Từ chối giải quyết", "Refused"),
    "status.stopped": ("Dừng giải quyết", "Stopped"),
    "role.counter": ("cán bộ một cửa", "one-stop officer"),
    "role.postal": ("nhân viên bưu điện", "postal employee"),
    "role.supervisor": ("lãnh đạo", "supervisor"),
    "role.admin": ("quản trị hệ thống", "administrator"),
    "action.receive": ("tiếp nhận hồ sơ", "receive dossiers"),
    "action.return": ("trả kết quả", "return results"),
    "action.result_ready": ("ghi nhận đã có kết quả", "record results as ready"),
    "action.supplement": ("yêu cầu bổ sung hồ sơ", "ask for more documents"),
    "action.refuse": ("từ chối giải quyết hồ sơ", "refuse dossiers"),
    "action.extend": ("gia hạn hồ sơ", "extend dossiers"),
    "action.stop": ("dừng giải quyết hồ sơ", "stop dossiers"),
    "action.rate": ("ghi nhận đánh giá của người dân", "record citizens' ratings"),
    "action.report": ("xem báo cáo tình hình giải quyết hồ sơ", "see the reports"),
    "action.print": ("in biểu mẫu", "print forms"),
    "action.search": ("tra cứu hồ sơ", "search dossiers"),
    "action.daily_log": ("xem sổ theo dõi hồ sơ", "see the daily log"),
    "action.postal": ("làm nghiệp vụ bưu chính", "do postal work"),
    "action.users": ("quản lý tài khoản", "manage accounts"),
    "thing.Hồ sơ": ("Hồ sơ", "Dossier"),
    "thing.Thủ tục": ("Thủ tục", "Procedure"),
    "thing.Tài khoản": ("Tài khoản", "Account"),
    "thing.Yêu cầu thu gom": ("Yêu cầu thu gom", "Pickup request"),
    "thing.Biên bản giao nhận": ("Biên bản giao nhận", "Hand-over record"),
    "thing.Bưu gửi": ("Bưu gửi", "Consignment"),
}
CATALOGUE.update(_LABELS)
# The other areas' sentences live in their own modules (each module stays short).
for _part in (DOSSIERS, OFFICE, POSTAL, SETTINGS, FILES, CLI):
    assert not CATALOGUE.keys() & _part.keys(), CATALOGUE.keys() & _part.keys()
    CATALOGUE.update(_part)


class _Count:
    """An integer parameter that can also choose between a singular and a plural word."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __format__(self, spec: str) -> str:
        if "|" in spec:
            one, many = spec.split("|", 1)
            return one if self.n == 1 else many
        return format(self.n, spec)

    def __repr__(self) -> str:
        return repr(self.n)


class _Parts:
    """A tuple parameter: its items said in the language and joined with "; " (the format spec
    ``sentence`` also capitalises the first letter)."""

    def __init__(self, items: tuple[Any, ...], language: str) -> None:
        self.text = "; ".join(render(item, language) for item in items)

    def __format__(self, spec: str) -> str:
        if spec == "sentence":
            return self.text[:1].upper() + self.text[1:]
        return format(self.text, spec)


class Message(str):
    """A sentence of the catalogue: the Vietnamese text, with ``id`` and ``params`` kept."""

    id: str
    params: Mapping[str, Any]

    def __new__(cls, message_id: str, /, **params: Any) -> Message:
        vi, _en = CATALOGUE[message_id]
        self = super().__new__(cls, _fill(vi, params, "vi"))
        self.id = message_id
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self.id, dict(self.params)))

    def render(self, language: str) -> str:
        """The sentence in ``language`` ("vi" or "en"; anything else: Vietnamese)."""
        if language != "en":
            return str(self)
        return _fill(CATALOGUE[self.id][1], self.params, "en")


def _restore(message_id: str, params: dict[str, Any]) -> Message:
    return Message(message_id, **params)


def _fill(template: str, params: Mapping[str, Any], language: str) -> str:
    values = {}
    for key, value in params.items():
        if isinstance(value, Message):
            value = value.render(language)
        elif isinstance(value, int) and not isinstance(value, bool):
            value = _Count(value)
        elif isinstance(value, tuple):
            value = _Parts(value, language)
        values[key] = value
    return template.format(**values)


def msg(message_id: str, /, **params: Any) -> Message:
    """The catalogue's sentence ``message_id`` with its parameters (Vietnamese as a str)."""
    return Message(message_id, **params)


def label(kind: str, key: str, vietnamese: str) -> Message | str:
    """A label to use as a parameter (``label("status", "received", "Đã tiếp nhận")``): the
    catalogue's when it reads exactly ``vietnamese`` (so the Vietnamese sentence never changes),
    else ``vietnamese`` itself."""
    entry = CATALOGUE.get(f"{kind}.{key}")
    if entry is not None and entry[0] == vietnamese:
        return Message(f"{kind}.{key}")
    return vietnamese


def render(text: object, language: str) -> str:
    """Any text in ``language``: a Message translated, anything else as it is."""
    if isinstance(text, Message):
        return text.render(language)
    return str(text)


def language_of(value: str | None) -> str:
    """ "en", "EN", "en_US.UTF-8" -> "en"; anything unknown -> "vi" (the default)."""
    code = (value or "").strip().lower()[:2]
    return code if code in LANGUAGES else "vi"
