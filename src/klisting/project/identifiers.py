"""Validation of the seller's identifiers: 사업자등록번호, 통신판매업 신고번호, e-mail, phone.

Each ``normalize_*`` function returns the canonical text or raises ``ValueError`` with a
message a seller can act on; pydantic turns that into a ConfigError naming the key, and the
``init`` wizard shows it and asks again.
"""

from __future__ import annotations

import re

#: 국세청 published weights for the first nine digits of a business registration number.
BRN_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)

_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
# 통신판매업 신고번호: year, district name (Korean), serial, e.g. 제2024-서울강남-01234호.
_MAIL_ORDER = re.compile(r"^(제\s*)?\d{4}\s*-\s*[가-힣A-Za-z]{2,}\s*-\s*\d{2,6}\s*(호)?$")


def brn_check_digit(first_nine: str) -> int:
    """Check digit for the first nine digits of a 사업자등록번호.

    Args:
        first_nine: exactly nine ASCII digits.

    Returns:
        The expected tenth digit.
    """
    digits = [int(char) for char in first_nine]
    total = sum(digit * weight for digit, weight in zip(digits, BRN_WEIGHTS, strict=True))
    # The ninth digit counts twice: once times 5, plus the tens of (digit * 5).
    total += digits[8] * 5 // 10
    return (10 - total % 10) % 10


def normalize_brn(text: str) -> str:
    """Validate a 사업자등록번호 and return it as ``XXX-XX-XXXXX``.

    Args:
        text: ten digits, with or without hyphens or spaces.

    Raises:
        ValueError: not ten digits, or the check digit does not match.
    """
    digits = re.sub(r"[\s\-]", "", text or "")
    if not re.fullmatch(r"\d{10}", digits):
        raise ValueError(f"사업자등록번호 '{text}' must be 10 digits (XXX-XX-XXXXX)")
    if brn_check_digit(digits[:9]) != int(digits[9]):
        raise ValueError(
            f"사업자등록번호 '{text}' has a wrong check digit; copy it again from the 사업자등록증"
        )
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def is_valid_brn(text: str) -> bool:
    """True when ``text`` is a well-formed 사업자등록번호 with a matching check digit."""
    try:
        normalize_brn(text)
    except ValueError:
        return False
    return True


def normalize_email(text: str) -> str:
    """Validate an e-mail address (shape only; nothing is sent).

    Raises:
        ValueError: not of the form name@domain.tld.
    """
    value = (text or "").strip()
    if not _EMAIL.fullmatch(value):
        raise ValueError(f"e-mail '{text}' is not an address like name@example.com")
    return value


def normalize_phone(text: str) -> str:
    """Validate a Korean or international phone number and return it in E.164 form.

    Korean numbers (02-1234-5678, 010-1234-5678, 1588-1234) become +82...; numbers starting with
    ``+`` are kept with their country code.

    Raises:
        ValueError: too few or too many digits, or letters in the number.
    """
    value = (text or "").strip()
    if not re.fullmatch(r"\+?[\d\s\-().]+", value):
        raise ValueError(
            f"phone '{text}' may contain only digits, spaces, hyphens, brackets and a leading +"
        )
    digits = re.sub(r"\D", "", value)
    if value.startswith("+"):
        if not 8 <= len(digits) <= 15:
            raise ValueError(f"phone '{text}' must have 8 to 15 digits including the country code")
        return "+" + digits
    if re.fullmatch(r"1[5-9]\d{6}", digits):  # nationwide numbers such as 1588-1234
        return "+82" + digits
    if not digits.startswith("0") or not 9 <= len(digits) <= 11:
        raise ValueError(
            f"phone '{text}' is not a Korean number like 02-1234-5678 or 010-1234-5678; add +CC for others"
        )
    return "+82" + digits[1:]


def normalize_mail_order_number(text: str) -> str:
    """Validate a 통신판매업 신고번호 such as ``제2024-서울강남-01234호`` (shape only).

    Raises:
        ValueError: not year-district-serial.
    """
    value = (text or "").strip()
    if not _MAIL_ORDER.fullmatch(value):
        raise ValueError(f"통신판매업 신고번호 '{text}' should look like 제2024-서울강남-01234호")
    return re.sub(r"\s+", "", value)
