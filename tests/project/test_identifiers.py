"""사업자등록번호 check digit, phone, e-mail, 통신판매업 신고번호 and GTIN validation."""

from __future__ import annotations

import pytest

from klisting.onboarding.catalog_rules import gtin_valid
from klisting.project.identifiers import (
    brn_check_digit,
    is_valid_brn,
    normalize_brn,
    normalize_email,
    normalize_mail_order_number,
    normalize_phone,
)

# Registration numbers with a correct check digit (worked by hand with weights 1,3,7,1,3,7,1,3,5).
VALID_BRNS = ["220-81-62517", "124-81-00998", "1208147521"]


@pytest.mark.parametrize("brn", VALID_BRNS)
def test_valid_brn_is_accepted_and_formatted(brn):
    formatted = normalize_brn(brn)
    assert formatted.count("-") == 2
    assert formatted.replace("-", "") == brn.replace("-", "")


@pytest.mark.parametrize("brn", VALID_BRNS)
def test_every_other_last_digit_is_rejected(brn):
    digits = brn.replace("-", "")
    for wrong in set("0123456789") - {digits[9]}:
        assert not is_valid_brn(digits[:9] + wrong)


def test_check_digit_uses_the_tens_of_the_ninth_digit_times_five():
    # Ninth digit 9: 9*5 = 45 adds 45 plus 4 (its tens); a naive weighted sum gives 4, not 8.
    assert brn_check_digit("124810099") == 8
    assert brn_check_digit("220816251") == 7


@pytest.mark.parametrize(
    "bad", ["1234567890", "220-81-6251", "220-81-625177", "22O-81-62517", "", "abc"]
)
def test_bad_brn_raises_with_a_message(bad):
    with pytest.raises(ValueError, match="사업자등록번호"):
        normalize_brn(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("010-1234-5678", "+821012345678"),
        ("02-123-4567", "+8221234567"),
        ("031 123 4567", "+82311234567"),
        ("1588-1234", "+8215881234"),
        ("+1 (415) 555-0100", "+14155550100"),
        ("+82 10 1234 5678", "+821012345678"),
    ],
)
def test_phone_normalised_to_e164(text, expected):
    assert normalize_phone(text) == expected


@pytest.mark.parametrize("bad", ["12345", "010-CALL-ME", "+12", "555-0100", ""])
def test_bad_phone_rejected(bad):
    with pytest.raises(ValueError, match="phone"):
        normalize_phone(bad)


def test_email():
    assert normalize_email(" shop@hanbit.co.kr ") == "shop@hanbit.co.kr"
    for bad in ["shop", "shop@", "@hanbit.kr", "shop@hanbit", "a b@c.kr"]:
        with pytest.raises(ValueError, match="e-mail"):
            normalize_email(bad)


def test_mail_order_number():
    assert normalize_mail_order_number("제2024-서울강남-01234호") == "제2024-서울강남-01234호"
    assert normalize_mail_order_number("2023 - 경기성남 - 1234") == "2023-경기성남-1234"
    with pytest.raises(ValueError, match="통신판매업"):
        normalize_mail_order_number("12345")


@pytest.mark.parametrize("code", ["8801234567893", "036000291452", "4006381333931", "96385074"])
def test_gtin_valid(code):
    assert gtin_valid(code)


@pytest.mark.parametrize("code", ["8801234567890", "036000291453", "12345", "", "880123456789X"])
def test_gtin_invalid(code):
    assert not gtin_valid(code)
