"""Korean readings of numbers: Sino-Korean (이천이십오) and native counters (세 개)."""
from __future__ import annotations

import re

SINO_DIGITS = "영일이삼사오육칠팔구"
SMALL_UNITS = ("", "십", "백", "천")  # x10^0..10^3 inside a group of four digits
BIG_UNITS = ("", "만", "억", "조", "경")  # x10^0, 10^4, 10^8, 10^12, 10^16
MAX_SINO_DIGITS = 20  # longer digit runs are read digit by digit
ZERO_DIGIT = "공"  # spoken zero in codes and phone numbers (010 → 공일공)

NATIVE_TENS = ("", "열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔")
NATIVE_ONES = ("", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉")  # forms used before a counter
MAX_NATIVE = 99  # above this, counters are read Sino-Korean
# counters counted with native numbers (개월 is Sino: 삼 개월)
NATIVE_COUNTERS = (
    "개(?!월)", "명", "마리", "살", "시간", "시", "권", "잔", "장", "가지", "번째", "곳", "달", "군데", "사람", "벌",
    "병", "켤레", "그루", "송이",
)

_COUNTED = re.compile(r"(\d+)(\s?)(" + "|".join(NATIVE_COUNTERS) + ")")
_PHONE = re.compile(r"(?<!\d)0\d+(?:-\d+)+")  # phone numbers and codes start with 0: read digit by digit
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)")
_RANGE = re.compile(r"(\d)\s*~\s*(?=\d)")
_PERCENT = re.compile(r"(?<=\d)\s*%")
_DECIMAL = re.compile(r"(\d+)\.(\d+)")
_INTEGER = re.compile(r"\d+")


def digit_by_digit(digits: str, zero: str = ZERO_DIGIT) -> str:
    """Read each digit on its own (010 → 공일공)."""
    return "".join(zero if d == "0" else SINO_DIGITS[int(d)] for d in digits)


def sino_korean(n: int) -> str:
    """Sino-Korean reading of a non-negative integer (2025 → 이천이십오, 10000 → 만)."""
    if n == 0:
        return SINO_DIGITS[0]
    if len(str(n)) > MAX_SINO_DIGITS:
        return digit_by_digit(str(n), zero=SINO_DIGITS[0])
    words = []
    for k in range(len(BIG_UNITS) - 1, -1, -1):
        group = n // 10 ** (4 * k) % 10000
        if group == 0:
            continue
        if k == 1 and group == 1:
            words.append(BIG_UNITS[k])  # 만, not 일만
            continue
        part = ""
        for p in range(3, -1, -1):
            d = group // 10**p % 10
            if d:
                part += ("" if d == 1 and p > 0 else SINO_DIGITS[d]) + SMALL_UNITS[p]
        words.append(part + BIG_UNITS[k])
    return "".join(words)


def native_korean(n: int) -> str:
    """Native Korean count before a counter, 1..99 (3 → 세, 20 → 스무, 21 → 스물한)."""
    if not 1 <= n <= MAX_NATIVE:
        raise ValueError(f"native Korean numbers cover 1..{MAX_NATIVE}, got {n}")
    if n == 20:
        return "스무"
    return NATIVE_TENS[n // 10] + NATIVE_ONES[n % 10]


def _integer(digits: str) -> str:
    if len(digits) > 1 and digits.startswith("0"):
        return digit_by_digit(digits)
    return sino_korean(int(digits))


def _counted(m: re.Match[str]) -> str:
    digits, space, counter = m.group(1), m.group(2), m.group(3)
    n = int(digits)
    if digits.startswith("0") or not 1 <= n <= MAX_NATIVE:
        return m.group(0)  # left for the Sino-Korean pass
    if n == 1 and counter == "번째":
        return "첫" + (space or " ") + counter
    return native_korean(n) + (space or " ") + counter


def spell_numbers_ko(text: str) -> str:
    """Replace digits in Korean text by Hangul words (phone numbers, ranges, %, counters, decimals, integers)."""
    text = _PHONE.sub(lambda m: " ".join(digit_by_digit(g) for g in m.group(0).split("-")), text)
    text = _GROUPED.sub(lambda m: m.group(0).replace(",", ""), text)
    text = _RANGE.sub(r"\1에서 ", text)
    text = _PERCENT.sub("퍼센트", text)
    text = _COUNTED.sub(_counted, text)
    text = _DECIMAL.sub(lambda m: _integer(m.group(1)) + "점" + digit_by_digit(m.group(2), SINO_DIGITS[0]), text)
    return _INTEGER.sub(lambda m: _integer(m.group(0)), text)
