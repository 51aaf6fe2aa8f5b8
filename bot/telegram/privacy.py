"""Personal data kept out of storage and logs: masking of questions, pseudonymous voters.

Decree 13/2023/NĐ-CP (Vietnam's personal data protection) asks a service to collect only
what its purpose needs and to keep it no longer than needed; the statistics need the wording
of questions, not the phone numbers or e-mail addresses people sometimes type into them.
"""

from __future__ import annotations

import hashlib
import re

MASK_EMAIL = "[email]"
MASK_PHONE = "[số điện thoại]"
MASK_NUMBER = "[số định danh]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A Vietnamese phone number: +84 / 84 / 0, then 9–10 digits, possibly grouped by spaces,
# dots or dashes ("0912 345 678", "+84 91-234-5678").
_PHONE = re.compile(r"(?<![\w+])(?:\+84|84|0)(?:[ .\-]?\d){8,10}(?!\w)")
# Any other long run of digits (citizen id of 12 digits, old id card of 9, tax code,
# bank account), plain or grouped by spaces or dashes. Years, counts and plan numbers are
# shorter, and amounts grouped by dots ("12.500.000.000 đồng") are not personal: they stay.
_LONG_NUMBER = re.compile(r"(?<![\w.])\d(?:[ \-]?\d){8,}(?![\w.])")


def mask_personal_data(text: str) -> str:
    """The text with e-mail addresses, phone numbers and id-like numbers replaced."""
    text = _EMAIL.sub(MASK_EMAIL, text)
    text = _PHONE.sub(MASK_PHONE, text)
    return _LONG_NUMBER.sub(MASK_NUMBER, text)


def voter_key(question_ref: str, user_id: int) -> str:
    """A per-question pseudonym for a voter: enough to count one vote per person, and not
    the same for one person across two questions, so votes do not link into a profile."""
    return hashlib.sha256(f"{question_ref}:{int(user_id)}".encode()).hexdigest()[:16]
