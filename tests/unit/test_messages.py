"""The message catalogue: every sentence has Vietnamese and English with the same parameters; a
message is its Vietnamese text (the command line prints exactly what it printed before) and
says itself in English with the right plural; it survives pickling."""

from __future__ import annotations

import pickle
import string

import pytest

from onestop.domain.errors import InputError, NotFound
from onestop.domain.identifiers import check_email, check_person_id, check_phone
from onestop.domain.messages import CATALOGUE, Message, label, language_of, msg, render


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("message_id", sorted(CATALOGUE))
def test_each_entry_has_both_languages_with_the_same_parameters(message_id):
    vi, en = CATALOGUE[message_id]
    assert vi.strip() and en.strip()
    assert _fields(vi) == _fields(en)


def test_a_message_is_its_vietnamese_text():
    reason = check_phone("0912").reason
    assert isinstance(reason, Message) and reason.id == "phone.mobile_length"
    assert reason == "Số di động phải có 10 chữ số; số đã nhập có 4 chữ số"
    assert reason.render("en") == "A mobile number has 10 digits; the number typed has 4 digits"
    error = InputError("phone", reason)
    assert str(error) == "phone: Số di động phải có 10 chữ số; số đã nhập có 4 chữ số"
    assert error.message.id == "phone.mobile_length"


def test_plurals_in_english():
    one = check_person_id("1").reason
    assert one.render("en").endswith("the number typed has 1 digit")
    assert check_person_id("12").reason.render("en").endswith("has 2 digits")
    assert msg("text.too_long", n=1, limit=5).render("en") == "Too long: 1 character (at most 5)"


def test_parameters_that_are_messages_follow_the_language():
    refused = msg("role.refused", role=label("role", "postal", "nhân viên bưu điện"), verb="x")
    assert refused == "Tài khoản nhân viên bưu điện không được phép x"
    assert refused.render("en") == "A postal employee account may not x"
    # A label the catalogue spells differently is left as given: Vietnamese never changes.
    assert label("role", "postal", "Nhân viên Bưu điện") == "Nhân viên Bưu điện"
    assert not isinstance(label("role", "postal", "Nhân viên Bưu điện"), Message)


def test_not_found_and_other_helpers():
    missing = NotFound("Thủ tục", "9.999")
    assert str(missing) == "Thủ tục '9.999' không tồn tại"
    assert render(missing.text, "en") == "Procedure '9.999' does not exist"
    assert render("plain text", "en") == "plain text"
    assert language_of("en_US.UTF-8") == "en" and language_of(None) == "vi"
    assert language_of("fr") == "vi"
    email = check_email("a b@c.vn").reason
    assert pickle.loads(pickle.dumps(email)).render("en") == "An e-mail address has no spaces"


def test_an_unresolved_address_is_said_in_english_fragment_by_fragment():
    from onestop.domain.address_resolver import resolve

    found = resolve("Số 5, Phường Mỹ Long, TP Long Xuyên, An Giang").message()
    assert found.startswith(
        "Địa chỉ còn ghi cấp huyện (TP Long Xuyên), cấp này không còn từ 01/7/2025; không có "
        "'Phường Mỹ Long' trong Tỉnh An Giang"
    )
    english = found.render("en")
    assert english.startswith(
        "The address still names a district (TP Long Xuyên); districts were abolished on "
        "01/7/2025; there is no 'Phường Mỹ Long' in Tỉnh An Giang"
    )
    assert "; nearest units: Phường Long Xuyên" in english
    assert pickle.loads(pickle.dumps(found)).render("en") == english
    assert resolve("12 Nguyễn Huệ").message().render("en") == "The address has no ward or commune"
